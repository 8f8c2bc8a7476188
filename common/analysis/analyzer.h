#pragma once
/// @file
/// The Analyzer: the one term-generation routine behind indexing, query parsing and highlighting.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/token.h"

namespace bodo {

/// Where the next word and the next Hangul syllable go. Passing the same Positions to
/// successive calls continues one position space across fields (title, then body).
struct Positions {
    std::uint32_t word = 1;
    std::uint32_t syllable = 1;
    std::string last_syllable;  ///< Last Hangul syllable seen, when a bigram may still join onto it.
    std::string last_word;      ///< Last Hangul word seen, when a joined term may still start with it.
    std::uint32_t last_word_start = 0;  ///< Where that word starts in the text analysed.
    bool join_words = true;             ///< Make joined terms of two words apart.
    bool bigrams_across_spaces = true;  ///< Let a bigram bridge a single space.

    /// The rules for a release's body, where the index keeps neither joined terms nor bigrams
    /// across spaces: in long text they cost more postings than they found (bench/HISTORY.md).
    /// Queries find words written apart in the body by splitting the query word instead.
    void body_rules() {
        join_words = false;
        bigrams_across_spaces = false;
    }

    /// Leaves a gap so that phrases and bigrams never join across it (between fields).
    void gap(std::uint32_t size = 100) {
        word += size;
        syllable += size;
        last_syllable.clear();
        last_word.clear();
    }
};

/// Turns text into terms, composed of a tokenizer and token filters:
///  1. ICU word boundaries; words joined across connectors (COVID-19, R&D, K-방역) and split at
///     connectors and script changes into parts; NFKC with case folding (WordTokenizer).
///  2. Korean: particle/ending stem candidates for Hangul words (korean.h), and positional
///     Hangul bigrams, also across a single space, so that compounds and spacing variants match;
///     two Hangul words apart also run together (반도체 전략 → 반도체전략), the way queries type them
///     (both stop at spaces under Positions::body_rules).
///  3. English: Snowball English stems beside the exact forms.
/// Every token carries the byte span of the word it came from, for highlighting.
///
/// Analyzer is stateless and cheap to copy; each thread uses its own ICU and stemmer state.
class Analyzer {
  public:
    /// Appends the tokens of `text` to `out`, in text order.
    void analyze(std::string_view text, std::vector<Token>& out, Positions& positions) const;

    /// Convenience: tokens of a text on its own.
    std::vector<Token> analyze(std::string_view text) const;

    /// Terms longer than this many bytes are dropped (Xapian's limit is 245 with prefixes).
    static constexpr std::size_t kMaxTermBytes = 100;
};

}  // namespace bodo
