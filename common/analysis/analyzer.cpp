#include "analysis/analyzer.h"

#include <algorithm>

#include <xapian.h>

#include "analysis/korean.h"
#include "analysis/word_tokenizer.h"

namespace bodo {
namespace {

constexpr std::size_t kSyllableBytes = 3;
/// Words shorter than this (및, 등, 수) are not joined: their pairs are noise, not compounds.
constexpr std::size_t kJoinMinBytes = 2 * kSyllableBytes;
/// Nor are pairs longer than this: nobody types them as one word.
constexpr std::size_t kJoinMaxBytes = 10 * kSyllableBytes;

bool is_latin_word(std::string_view part) {
    if (part.size() < 3) return false;
    for (unsigned char c : part)
        if (!(c >= 'a' && c <= 'z')) return false;
    return true;
}

struct ThreadState {
    WordTokenizer tokenizer;
    Xapian::Stem english{"english"};
    std::vector<RawWord> words;
};

ThreadState& thread_state() {
    thread_local ThreadState state;
    return state;
}

}  // namespace

void Analyzer::analyze(std::string_view text, std::vector<Token>& out, Positions& pos) const {
    // Ends a run of Hangul syllables: no bigram or bigram phrase may bridge the break.
    auto break_run = [&pos] {
        if (!pos.last_syllable.empty()) {
            pos.last_syllable.clear();
            pos.syllable += 1;
        }
    };
    ThreadState& st = thread_state();
    st.words.clear();
    st.tokenizer.tokenize(text, st.words);

    for (const RawWord& w : st.words) {
        auto add = [&](std::string term, TermKind kind, std::uint32_t position) {
            if (term.empty() || term.size() > kMaxTermBytes) return;
            // A joined term spans both its words, for highlighting.
            const std::uint32_t start = kind == TermKind::Joined ? pos.last_word_start : w.start;
            out.push_back(Token{std::move(term), kind, position, start, w.end});
        };
        const std::uint32_t first = pos.word;
        add(w.whole, TermKind::Word, first);
        const bool mixed = w.parts.size() > 1;

        // A bigram may join this word onto the previous one only across plain white space.
        if (!w.space_before || !pos.bigrams_across_spaces) break_run();

        // Two Hangul words apart, run together: 반도체 전략을 → 반도체전략을, 반도체전략.
        const bool joinable = w.parts.size() == 1 && w.whole.size() >= kJoinMinBytes && korean::all_syllables(w.whole);
        if (pos.join_words && joinable && w.space_before && !pos.last_word.empty() &&
            pos.last_word.size() + w.whole.size() <= kJoinMaxBytes) {
            const std::string joined = pos.last_word + w.whole;
            for (std::string& stem : korean::stem_candidates(joined))
                if (stem.size() >= pos.last_word.size() + kJoinMinBytes) add(std::move(stem), TermKind::Joined, first);
            add(joined, TermKind::Joined, first);
        }
        pos.last_word = joinable ? w.whole : std::string();
        pos.last_word_start = w.start;

        for (std::size_t i = 0; i < w.parts.size(); ++i) {
            const std::string& part = w.parts[i];
            const auto at = first + static_cast<std::uint32_t>(i);
            if (mixed) add(part, TermKind::Part, at);
            if (korean::all_syllables(part)) {
                for (std::string& stem : korean::stem_candidates(part)) add(std::move(stem), TermKind::Stem, at);
                for (std::size_t b = 0; b < part.size(); b += kSyllableBytes) {
                    std::string syllable = part.substr(b, kSyllableBytes);
                    if (!pos.last_syllable.empty()) add(pos.last_syllable + syllable, TermKind::Bigram, pos.syllable);
                    ++pos.syllable;
                    pos.last_syllable = std::move(syllable);
                }
            } else {
                if (is_latin_word(part)) add(st.english(part), TermKind::EnglishStem, at);
                break_run();  // Hangul after a non-Hangul part (5G용) must not join across it.
            }
        }
        // A Latin-and-digit run split by script (5g of 5G용, h5 of H5-N8) is a token of its own,
        // so that 5G matches 5G용 but H5 not H5N8.
        for (const auto& [part, run] : w.runs)
            if (run != w.whole) add(run, TermKind::Part, first + static_cast<std::uint32_t>(part));
        // A mixed word with a particle (48진을, K-방역에서) is filed under the word without it, as a
        // Hangul word is; a lone part or run (ai of AI를, 5g of 5G를) is a term already.
        if (mixed)
            for (std::string& stem : korean::mixed_stem_candidates(w.whole, w.parts.back())) {
                const bool is_part = std::find(w.parts.begin(), w.parts.end(), stem) != w.parts.end() ||
                                     std::any_of(w.runs.begin(), w.runs.end(), [&](const auto& r) { return r.second == stem; });
                if (!is_part) add(std::move(stem), TermKind::Stem, first);
            }
        pos.word = first + static_cast<std::uint32_t>(w.parts.size());
        // The next word may continue the syllable run only if this one ended in Hangul.
        if (!w.parts.empty() && !korean::all_syllables(w.parts.back())) break_run();
    }
}

std::vector<Token> Analyzer::analyze(std::string_view text) const {
    std::vector<Token> out;
    Positions positions;
    analyze(text, out, positions);
    return out;
}

}  // namespace bodo
