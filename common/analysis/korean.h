#pragma once
/// @file
/// Hangul words: particle/ending stripping candidates. (The code point ranges: text/hangul.h.)

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bodo::korean {

/// True when the UTF-8 text is made only of Hangul syllables (each 3 bytes in UTF-8).
bool all_syllables(std::string_view utf8);

/// Candidate stems of a Hangul word: the word with one particle or verbal ending removed
/// (뉴질랜드와 → 뉴질랜드, 청년들에게 → 청년들, 청년), longest suffix first, each at least
/// two syllables long. Candidates are over-generated on purpose: the query side keeps only
/// those the index shows to be words of their own (see query/query_builder.h), so 전문가 is
/// not mistaken for 전문 + 가.
std::vector<std::string> stem_candidates(std::string_view word);

/// Candidate stems of a mixed word (letters or digits with Hangul: 48진을, ai를, k방역에서; `whole`
/// as the tokenizer gives it, connectors removed) whose Hangul `last_part` ends in a particle:
/// the word without it (48진, ai, k방역), so that it matches the way a Hangul word does. Particles
/// only: a verbal ending follows a noun (10인's 인 is a counter). Over-generated like
/// stem_candidates; the query side keeps those the index shows to be words.
std::vector<std::string> mixed_stem_candidates(std::string_view whole, std::string_view last_part);

/// The forms stem_candidates strips back to `stem`: the stem with each particle or ending
/// (전략 → 전략을, 전략은, 전략으로, …), for matching words with positions (phrases).
std::vector<std::string> inflected_forms(std::string_view stem);

}  // namespace bodo::korean
