#include "readers/markdown_reader.h"

#include "readers/dates.h"
#include "readers/front_matter.h"
#include "readers/record_support.h"
#include "text/trim.h"

namespace bodo::readers {

using text::trim;

namespace {

/// Offset of the line that starts with `heading` (at a line start), or npos.
std::size_t find_heading(std::string_view text, std::string_view heading, std::size_t from = 0) {
    for (auto at = text.find(heading, from); at != std::string_view::npos; at = text.find(heading, at + 1)) {
        if (at == 0 || text[at - 1] == '\n') return at;
    }
    return std::string_view::npos;
}

std::size_t end_of_line(std::string_view text, std::size_t at) {
    const auto nl = text.find('\n', at);
    return nl == std::string_view::npos ? text.size() : nl + 1;
}

/// The release text: under "## 본문" up to "## 출처"; without those headings, everything after
/// the "# title" line.
std::string_view body_of(std::string_view rest) {
    if (const auto start = find_heading(rest, "## 본문"); start != std::string_view::npos) {
        const auto body_start = end_of_line(rest, start);
        const auto stop = find_heading(rest, "## 출처", body_start);
        return rest.substr(body_start, stop == std::string_view::npos ? std::string_view::npos : stop - body_start);
    }
    if (const auto title = find_heading(rest, "# "); title != std::string_view::npos) {
        return rest.substr(end_of_line(rest, title));
    }
    return rest;
}

/// The first "# heading" after the front matter, for files whose front matter lacks a title.
std::string_view heading_title(std::string_view rest) {
    const auto at = find_heading(rest, "# ");
    if (at == std::string_view::npos) return {};
    return trim(rest.substr(at + 2, end_of_line(rest, at) - at - 2));
}

}  // namespace

void read_markdown(std::string_view text, const std::string& source_name, const ReadHandlers& handlers) {
    const FrontMatter front = parse_front_matter(text);
    if (!front.present) {
        report(handlers, source_name, 1, "no front matter (expected a '---' block at the top)");
        return;
    }
    if (!front.error.empty()) {
        report(handlers, source_name, front.error_line, front.error);
        return;
    }
    const auto value = [&](std::string_view key) -> const FrontMatterValue* {
        const auto it = front.values.find(key);
        return it == front.values.end() || trim(it->second.value).empty() ? nullptr : &it->second;
    };
    const std::string_view rest = text.substr(front.body_offset);

    Release release;
    const auto* id = value("news_item_id");
    if (id == nullptr) id = value("id");
    if (id == nullptr) {
        report(handlers, source_name, 0, "missing id (no news_item_id in the front matter)");
        return;
    }
    release.id = id->value;
    if (const auto* title = value("title")) {
        release.title = title->value;
    } else {
        release.title = std::string(heading_title(rest));
    }
    if (trim(release.title).empty()) {
        report(handlers, source_name, 0, "missing title");
        return;
    }

    if (const auto* approve = value("approve_date")) {
        // The archive's own MM/DD/YYYY, or a year-first date as other exports write it.
        auto date = parse_us_datetime_date(trim(approve->value));
        if (!date) date = parse_year_first_date(trim(approve->value));
        if (!date) {
            report(handlers, source_name, approve->line,
                   "bad approve_date " + quote_value(approve->value) + " (expected MM/DD/YYYY HH:MM:SS, or " +
                       std::string(kYearFirstForms) + ")");
            return;
        }
        release.date = *date;
    } else if (const auto* written = value("date")) {
        const auto date = parse_year_first_date(trim(written->value));
        if (!date) {
            report(handlers, source_name, written->line,
                   "bad date " + quote_value(written->value) + " (expected " + std::string(kYearFirstForms) + ")");
            return;
        }
        release.date = *date;
    } else {
        warn(handlers, source_name, 0, "no date (no approve_date in the front matter): release kept without a date");
    }

    if (const auto* ministry = value("ministry")) release.ministry = ministry->value;
    if (const auto* department = value("department")) release.department = department->value;
    if (const auto* url = value("original_url")) {
        release.url = url->value;
    } else if (const auto* plain_url = value("url")) {
        release.url = plain_url->value;
    }
    release.body = std::string(body_of(rest));
    release.source = source_name;
    release.line = 0;
    deliver(handlers, std::move(release));
}

}  // namespace bodo::readers
