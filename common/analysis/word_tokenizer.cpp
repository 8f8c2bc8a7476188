#include "analysis/word_tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <stdexcept>

#include "analysis/korean.h"
#include "text/ascii.h"
#include "text/hangul.h"

namespace bodo {
namespace {

// Characters that join word pieces into one mixed token without a space: COVID-19, R&D, K-방역,
// 교환·환불 (U+00B7 and U+318D are both used as the Korean middle dot).
bool is_connector(UChar32 c) {
    switch (c) {
        case '-': case '&': case '\'': case '+': case '_': case '.':
        case 0x00B7: case 0x2010: case 0x2011: case 0x2019: case 0x30FB: case 0x318D: case 0xFF0D:
            return true;
        default:
            return false;
    }
}

/// Latin letters apart from other letters: 美FOMC is 美 and FOMC, so that FOMC is a token of its own.
enum class Script { None, Hangul, Digit, Latin, Letter };

Script script_of(UChar32 c) {
    const auto u = static_cast<char32_t>(c);
    if (text::is_hangul_syllable(u) || text::is_hangul_jamo(u) || (text::is_hangul_compatibility_jamo(u) && u != 0x318D))
        return Script::Hangul;
    if (u_isdigit(c)) return Script::Digit;
    if (c < 0x250 && u_isalpha(c)) return Script::Latin;  // Basic Latin to Latin Extended-B
    if (u_isalpha(c) || u_hasBinaryProperty(c, UCHAR_DIACRITIC) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK)
        return Script::Letter;
    return Script::None;
}

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU: NFKC_Casefold unavailable");
    return *n;
}

}  // namespace

std::string normalize(std::string_view text) {
    if (is_ascii(text)) return text::ascii_lower(text);
    if (korean::all_syllables(text)) return std::string(text);  // already NFKC, no case
    static const icu::Normalizer2& norm = nfkc_casefold();
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::UnicodeString n = norm.normalize(u, status);
    std::string out;
    if (U_FAILURE(status)) return std::string(text);
    n.toUTF8String(out);
    return out;
}

struct WordTokenizer::Impl {
    std::unique_ptr<icu::BreakIterator> breaker;
    UText* utext = nullptr;

    ~Impl() {
        if (utext) utext_close(utext);
    }

    // Splits source[start,end) into pieces and fills `word`.
    static void build(std::string_view text, std::uint32_t start, std::uint32_t end, RawWord& word) {
        word.start = start;
        word.end = end;
        word.whole.clear();
        word.parts.clear();
        word.runs.clear();
        std::string piece;
        Script piece_script = Script::None;
        std::size_t run_first = 0;  // the first part of the Latin-and-digit run being read
        std::string run;
        auto end_run = [&] {
            if (word.parts.size() - run_first > 1) word.runs.emplace_back(run_first, run);
            run.clear();
            run_first = word.parts.size();
        };
        auto flush = [&] {
            if (!piece.empty()) {
                word.parts.push_back(normalize(piece));
                word.whole += word.parts.back();
                if (piece_script != Script::Latin && piece_script != Script::Digit) {  // Hangul, Han, …
                    word.parts.pop_back();
                    end_run();
                    word.parts.push_back(normalize(piece));
                    run_first = word.parts.size();
                } else {
                    run += word.parts.back();
                }
                piece.clear();
            }
            piece_script = Script::None;
        };
        const char* s = text.data();
        auto i = static_cast<int32_t>(start);
        const auto n = static_cast<int32_t>(end);
        while (i < n) {
            const int32_t at = i;
            UChar32 c;
            U8_NEXT(s, i, n, c);
            if (c < 0) continue;  // invalid byte: skip
            // Digit grouping and decimal points stay inside a number: 1,000 → 1000, 3.17 → 3.17.
            if ((c == ',' || c == '.') && piece_script == Script::Digit && i < n &&
                u_isdigit(static_cast<UChar32>(static_cast<unsigned char>(s[i])))) {
                if (c == '.') piece += '.';
                continue;
            }
            if (is_connector(c)) {
                flush();
                end_run();
                continue;
            }
            Script sc = script_of(c);
            if (sc == Script::None) sc = Script::Letter;
            if (sc != piece_script) flush();
            piece_script = sc;
            piece.append(s + at, static_cast<std::size_t>(i - at));
        }
        flush();
        end_run();
    }
};

WordTokenizer::WordTokenizer() : impl_(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    impl_->breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !impl_->breaker) throw std::runtime_error("ICU: cannot create a word break iterator");
}

WordTokenizer::~WordTokenizer() = default;

void WordTokenizer::tokenize(std::string_view text, std::vector<RawWord>& out) {
    if (text.empty()) return;
    UErrorCode status = U_ZERO_ERROR;
    impl_->utext = utext_openUTF8(impl_->utext, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot open text");
    impl_->breaker->setText(impl_->utext, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot set text");

    // A word is a run of word-like ICU segments with at most one connector between them.
    std::int32_t word_start = -1, word_end = -1, prev_end = 0;
    bool space_before = true;
    auto gap_is_space = [&](std::int32_t from, std::int32_t to) {
        std::int32_t i = from;
        while (i < to) {
            UChar32 c;
            U8_NEXT(text.data(), i, to, c);
            if (c < 0 || !u_isUWhiteSpace(c)) return false;
        }
        return true;
    };
    auto gap_is_connector = [&](std::int32_t from, std::int32_t to) {
        if (from == to) return true;
        std::int32_t i = from;
        UChar32 c;
        U8_NEXT(text.data(), i, to, c);
        return i == to && is_connector(c);
    };
    auto emit = [&] {
        if (word_start < 0) return;
        RawWord w;
        Impl::build(text, static_cast<std::uint32_t>(word_start), static_cast<std::uint32_t>(word_end), w);
        w.space_before = space_before;
        if (!w.parts.empty()) out.push_back(std::move(w));
        prev_end = word_end;
        word_start = -1;
    };
    auto& bi = *impl_->breaker;
    for (std::int32_t s = bi.first(), e = bi.next(); e != icu::BreakIterator::DONE; s = e, e = bi.next()) {
        if (bi.getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
            // Spaces and punctuation; a lone symbol such as ㆍ may still be a connector.
            continue;
        }
        if (word_start >= 0 && gap_is_connector(word_end, s)) {
            word_end = e;
            continue;
        }
        emit();
        space_before = gap_is_space(prev_end, s);
        word_start = s;
        word_end = e;
    }
    emit();
}

}  // namespace bodo
