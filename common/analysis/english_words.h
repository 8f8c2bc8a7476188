#pragma once
/// @file
/// The English word lists the query side needs: interrogatives and function words, for the
/// English questions and keyword queries people type ("When did Korea and New Zealand sign the
/// FTA?"). Words as the analyzer gives them (lower case). A token typed in capitals (IT, US, AS)
/// is an acronym, not one of these: callers check how it was typed.

#include <string_view>

namespace bodo::english {

/// An interrogative: what, when, where, who, whom, whose, which, why, how.
bool is_question_word(std::string_view word);

/// A word that only ties a sentence together: articles, prepositions, conjunctions, pronouns and
/// auxiliaries (the, of, and, did, is, it). A part-of-speech tagger or a stop list would drop it.
bool is_function_word(std::string_view word);

}  // namespace bodo::english
