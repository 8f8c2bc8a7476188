#include "analysis/korean_words.h"

#include <algorithm>
#include <array>

namespace bodo::korean {
namespace {

constexpr std::size_t kSyllable = 3;  // bytes of a Hangul syllable in UTF-8

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

constexpr std::array<std::string_view, 13> kQuestionStems{"언제", "누구", "누가", "무엇", "뭐", "어디", "어떻게",
                                                          "어떤", "얼마", "몇", "어느", "무슨", "왜"};

constexpr std::array<std::string_view, 14> kQuestionVerbs{"하나요", "되나요", "있나요", "없나요", "인가요",
                                                          "건가요", "할까요", "될까요", "합니까", "됩니까",
                                                          "입니까", "있습니까", "했나요", "됐나요"};

// Longest first: a word is matched against the first that fits.
constexpr std::array<std::string_view, 21> kQuestionEndings{
    "었습니까", "았습니까", "했습니까", "됐습니까", "습니까", "었나요", "았나요", "했나요", "됐나요", "인가요",
    "는가요", "을까요", "할까요", "될까요", "나요", "까요", "가요", "니까", "는지", "인지", "죠"};

constexpr std::array<std::string_view, 36> kFunctionWords{
    "위해", "위한", "위하여", "통해", "통한", "통하여", "대한", "대해", "대하여", "관한", "관해", "관하여",
    "따른", "따라", "의한", "인한", "있는", "없는", "하는", "되는", "같은", "있다", "한다", "된다",
    "수", "것", "등", "및", "또는", "그", "이", "저", "더", "또", "좀", "잘"};

// Adverbs, conjunctive adverbs and determiners (Lucene nori's default stop tags MAG, MAJ, MM
// drop them): a question says 새로 뽑힌, 처음 찾아간, 모든 기업; the release it asks about rarely
// uses the same adverb. Not those that are also common nouns (대체, 우선, 약, 총, 새, 세, 한).
// bench/questions dev 0.795 -> 0.800, keyword sets unchanged (bench/HISTORY.md, session 11).
constexpr std::array<std::string_view, 59> kAdverbsAndDeterminers{
    "새로", "처음", "다시", "함께", "모두", "가장", "많이", "이미", "아직", "앞으로", "직접", "미리",
    "먼저", "곧", "계속", "특히", "주로", "새롭게", "제대로", "꼭", "바로", "이제", "벌써", "자주",
    "크게", "빨리", "서로", "따로", "각각", "더욱", "매우", "아주", "정말", "과연", "실제로", "점점",
    "혹시", "도대체", "정확히", "대략", "일단", "결국", "역시", "오히려", "반드시", "제일", "그리고",
    "그러나", "하지만", "또한", "그래서", "따라서", "즉", "혹은", "모든", "여러", "이런", "그런", "저런"};

constexpr std::array<std::string_view, 11> kDependentNouns{"곳", "것", "수", "때", "중", "데", "바", "줄", "명", "개", "건"};
constexpr std::array<std::string_view, 11> kShortParticles{"이", "가", "은", "는", "을", "를", "에", "의", "도", "로", "만"};

constexpr std::array<std::string_view, 48> kClearEndings{
    "을", "를", "은", "는", "에서", "에게", "으로", "께서", "한테", "까지", "부터", "보다", "처럼", "만큼",
    "마다", "에는", "에도", "로는", "로서", "로써", "와의", "과의", "으로는", "으로서", "으로써", "에서는",
    "에서도", "에서의", "에게는", "에게도", "까지는", "부터는", "이라는", "이라고", "으로의", "들이", "들은",
    "들을", "들의", "들에게", "하는", "했다", "한다", "하고", "하며", "하기", "되는", "됐다"};

constexpr std::array<std::string_view, 17> kCounters{"차", "회", "호", "일", "월", "년", "개", "명", "시", "분",
                                                     "기", "번", "건", "종", "권", "곳", "주"};

}  // namespace

bool is_question_word(std::string_view word) {
    return std::any_of(kQuestionStems.begin(), kQuestionStems.end(), [&](std::string_view s) { return word.starts_with(s); });
}

bool is_question_verb(std::string_view word) { return listed(kQuestionVerbs, word); }

std::string_view question_ending(std::string_view word) {
    for (std::string_view e : kQuestionEndings)
        if (word.size() > e.size() && word.ends_with(e)) return e;
    return {};
}

bool is_function_word(std::string_view word) {
    if (listed(kFunctionWords, word) || listed(kAdverbsAndDeterminers, word)) return true;
    return word.size() == 2 * kSyllable && listed(kDependentNouns, word.substr(0, kSyllable)) &&
           listed(kShortParticles, word.substr(kSyllable));
}

bool is_clear_ending(std::string_view suffix) { return listed(kClearEndings, suffix); }

bool is_counter(std::string_view syllable) { return listed(kCounters, syllable); }

}  // namespace bodo::korean
