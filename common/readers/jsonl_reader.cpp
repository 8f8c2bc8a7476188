#include "readers/jsonl_reader.h"

#include <cstring>
#include <optional>

#include <simdjson.h>

#include "readers/dates.h"
#include "readers/line_reader.h"
#include "readers/record_support.h"
#include "readers/text_clean.h"
#include "text/trim.h"
#include "text/utf8.h"

namespace bodo::readers {

using text::trim;

namespace {

/// The fields of a record this reader knows, as read (null counts as absent).
struct RawRecord {
    std::optional<std::string> id, title, body, date, approved_at, ministry, department, url;
};

/// A problem message for a simdjson error on one line.
std::string json_problem(simdjson::error_code error) {
    switch (error) {
        case simdjson::UTF8_ERROR:
            return "invalid UTF-8";
        case simdjson::UNCLOSED_STRING:
        case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
            return "JSON syntax error: truncated record";
        case simdjson::TAPE_ERROR:
            return "JSON syntax error: malformed or truncated record";
        case simdjson::UNESCAPED_CHARS:
            return "JSON syntax error: raw control character in a string";
        case simdjson::STRING_ERROR:
            return "JSON syntax error: bad escape in a string";
        case simdjson::DEPTH_ERROR:
            return "JSON syntax error: nested too deeply";
        default:
            return std::string("JSON syntax error: ") + simdjson::error_message(error);
    }
}

/// Where a known field's value goes; nullptr for fields this reader ignores.
std::optional<std::string>* slot_for(RawRecord& record, std::string_view key) noexcept {
    if (key == "id") return &record.id;
    if (key == "title") return &record.title;
    if (key == "body") return &record.body;
    if (key == "date") return &record.date;
    if (key == "approved_at") return &record.approved_at;
    if (key == "ministry") return &record.ministry;
    if (key == "department") return &record.department;
    if (key == "url") return &record.url;
    return nullptr;
}

/// Reads the known fields of one JSON object; returns a problem message, or "" when fine.
///
/// The DOM parser, not On Demand: it validates the whole line (unknown fields too) and its
/// parsing runs in simdjson's runtime-dispatched SIMD kernels, while On Demand would be compiled
/// into this file for the baseline CPU.
std::string parse_fields(simdjson::dom::parser& parser, std::string_view text, RawRecord& record) {
    simdjson::dom::element root;
    // The line reader guarantees SIMDJSON_PADDING readable bytes after the line: parse in place.
    if (auto error = parser.parse(text.data(), text.size(), false).get(root)) return json_problem(error);
    simdjson::dom::object object;
    if (root.get(object) != simdjson::SUCCESS) return "not a JSON object";
    for (const auto field : object) {
        auto* slot = slot_for(record, field.key);
        if (slot == nullptr) continue;
        // Exports write ids, and dates as 20210304, as numbers too.
        const bool integer_ok = slot == &record.id || slot == &record.date;
        const auto& value = field.value;
        switch (value.type()) {
            case simdjson::dom::element_type::NULL_VALUE:
                slot->reset();
                break;
            case simdjson::dom::element_type::STRING:
                slot->emplace(value.get_string().value_unsafe());
                break;
            case simdjson::dom::element_type::INT64:
                if (!integer_ok) return "field '" + std::string(field.key) + "' is not a string";
                slot->emplace(std::to_string(value.get_int64().value_unsafe()));
                break;
            case simdjson::dom::element_type::UINT64:
                if (!integer_ok) return "field '" + std::string(field.key) + "' is not a string";
                slot->emplace(std::to_string(value.get_uint64().value_unsafe()));
                break;
            default:
                return "field '" + std::string(field.key) + "' is " + (integer_ok ? "not a string or integer" : "not a string");
        }
    }
    return {};
}

/// Turns the fields into a release, or returns the reason the record is skipped.
std::string build_release(RawRecord& record, Release& release, std::string& warning) {
    if (!record.id || trim(*record.id).empty()) return "missing id";
    if (!record.title || trim(*record.title).empty()) return "missing title";
    release.id = std::move(*record.id);
    release.title = std::move(*record.title);
    if (record.date && !trim(*record.date).empty()) {
        const auto date = parse_year_first_date(trim(*record.date));
        if (!date) return "bad date " + quote_value(*record.date) + " (expected a real date, " + std::string(kYearFirstForms) + ")";
        release.date = *date;
    } else if (record.approved_at && !trim(*record.approved_at).empty()) {
        const auto date = parse_iso_timestamp_date(trim(*record.approved_at));
        if (!date) return "bad approved_at " + quote_value(*record.approved_at) + " (expected ISO 8601)";
        release.date = *date;
    } else {
        warning = "no date (neither date nor approved_at): release kept without a date";
    }
    if (record.body) release.body = std::move(*record.body);
    if (record.ministry) release.ministry = std::move(*record.ministry);
    if (record.department) release.department = std::move(*record.department);
    if (record.url) release.url = std::move(*record.url);
    return {};
}

}  // namespace

void read_jsonl(ByteSource& source, const std::string& source_name, const ReadHandlers& handlers) {
    LineReader lines(source, max_record_bytes, simdjson::SIMDJSON_PADDING);
    simdjson::dom::parser parser;
    Line line;
    bool any_content = false;
    try {
        while (lines.next(line)) {
            if (line.too_long) {
                report(handlers, source_name, line.number, "record over 10 MB (skipped)");
                any_content = true;
                continue;
            }
            // A byte order mark, as Windows tools write one, is no part of the first record.
            if (line.number == 1) line.text = text::without_byte_order_mark(line.text);
            if (trim(line.text).empty()) continue;
            if (has_nul_byte(line.text)) {
                // NUL bytes in the first record mean this is no text file at all.
                if (!any_content) {
                    report(handlers, source_name, 0, "binary file (NUL bytes), skipped");
                    return;
                }
                report(handlers, source_name, line.number, "NUL byte in record (binary data)");
                continue;
            }
            any_content = true;
            RawRecord record;
            if (auto problem = parse_fields(parser, line.text, record); !problem.empty()) {
                report(handlers, source_name, line.number, std::move(problem));
                continue;
            }
            Release release;
            std::string warning;
            if (auto problem = build_release(record, release, warning); !problem.empty()) {
                report(handlers, source_name, line.number, std::move(problem));
                continue;
            }
            if (!warning.empty()) warn(handlers, source_name, line.number, std::move(warning));
            release.source = source_name;
            release.line = line.number;
            deliver(handlers, std::move(release));
        }
    } catch (const SourceError& e) {
        report(handlers, source_name, lines.line_number() + 1, std::string("read error: ") + e.what());
        return;
    }
    if (!any_content) report(handlers, source_name, 0, "empty file");
}

}  // namespace bodo::readers
