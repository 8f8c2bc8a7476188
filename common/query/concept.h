#pragma once
/// @file
/// A concept: one thing a query asks for (a word, a phrase, a Latin token) with the ordered list
/// of ways a release may hold it. The match set is built from the expansions that count, the
/// ranking from all of them (as Elasticsearch keeps `must` apart from `should`).

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace bodo {

/// Whether an expansion puts releases in the match set.
enum class Counts {
    Always,         ///< What the word means: every release it matches holds the word.
    IfNothingElse,  ///< A last resort: counts only when no Always expansion matches any release.
    Never,          ///< A ranking hint only.
};

/// What the snippet maker highlights for one concept: index terms of the Text field, and bigram
/// sequences that must stand in a row.
struct Highlight {
    std::vector<std::string> terms;
    std::vector<std::vector<std::string>> bigram_runs;

    void add(const Highlight& other);
};

/// What the snippet maker needs to highlight exactly what the query matched: one Highlight per
/// concept, so that a snippet can show every concept a release holds.
struct HighlightSpec {
    std::vector<Highlight> concepts;
};

/// One reading of a concept.
struct Expansion {
    std::string_view name;  ///< "word", "stem", "inside a word", … (for tests and explanations)
    Xapian::Query rank;     ///< What it adds to the score (empty: nothing), scaled by `weight`.
    double weight = 1.0;
    Xapian::Query match;    ///< The releases it matches, for the match set (empty: none).
    Counts counts = Counts::Always;
    Highlight highlight;
    /// `match` is an OR of terms: a release holds it when it holds any term (checked by term
    /// frequencies alone).
    bool any_term = false;
};

/// One thing the query asks for, and every way a release may hold it.
struct Concept {
    std::string text;                    ///< As typed.
    std::vector<Expansion> expansions;   ///< Strongest first.
    /// When the Always expansions match no release: the IfNothingElse expansion that counts (the
    /// first of them that matches any), as an index into `expansions`; npos otherwise.
    std::size_t last_resort = static_cast<std::size_t>(-1);

    /// The expansion called `name`, or null.
    const Expansion* find(std::string_view name) const;
    /// Everything that scores: the weighted OR of the expansions' rank queries.
    Xapian::Query ranking() const;
    /// The releases that hold the concept: the OR of the counting expansions' match queries,
    /// without weight. Empty when nothing counts.
    Xapian::Query matcher() const;
    /// Whether some expansion of kind `counts` has a match query.
    bool has(Counts counts) const;
    /// The highlight of every expansion that may count (not of spellings that never do).
    Highlight highlight() const;
};

}  // namespace bodo
