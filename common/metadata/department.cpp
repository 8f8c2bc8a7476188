#include "metadata/department.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>

#include "text/hangul.h"
#include "text/utf8.h"

namespace bodo::metadata {

namespace {

using std::string_view;
using text::code_point_before;
using text::is_hangul_syllable;
using text::next_code_point;
constexpr auto npos = string_view::npos;

// ---- UTF-8 helpers -------------------------------------------------------------------------

/// memmem is much faster than string_view::find for Korean needles, whose lead bytes are
/// everywhere in Korean text.
std::size_t find(string_view text, string_view needle, std::size_t from = 0) noexcept {
    if (from >= text.size()) return npos;
    const void* hit = ::memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
    return hit == nullptr ? npos : static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
}

bool is_ascii_alnum(char32_t c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char32_t c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }

bool ends_with(string_view s, string_view suffix) noexcept {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool ends_with_any(string_view s, std::initializer_list<string_view> suffixes) noexcept {
    for (auto suffix : suffixes) {
        if (ends_with(s, suffix)) return true;
    }
    return false;
}
bool equals_any(string_view s, std::initializer_list<string_view> words) noexcept {
    for (auto word : words) {
        if (s == word) return true;
    }
    return false;
}

// ---- What a unit name looks like -----------------------------------------------------------

/// Ordinary words shaped like unit names ("결과" ends in 과, "체계" in 계, "한국" in 국).
///
/// Whole tokens only, since real units end the same way: 육성과, 수사과, 지원팀, 추진단.
/// Only a few compounds are caught by their ending, as no unit ends so ("관리체계", "전세계").
bool is_common_word(string_view t) noexcept {
    if (ends_with_any(t, {"체계", "관계", "단계", "세계", "업계", "생태계", "한국", "중국", "미국", "전국", "외국"})) {
        return true;
    }
    return equals_any(t, {"결과", "효과", "성과", "통과", "초과", "경과", "부과", "교과", "사과", "학과", "간과",
                          "학계", "회계", "설계", "통계", "경계", "한계", "연계", "시계", "기계", "원팀", "한팀",
                          "연구팀", "영국", "태국", "당국", "결국", "약국", "각국", "양국", "타국", "제국", "사실",
                          "현실", "교실", "확실", "부실", "손실", "충실", "진실", "내실", "절실", "성실", "결실",
                          "회의실", "사무실", "화장실", "자문단", "대표단", "사절단", "방문단", "참관단", "평가단",
                          "심사단", "봉사단", "선수단", "응원단", "기자단", "판단", "수단", "집단", "차단", "진단",
                          "중단", "공단", "재단", "일반", "위반", "기반", "전반", "후반", "중반", "초반", "과반",
                          "동반", "수반", "하반", "상반", "사무국"});
}

/// How specific a unit name is: 3 for a division (과, 팀, 담당관 …), 2 for the spokesperson's
/// office or a centre, 1 for a bureau or office above a division (국, 실, 단, 정책관, 본부),
/// 0 for anything else (ministries, names, ranks, ordinary words).
int unit_level(string_view token) noexcept {
    std::size_t syllables = 0;
    bool in_parentheses = false;  // "비알티(BRT)기획팀": the gloss is not part of the name's shape
    for (std::size_t i = 0; i < token.size();) {
        const char32_t c = next_code_point(token, i);
        if (c == '(' && !in_parentheses) {
            in_parentheses = true;
        } else if (c == ')' && in_parentheses) {
            in_parentheses = false;
        } else if (in_parentheses) {
            // skipped
        } else if (is_hangul_syllable(c)) {
            ++syllables;
        } else if (!is_ascii_alnum(c)) {
            return 0;
        }
    }
    if (in_parentheses) return 0;
    if (syllables < 2 || token.size() < 9 || is_common_word(token)) return 0;
    if (ends_with_any(token, {"담당관", "담당관실", "과", "팀", "계", "반"})) return 3;
    // The spokesperson's office and centres rank below a division named beside them.
    if (ends_with_any(token, {"대변인", "대변인실", "상황실"})) return 2;
    if (ends_with(token, "센터") && syllables >= 4) return 2;
    if (ends_with_any(token, {"국", "실", "단", "본부", "정책관", "기획관", "심의관", "협력관", "조정관", "감사관",
                              "보좌관", "관실"})) {
        return 1;
    }
    return 0;
}

/// A token of a contact line without its bullets, brackets, phone numbers and punctuation:
/// "(임금체불)근로감독기획과" → "근로감독기획과", "김경희(042-…)" → "김경희",
/// "민원조사기획과(이동신문고팀)" → "민원조사기획과"; a gloss inside a name stays: "비알티(BRT)기획팀".
string_view clean_token(string_view t) noexcept {
    for (;;) {
        if (t.empty()) return t;
        if (t.front() == '(') {
            const auto close = t.find(')');
            if (close == npos || close + 1 == t.size()) {
                t.remove_prefix(1);
            } else {
                t.remove_prefix(close + 1);
            }
            continue;
        }
        std::size_t n = 0;
        const char32_t c = next_code_point(t, n);
        if (is_hangul_syllable(c) || is_ascii_alnum(c)) break;
        t.remove_prefix(n);
    }
    // A trailing parenthesis (a phone number, a sub-team) is cut; one inside a name is kept.
    for (auto paren = t.find('('); paren != npos; paren = t.find('(', paren + 1)) {
        const auto close = t.find(')', paren);
        if (close == npos || close + 1 == t.size()) {
            t = t.substr(0, paren);
            break;
        }
    }
    while (!t.empty()) {
        std::size_t start = t.size();
        const char32_t c = code_point_before(t, start);
        if (is_hangul_syllable(c) || is_ascii_alnum(c)) break;
        t.remove_suffix(t.size() - start);
    }
    return t;
}

/// Splits on white space and the separators contact lines use between people and units.
template <typename F>
void for_each_token(string_view text, F&& f) {
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t next = i;
        const char32_t c = next_code_point(text, next);
        const bool separator = is_space(c) || c == ',' || c == '/' || c == '|' || c == ';' || c == 0x260e ||
                               c == 0x260f || c == 0x3001 || c == 0xff0c;
        if (separator) {
            if (i > start && !f(text.substr(start, i - start))) return;
            start = next;
        }
        i = next;
    }
    if (i > start) f(text.substr(start, i - start));
}

/// The most specific unit in a contact window (the first one at that level).
string_view best_unit(string_view window) {
    string_view best;
    int best_level = 0;
    for_each_token(window, [&](string_view raw) {
        const auto token = clean_token(raw);
        const int level = unit_level(token);
        if (level > best_level) {
            best = token;
            best_level = level;
        }
        return best_level < 3;
    });
    return best;
}

// ---- Labelled contacts ---------------------------------------------------------------------

/// True when only white space and bullets precede `pos` on its line: labels start lines,
/// while "보육 담당 부서, …" inside a sentence is prose.
bool at_line_start(string_view text, std::size_t pos) noexcept {
    std::size_t i = pos;
    while (i > 0 && pos - i < 32) {
        const char32_t c = code_point_before(text, i);
        if (c == '\n') return true;
        if (is_hangul_syllable(c) || is_ascii_alnum(c)) return false;
    }
    return i == 0;
}

std::size_t skip_inline_space(string_view text, std::size_t pos) noexcept {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    return pos;
}

/// Skips the label's punctuation (":", "：", ".", ">", ")", "]") and following spaces.
std::size_t skip_label_punctuation(string_view text, std::size_t pos) noexcept {
    for (;;) {
        pos = skip_inline_space(text, pos);
        if (pos >= text.size()) return pos;
        const char c = text[pos];
        if (c == ':' || c == '.' || c == '>' || c == ')' || c == ']' || c == '-') {
            ++pos;
            continue;
        }
        if (text.substr(pos, 3) == "：" || text.substr(pos, 3) == "】" || text.substr(pos, 3) == "〉") {
            pos += 3;
            continue;
        }
        return pos;
    }
}

/// The unit named after a label that ends at `pos`.
///
/// Inline ("담당: 형사과 경정 …") reads the rest of the line. A label alone on its line heads a
/// flattened table ("담당 부서⏎청년정책조정실⏎책임자⏎팀 장⏎…⏎청년정책관리팀⏎담당자…"): read the
/// short lines that follow, up to the 담당자 (contact person) cell.
string_view unit_after_label(string_view text, std::size_t pos) {
    pos = skip_label_punctuation(text, pos);
    if (pos >= text.size()) return {};
    if (text[pos] != '\n' && text[pos] != '\r') {
        auto end = text.find('\n', pos);
        if (end == npos) end = text.size();
        const auto unit = best_unit(text.substr(pos, std::min<std::size_t>(end - pos, 240)));
        // "담당부서 및 연락처⏎관세국경감시과⏎…": a short line of headings before the table's cells.
        if (!unit.empty() || end - pos > 30 || end == text.size()) return unit;
        pos = end;
    }
    string_view window = text.substr(pos, 400);
    if (const auto person = find(window, "담당자"); person != npos) window = window.substr(0, person);
    // Stop at the first line of prose: table cells are short.
    std::size_t line_start = 0;
    while (line_start < window.size()) {
        auto line_end = window.find('\n', line_start);
        if (line_end == npos) line_end = window.size();
        if (line_end - line_start > 120) {
            window = window.substr(0, line_start);
            break;
        }
        line_start = line_end + 1;
    }
    return best_unit(window);
}

/// Labels: "담당부서", "담당 부서", "담당:", "담당자:", "문의:", "문 의:", "문의.", "문의처:".
string_view labelled_unit(string_view text) {
    // Scan "담당" and "문" + "의" forms in text order by taking the nearest of each.
    static constexpr std::array<string_view, 4> needles = {"담당", "담 당", "문의", "문 의"};
    std::array<std::size_t, needles.size()> next{};
    for (std::size_t k = 0; k < needles.size(); ++k) next[k] = find(text, needles[k]);
    for (;;) {
        std::size_t k = 0;
        for (std::size_t j = 1; j < needles.size(); ++j) {
            if (next[j] < next[k]) k = j;
        }
        const std::size_t at = next[k];
        if (at == npos) return {};
        const std::size_t after = at + needles[k].size();
        next[k] = find(text, needles[k], after);
        if (!at_line_start(text, at)) continue;

        std::size_t pos = after;
        bool label = false;
        if (k < 2) {
            const std::size_t p = skip_inline_space(text, pos);
            if (text.substr(p, 6) == "부서") {
                pos = p + 6;
                // "담당부서에서 …" is prose; a label is followed by punctuation, space or a line end.
                label = pos >= text.size() || static_cast<unsigned char>(text[pos]) < 0x80 ||
                        text.substr(pos, 3) == "：" || text.substr(pos, 3) == "】" || text.substr(pos, 3) == "〉";
            } else {
                if (text.substr(p, 3) == "자") pos = p + 3;
                const std::size_t q = skip_inline_space(text, pos);
                label = text.substr(q, 1) == ":" || text.substr(q, 3) == "：";
            }
        } else {
            if (text.substr(pos, 3) == "처") pos += 3;
            const std::size_t q = skip_inline_space(text, pos);
            label = q < text.size() && (text[q] == ':' || text[q] == '.' || text.substr(q, 3) == "：");
        }
        if (!label) continue;
        if (const auto unit = unit_after_label(text, pos); !unit.empty()) return unit;
    }
}

/// "이 보도자료와 관련하여 … 취재를 원하시면 중소벤처기업부 정책평가과 임상철 사무관(☎ …)에게 연락…".
string_view contact_sentence_unit(string_view text) {
    static constexpr string_view opener = "취재를 원하시면";
    for (auto at = find(text, opener); at != npos; at = find(text, opener, at + 1)) {
        string_view window = text.substr(at + opener.size(), 300);
        if (const auto end = find(window, "연락"); end != npos) window = window.substr(0, end);
        if (const auto unit = best_unit(window); !unit.empty()) return unit;
    }
    return {};
}

// ---- A head named with the unit ------------------------------------------------------------

/// Common Korean surnames: a name next to a title must start with one.
bool is_surname(char32_t c) noexcept {
    static constexpr string_view surnames =
        "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추"
        "도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉";
    for (std::size_t i = 0; i < surnames.size();) {
        if (next_code_point(surnames, i) == c) return true;
    }
    return false;
}

bool is_title_word(string_view name) noexcept;

/// A personal name of two or three syllables at `pos` (optionally with a particle), bounded by
/// non-Hangul; returns its end, or npos.
std::size_t name_at(string_view text, std::size_t pos) {
    std::size_t i = pos;
    std::size_t syllables = 0;
    while (i < text.size()) {
        std::size_t next = i;
        const char32_t c = next_code_point(text, next);
        if (!is_hangul_syllable(c)) break;
        if (syllables == 0 && !is_surname(c)) return npos;
        ++syllables;
        i = next;
    }
    auto name = text.substr(pos, i - pos);
    // "김명수는": drop one particle so the name itself is checked.
    if (syllables >= 3 && ends_with_any(name, {"은", "는", "이", "가", "의", "도"})) {
        name.remove_suffix(3);
        --syllables;
    }
    if (syllables < 2 || syllables > 3) return npos;
    // Words that follow a title as often as names do ("국장 주재로", "과장 이번에"): check the
    // name and its first two syllables.
    const auto first_two = name.substr(0, 6);
    for (const auto word : {name, first_two}) {
        if (is_title_word(word)) return npos;
    }
    return i;
}

/// Words that follow or precede a title where a name could stand.
bool is_title_word(string_view name) noexcept {
    return equals_any(name, {"이번", "이날", "이후", "이어", "이와", "이를", "이에", "이상", "이하", "이들", "이는", "정부",
                          "전국", "전체", "지난", "지역", "오는", "오늘", "한편", "한국", "하는", "주관", "주재", "주요",
                          "강조", "강화", "안내", "안전", "조치", "조사", "공동", "공사", "지원", "도입", "우리", "나라",
                          "구성", "방문", "마련", "최근", "최종", "서기관", "사무관", "주무관", "연구관", "연구사",
                          "이사관", "직무대리", "대리", "참석", "주재로", "대행", "소속", "명의"});
}

/// "과수과장 김명수", "이용권 산림교육치유과장은", "연금정책국장 …": the unit whose head is named.
string_view head_unit(string_view text, string_view title) {
    std::array<string_view, 3> seen{};  // distinct units, in order
    std::size_t distinct = 0;
    for (auto at = find(text, title); at != npos; at = find(text, title, at + 1)) {
        // The unit is the run of Hangul ending with the title's first syllable (과, 팀, 국).
        std::size_t start = at;
        for (;;) {
            std::size_t before = start;
            const char32_t c = code_point_before(text, before);
            if (!(is_hangul_syllable(c) || is_ascii_alnum(c))) break;
            start = before;
        }
        const auto unit = text.substr(start, at + 3 - start);
        if (unit_level(unit) == 0) continue;
        const std::size_t after = at + title.size();
        std::size_t next_end = after;
        const char32_t next = after < text.size() ? next_code_point(text, next_end) : 0;
        // After the title: the name ("과장 김명수"), or a particle ending the phrase ("과장은").
        std::size_t p = after;
        int spaces = 0;
        while (p < text.size() && is_space(static_cast<unsigned char>(text[p])) && spaces < 6) {
            ++p;
            ++spaces;
        }
        bool named = spaces > 0 && name_at(text, p) != npos;
        if (!named && (!is_hangul_syllable(next) || next == U'은' || next == U'는' || next == U'이' || next == U'의')) {
            // Before the unit: "이용권 산림교육치유과장은", or with the agency between them:
            // "정원화 국립환경과학원 생물안전연구팀장은".
            std::size_t q = start;
            for (int word = 0; word < 2 && !named; ++word) {
                if (code_point_before(text, q) != ' ') break;
                std::size_t word_start = q;
                for (;;) {
                    std::size_t before = word_start;
                    if (!is_hangul_syllable(code_point_before(text, before))) break;
                    word_start = before;
                }
                if (word_start == q) break;
                named = name_at(text, word_start) == q;
                q = word_start;
            }
        }
        if (!named || std::find(seen.begin(), seen.begin() + distinct, unit) != seen.begin() + distinct) continue;
        seen[distinct++] = unit;
        // Heads of three different units: a personnel list or a guest list, not a contact.
        if (distinct == seen.size()) return {};
    }
    return seen[0];
}

// ---- English -------------------------------------------------------------------------------

bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }

/// "Director-General of the International Cooperation Bureau" → "International Cooperation Bureau".
string_view english_unit(string_view text) {
    for (string_view kind : {string_view(" Bureau"), string_view(" Division")}) {
        for (auto at = find(text, kind); at != npos; at = find(text, kind, at + 1)) {
            const std::size_t end = at + kind.size();
            if (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') || is_upper(text[end]))) continue;
            // Walk back over capitalised words (and the small words inside names) to "the".
            std::size_t start = at;
            std::size_t phrase_start = npos;
            for (;;) {
                std::size_t word_end = start;
                while (start > 0 && text[start - 1] != ' ' && text[start - 1] != '\n') --start;
                const auto word = text.substr(start, word_end - start);
                if (word == "the" || word == "The") break;
                const bool name_word = !word.empty() && (is_upper(word.front()) || word == "and" || word == "of" ||
                                                         word == "for" || word == "on" || word == "&");
                if (!name_word || start == 0) {
                    phrase_start = npos;
                    break;
                }
                phrase_start = start;
                --start;  // the space
            }
            if (phrase_start == npos || start < 4) continue;
            // Require a head's title before: "Director-General of the", "Director of the", "Head of the".
            const auto before = text.substr(start >= 40 ? start - 40 : 0, start >= 40 ? 40 : start);
            if (find(before, "Director") == npos && find(before, "Head") == npos &&
                find(before, "head") == npos && find(before, "Chief") == npos) {
                continue;
            }
            return text.substr(phrase_start, end - phrase_start);
        }
    }
    return {};
}

}  // namespace

std::string recognise_department(std::string_view text) {
    if (auto unit = labelled_unit(text); !unit.empty()) return std::string(unit);
    if (auto unit = contact_sentence_unit(text); !unit.empty()) return std::string(unit);
    if (auto unit = head_unit(text, "과장"); !unit.empty()) return std::string(unit);
    if (auto unit = head_unit(text, "팀장"); !unit.empty()) return std::string(unit);
    if (auto unit = english_unit(text); !unit.empty()) return std::string(unit);
    if (auto unit = head_unit(text, "국장"); !unit.empty()) return std::string(unit);
    return {};
}

}  // namespace bodo::metadata
