#pragma once
/// @file
/// How much of a question the opening of a release holds. A press release says what it is
/// about in its first lines, and a question asks about that: among the best answers of a
/// question, the one whose opening holds the question's words ranks first (the searcher adds
/// ranking::kLeadWeight of the coverage, bench/HISTORY.md session 11).

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"

namespace bodo {

/// The share of a question's terms, each weighted by its inverse document frequency, that the
/// first ranking::kLeadChars characters of a release's body hold: 0 (none) to 1 (all). The terms
/// are the Hangul bigrams of its words (a compound, an inflected form or a paraphrase of the
/// same nouns shares them) and its Latin and digit tokens, analysed as the index is.
class LeadCoverage {
  public:
    /// `words`: the question's content words (BuiltQuery::asked).
    LeadCoverage(const Xapian::Database& db, const std::vector<std::string>& words);

    /// The coverage of a release whose body is `body`.
    double of(std::string_view body) const;

    /// No term to look for (a question of question words alone).
    bool empty() const { return total_ <= 0; }

  private:
    /// The index terms that stand for a question's terms in text.
    std::vector<std::string> terms_of(std::string_view text) const;

    Analyzer analyzer_;
    std::unordered_map<std::string, double> weight_;  ///< index term -> inverse document frequency
    double total_ = 0;
};

}  // namespace bodo
