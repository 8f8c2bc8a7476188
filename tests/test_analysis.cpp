// The Analyzer: words, parts, Korean stems and bigrams, English stems, offsets.
#include <catch2/catch.hpp>

#include <algorithm>

#include "analysis/analyzer.h"
#include "analysis/korean.h"
#include "analysis/word_tokenizer.h"

using bodo::Analyzer;
using bodo::TermKind;
using bodo::Token;

namespace {

std::vector<std::string> terms_of(const std::vector<Token>& tokens, TermKind kind) {
    std::vector<std::string> out;
    for (const auto& t : tokens)
        if (t.kind == kind) out.push_back(t.term);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("words are NFKC case-folded and keep their byte offsets", "[analysis]") {
    const std::string text = "ＡＢＣ Seoul  과학기술정보통신부는";
    const auto tokens = Analyzer().analyze(text);
    const auto words = terms_of(tokens, TermKind::Word);
    REQUIRE(words == std::vector<std::string>{"abc", "seoul", "과학기술정보통신부는"});
    for (const Token& t : tokens) {
        REQUIRE(t.end <= text.size());
        if (t.kind == TermKind::Word && t.term == "과학기술정보통신부는")
            CHECK(text.substr(t.start, t.end - t.start) == "과학기술정보통신부는");
        if (t.kind == TermKind::Word && t.term == "seoul") CHECK(text.substr(t.start, t.end - t.start) == "Seoul");
    }
}

TEST_CASE("a Korean word with a particle yields the bare word as a stem", "[analysis][korean]") {
    const auto tokens = Analyzer().analyze("뉴질랜드와 과학기술정보통신부는 청년들에게");
    const auto stems = terms_of(tokens, TermKind::Stem);
    CHECK(has(stems, "뉴질랜드"));
    CHECK(has(stems, "과학기술정보통신부"));
    CHECK(has(stems, "청년들"));
    CHECK(has(stems, "청년"));
    // The stem sits at the word's position so that phrases can use it.
    for (const Token& t : tokens)
        if (t.kind == TermKind::Stem && t.term == "뉴질랜드") CHECK(t.position == 1);
}

TEST_CASE("stems are never shorter than two syllables", "[analysis][korean]") {
    CHECK(bodo::korean::stem_candidates("회의").empty());  // not 회 + 의
    CHECK(bodo::korean::stem_candidates("국가").empty());  // not 국 + 가
    const auto c = bodo::korean::stem_candidates("전문가");
    CHECK(c == std::vector<std::string>{"전문"});  // over-generated; the query side checks evidence
    CHECK(bodo::korean::stem_candidates("covid").empty());
}

TEST_CASE("inflected forms are exactly what stemming takes back to the stem", "[analysis][korean]") {
    const auto forms = bodo::korean::inflected_forms("전략");
    for (const char* f : {"전략을", "전략의", "전략으로", "전략에서는", "전략들과"}) CHECK(has(forms, f));
    for (const std::string& f : forms) {
        INFO(f);
        CHECK(has(bodo::korean::stem_candidates(f), "전략"));
    }
    CHECK(bodo::korean::inflected_forms("회").empty());  // stems have two syllables at least
    CHECK(bodo::korean::inflected_forms("AI").empty());
}

TEST_CASE("Hangul bigrams follow syllables and cross a single space", "[analysis][korean]") {
    const auto tokens = Analyzer().analyze("반도체 전략");
    const auto bigrams = terms_of(tokens, TermKind::Bigram);
    REQUIRE(bigrams == std::vector<std::string>{"반도", "도체", "체전", "전략"});
    // Consecutive positions, so a phrase of bigrams finds 반도체전략 written together.
    std::vector<std::uint32_t> pos;
    for (const Token& t : tokens)
        if (t.kind == TermKind::Bigram) pos.push_back(t.position);
    for (std::size_t i = 1; i < pos.size(); ++i) CHECK(pos[i] == pos[i - 1] + 1);
    const auto together = terms_of(Analyzer().analyze("반도체전략"), TermKind::Bigram);
    CHECK(together == bigrams);
}

TEST_CASE("bigrams do not join across punctuation or Latin words", "[analysis][korean]") {
    const auto b1 = terms_of(Analyzer().analyze("반도체, 전략"), TermKind::Bigram);
    CHECK_FALSE(has(b1, "체전"));
    const auto b2 = terms_of(Analyzer().analyze("반도체 AI 전략"), TermKind::Bigram);
    CHECK_FALSE(has(b2, "체전"));
}

TEST_CASE("under the body's rules bigrams and joined terms stop at spaces", "[analysis][korean]") {
    std::vector<Token> tokens;
    bodo::Positions positions;
    positions.body_rules();
    Analyzer().analyze("반도체 전략을", tokens, positions);
    CHECK(terms_of(tokens, TermKind::Bigram) == std::vector<std::string>{"반도", "도체", "전략", "략을"});
    CHECK(terms_of(tokens, TermKind::Joined).empty());
    CHECK(terms_of(tokens, TermKind::Word) == std::vector<std::string>{"반도체", "전략을"});
}

TEST_CASE("a compound contains its parts as bigrams", "[analysis][korean]") {
    const auto bigrams = terms_of(Analyzer().analyze("과학기술정보통신부는"), TermKind::Bigram);
    for (const char* b : {"정보", "보통", "통신"}) CHECK(has(bigrams, b));
    // Never a single syllable.
    for (const auto& b : bigrams) CHECK(b.size() == 6);
}

TEST_CASE("two Hangul words apart are also run together, the way queries type them", "[analysis][korean]") {
    const std::string text = "반도체 전략을 및 지원";
    const auto tokens = Analyzer().analyze(text);
    const auto joined = terms_of(tokens, TermKind::Joined);
    CHECK(has(joined, "반도체전략을"));
    CHECK(has(joined, "반도체전략"));  // the second word's particle stripped as well
    CHECK_FALSE(has(joined, "전략을및"));  // one-syllable words (및, 등) are not joined
    CHECK_FALSE(has(joined, "및지원"));
    for (const Token& t : tokens)
        if (t.kind == TermKind::Joined) CHECK(text.substr(t.start, t.end - t.start) == "반도체 전략을");

    CHECK(terms_of(Analyzer().analyze("반도체, 전략"), TermKind::Joined).empty());  // not across punctuation
    CHECK(terms_of(Analyzer().analyze("5G 전략"), TermKind::Joined).empty());      // nor after a Latin word

    // Not across fields.
    std::vector<Token> across;
    bodo::Positions positions;
    Analyzer().analyze("반도체", across, positions);
    positions.gap();
    Analyzer().analyze("전략", across, positions);
    CHECK(terms_of(across, TermKind::Joined).empty());
}

TEST_CASE("mixed tokens are searchable whole and by their parts", "[analysis][mixed]") {
    struct Case {
        const char* text;
        const char* whole;
        std::vector<std::string> parts;
    };
    const std::vector<Case> cases{
        {"COVID-19", "covid19", {"covid", "19"}}, {"K-방역", "k방역", {"k", "방역"}},
        {"1조원", "1조원", {"1", "조원"}},          {"5G", "5g", {"5", "g"}},
        {"R&D", "rd", {"r", "d"}},                {"교환·환불", "교환환불", {"교환", "환불"}},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto tokens = Analyzer().analyze(c.text);
        CHECK(terms_of(tokens, TermKind::Word) == std::vector<std::string>{c.whole});
        CHECK(terms_of(tokens, TermKind::Part) == c.parts);
    }
}

TEST_CASE("a mixed word with a particle is filed under the word without it", "[analysis][mixed]") {
    const auto stems = terms_of(Analyzer().analyze("48진을 K-방역에서 교환·환불을 AI를"), TermKind::Stem);
    CHECK(has(stems, "48진"));
    CHECK(has(stems, "k방역"));
    CHECK(has(stems, "교환환불"));
    CHECK_FALSE(has(stems, "ai"));  // a part of its own already: the index has it as a word
    using bodo::korean::mixed_stem_candidates;
    CHECK(mixed_stem_candidates("ai를", "를") == std::vector<std::string>{"ai"});
    CHECK(mixed_stem_candidates("10인", "인").empty());  // a counter, not the copula: particles only
    CHECK(mixed_stem_candidates("5g", "g").empty());
}

TEST_CASE("numbers keep decimal points and drop digit grouping", "[analysis][mixed]") {
    CHECK(terms_of(Analyzer().analyze("3.17"), TermKind::Word) == std::vector<std::string>{"3.17"});
    CHECK(terms_of(Analyzer().analyze("1,000"), TermKind::Word) == std::vector<std::string>{"1000"});
}

TEST_CASE("English words get Snowball stems beside their exact forms", "[analysis][english]") {
    const auto tokens = Analyzer().analyze("Cooperation meetings");
    CHECK(terms_of(tokens, TermKind::Word) == std::vector<std::string>{"cooperation", "meetings"});
    CHECK(terms_of(tokens, TermKind::EnglishStem) == std::vector<std::string>{"cooper", "meet"});
    // Acronyms stay whole.
    CHECK(terms_of(Analyzer().analyze("MSIT"), TermKind::Word) == std::vector<std::string>{"msit"});
}

TEST_CASE("positions continue across calls and gaps stop phrases", "[analysis]") {
    Analyzer a;
    std::vector<Token> tokens;
    bodo::Positions pos;
    a.analyze("반도체", tokens, pos);
    pos.gap();
    a.analyze("전략", tokens, pos);
    CHECK_FALSE(has(terms_of(tokens, TermKind::Bigram), "체전"));
    CHECK(tokens.back().position > 100);
}

TEST_CASE("invalid UTF-8 is skipped, not fatal", "[analysis]") {
    const std::string bad = std::string("정보\xff\xfe통신 ok");
    std::vector<Token> tokens;
    REQUIRE_NOTHROW(tokens = Analyzer().analyze(bad));
    CHECK(has(terms_of(tokens, TermKind::Word), "ok"));
}

TEST_CASE("normalize folds width and case", "[analysis]") {
    CHECK(bodo::normalize("ＫＯＲＥＡ") == "korea");
    CHECK(bodo::normalize("Straße") == "strasse");
    CHECK(bodo::normalize("한국") == "한국");
}
