#include "snippet/snippet.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "schema/schema.h"
#include "text/utf8.h"

namespace bodo {
namespace {

using Span = std::pair<std::uint32_t, std::uint32_t>;

// Analysing a huge body for a snippet is wasted work: look at its start only.
constexpr std::size_t kMaxAnalysedBytes = 64 * 1024;

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
        while (i < s.size() && text::is_continuation_byte(s[i])) ++i;
        --chars;
    }
    return i;
}

std::size_t count_chars(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if (!text::is_continuation_byte(c)) ++n;
    return n;
}

}  // namespace

SnippetMaker::SnippetMaker(HighlightSpec spec) : spec_(std::move(spec)) {
    for (Highlight& h : spec_.concepts) std::sort(h.terms.begin(), h.terms.end());
}

std::vector<SnippetMaker::Match> SnippetMaker::concept_matches(std::string_view text, bool body) const {
    std::vector<Match> found;
    std::vector<Token> tokens;
    Positions positions;
    if (body) positions.body_rules();
    analyzer_.analyze(text.substr(0, text::char_start(text, kMaxAnalysedBytes)), tokens, positions);

    std::unordered_map<std::uint32_t, const Token*> bigram_at;  // syllable position → bigram token
    for (const Token& t : tokens)
        if (t.kind == TermKind::Bigram) bigram_at[t.position] = &t;
    for (std::size_t c = 0; c < spec_.concepts.size(); ++c) {
        const Highlight& h = spec_.concepts[c];
        for (const Token& t : tokens)
            if (t.kind != TermKind::Bigram &&
                std::binary_search(h.terms.begin(), h.terms.end(), text_term(Field::Text, t.kind, t.term)))
                found.push_back({t.start, t.end, c});
        for (const auto& run : h.bigram_runs) {
            if (run.empty()) continue;
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
                    found.push_back({b->start, b->end, c});
                }
                // The first syllable of a cross-word bigram belongs to the previous word.
                if (auto it = bigram_at.find(t.position - 1); it != bigram_at.end() && it->second->end <= t.start)
                    found.push_back({it->second->start, it->second->end, c});
            }
        }
    }
    std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
        return std::tie(a.start, a.end, a.group) < std::tie(b.start, b.end, b.group);
    });
    return found;
}

std::vector<Span> SnippetMaker::matches(std::string_view text, bool body) const {
    std::vector<Span> merged;
    for (const Match& m : concept_matches(text, body)) {
        if (!merged.empty() && m.start <= merged.back().second) merged.back().second = std::max(merged.back().second, m.end);
        else merged.emplace_back(m.start, m.end);
    }
    return merged;
}

std::vector<SnippetPart> SnippetMaker::make(std::string_view text, bool body, std::size_t max_chars) const {
    const std::vector<Match> found = concept_matches(text, body);
    std::vector<Span> spans;  // merged, for highlighting
    for (const Match& m : found) {
        if (!spans.empty() && m.start <= spans.back().second) spans.back().second = std::max(spans.back().second, m.end);
        else spans.emplace_back(m.start, m.end);
    }

    // Passages: windows that start at a match. The first has the most distinct concepts (then
    // the most matches); each next one the most concepts not yet shown, while some are missing.
    std::vector<bool> in_text(spec_.concepts.size(), false);
    for (const Match& m : found) in_text[m.group] = true;
    const std::size_t present = static_cast<std::size_t>(std::count(in_text.begin(), in_text.end(), true));
    struct Window { std::size_t first = 0, last = 0; };  // indexes into found, inclusive
    std::vector<Window> chosen;
    std::vector<bool> shown(spec_.concepts.size(), false);
    std::size_t shown_count = 0;
    for (std::size_t budget = max_chars; !found.empty() && chosen.size() < kMaxPassages && shown_count < present;) {
        // Two passages share the length: each window is measured at the length it will get.
        const std::size_t reach = (chosen.empty() ? budget : max_chars / (chosen.size() + 1)) * 3 / 4;
        std::size_t best = found.size(), best_new = 0, best_count = 0, best_last = 0;
        for (std::size_t i = 0; i < found.size(); ++i) {
            bool overlaps = false;
            for (const Window& w : chosen) overlaps |= found[i].start <= found[w.last].end && found[i].end >= found[w.first].start;
            if (overlaps) continue;
            const std::size_t limit = advance_chars(text, found[i].start, reach);
            std::vector<bool> seen(spec_.concepts.size(), false);
            std::size_t fresh = 0, count = 0, last = i;
            for (std::size_t j = i; j < found.size() && found[j].end <= limit; ++j) {
                ++count;
                last = j;
                if (!seen[found[j].group] && !shown[found[j].group]) ++fresh;
                seen[found[j].group] = true;
            }
            if (fresh > best_new || (fresh == best_new && fresh > 0 && count > best_count))
                best = i, best_new = fresh, best_count = count, best_last = last;
        }
        if (best == found.size() || best_new == 0) break;
        chosen.push_back({best, best_last});
        for (std::size_t j = best; j <= best_last; ++j)
            if (!shown[found[j].group]) shown[found[j].group] = true, ++shown_count;
    }
    std::sort(chosen.begin(), chosen.end(), [](const Window& a, const Window& b) { return a.first < b.first; });

    std::vector<SnippetPart> parts;
    auto add = [&](std::size_t from, std::size_t to, bool hl) {
        if (from >= to) return;
        std::string s;
        append_folded(s, text.substr(from, to - from));
        if (s.empty()) return;
        if (!parts.empty() && parts.back().highlighted == hl) parts.back().text += s;
        else parts.push_back(SnippetPart{std::move(s), hl});
    };
    auto ellipsis = [&] {
        if (!parts.empty() && !parts.back().highlighted) {
            auto& t = parts.back().text;
            while (!t.empty() && t.back() == ' ') t.pop_back();
            if (!t.ends_with("…")) t += "…";
        } else {
            parts.push_back(SnippetPart{"…", false});
        }
    };
    // One passage: from a little before its first match, `chars` long, cut at the next passage.
    auto passage = [&](std::size_t match_at, std::size_t chars, std::size_t not_before, std::size_t stop) {
        std::size_t start = 0;
        if (match_at != std::string_view::npos) {
            const std::size_t lead = chars / 5;
            const std::size_t chars_before = count_chars(text.substr(0, match_at));
            start = chars_before <= lead ? 0 : advance_chars(text, 0, chars_before - lead);
            // Begin at a word: skip to just after the next white space if it is close.
            const std::size_t space = text.find_first_of(" \n\t", start);
            if (start > 0 && space != std::string_view::npos && space < match_at) start = space + 1;
            start = std::max(start, not_before);
        }
        const std::size_t end = std::min(advance_chars(text, start, chars), stop);
        if (start > 0) ellipsis();
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
        return std::max(at, end);
    };
    if (chosen.empty()) {
        const std::size_t end = passage(spans.empty() ? std::string_view::npos : spans.front().first, max_chars, 0, text.size());
        if (end < text.size()) ellipsis();
    } else {
        std::size_t done = 0;
        for (std::size_t k = 0; k < chosen.size(); ++k) {
            const std::size_t stop = k + 1 < chosen.size() ? found[chosen[k + 1].first].start : text.size();
            done = passage(found[chosen[k].first].start, max_chars / chosen.size(), done, stop);
        }
        if (done < text.size()) ellipsis();
    }
    // Trim the white space left at the ends.
    if (!parts.empty() && !parts.front().highlighted) {
        auto& t = parts.front().text;
        t.erase(0, t.find_first_not_of(' '));
    }
    return parts;
}

}  // namespace bodo
