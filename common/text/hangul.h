#pragma once
/// @file
/// Hangul code point ranges.

namespace bodo::text {

/// The first precomposed Hangul syllable, 가 (U+AC00).
inline constexpr char32_t kFirstHangulSyllable = 0xAC00;

/// How many precomposed Hangul syllables there are, 가 .. 힣 (U+D7A3).
inline constexpr char32_t kHangulSyllableCount = 11172;

/// True for a precomposed Hangul syllable, 가 (U+AC00) .. 힣 (U+D7A3).
constexpr bool is_hangul_syllable(char32_t c) noexcept {
    return c >= kFirstHangulSyllable && c < kFirstHangulSyllable + kHangulSyllableCount;
}

/// True for a conjoining Hangul jamo, U+1100 .. U+11FF (ᄀ, ᅡ, ᆨ …).
constexpr bool is_hangul_jamo(char32_t c) noexcept { return c >= 0x1100 && c <= 0x11FF; }

/// True for a Hangul compatibility jamo, U+3130 .. U+318F (ㄱ, ㅏ …).
constexpr bool is_hangul_compatibility_jamo(char32_t c) noexcept { return c >= 0x3130 && c <= 0x318F; }

}  // namespace bodo::text
