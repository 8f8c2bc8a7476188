#include "serve/params.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include "query/date_range.h"
#include "query/errors.h"
#include "readers/text_clean.h"
#include "text/utf8.h"

namespace bodo::serve {
namespace {

constexpr std::array<std::string_view, 11> kApiNames{"q",     "since",  "until",  "ministry", "dept",    "sort",
                                                     "limit", "offset", "facets", "collapse", "snippets"};
constexpr std::array<std::string_view, 7> kPageNames{"q", "since", "until", "ministry", "dept", "sort", "offset"};

bool known(std::string_view name, ParamSet set) {
    if (set == ParamSet::Api) return std::find(kApiNames.begin(), kApiNames.end(), name) != kApiNames.end();
    return std::find(kPageNames.begin(), kPageNames.end(), name) != kPageNames.end();
}

std::string known_list(ParamSet set) {
    std::string s;
    auto add = [&](std::string_view n) { s += (s.empty() ? "" : ", ") + std::string(n); };
    if (set == ParamSet::Api) std::for_each(kApiNames.begin(), kApiNames.end(), add);
    else std::for_each(kPageNames.begin(), kPageNames.end(), add);
    return s;
}

/// A printable form of a name for messages: invalid UTF-8 is not echoed back.
std::string shown(std::string_view text) {
    if (!readers::is_valid_utf8(text)) return "(not UTF-8)";
    if (text.size() <= 40) return std::string(text);
    const std::size_t cut = text::char_start(text, 40);  // not inside a character
    return std::string(text.substr(0, cut)) + "…";
}

std::uint32_t parse_count(const std::string& name, const std::string& value, std::uint32_t max) {
    std::uint64_t n = 0;
    const auto* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, n);
    if (value.empty() || ec != std::errc() || ptr != end || value[0] == '+' || value[0] == '-')
        throw ParamError(name, name + " must be a whole number from 0 to " + std::to_string(max) + " (got '" +
                                   shown(value) + "')");
    if (n > max)
        throw ParamError(name, name + " must be at most " + std::to_string(max) + " (got " + value + ")");
    return static_cast<std::uint32_t>(n);
}

bool parse_flag(const std::string& name, const std::string& value) {
    if (value == "1" || value == "true" || value == "yes" || value == "on") return true;
    if (value == "0" || value == "false" || value == "no" || value == "off") return false;
    throw ParamError(name, name + " must be true or false (or 1 or 0; got '" + shown(value) + "')");
}

std::string check_date(const std::string& name, const std::string& value, bool lower) {
    try {
        return lower ? date_lower_bound(value) : date_upper_bound(value);
    } catch (const QuerySyntaxError& e) {
        throw ParamError(name, name + ": " + e.what() +
                                   " (use YYYY, YYYY-MM or YYYY-MM-DD)");
    }
}

}  // namespace

SearchRequest parse_search_params(const Params& params, ParamSet set) {
    if (params.size() > kMaxParams)
        throw ParamError("", "too many parameters (" + std::to_string(params.size()) + "; at most " +
                                 std::to_string(kMaxParams) + ")");
    SearchRequest r;
    r.facets = set == ParamSet::Page;
    r.limit = set == ParamSet::Page ? kPageSize : 10;
    std::vector<std::string> seen;
    for (const auto& [name, value] : params) {
        if (!readers::is_valid_utf8(name)) throw ParamError("", "a parameter name is not valid UTF-8");
        if (!known(name, set))
            throw ParamError(name, "unknown parameter '" + shown(name) + "' (known: " + known_list(set) + ")");
        if (!readers::is_valid_utf8(value)) throw ParamError(name, "parameter " + name + " is not valid UTF-8");
        const bool repeatable = name == "ministry" || name == "dept";
        if (!repeatable) {
            if (std::find(seen.begin(), seen.end(), name) != seen.end())
                throw ParamError(name, "parameter " + name + " given more than once");
            seen.push_back(name);
        }
        if (value.empty()) continue;  // an empty form field: not given
        if (name == "q") {
            if (value.size() > kMaxQueryBytes)
                throw ParamError(name, "query too long: " + std::to_string(value.size()) + " bytes (at most " +
                                           std::to_string(kMaxQueryBytes) + ")");
            r.query = value;
        } else if (name == "since") {
            check_date(name, value, true);
            r.since = value;
        } else if (name == "until") {
            check_date(name, value, false);
            r.until = value;
        } else if (name == "ministry" || name == "dept") {
            auto& list = name == "ministry" ? r.ministries : r.departments;
            if (value.size() > 300) throw ParamError(name, name + " value too long (at most 300 bytes)");
            if (list.size() >= kMaxRepeats)
                throw ParamError(name, name + " given more than " + std::to_string(kMaxRepeats) + " times");
            if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
        } else if (name == "sort") {
            try {
                r.sort = parse_sort_order(value);
            } catch (const std::invalid_argument& e) {
                throw ParamError(name, e.what());
            }
        } else if (name == "limit") {
            r.limit = parse_count(name, value, kMaxLimit);
        } else if (name == "offset") {
            r.offset = parse_count(name, value, kMaxOffset);
        } else if (name == "facets") {
            r.facets = parse_flag(name, value);
        } else if (name == "collapse") {
            r.collapse = parse_flag(name, value);
        } else if (name == "snippets") {
            r.snippets = parse_flag(name, value);
        }
    }
    if (!r.since.empty() && !r.until.empty() && date_lower_bound(r.since) > date_upper_bound(r.until))
        throw ParamError("since", "since " + r.since + " is after until " + r.until + ": no release can match");
    return r;
}

bool has_criteria(const SearchRequest& request) {
    const bool words = request.query.find_first_not_of(" \t\r\n") != std::string::npos;
    return words || !request.ministries.empty() || !request.departments.empty() || !request.since.empty() ||
           !request.until.empty();
}

}  // namespace bodo::serve
