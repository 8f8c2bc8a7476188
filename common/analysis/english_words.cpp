#include "analysis/english_words.h"

#include <algorithm>
#include <array>

namespace bodo::english {
namespace {

constexpr std::array<std::string_view, 9> kQuestionWords{"what", "when", "where", "who", "whom", "whose", "which", "why", "how"};

// Lucene's English stop set (StandardAnalyzer's, without "no", "not", "will", "such": a query may
// mean them) and the auxiliaries and pronouns of a question. Not "may" (the month) nor "can".
constexpr std::array<std::string_view, 48> kFunctionWords{
    "a",    "an",   "and",  "are",  "as",   "at",    "be",    "but",   "by",   "for",  "if",   "in",
    "into", "is",   "it",   "of",   "on",   "or",    "that",  "the",   "their", "then", "there", "these",
    "they", "this", "to",   "was",  "with", "were",  "been",  "being", "do",   "does", "did",  "has",
    "have", "had",  "its",  "from", "about", "would", "should", "could", "i",   "we",   "you",  "our"};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace

bool is_question_word(std::string_view word) { return listed(kQuestionWords, word); }

bool is_function_word(std::string_view word) { return listed(kFunctionWords, word); }

}  // namespace bodo::english
