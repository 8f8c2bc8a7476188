#pragma once
/// @file
/// Turns a parsed query into the set of releases it matches and the ranking that orders them,
/// analysing its words with the same Analyzer as the index, and records what a snippet must
/// highlight.

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "metadata/abbreviations.h"
#include "query/concept.h"
#include "schema/lexicon.h"
#include "query/query_syntax.h"

namespace bodo {

/// Filters beside the query text (from options or from field clauses).
struct QueryFilters {
    std::vector<std::string> ministries;   ///< Any of these (exact names).
    std::vector<std::string> departments;  ///< Any of these (exact names).
    std::vector<DateRange> dates;          ///< Inside all of these.
    std::vector<DateRange> excluded_dates; ///< Inside none of these.
};

/// A query ready to run: its match set in two forms and its ranking.
struct BuiltQuery {
    /// The releases that match every counted concept, ranked, with filters and exclusions
    /// applied; MatchAll (filtered) when only filtered.
    Xapian::Query all;
    /// Counted concepts (groups of alternatives count once). "Most of the words" is measured in them.
    std::size_t concepts = 0;
    /// A natural-language question: answered from the releases matching at least `question_min`
    /// of its content words (question words, endings, function words and the predicate left out).
    bool question = false;
    std::size_t question_min = 0;
    /// A question's content words, its predicate included (not 언제, 있나요, 위해, the): what
    /// the opening of a release is checked for (snippet/lead_coverage.h). Empty for a keyword query.
    std::vector<std::string> asked;
    HighlightSpec highlight;
    /// False when the query neither searches for a word nor excludes one nor filters: only
    /// punctuation ("!!!", "·"), which would otherwise list every release.
    bool selects = true;

    /// The releases matching any concept, with filters and exclusions, ranked by how many
    /// concepts they match, then by relevance. Run with a weight cutoff of tier_cutoff(k), it is
    /// the releases matching at least k of them; a hit's relevance is relevance(weight).
    Xapian::Query by_concepts() const;
    /// The weight a release matching `k` concepts reaches at least, in by_concepts().
    static double tier_cutoff(std::size_t k) { return (static_cast<double>(k) - 0.5) * kTier; }
    /// The relevance part of a weight from by_concepts().
    static double relevance(double weight);
    /// How many concepts a weight from by_concepts() says the release matches.
    static std::size_t concepts_matched(double weight);

    // The parts by_concepts() composes.
    std::vector<Xapian::Query> concept_matchers;  ///< one per counted concept
    Xapian::Query ranking;                        ///< the score of every release that matches any word
    Xapian::Query required;                       ///< +words (empty: none)
    Xapian::Query filter;                         ///< dates, ministries, departments (empty: none)
    Xapian::Query excluded;                       ///< -words, -fields (empty: none)

    /// `q` with the required words, filters and exclusions applied.
    Xapian::Query restrict(Xapian::Query q) const;

  private:
    /// Each concept a release matches adds this to its weight, far above any relevance score.
    static constexpr double kTier = 1e6;
};

/// Builds queries for one database.
///
/// Each query word becomes a Concept with its expansions (query/expansions.cpp): the word as
/// typed or with a particle, its particle-stripped stem, the word inside longer words, its
/// pieces spaced or run together, its parts (COVID-19), an abbreviation's long form, its English
/// stem, the release dates it names. The match set is the releases holding every concept by an
/// expansion that counts; every expansion adds to the ranking, with the bonuses of ranking.h.
class QueryBuilder {
  public:
    /// `db` supplies term frequencies (evidence for particle stripping and segmentation);
    /// `abbreviations` (may be null) the short forms releases define; `lexicon` (may be null)
    /// the index's words, to find a word inside longer ones exactly (without it, by bigrams).
    explicit QueryBuilder(const Xapian::Database& db, const AbbreviationTable* abbreviations = nullptr,
                          const Lexicon* lexicon = nullptr);
    ~QueryBuilder();

    /// Builds the query; `filters` are ANDed with the field clauses of the query itself.
    BuiltQuery build(const ParsedQuery& parsed, const QueryFilters& filters) const;

    /// The concept a word or phrase clause becomes (for tests and explanations).
    Concept concept_of(const Clause& clause) const;

  private:
    class Expander;
    std::unique_ptr<Expander> expander_;
};

}  // namespace bodo
