#pragma once
/// @file
/// The unit the Analyzer produces: one term with its position and source offsets.

#include <cstdint>
#include <string>

namespace bodo {

/// What a term stands for. The kind decides the term's marker in the index (see schema.h)
/// and how much it counts at query time.
enum class TermKind : std::uint8_t {
    Word,         ///< A whole word as written, normalized: "과학기술정보통신부는", "covid19", "5g".
    Part,         ///< A piece of a mixed word: "covid" and "19" of COVID-19, "k" and "방역" of K-방역.
    Stem,         ///< A Korean word with a particle or ending stripped: "뉴질랜드" of 뉴질랜드와.
    EnglishStem,  ///< Snowball English stem of a Latin-script word: "cooper" of cooperation.
    Bigram,       ///< Two adjacent Hangul syllables, positioned by syllable: "정보" of 과학기술정보통신부.
    Joined,       ///< Two Hangul words written apart, run together (with the second one's particle
                  ///< stripped too): "반도체전략" and "반도체전략을" of "반도체 전략을".
};

/// One term from the analysis of a text.
struct Token {
    std::string term;          ///< Normalized text of the term (no index prefix).
    TermKind kind = TermKind::Word;
    std::uint32_t position = 0;  ///< Word position; syllable position for bigrams (a separate space).
    std::uint32_t start = 0;     ///< Byte offset in the analysed text where the word carrying it starts.
    std::uint32_t end = 0;       ///< Byte offset just past that word.
};

}  // namespace bodo
