#pragma once
/// @file
/// Every ranking constant of bodo in one place, each with the measurement that chose it
/// (bench/HISTORY.md: the session logs, "Ranking changes"; bench/results for the reports) or
/// marked unmeasured. Relevance only: what a query *matches* does not depend on any of them
/// (query/query_builder.h). Index-time weights are here too, so that one header says how a
/// release's terms weigh.

#include <cstddef>

#include <xapian.h>

namespace bodo::ranking {

// ---- BM25 (one field: title and body) ----------------------------------------------------------
/// k1 and b: 1.2 and 0.5. k1 0.8 / 1.0 / 1.5 gave dev .795/.798/.795 against .798, b 0.3 / 0.7
/// .795/.792 (session 4, "Ranking changes").
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.5;
/// Within-document frequency of each title term: the title weighs 4x the body in one BM25 field
/// (prototype: a separate title field ranks one title word above three body words). 3 and 6 on
/// full builds: dev 0.799 / 0.795 against 0.800 (session 6, "title wdf").
inline constexpr Xapian::termcount kTitleWdf = 4;

// ---- how each expansion of a query word weighs (QueryBuilder) -------------------------------------
/// A match inside a compound (the word's bigrams) against an exact word match; "neutral: bigram
/// weight 0.7 instead of 0.35" lost .004 (session 2).
inline constexpr double kBigramWeight = 0.35;
/// A particle-stripped query word against the word as typed. Unmeasured since session 1.
inline constexpr double kStemWeight = 0.8;
/// An English stem match against the exact form. Unmeasured.
inline constexpr double kEnglishStemWeight = 0.5;
/// The parts of a mixed word (COVID-19, K-방역) anywhere in a release: half a stem match. Unmeasured.
inline constexpr double kPartsWeight = 0.4;
/// What an abbreviation stands for, against the abbreviation itself. Unmeasured.
inline constexpr double kAbbreviationWeight = 0.9;
/// All the pieces of a split run-together word anywhere in a release (side by side they count as
/// the word itself). Unmeasured.
inline constexpr double kSegmentWeight = 0.3;
/// A release dated on the year, day or month a query word names ("2020년", "16일", "3.17"): the
/// prototype's "where the rest is" (series releases that differ by date). Unmeasured against
/// other values. The year was added in session 10: bench/questions dev 0.812 → 0.829 (4 of its
/// questions name one); the dev keyword set (one query names one) unchanged.
inline constexpr double kDateWeight = 2.0;
/// A function word (위해, 대한, 수) in a keyword query: "function words at weight 0.3" (kept,
/// session 3: questions 0.763 → 0.775).
inline constexpr double kFunctionWordWeight = 0.3;

// ---- bonuses over the whole query ----------------------------------------------------------------
/// Extra weight, as a multiple, for releases that match every query group: "+ all-words bonus 3"
/// (0.741 → 0.749, session 2).
inline constexpr double kAllWordsBonus = 3.0;
/// Extra weight for each way a release matches all groups but one, in queries of
/// kAllButOneMinWords..kAllButOneMaxWords groups (questions; session 5, "all-but-one bonus";
/// no difference on the held-out questions at 0–0.5).
inline constexpr double kAllButOneBonus = 0.3;
inline constexpr std::size_t kAllButOneMinWords = 4;
/// The bonus costs a query as many ANDs as it has groups: a pasted paragraph of 100 words took
/// 4.5 s and 1.1 GB with it, 0.2 s without.
inline constexpr std::size_t kAllButOneMaxWords = 12;
/// Two query words side by side in a release (run together, or apart in a title): 0 / 0.5 gave
/// dev 0.812 / 0.809 and questions 0.797 / 0.821 against 0.810 and 0.836 (session 7).
inline constexpr double kAdjacentWeight = 1.0;
/// Releases whose title has every query word: 1.0 / 0.25 gave dev 0.807 / 0.806 against 0.810
/// (session 7).
inline constexpr double kTitleBonus = 0.5;

// ---- questions (BuiltQuery::question) ----------------------------------------------------------
// Chosen together on bench/questions' dev half (78 questions, full corpus, session 10; the
// held-out half only checked once, after): 0.727 before; BM25 k1 2.0 and b 0.9 alone 0.768, then
// no all-words bonus 0.775, the predicate not counted 0.786, adjacency 0.5: 0.812 (held-out
// 0.607 → 0.625). Keyword queries are not questions: dev, held-out and spread unchanged.
/// BM25 for a question: a question's words are many and mostly common, so a long release
/// collects them by length alone; stronger length normalisation (b) and a later saturation (k1)
/// let the release about them win. k1 1.2 / 1.6 / 2.5 gave 0.787 / 0.809 / 0.795 (b 0.9);
/// b 0.75 0.801 (k1 2.0).
inline constexpr double kQuestionBm25K1 = 2.0;
inline constexpr double kQuestionBm25B = 0.9;
/// kAllWordsBonus in a question: a question's words are rarely all in the answer. 1 / 3 / 6 gave
/// 0.807 / 0.775 / 0.720 against 0 (with the rest at their values here but adjacency).
inline constexpr double kQuestionAllWordsBonus = 0.0;
/// The question's predicate (선정됐나요 → 선정), which ranks at this weight and does not count
/// toward "most of its words": the answer often says it otherwise (11곳 선정 / 뽑혀). Weight 0.6
/// and 1.0 gave 0.786 / 0.788 not counted, 0.774 / 0.775 counted.
inline constexpr double kQuestionPredicateWeight = 0.6;
/// kAdjacentWeight in a question: 0.25 / 0.75 / 1 / 2 gave 0.809 / 0.789 / 0.786 / 0.765 against
/// 0.812 at 0.5 (78 questions); on the 162 of session 11 (after its other changes) 0 / 0.1 / 0.25
/// / 0.5 / 1.0 gave 0.815 / 0.815 / 0.817 / 0.808 / 0.799, each third of the set alike.
inline constexpr double kQuestionAdjacentWeight = 0.25;

/// A question's kLeadDepth best answers each gain kLeadWeight times the best one's weight times
/// their lead coverage (snippet/lead_coverage.h: the share of the question's terms the first
/// kLeadChars characters of the body hold), and are re-sorted. Prototyped over bodo's top 100
/// on bench/questions' dev half (162 questions, session 11): 0.817 without; depth 20 / 50 / 100
/// alike; 150 / 300 / 500 characters at weight 0.5: 0.838 / 0.835 / 0.830; at 300 characters
/// weight 0.3 / 0.5 / 0.8: 0.832 / 0.835 / 0.837, each of its three draws up. Keyword queries
/// are not questions: on the dev keyword set it gave 0.812 / 0.810 / 0.805 at 0.1 / 0.2 / 0.4
/// against 0.811.
inline constexpr std::size_t kLeadDepth = 20;
inline constexpr std::size_t kLeadChars = 300;
inline constexpr double kLeadWeight = 0.5;

/// Where keyword queries and questions rank differently, side by side.
struct Profile {
    double bm25_k1, bm25_b, all_words_bonus, adjacent_weight;
};
inline constexpr Profile kKeywordProfile{kBm25K1, kBm25B, kAllWordsBonus, kAdjacentWeight};
inline constexpr Profile kQuestionProfile{kQuestionBm25K1, kQuestionBm25B, kQuestionAllWordsBonus, kQuestionAdjacentWeight};
/// The profile of a question (BuiltQuery::question) or of a keyword query.
constexpr const Profile& profile(bool question) { return question ? kQuestionProfile : kKeywordProfile; }

// ---- when a query word is read another way (QueryBuilder; these decide expansions, not weights) --
/// A particle-stripped stem is trusted when it stands alone in at least this many releases (and
/// at least as many as the word as typed). Unmeasured.
inline constexpr Xapian::doccount kStemEvidence = 1;
/// Abbreviations found in fewer releases than this are expanded to what they stand for: "+
/// abbreviations expanded only when rare (< 100 releases)" (0.749 → 0.761, session 2).
inline constexpr Xapian::doccount kAbbreviationRare = 100;
/// A run-together word (반도체전략) is split into words seen in at least this many releases...
inline constexpr Xapian::doccount kSegmentEvidence = 20;
/// ...when each piece is this many times more frequent than the word itself. Both unmeasured.
inline constexpr Xapian::doccount kSegmentRatio = 10;
/// An unknown run-together word with no such split may be split into words seen this often, for
/// its pieces anywhere. Unmeasured.
inline constexpr Xapian::doccount kLooseEvidence = 2;
/// The pieces of a run-together word may stand this many words apart and still count as the word:
/// 이임접견 for "이임 주한태국대사 접견" (dev nospace .684 → .726, session 7).
inline constexpr Xapian::termcount kPiecesGap = 1;

}  // namespace bodo::ranking
