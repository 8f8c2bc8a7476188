#include "readers/front_matter.h"

#include <algorithm>

#include "text/trim.h"
#include "text/utf8.h"

namespace bodo::readers {

using text::trim;

namespace {

/// `count` hex digits at `s[pos]`, or -1.
long hex_value(std::string_view s, std::size_t pos, std::size_t count) {
    if (pos + count > s.size()) return -1;
    long value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = s[i];
        int digit = 0;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            digit = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            digit = c - 'A' + 10;
        } else {
            return -1;
        }
        value = value * 16 + digit;
    }
    return value;
}

/// True when only blanks or a comment follow a closing quote.
bool only_comment_left(std::string_view rest) {
    rest = trim(rest);
    return rest.empty() || rest.front() == '#';
}

/// A double-quoted scalar (the opening quote already consumed); false when unterminated.
bool parse_double_quoted(std::string_view s, std::string& out) {
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"') return only_comment_left(s.substr(i + 1));
        if (c != '\\') {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 >= s.size()) return false;
        const char e = s[i + 1];
        i += 2;
        switch (e) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case '0': out += '\0'; break;
            case 'x':
            case 'u':
            case 'U': {
                const std::size_t width = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                long cp = hex_value(s, i, width);
                if (cp < 0) {
                    out += e;  // not a real escape: keep the letter
                    break;
                }
                i += width;
                // A UTF-16 surrogate pair written as two \u escapes.
                if (cp >= 0xd800 && cp <= 0xdbff && s.substr(i, 2) == "\\u") {
                    const long low = hex_value(s, i + 2, 4);
                    if (low >= 0xdc00 && low <= 0xdfff) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                        i += 6;
                    }
                }
                text::append_utf8(out, static_cast<char32_t>(cp));
                break;
            }
            default:
                // YAML allows few escapes; the archive also writes "\]". Keep the character, as
                // its writer meant.
                out += e;
                break;
        }
    }
    return false;
}

/// A single-quoted scalar (opening quote consumed): '' stands for one quote.
bool parse_single_quoted(std::string_view s, std::string& out) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\'') {
            out += s[i];
        } else if (i + 1 < s.size() && s[i + 1] == '\'') {
            out += '\'';
            ++i;
        } else {
            return only_comment_left(s.substr(i + 1));
        }
    }
    return false;
}

std::string_view strip_line_end(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line;
}

}  // namespace

FrontMatter parse_front_matter(std::string_view text) {
    FrontMatter result;
    std::size_t pos = 0;  // a byte order mark was stripped with the file (input_format.cpp)
    std::size_t line_number = 0;
    auto next_line = [&](std::string_view& line) {
        if (pos >= text.size()) return false;
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_number;
        return true;
    };
    std::string_view line;
    if (!next_line(line) || strip_line_end(line) != "---") return result;
    result.present = true;
    while (next_line(line)) {
        const auto content = strip_line_end(line);
        if (content == "---" || content == "...") {
            result.body_offset = std::min(pos, text.size());
            result.body_line = line_number + 1;
            return result;
        }
        if (trim(content).empty() || content.front() == '#') continue;
        // Nested maps and lists carry nothing a release needs.
        if (content.front() == ' ' || content.front() == '\t' || content.front() == '-') continue;
        const auto colon = content.find(':');
        if (colon == std::string_view::npos || colon == 0 ||
            (colon + 1 < content.size() && content[colon + 1] != ' ' && content[colon + 1] != '\t')) {
            result.error = "malformed front matter line (expected 'key: value')";
            result.error_line = line_number;
            return result;
        }
        const std::string key(trim(content.substr(0, colon)));
        const auto raw = trim(content.substr(colon + 1));
        std::string value;
        bool ok = true;
        if (!raw.empty() && raw.front() == '"') {
            ok = parse_double_quoted(raw.substr(1), value);
        } else if (!raw.empty() && raw.front() == '\'') {
            ok = parse_single_quoted(raw.substr(1), value);
        } else {
            auto plain = raw;
            if (const auto comment = plain.find(" #"); comment != std::string_view::npos) {
                plain = trim(plain.substr(0, comment));
            }
            value = std::string(plain);
        }
        if (!ok) {
            result.error = "unterminated quoted value for '" + key + "' in front matter";
            result.error_line = line_number;
            return result;
        }
        result.values[key] = FrontMatterValue{std::move(value), line_number};
    }
    result.error = "front matter not closed by '---'";
    result.error_line = 1;
    return result;
}

}  // namespace bodo::readers
