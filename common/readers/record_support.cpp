#include "readers/record_support.h"

#include "metadata/department.h"
#include "metadata/ministries.h"
#include "readers/text_clean.h"
#include "text/trim.h"
#include "text/utf8.h"

namespace bodo::readers {

void report(const ReadHandlers& handlers, std::string file, std::size_t line, std::string reason) {
    if (handlers.on_problem) handlers.on_problem(ReadProblem{std::move(file), line, std::move(reason)});
}

void warn(const ReadHandlers& handlers, std::string file, std::size_t line, std::string reason) {
    if (handlers.on_problem) handlers.on_problem(ReadProblem{std::move(file), line, std::move(reason), true});
}

namespace {

/// Files the release under the government body it names (metadata::ministry_filing), warning
/// when that replaces a ministry field that names none.
void file_under_named_body(const ReadHandlers& handlers, Release& release) {
    const auto filing = metadata::ministry_filing(release.ministry, release.title, release.body);
    if (filing.ministry.empty()) return;
    if (filing.field_replaced)
        warn(handlers, release.source, release.line,
             "ministry field names no government body: " + quote_value(release.ministry) + ", filed under " +
                 std::string(filing.ministry) + ", the first the text names");
    release.ministry = std::string(filing.ministry);
}

}  // namespace

void deliver(const ReadHandlers& handlers, Release&& release) {
    for (std::string* field : {&release.id, &release.title, &release.body, &release.date, &release.ministry,
                               &release.department, &release.url}) {
        strip_control_characters(*field);
    }
    // Single-line fields: a stray line break in a title or name is layout, not content.
    for (std::string* field : {&release.id, &release.title, &release.ministry, &release.department, &release.url}) {
        for (char& c : *field) {
            if (c == '\n' || c == '\t') c = ' ';
        }
        text::trim_in_place(*field);
    }
    text::trim_in_place(release.body);
    // An id or title of nothing but control characters and spaces (caught by fuzzing) is none.
    if (release.id.empty() || release.title.empty()) {
        report(handlers, release.source, release.line,
               release.id.empty() ? "missing id (only control characters)" : "missing title (only control characters)");
        return;
    }
    if (release.department.empty()) release.department = metadata::recognise_department(release.body);
    file_under_named_body(handlers, release);
    if (handlers.on_release) handlers.on_release(std::move(release));
}

std::string quote_value(std::string_view value, std::size_t limit) {
    if (value.size() <= limit) return "'" + std::string(value) + "'";
    const std::size_t cut = text::char_start(value, limit);
    return "'" + std::string(value.substr(0, cut)) + "…'";
}

}  // namespace bodo::readers
