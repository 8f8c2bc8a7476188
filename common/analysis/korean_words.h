#pragma once
/// @file
/// The Korean word lists the query side needs, each kept once: question words and endings,
/// function words, dependent nouns and counters. (Particles and verbal endings, which the index
/// strips too, are in korean.h.)

#include <string>
#include <string_view>

namespace bodo::korean {

/// An interrogative, alone or with a particle or ending: 언제, 누가, 무엇을, 어디서, 얼마나, 몇, 왜.
bool is_question_word(std::string_view word);

/// A verb that carries only the question (하나요, 있나요, 인가요, 됩니까): nothing to find.
bool is_question_verb(std::string_view word);

/// The question ending a word closes with (승인했나요 → "했나요", 대상인가요 → "인가요"), or "".
std::string_view question_ending(std::string_view word);

/// A word that only ties a sentence together (위해, 대한, 통해, 있는, 수, 등, 및), an adverb or
/// determiner (새로, 처음, 함께, 모든), or a dependent noun or counter with its particle (곳이,
/// 것을, 명이): a part-of-speech tagger would drop it.
bool is_function_word(std::string_view word);

/// A particle or ending that no common noun ends with (을, 를, 는, 에서, 으로, 에게, 했다…),
/// unlike 가, 이, 과, 의, 로 (국가, 경이, 결과, 회의, 경로): a word ending in one is a stem
/// with it whenever the stem is a known word.
bool is_clear_ending(std::string_view suffix);

/// A counter that follows a number (차, 회, 호, 일, 월, 년, 개, 명…): 제6차, 3호기, 16일.
bool is_counter(std::string_view syllable);

}  // namespace bodo::korean
