#pragma once
/// @file
/// Splits text into words with ICU word boundaries, joins mixed tokens and normalizes them.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bodo {

/// One word as the tokenizer sees it: ICU word segments joined across connectors
/// (COVID-19, R&D, K-방역, 교환·환불) and its normalized pieces.
struct RawWord {
    std::uint32_t start = 0;  ///< Byte offset of the first character in the source text.
    std::uint32_t end = 0;    ///< Byte offset just past the last character.
    std::string whole;        ///< NFKC case-folded, connectors removed: "covid19", "r&d" → "rd".
    /// Pieces split at connectors and at script changes (Hangul / other letters / digits):
    /// "covid","19"; "1","조원"; "5","g". A single-piece word has one part equal to `whole`.
    std::vector<std::string> parts;
    /// Latin letters and digits written together inside a word that has other parts ("5g" of
    /// 5G용, "h5" of H5-N8): the index of its first part, and the run. Only runs of more than one
    /// part are listed: a query token (5G, H5) must match it whole, not inside a longer one (H5N8).
    std::vector<std::pair<std::size_t, std::string>> runs;
    bool space_before = true;  ///< Only white space separates it from the previous word.
};

/// ICU-based word tokenizer. Cheap to construct per thread; not shareable between threads.
class WordTokenizer {
  public:
    WordTokenizer();
    ~WordTokenizer();
    WordTokenizer(const WordTokenizer&) = delete;
    WordTokenizer& operator=(const WordTokenizer&) = delete;

    /// Appends the words of `text` (UTF-8; invalid bytes are skipped) to `out`.
    void tokenize(std::string_view text, std::vector<RawWord>& out);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// NFKC with case folding, as used for every term.
std::string normalize(std::string_view text);

}  // namespace bodo
