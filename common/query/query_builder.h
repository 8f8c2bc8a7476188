#pragma once
/// @file
/// Turns a parsed query into a Xapian query, analysing its words with the same Analyzer as the
/// index, and records what a snippet must highlight.

#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "index/abbreviations.h"
#include "query/query_syntax.h"

namespace bodo {

/// What the snippet maker needs to highlight exactly what the query matched.
struct HighlightSpec {
    std::vector<std::string> terms;                  ///< Text-field index terms (marker + text).
    std::vector<std::vector<std::string>> bigram_runs;  ///< Bigram sequences that must occur in a row.
};

/// Filters beside the query text (from options or from field clauses).
struct QueryFilters {
    std::vector<std::string> ministries;   ///< Any of these (exact names).
    std::vector<std::string> departments;  ///< Any of these (exact names).
    std::vector<DateRange> dates;          ///< Inside all of these.
    std::vector<DateRange> excluded_dates; ///< Inside none of these.
};

/// A query ready to run.
struct BuiltQuery {
    Xapian::Query query;    ///< Everything: ranked part and filters. MatchAll when only filtered.
    HighlightSpec highlight;
    /// False when the query neither searches for a word nor excludes one nor filters: only
    /// punctuation ("!!!", "·"), which would otherwise list every release.
    bool selects = true;
};

/// Builds Xapian queries for one database.
///
/// A query word matches, from strongest to weakest: the word itself or the word with a particle
/// in a release (SYNONYM of the word and its stem term), its own particle-stripped stem when the
/// index shows that stem to be a word of its own (뉴질랜드와 → 뉴질랜드, but 전문가 stays), and
/// all of its Hangul bigrams, which find it inside compounds and across spaces in titles
/// (정보통신 in 과학기술정보통신부는, 반도체전략 in 반도체 전략). Releases with all the words get
/// a bonus so that they rank above releases with only some; in long queries, a small one for all
/// the words but one.
class QueryBuilder {
  public:
    /// `db` supplies term frequencies, the evidence for particle stripping and segmentation;
    /// `abbreviations` (may be null) the short forms releases define.
    explicit QueryBuilder(const Xapian::Database& db, const AbbreviationTable* abbreviations = nullptr)
        : db_(db), abbreviations_(abbreviations) {}

    /// Builds the query; `filters` are ANDed with the field clauses of the query itself.
    BuiltQuery build(const ParsedQuery& parsed, const QueryFilters& filters) const;

    /// Weight of a match inside a compound (bigram phrase) against an exact word match.
    static constexpr double kBigramWeight = 0.35;
    /// Weight of a particle-stripped query word against the word as typed.
    static constexpr double kStemWeight = 0.8;
    /// Weight of an English stem match against the exact form.
    static constexpr double kEnglishStemWeight = 0.5;
    /// Extra weight, as a multiple, for releases that match every query group.
    static constexpr double kAllWordsBonus = 3.0;
    /// Extra weight, as a multiple, for each way a release matches all query groups but one...
    static constexpr double kAllButOneBonus = 0.3;
    /// ...in queries of at least this many groups (questions: bench/README)...
    static constexpr std::size_t kAllButOneMinWords = 4;
    /// ...and at most this many: the bonus costs a query as many ANDs as it has groups (a pasted
    /// paragraph of 100 words took 4.5 s and 1.1 GB with it, 0.2 s without).
    static constexpr std::size_t kAllButOneMaxWords = 12;
    /// A stem is trusted when it stands alone in at least this many releases.
    static constexpr Xapian::doccount kStemEvidence = 1;
    /// Weight of a release dated on the day or month a query word names ("16일", "3.17").
    static constexpr double kDateWeight = 2.0;
    /// Weight of a match on what an abbreviation stands for, against the abbreviation itself.
    static constexpr double kAbbreviationWeight = 0.9;
    /// Abbreviations found in fewer releases than this are expanded to what they stand for.
    static constexpr Xapian::doccount kAbbreviationRare = 100;
    /// A word run together (반도체전략) is split into words seen at least this often...
    static constexpr Xapian::doccount kSegmentEvidence = 20;
    /// ...when each piece is this many times more frequent than the word itself.
    static constexpr Xapian::doccount kSegmentRatio = 10;
    /// Weight of all the pieces of a split word anywhere in a release (side by side, they count
    /// as the word itself).
    static constexpr double kSegmentWeight = 0.3;
    /// An unknown run-together word with no split into common words may still be split into
    /// words seen this often, for its pieces anywhere.
    static constexpr Xapian::doccount kLooseEvidence = 2;
    /// The pieces of a run-together word may stand this many words apart in a release and still
    /// count as the word: 이임접견 for "이임 주한태국대사 접견" (dev nospace .684 → .726).
    static constexpr Xapian::termcount kPiecesGap = 1;

    /// Weight of two query words found side by side (run together, or apart in a title).
    static constexpr double kAdjacentWeight = 1.0;

    /// Weight of a function word (위해, 대한, 수): it still counts towards "all the words".
    static constexpr double kFunctionWordWeight = 0.3;

    /// Extra weight for releases whose title has every query word (known-item search: people
    /// remember titles).
    static constexpr double kTitleBonus = 0.5;

  private:
    Xapian::Query adjacent_words(const std::string& first, const std::string& second, HighlightSpec& hl) const;
    /// `expand`: also match what an abbreviation stands for (one level only: long forms may
    /// themselves contain defined abbreviations).
    Xapian::Query word_query(const std::vector<Token>& tokens, bool title, HighlightSpec& hl, bool expand) const;
    /// `word` split into the fewest words the index has seen in `evidence` releases each.
    std::vector<std::string> known_pieces(const std::string& word, Xapian::doccount evidence) const;
    /// A run-together word as its pieces in a row (returned) and anywhere (`all_pieces`);
    /// `loose_ok`: no particle explains the word, so rarer pieces may do (all_pieces only).
    Xapian::Query segmented(const std::string& word, bool title, bool loose_ok, HighlightSpec& hl, Xapian::Query& all_pieces) const;
    /// A word of Hangul syllables written with one space in it (two halves of two syllables or
    /// more, perhaps kPiecesGap words between them), as phrases: for a word the index does not
    /// know (a known word's weight would suffer from the phrases in its synonym).
    std::vector<Xapian::Query> one_space_spellings(const std::string& word, bool title, HighlightSpec& hl) const;
    /// A word at its position in a phrase: as typed, or with a particle or ending the index has
    /// seen it with (전략 → 전략을, 전략의): stems have no positions.
    Xapian::Query positional_word(const std::string& word, bool title, HighlightSpec& hl) const;
    Xapian::Query date_word(std::string_view text) const;
    /// Releases with `word` as a word. Memoised: the split searches ask for the same substrings
    /// again and again, and on remote shards every lookup is a round trip.
    Xapian::doccount word_freq(const std::string& word) const;
    Xapian::Query clause_query(const Clause& clause, HighlightSpec& hl, bool expand = true) const;

    const Xapian::Database& db_;
    const AbbreviationTable* abbreviations_;
    Analyzer analyzer_;
    mutable std::unordered_map<std::string, Xapian::doccount> word_freqs_;
};

}  // namespace bodo
