#include "output/text_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <utility>
#include <vector>

#include "text/trim.h"
#include "text/utf8.h"

namespace bodo {

namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kHighlight = "\x1b[1;33m";  // bold yellow
constexpr const char* kUrl = "\x1b[36m";          // cyan
constexpr const char* kPlainMark = "**";          // highlight marks without colour
constexpr const char* kSeparator = " \u00b7 ";    // " · " between date, ministry and department

bool is_zero_width(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1160 && c <= 0x11FF) || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F);
}

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F900 && c <= 0x1F9FF) ||
           (c >= 0x20000 && c <= 0x2FFFD) || (c >= 0x30000 && c <= 0x3FFFD);
}

/// Appends `in` to `out` fit for one terminal line: whitespace runs become one space (none at
/// the start while `prev_space` is true), C0/C1 control characters and DEL are dropped.
void append_clean(std::string& out, std::string_view in, bool& prev_space) {
    for (std::size_t i = 0; i < in.size(); ++i) {
        const auto b = static_cast<unsigned char>(in[i]);
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f') {
            if (!prev_space) out += ' ';
            prev_space = true;
            continue;
        }
        if (b < 0x20 || b == 0x7F) continue;
        if (b == 0xC2 && i + 1 < in.size()) {
            const auto b1 = static_cast<unsigned char>(in[i + 1]);
            if (b1 >= 0x80 && b1 <= 0x9F) {  // C1 control (U+0080..U+009F), e.g. the 8-bit CSI
                ++i;
                continue;
            }
        }
        out += static_cast<char>(b);
        prev_space = false;
    }
}

void trim_trailing_spaces(std::string& s) { s.erase(text::trim_end(s, " ").size()); }

/// One field as a single clean line.
std::string clean(std::string_view in) {
    std::string out;
    bool prev_space = true;
    append_clean(out, in, prev_space);
    trim_trailing_spaces(out);
    return out;
}

std::string styled(const std::string& text, const char* style, bool colour) {
    if (!colour || text.empty()) return text;
    return std::string(style) + text + kReset;
}

std::string pad_right(const std::string& s, std::size_t width) {
    const std::size_t w = display_width(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}

std::string results_phrase(const SearchResponse& response) {
    const std::string noun = response.total == 1 ? "result" : "results";
    return fmt::format("{}{} {}", response.total_exact ? "" : "about ", with_thousands(response.total), noun);
}

/// What a set of "most of the words" is, said once under the count.
std::string match_note(const SearchResponse& response) {
    if (response.match != MatchKind::Most) return {};
    if (response.question)
        return fmt::format("A question: releases with at least {} of its {} words (question words, endings, "
                           "function words and the asking verb left out).", response.concepts_matched, response.concepts);
    return fmt::format("No release has all {} words: these have at least {} of them, and the counts describe them.",
                       response.concepts, response.concepts_matched);
}

/// The snippet on one line, highlights marked with colour or `**`.
std::string render_snippet(const std::vector<SnippetPart>& parts, bool colour) {
    // Merge neighbouring parts of the same kind so that marks do not touch ("**a****b**").
    std::vector<SnippetPart> merged;
    for (const SnippetPart& part : parts) {
        if (!merged.empty() && merged.back().highlighted == part.highlighted) {
            merged.back().text += part.text;
        } else {
            merged.push_back(part);
        }
    }
    std::string line;
    bool prev_space = true;
    for (const SnippetPart& part : merged) {
        std::string piece;
        append_clean(piece, part.text, prev_space);
        const std::size_t first = piece.find_first_not_of(' ');
        if (!part.highlighted || first == std::string::npos) {
            line += piece;
            continue;
        }
        const std::size_t last = piece.find_last_not_of(' ');
        line += piece.substr(0, first);
        line += colour ? kHighlight : kPlainMark;
        line += piece.substr(first, last - first + 1);
        line += colour ? kReset : kPlainMark;
        line += piece.substr(last + 1);
    }
    trim_trailing_spaces(line);
    return line;
}

std::string facet_heading(const std::string& name) {
    if (name == "ministry") return "By ministry";
    if (name == "department") return "By department";
    if (name == "year") return "By year";
    if (name == "month") return "By month";
    return "By " + clean(name);
}

std::string facet_value(const std::string& value) {
    std::string v = clean(value);
    return v.empty() ? "(none)" : v;
}

void write_facet_list(const Facet& facet, bool colour, std::ostream& out) {
    const std::size_t shown = std::min(kFacetTop, facet.counts.size());
    std::size_t label_width = 0;
    std::uint64_t max_count = 0;
    for (std::size_t i = 0; i < shown; ++i) {
        label_width = std::max(label_width, display_width(facet_value(facet.counts[i].first)));
        max_count = std::max(max_count, facet.counts[i].second);
    }
    const std::size_t count_width = with_thousands(max_count).size();
    out << styled(facet_heading(facet.name), kBold, colour) << '\n';
    for (std::size_t i = 0; i < shown; ++i) {
        out << "  " << pad_right(facet_value(facet.counts[i].first), label_width) << "  "
            << fmt::format("{:>{}}", with_thousands(facet.counts[i].second), count_width) << '\n';
    }
    if (facet.counts.size() > shown) out << "  \u2026 and " << with_thousands(facet.counts.size() - shown) << " more\n";
}

void write_month_chart(const Facet& facet, bool colour, std::ostream& out) {
    std::vector<std::pair<std::string, std::uint64_t>> months = facet.counts;
    std::sort(months.begin(), months.end());
    std::size_t omitted = 0;
    if (months.size() > kMonthChartMax) {
        omitted = months.size() - kMonthChartMax;
        months.erase(months.begin(), months.begin() + static_cast<std::ptrdiff_t>(omitted));
    }
    std::size_t label_width = 0;
    std::uint64_t max_count = 0;
    for (const auto& [value, count] : months) {
        label_width = std::max(label_width, display_width(facet_value(value)));
        max_count = std::max(max_count, count);
    }
    out << styled(facet_heading(facet.name), kBold, colour) << '\n';
    if (omitted > 0) out << "  \u2026 " << omitted << (omitted == 1 ? " earlier month\n" : " earlier months\n");
    for (const auto& [value, count] : months) {
        const std::string bar = text_bar(count, max_count);
        out << "  " << pad_right(facet_value(value), label_width) << "  " << bar << (bar.empty() ? "" : " ")
            << with_thousands(count) << '\n';
    }
}

}  // namespace

std::string with_thousands(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string text_bar(std::uint64_t count, std::uint64_t max, unsigned width) {
    if (count == 0 || max == 0 || width == 0) return {};
    const double ratio = static_cast<double>(std::min(count, max)) / static_cast<double>(max);
    auto blocks = static_cast<unsigned>(std::lround(ratio * width));
    blocks = std::clamp(blocks, 1u, width);
    std::string bar;
    bar.reserve(blocks * 3);
    for (unsigned i = 0; i < blocks; ++i) bar += "\u2588";
    return bar;
}

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const char32_t c = text::next_code_point(utf8, i);  // an ill-formed byte takes one column
        if (is_zero_width(c)) continue;
        width += is_wide(c) ? 2 : 1;
    }
    return width;
}

TextWriter::TextWriter(const WriterOptions& options, bool batch) : colour_(options.colour), batch_(batch) {}

void TextWriter::write(const SearchResponse& response, std::ostream& out) {
    if (!first_) out << '\n';
    first_ = false;

    const std::string query = "\u00ab" + clean(response.query) + "\u00bb";
    const std::string prefix =
        batch_ && !response.qid.empty() ? "[" + clean(response.qid) + "] " : std::string();
    const std::string suggestion = clean(response.suggestion);
    const auto write_suggestion = [&] {
        if (!suggestion.empty()) {
            out << "Did you mean: " << styled("\u00ab" + suggestion + "\u00bb", kBold, colour_) << "?\n";
        }
    };

    const auto write_partial = [&] {
        if (response.partial) out << clean(partial_note(response.missing_shards)) << '\n';
    };

    if (response.total == 0 && response.hits.empty()) {
        out << prefix << "No results for " << query << ".\n";
        write_partial();
        write_suggestion();
        return;
    }

    out << prefix << results_phrase(response) << " for " << query << '\n';
    if (const std::string note = match_note(response); !note.empty()) out << note << '\n';
    write_partial();
    write_suggestion();

    if (response.hits.empty()) {
        out << "(no results on this page)\n";
    } else {
        unsigned max_rank = 0;
        for (const Hit& hit : response.hits) max_rank = std::max(max_rank, hit.rank);
        const std::size_t rank_width = std::to_string(max_rank).size();
        const std::string indent(rank_width + 3, ' ');  // under the title: " NN. "
        for (const Hit& hit : response.hits) {
            out << '\n' << fmt::format(" {:>{}}. ", hit.rank, rank_width);
            std::string title = clean(hit.title);
            if (title.empty()) title = "(untitled " + clean(hit.id) + ")";
            out << styled(title, kBold, colour_) << '\n';

            std::string meta;
            for (const std::string* field : {&hit.date, &hit.ministry, &hit.department}) {
                const std::string value = clean(*field);
                if (value.empty()) continue;
                if (!meta.empty()) meta += kSeparator;
                meta += value;
            }
            if (!meta.empty()) out << indent << meta << '\n';
            const std::string url = clean(hit.url);
            if (!url.empty()) out << indent << styled(url, kUrl, colour_) << '\n';
            const std::string snippet = render_snippet(hit.snippet, colour_);
            if (!snippet.empty()) out << indent << snippet << '\n';
        }
    }

    for (const Facet& facet : response.facets) {
        if (facet.counts.empty()) continue;
        out << '\n';
        if (facet.name == "month") {
            write_month_chart(facet, colour_, out);
        } else {
            write_facet_list(facet, colour_, out);
        }
    }
}

}  // namespace bodo
