#pragma once
/// @file
/// "Did you mean": corrections for misspelt Latin-script query words, from the index's own words.

#include <string>
#include <string_view>

#include <xapian.h>

namespace bodo {

/// Suggests a corrected query when a Latin-script word of it is rare in the index and a word
/// one or two edits away (insert, delete, replace, swap) is common: "goverment" → "government".
///
/// The candidates come from the index's vocabulary (words starting with the same letter), not
/// from Xapian's spelling table, which would cost index space and does not work over remote
/// shards. Korean words are left alone: bigrams already find them inside other spellings.
class SpellingSuggester {
  public:
    explicit SpellingSuggester(const Xapian::Database& db) : db_(db) {}

    /// The query with every misspelt word replaced, or "" when nothing needs correcting.
    /// Field names (`title:`), operators (AND, OR, NOT) and parts of mixed words (COVID-19)
    /// are kept as they are.
    std::string suggest(std::string_view query) const;

    /// A word found in fewer releases than this may be misspelt...
    static constexpr Xapian::doccount kRare = 3;
    /// ...when a correction is found in this many times as many releases, and at least kRare.
    static constexpr Xapian::doccount kCommoner = 20;
    /// Words shorter than this are left alone (abbreviations: too many near neighbours).
    static constexpr std::size_t kMinLength = 4;

    /// Edit distance with adjacent swaps (optimal string alignment), or `limit + 1` when it
    /// is over `limit`.
    static std::size_t distance(std::string_view a, std::string_view b, std::size_t limit);

  private:
    /// The best correction of one lower-case word, or "".
    std::string correct(const std::string& word) const;

    const Xapian::Database& db_;
};

}  // namespace bodo
