#pragma once
/// @file
/// Abbreviations that releases define themselves — "과학기술정보통신부(이하 '과기정통부')",
/// "Ministry of Science and ICT (MSIT)" — found at index time and used as synonyms at query time.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bodo {

/// One definition found in a text.
struct Abbreviation {
    std::string short_form;  ///< As written: "과기정통부", "MSIT".
    std::string long_form;   ///< As written: "과학기술정보통신부", "Ministry of Science and ICT".
};

/// The definitions in a text, in order.
std::vector<Abbreviation> find_abbreviations(std::string_view text);

/// Short forms and what they stand for, kept in the index's metadata (key kMetadataKey) so that
/// it travels with the index to shards and remote servers (Xapian's synonym table does not).
class AbbreviationTable {
  public:
    static constexpr const char* kMetadataKey = "bodo:abbreviations";

    /// Counts one definition.
    void add(const Abbreviation& a, std::uint32_t count = 1);
    /// The long form most often given for a normalized short form ("msit"), or empty.
    std::string expand(std::string_view normalized_short) const;
    /// The normalized short forms defined for a normalized long form.
    std::vector<std::string> shorten(std::string_view normalized_long) const;

    /// Lines "short<TAB>long<TAB>count".
    std::string serialize() const;
    /// Adds the entries of serialize()'s output (malformed lines are ignored).
    void merge(std::string_view serialized);
    bool empty() const { return counts_.empty(); }
    std::size_t size() const { return counts_.size(); }

  private:
    // normalized short → (long form as written → count)
    std::map<std::string, std::map<std::string, std::uint32_t>, std::less<>> counts_;
};

}  // namespace bodo
