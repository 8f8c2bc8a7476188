#include "snippet/snippet.h"

#include <algorithm>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "schema/schema.h"

namespace bodo {
namespace {

using Span = std::pair<std::uint32_t, std::uint32_t>;

// Analysing a huge body for a snippet is wasted work: look at its start only.
constexpr std::size_t kMaxAnalysedBytes = 64 * 1024;

/// Byte offset of the code point boundary at or before `at`.
std::size_t boundary_before(std::string_view s, std::size_t at) {
    if (at >= s.size()) return s.size();
    while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    return at;
}

/// Appends text with runs of white space folded to one space (kept at the ends, where the
/// neighbouring part needs it), dropping invalid bytes.
void append_folded(std::string& out, std::string_view text) {
    std::int32_t i = 0;
    const auto n = static_cast<std::int32_t>(text.size());
    while (i < n) {
        const std::int32_t at = i;
        UChar32 c;
        U8_NEXT(text.data(), i, n, c);
        if (c < 0) continue;
        if (u_isUWhiteSpace(c) || c == 0xFEFF) {
            if (out.empty() || out.back() != ' ') out += ' ';
            continue;
        }
        out.append(text.data() + at, static_cast<std::size_t>(i - at));
    }
}

/// Byte offset after advancing `chars` code points from `from`.
std::size_t advance_chars(std::string_view s, std::size_t from, std::size_t chars) {
    std::size_t i = from;
    while (i < s.size() && chars > 0) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
        --chars;
    }
    return i;
}

std::size_t count_chars(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

SnippetMaker::SnippetMaker(HighlightSpec spec) : spec_(std::move(spec)) {
    std::sort(spec_.terms.begin(), spec_.terms.end());
}

std::vector<Span> SnippetMaker::matches(std::string_view text, bool body) const {
    std::vector<Span> spans;
    std::vector<Token> tokens;
    Positions positions;
    if (body) positions.body_rules();
    analyzer_.analyze(text.substr(0, boundary_before(text, kMaxAnalysedBytes)), tokens, positions);

    std::unordered_map<std::uint32_t, const Token*> bigram_at;  // syllable position → bigram token
    for (const Token& t : tokens) {
        if (t.kind == TermKind::Bigram) {
            bigram_at[t.position] = &t;
            continue;
        }
        if (std::binary_search(spec_.terms.begin(), spec_.terms.end(), text_term(Field::Text, t.kind, t.term)))
            spans.emplace_back(t.start, t.end);
    }
    for (const auto& run : spec_.bigram_runs) {
        for (const Token& t : tokens) {
            if (t.kind != TermKind::Bigram || t.term != run.front()) continue;
            bool whole = true;
            for (std::size_t k = 1; k < run.size() && whole; ++k) {
                auto it = bigram_at.find(t.position + static_cast<std::uint32_t>(k));
                whole = it != bigram_at.end() && it->second->term == run[k];
            }
            if (!whole) continue;
            for (std::size_t k = 0; k < run.size(); ++k) {
                const Token* b = bigram_at[t.position + static_cast<std::uint32_t>(k)];
                spans.emplace_back(b->start, b->end);
            }
            // The first syllable of a cross-word bigram belongs to the previous word.
            if (auto it = bigram_at.find(t.position - 1); it != bigram_at.end() && it->second->end <= t.start)
                spans.emplace_back(it->second->start, it->second->end);
        }
    }
    std::sort(spans.begin(), spans.end());
    std::vector<Span> merged;
    for (const Span& s : spans) {
        if (!merged.empty() && s.first <= merged.back().second) merged.back().second = std::max(merged.back().second, s.second);
        else merged.push_back(s);
    }
    return merged;
}

std::vector<SnippetPart> SnippetMaker::make(std::string_view text, bool body, std::size_t max_chars) const {
    const std::vector<Span> spans = matches(text, body);

    // Window: start a little before the match that has the most other matches within reach.
    std::size_t start = 0;
    if (!spans.empty()) {
        std::size_t best = 0, best_count = 0;
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const std::size_t limit = advance_chars(text, spans[i].first, max_chars * 3 / 4);
            std::size_t count = 0;
            for (std::size_t j = i; j < spans.size() && spans[j].second <= limit; ++j) ++count;
            if (count > best_count) best_count = count, best = i;
        }
        const std::size_t lead = max_chars / 5;
        const std::size_t match_at = spans[best].first;
        const std::size_t chars_before = count_chars(text.substr(0, match_at));
        start = chars_before <= lead ? 0 : advance_chars(text, 0, chars_before - lead);
        // Begin at a word: skip to just after the next white space if it is close.
        const std::size_t space = text.find_first_of(" \n\t", start);
        if (start > 0 && space != std::string_view::npos && space < match_at) start = space + 1;
    }
    const std::size_t end = advance_chars(text, start, max_chars);

    std::vector<SnippetPart> parts;
    auto add = [&](std::size_t from, std::size_t to, bool hl) {
        if (from >= to) return;
        std::string s;
        append_folded(s, text.substr(from, to - from));
        if (s.empty()) return;
        if (!parts.empty() && parts.back().highlighted == hl) parts.back().text += s;
        else parts.push_back(SnippetPart{std::move(s), hl});
    };
    if (start > 0) parts.push_back(SnippetPart{"…", false});
    std::size_t at = start;
    for (const Span& s : spans) {
        if (s.second <= start || s.first >= end) continue;
        const std::size_t from = std::max<std::size_t>(s.first, start);
        const std::size_t to = std::min<std::size_t>(s.second, std::max<std::size_t>(end, s.second));
        add(at, from, false);
        add(from, to, true);
        at = to;
    }
    add(at, std::max(at, end), false);
    if (end < text.size()) {
        if (!parts.empty() && !parts.back().highlighted) parts.back().text += "…";
        else parts.push_back(SnippetPart{"…", false});
    }
    // Trim the white space left at the ends.
    if (!parts.empty() && !parts.front().highlighted) {
        auto& t = parts.front().text;
        t.erase(0, t.find_first_not_of(' '));
    }
    return parts;
}

}  // namespace bodo
