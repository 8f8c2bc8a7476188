// The query model: what each expansion of a word matches, and the rules of the match set
// (README, "What a query matches"). Each case builds a small index with IndexWriter, which also
// writes the lexicon, and searches it as bodo-search does.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <fstream>
#include <cstring>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "index/index_writer.h"
#include "schema/lexicon.h"
#include "schema/ranking.h"
#include "make_release.h"
#include "query/query_builder.h"
#include "query/query_syntax.h"
#include "search/searcher.h"
#include "temp_dir.h"
#include "text/hangul.h"
#include "text/utf8.h"

using namespace bodo;
using test::add_fillers;
using test::make_release;

namespace {

/// `n` distinct words, each two Hangul syllables of its own and then `tail`, spaced.
std::string distinct_words(std::size_t n, const std::string& tail) {
    std::string out;
    for (char32_t i = 0; i < n; ++i) {
        text::append_utf8(out, text::kFirstHangulSyllable + i / 64);
        text::append_utf8(out, 0xB098 + i % 64);  // 나 onwards
        out += tail + " ";
    }
    return out;
}

/// An index of `releases` (and its lexicon), a searcher on it and the builder's view of it.
struct Index {
    test::TempDir dir;
    std::string path = dir / "index";
    explicit Index(const std::vector<Release>& releases) {
        IndexWriter w(path);
        for (const auto& r : releases) w.add(r);
        w.commit();
    }

    /// The ids a query matches, every one of them, sorted.
    std::vector<std::string> ids(const std::string& query) const {
        Searcher s(path);
        SearchRequest req;
        req.query = query;
        req.limit = 100;
        req.collapse = false;
        req.snippets = false;
        std::vector<std::string> v;
        for (const Hit& h : s.search(req).hits) v.push_back(h.id);
        std::sort(v.begin(), v.end());
        return v;
    }

    SearchResponse search(const std::string& query, bool facets = false) const {
        Searcher s(path);
        SearchRequest req;
        req.query = query;
        req.facets = facets;
        req.collapse = false;
        return s.search(req);
    }

    /// The concept a word becomes, as the searcher builds it.
    Concept concept_of(const std::string& word) const {
        Xapian::Database db(path);
        const auto lexicon = Lexicon::open(path);
        QueryBuilder builder(db, nullptr, lexicon.get());
        Clause c;
        c.text = word;
        return builder.concept_of(c);
    }
};

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("a word matches as written and with any particle or ending, both ways", "[query][match]") {
    Index index({make_release("bare", "뉴질랜드 방문", "본문", "2024-01-01", "외교부"),
                 make_release("particle", "뉴질랜드와 협력", "본문", "2024-01-02", "외교부"),
                 make_release("other", "호주 방문", "본문", "2024-01-03", "외교부")});
    CHECK(index.ids("뉴질랜드") == Ids{"bare", "particle"});
    CHECK(index.ids("뉴질랜드와") == Ids{"bare", "particle"});  // the stem stands alone in the index
    const Concept c = index.concept_of("뉴질랜드와");
    REQUIRE(c.find("stem") != nullptr);
    CHECK(c.find("stem")->counts == Counts::Always);
}

TEST_CASE("after an ending no noun has, a known stem counts, also inside longer words", "[query][match]") {
    // 안정 stands alone in fewer releases than 안정을: only the clear ending (을) lets it count.
    std::vector<Release> releases{make_release("ending", "물가 안정을 위한 대책", "본문", "2024-01-01", "기획재정부"),
                                  make_release("inside", "시장 안정화 방안", "본문", "2024-01-02", "기획재정부"),
                                  make_release("other", "시장 동향", "본문", "2024-01-03", "기획재정부")};
    add_fillers(releases, {"안정 기조"});
    Index index(releases);
    const Ids found = index.ids("안정을");
    CHECK(std::count(found.begin(), found.end(), "ending") == 1);
    CHECK(std::count(found.begin(), found.end(), "inside") == 1);
    CHECK(std::count(found.begin(), found.end(), "other") == 0);
}

TEST_CASE("a word inside a longer word matches only where its syllables stand together", "[query][match]") {
    Index index({make_release("compound", "과학기술정보통신부는 발표했다", "본문", "2024-01-01", "과학기술정보통신부"),
                 make_release("apart", "정보 보호와 통신 보안", "통신 정보를 보통 다룬다", "2024-01-02", "과학기술정보통신부"),
                 make_release("word", "정보통신 정책", "본문", "2024-01-03", "과학기술정보통신부")});
    // All the bigrams of 정보통신 (정보, 보통, 통신) are in "apart", but not in a row.
    CHECK(index.ids("정보통신") == Ids{"compound", "word"});
    const Concept c = index.concept_of("정보통신");
    REQUIRE(c.find("inside a word") != nullptr);
    CHECK(c.find("inside a word")->counts == Counts::Always);
    CHECK(c.find("inside a word")->any_term);  // the lexicon's words, not bigrams
}

TEST_CASE("the filing ministry is no word of a release's text", "[query][match]") {
    // Before, every release filed under 과학기술정보통신부 held 정보통신 through its ministry's name.
    Index index({make_release("filed", "인공지능 기본계획", "본문", "2024-01-01", "과학기술정보통신부"),
                 make_release("named", "정보통신 산업 동향", "본문", "2024-01-02", "산업통상자원부")});
    CHECK(index.ids("정보통신") == Ids{"named"});
}

TEST_CASE("a word with a particle ranks its stem inside longer words, as it matches it", "[query][ranking]") {
    Index index({make_release("stem", "거절 사유 안내", "본문", "2024-01-01", "특허청"),
                 make_release("compound", "부분거절제도 도입", "본문", "2024-01-02", "특허청"),
                 make_release("as-typed", "거절되는 경우", "본문", "2024-01-03", "특허청")});
    CHECK(index.ids("거절되는") == Ids{"as-typed", "compound", "stem"});
    const Concept c = index.concept_of("거절되는");
    const Expansion* inside = c.find("inside a word");
    REQUIRE(inside != nullptr);
    // 부분거절제도 holds 거절, not 거절되는: its ranking is the stem's bigram.
    const std::string rank = inside->rank.get_description();
    CHECK(rank.find("G거절") != std::string::npos);
    CHECK(rank.find("G되는") == std::string::npos);
}

TEST_CASE("a Latin token matches whole, in any case, also glued to Hangul or Han, not inside a longer token",
          "[query][match][latin]") {
    Index index({make_release("glued", "AI반도체 육성", "본문", "2024-01-01", "과학기술정보통신부"),
                 make_release("alone", "ai 윤리 기준", "본문", "2024-01-02", "과학기술정보통신부"),
                 make_release("inside", "FAIR 원칙 준수", "본문", "2024-01-03", "과학기술정보통신부"),
                 make_release("h5", "H5 항원 검출", "본문", "2024-01-04", "농림축산식품부"),
                 make_release("h5n8", "H5N8 항원 검출", "본문", "2024-01-05", "농림축산식품부"),
                 make_release("5g", "5G용 주파수", "본문", "2024-01-06", "과학기술정보통신부"),
                 make_release("15g", "15G 시험", "본문", "2024-01-07", "과학기술정보통신부"),
                 make_release("han", "금일 美FOMC 결과", "본문", "2024-01-08", "기획재정부")});
    CHECK(index.ids("AI") == Ids{"alone", "glued"});
    CHECK(index.ids("H5") == Ids{"h5"});
    CHECK(index.ids("5G") == Ids{"5g"});
    CHECK(index.ids("fomc") == Ids{"han"});
}

TEST_CASE("a mixed token matches its parts in a row", "[query][match][latin]") {
    Index index({make_release("joined", "COVID-19 대응", "본문", "2024-01-01", "질병관리청"),
                 make_release("spaced", "COVID 19 대응", "본문", "2024-01-02", "질병관리청"),
                 make_release("apart", "COVID 대응 19개 기관", "본문", "2024-01-03", "질병관리청")});
    CHECK(index.ids("COVID-19") == Ids{"joined", "spaced"});
    const Concept c = index.concept_of("COVID-19");
    REQUIRE(c.find("parts in a row") != nullptr);
    REQUIRE(c.find("parts anywhere") != nullptr);
    CHECK(c.find("parts anywhere")->counts == Counts::IfNothingElse);
}

TEST_CASE("a mixed token with a particle matches what the token matches, not its Hangul part alone",
          "[query][match][latin]") {
    Index index({make_release("k", "K-방역 성과", "본문", "2024-01-01", "질병관리청"),
                 make_release("k-particle", "K-방역을 알리다", "본문", "2024-01-02", "질병관리청"),
                 make_release("hangul-part", "방역 수칙 안내", "본문", "2024-01-03", "질병관리청"),
                 make_release("ai", "AI 윤리 기준", "본문", "2024-01-04", "과학기술정보통신부"),
                 make_release("ai-particle", "AI를 활용한 행정", "본문", "2024-01-05", "과학기술정보통신부"),
                 make_release("48", "청해부대 48진 출정", "본문", "2024-01-06", "국방부"),
                 make_release("48-particle", "청해부대 48진을 격려", "본문", "2024-01-07", "해양수산부"),
                 make_release("47", "청해부대 47진 복귀", "본문", "2024-01-08", "국방부"),
                 make_release("5g", "5G 주파수 할당", "본문", "2024-01-09", "과학기술정보통신부"),
                 make_release("5g-particle", "5G를 활용한 서비스", "본문", "2024-01-10", "과학기술정보통신부"),
                 make_release("rd", "R&D 투자 확대", "본문", "2024-01-11", "과학기술정보통신부"),
                 make_release("rd-glued", "R&D센터 개소", "본문", "2024-01-12", "과학기술정보통신부")});
    CHECK(index.ids("K-방역을") == Ids{"k", "k-particle"});
    CHECK(index.ids("K-방역") == Ids{"k", "k-particle"});
    CHECK(index.ids("AI를") == Ids{"ai", "ai-particle"});
    CHECK(index.ids("48진을") == Ids{"48", "48-particle"});
    CHECK(index.ids("48진") == Ids{"48", "48-particle"});
    CHECK(index.ids("5G를") == Ids{"5g", "5g-particle"});  // the run 5g, after its parts 5 and g
    // Everything R&D matches, its parts in a row (R&D센터) too.
    CHECK(index.ids("R&D") == Ids{"rd", "rd-glued"});
    CHECK(index.ids("R&D와") == Ids{"rd", "rd-glued"});
}

TEST_CASE("an English word's endings count, a token in capitals matches whole", "[query][match][english]") {
    Index index({make_release("plural", "Ministers meetings held", "body", "2024-01-01", "외교부"),
                 make_release("other", "Annual report", "body", "2024-01-02", "외교부")});
    CHECK(index.ids("meeting") == Ids{"plural"});
    CHECK(index.ids("MEETING").empty());  // an acronym or a name: whole
    CHECK(index.concept_of("meeting").find("english stem")->counts == Counts::Always);
    CHECK(index.concept_of("MEETING").find("english stem")->counts == Counts::Never);
}

TEST_CASE("a run-together word matches its pieces side by side, not scattered", "[query][match][spacing]") {
    std::vector<Release> releases{
        make_release("joined", "반도체전략 발표", "본문", "2024-01-01", "산업통상자원부"),
        make_release("spaced", "차세대 반도체 전략을 논의", "본문", "2024-01-02", "산업통상자원부"),
        make_release("body", "산업 소식", "정부는 차세대반도체 전략적 투자를 늘린다", "2024-01-03", "산업통상자원부"),
        make_release("scattered", "반도체 수출과 외교 전략", "본문", "2024-01-04", "산업통상자원부")};
    add_fillers(releases, {"반도체 산업", "외교 전략"});
    Index index(releases);
    CHECK(index.ids("반도체전략") == Ids{"body", "joined", "spaced"});
    const Concept c = index.concept_of("반도체전략");
    REQUIRE(c.find("spaced") != nullptr);
    CHECK(c.find("spaced")->counts == Counts::Always);  // titles write it apart more often
    CHECK(!c.find("spaced")->match.empty());
}

TEST_CASE("a compound that titles write together does not match its pieces apart", "[query][match][spacing]") {
    // In the body: a title's words side by side are also one joined term (the "word" expansion).
    std::vector<Release> releases{make_release("apart", "인재 양성", "과학 기술 인재를 기른다", "2024-01-01", "과학기술정보통신부")};
    add_fillers(releases, {"과학기술 정책", "과학 교육", "기술 개발"});
    Index index(releases);
    const Ids found = index.ids("과학기술");
    CHECK(std::count(found.begin(), found.end(), "apart") == 0);
    const Concept c = index.concept_of("과학기술");
    const Expansion* spaced = c.find("spaced");
    REQUIRE(spaced != nullptr);
    CHECK(spaced->counts == Counts::Never);
    CHECK(spaced->match.empty());  // never run, so never built
    // Its spellings are still highlighted where a release writes them (과학 기술).
    CHECK(spaced->highlight.bigram_runs == std::vector<std::vector<std::string>>{{"과학"}, {"기술"}});
}

TEST_CASE("the lexicon counts the words a lookup names, added words and too many included", "[query][lexicon]") {
    // 4,001 words ending with 정책 (more than a lookup names), one starting with 정책.
    const std::string many = distinct_words(Lexicon::kMaxWords + 1, "정책");
    Index index({make_release("many", "정책 모음", many, "2024-01-01", "기획재정부"),
                 make_release("first", "정보통신 정책방향", "반도체전략 발표", "2024-01-02", "산업통상자원부")});
    {
        IndexWriter w(index.path);  // added words: one new, one the base has
        w.add(make_release("later", "통신요금 인하", "반도체전략 재검토", "2024-05-27", "과학기술정보통신부"));
        w.commit();
    }
    REQUIRE(std::filesystem::exists(index.path + "/" + Lexicon::kAddedFileName));
    const auto lexicon = Lexicon::open(index.path);
    REQUIRE(lexicon);
    // Shards' lexicons: their union (here the same words twice).
    std::vector<std::unique_ptr<Lexicon>> parts;
    parts.push_back(Lexicon::open(index.path));
    parts.push_back(Lexicon::open(index.path));
    const auto both = Lexicon::combine(std::move(parts));
    const auto count = [](const Lexicon::Words& w) { return w.too_many ? Lexicon::kMaxWords + 1 : w.words.size(); };
    for (const Lexicon* l : {lexicon.get(), both.get()})
        for (const char* piece : {"정보통신", "통신", "전략", "반도체", "정책", "없는말"}) {
            INFO(piece);
            CHECK(l->count_ending_with(piece) == count(l->ending_with(piece)));
            CHECK(l->count_starting_with(piece) == count(l->starting_with(piece)));
        }
    CHECK(lexicon->count_starting_with("통신") == 1);  // the added 통신요금
    CHECK(lexicon->count_ending_with("전략") == 1);    // 반도체전략, in the base and added again
    CHECK(lexicon->count_ending_with("정책") > Lexicon::kMaxWords);
    CHECK(lexicon->ending_with("정책").too_many);
    CHECK(both->count_starting_with("정책") == 2);  // 정책, 정책방향
    CHECK(both->count_ending_with("정책") > Lexicon::kMaxWords);
}

TEST_CASE("the lexicon says how many releases hold each word it names", "[query][lexicon]") {
    Index index({make_release("a", "정보통신부 발표", "정보통신기술 정책", "2024-01-01", "과학기술정보통신부"),
                 make_release("b", "정보통신부 회의", "정보통신기술 현황", "2024-01-02", "과학기술정보통신부"),
                 make_release("c", "정보통신부 공지", "정보통신망 점검", "2024-01-03", "과학기술정보통신부")});
    const auto lexicon = Lexicon::open(index.path);
    REQUIRE(lexicon);
    Lexicon::Words found = lexicon->containing("정보통신");
    CHECK(found.words == std::vector<std::string>{"정보통신기술", "정보통신망", "정보통신부"});
    CHECK(found.releases == std::vector<std::uint32_t>{2, 1, 3});
    found.keep_most_frequent(2);
    CHECK(found.words == std::vector<std::string>{"정보통신기술", "정보통신부"});  // still sorted
    CHECK(found.releases == std::vector<std::uint32_t>{2, 3});
    // Ties keep the first in order.
    Lexicon::Words tied{{"가나", "다라", "마바"}, false, {1, 1, 1}};
    tied.keep_most_frequent(2);
    CHECK(tied.words == std::vector<std::string>{"가나", "다라"});
}

TEST_CASE("a lexicon written before it kept release counts still reads, knowing none", "[query][lexicon]") {
    Index index({make_release("a", "정보통신부 발표", "정보통신기술 정책", "2024-01-01", "과학기술정보통신부")});
    // Made into the older format: its magic, without the counts at the end.
    const std::string path = index.path + "/" + Lexicon::kFileName;
    std::string data;
    {
        std::ifstream in(path, std::ios::binary);
        data.assign(std::istreambuf_iterator<char>(in), {});
    }
    REQUIRE(data.compare(0, 8, "BODOLEX3") == 0);
    std::uint32_t word_count = 0;
    std::memcpy(&word_count, data.data() + 16, sizeof word_count);  // after the magic and the revision
    data[7] = '2';
    data.resize(data.size() - 4 * std::size_t{word_count});
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
    }
    const auto lexicon = Lexicon::open(index.path);
    REQUIRE(lexicon);
    const Lexicon::Words found = lexicon->containing("정보통신");
    CHECK(found.words == std::vector<std::string>{"정보통신기술", "정보통신부"});
    CHECK(found.releases == std::vector<std::uint32_t>{0, 0});
    CHECK(Lexicon::revision(index.path) == 0);  // so the next run writes it whole
    CHECK(index.ids("정보통신") == Ids{"a"});
}

TEST_CASE("a word inside more words than a query names is matched by the most frequent of them, not by its bigrams",
          "[query][match][lexicon]") {
    // 400 rare words holding 정보통신 in one release, 정보통신부 in three, and a release with
    // 정보, 보통 and 통신 in three words, which the bigrams of 정보통신 would match.
    const std::string many = distinct_words(400, "정보통신");
    Index index({make_release("many", "모음", many, "2024-01-01", "기획재정부"),
                 make_release("one", "정보통신부 발표", "본문", "2024-01-02", "과학기술정보통신부"),
                 make_release("two", "정보통신부 회의", "본문", "2024-01-03", "과학기술정보통신부"),
                 make_release("three", "정보통신부 공지", "본문", "2024-01-04", "과학기술정보통신부"),
                 make_release("apart", "정보보호 보통 통신망", "본문", "2024-01-05", "과학기술정보통신부")});
    const Concept c = index.concept_of("정보통신");
    const Expansion* inside = c.find("inside a word");
    REQUIRE(inside != nullptr);
    std::vector<std::string> terms(inside->match.get_unique_terms_begin(), inside->match.get_unique_terms_end());
    CHECK(terms.size() == 100);  // kMaxInsideWords
    CHECK(std::count(terms.begin(), terms.end(), "정보통신부") == 1);
    CHECK(index.ids("정보통신") == Ids{"many", "one", "three", "two"});
}

TEST_CASE("an abbreviation the archive defines and a ministry's other names match what they stand for",
          "[query][match][abbreviations]") {
    Index index({make_release("defines", "탄소중립 기본계획", "탄소중립녹색성장위원회(이하 '탄녹위')는 회의를 열었다.", "2023-03-21", "환경부"),
                 make_release("long", "탄소중립녹색성장위원회 출범", "본문", "2023-01-02", "환경부"),
                 make_release("ministry", "과학기술정보통신부 장관 간담회", "본문", "2024-01-01", "과학기술정보통신부"),
                 make_release("other", "환경 정책", "본문", "2024-01-02", "환경부")});
    const Ids tan = index.ids("탄녹위");
    CHECK(std::count(tan.begin(), tan.end(), "long") == 1);
    CHECK(std::count(tan.begin(), tan.end(), "defines") == 1);
    CHECK(index.ids("과기정통부") == Ids{"ministry"});
    CHECK(index.concept_of("과기정통부").find("ministry's other name") != nullptr);
}

TEST_CASE("an abbreviation whose long form holds it expands once", "[query][match][abbreviations]") {
    // The archive defines SKT as ㈜SKT: expanding the long form's own SKT again recursed without end.
    Index index({make_release("defines", "통신사 협약", "㈜SKT(이하 'SKT')는 협약을 맺었다.", "2023-03-21", "과학기술정보통신부"),
                 make_release("short", "SKT 요금제", "본문", "2023-01-02", "과학기술정보통신부"),
                 make_release("other", "통신 정책", "본문", "2024-01-02", "과학기술정보통신부")});
    CHECK(index.ids("SKT") == Ids{"defines", "short"});
    CHECK(index.ids("\"SKT 요금제\"") == Ids{"short"});
}

TEST_CASE("the match set is every word, and total and facets count exactly that set", "[query][match][facets]") {
    std::vector<Release> releases;
    for (int i = 0; i < 12; ++i)
        releases.push_back(make_release("both" + std::to_string(i), "반도체 전략 " + std::to_string(i), "본문",
                                        "2024-0" + std::to_string(1 + i % 3) + "-01", i % 2 ? "산업통상자원부" : "기획재정부"));
    for (int i = 0; i < 30; ++i)
        releases.push_back(make_release("one" + std::to_string(i), "반도체 수출 " + std::to_string(i), "본문", "2023-05-01", "외교부"));
    Index index(releases);
    const SearchResponse r = index.search("반도체 전략", true);
    CHECK(r.total == 12);
    CHECK(r.total_exact);
    CHECK(r.match == MatchKind::All);
    std::uint64_t by_ministry = 0;
    for (const Facet& f : r.facets)
        if (f.name == "ministry")
            for (const auto& [name, count] : f.counts) {
                CHECK(name != "외교부");  // only releases with both words are counted
                by_ministry += count;
            }
    CHECK(by_ministry == 12);
}

TEST_CASE("with no release holding every word, most of them: the answer says so", "[query][match]") {
    Index index({make_release("two", "반도체 수출 동향", "본문", "2024-01-01", "산업통상자원부"),
                 make_release("one", "반도체 소식", "본문", "2024-01-02", "산업통상자원부")});
    const SearchResponse r = index.search("반도체 수출 우주", true);
    CHECK(r.match == MatchKind::Most);
    CHECK(r.concepts == 3);
    CHECK(r.concepts_matched == 2);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id == "two");
    CHECK(r.total == 1);
}

TEST_CASE("a question is answered from most of its content words, question words and endings left out",
          "[query][match][questions]") {
    Index index({make_release("answer", "누리호 발사 허가 승인", "원자력안전위원회는 누리호 발사를 허가했다.", "2022-06-01", "과학기술정보통신부"),
                 make_release("asks", "언제 어디서 누가", "무엇을 어떻게 했나요", "2022-06-02", "과학기술정보통신부"),
                 make_release("predicate", "누리호 예산 승인", "본문", "2022-06-04", "과학기술정보통신부"),
                 make_release("other", "위성 개발", "본문", "2022-06-03", "과학기술정보통신부")});
    const SearchResponse r = index.search("누리호 발사 허가는 언제 누가 승인했나요?");
    CHECK(r.question);
    CHECK(r.match == MatchKind::Most);
    // 누리호, 발사, 허가: 언제, 누가 and the ending are left out, and the predicate (승인했나요 →
    // 승인) ranks but does not count, so 누리호 and 승인 alone are not most of the words.
    CHECK(r.concepts == 3);
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits[0].id == "answer");
    for (const Hit& h : r.hits) {
        CHECK(h.id != "asks");
        CHECK(h.id != "predicate");
    }
}

TEST_CASE("a question of its predicate alone counts the predicate", "[query][match][questions]") {
    Index index({make_release("approved", "예산 승인", "본문", "2022-06-01", "과학기술정보통신부"),
                 make_release("other", "위성 개발", "본문", "2022-06-03", "과학기술정보통신부")});
    const SearchResponse r = index.search("누가 승인했나요?");
    CHECK(r.question);
    CHECK(r.concepts == 1);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id == "approved");
}

TEST_CASE("an adverb or determiner in a question neither matches nor counts", "[query][match][questions]") {
    Index index({make_release("answer", "세계일류상품 품목 선정", "올해 뽑힌 품목", "2025-11-18", "산업통상자원부"),
                 make_release("adverb", "새로 뽑힌 위원", "본문", "2025-11-19", "행정안전부")});
    // 세계일류상품, 뽑힌, 품목: 새로 is an adverb, like 언제 and the ending left out.
    const SearchResponse r = index.search("세계일류상품으로 새로 뽑힌 품목은 무엇인가요?");
    CHECK(r.question);
    CHECK(r.concepts == 3);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id == "answer");
}

TEST_CASE("an English question leaves out its interrogatives and function words, not acronyms", "[query][match][questions]") {
    Index index({make_release("fta", "Korea and New Zealand sign FTA", "Seoul, the two countries signed the agreement.",
                              "2015-03-23", "산업통상자원부"),
                 make_release("it", "IT 산업 육성", "본문", "2024-01-02", "과학기술정보통신부"),
                 make_release("industry", "산업 동향", "본문", "2024-01-03", "산업통상자원부")});
    const SearchResponse r = index.search("When did Korea and New Zealand sign the FTA?");
    CHECK(r.question);
    CHECK(r.concepts == 5);  // korea, new, zealand, sign, fta: not when, did, and, the
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits[0].id == "fta");
    CHECK(index.ids("IT 산업") == Ids{"it"});  // typed in capitals: an acronym, required
}

TEST_CASE("a question that no release answers with half its words is answered from fewer", "[query][match][questions]") {
    Index index({make_release("two", "스마트팜 부가세 환급", "본문", "2024-02-28", "농림축산식품부"),
                 make_release("other", "위성 개발", "본문", "2024-03-01", "과학기술정보통신부")});
    // Five content words (스마트팜, 센서, 사면, 부가세, 돌려받을): none holds three, one holds two.
    const SearchResponse r = index.search("스마트팜 센서를 사면 부가세를 돌려받을 수 있나요?");
    CHECK(r.question);
    CHECK(r.match == MatchKind::Most);
    CHECK(r.concepts == 5);
    CHECK(r.concepts_matched == 2);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id == "two");
}

TEST_CASE("a question's best answers are ordered by how much of it their openings hold", "[query][ranking][questions]") {
    // The same words and length, so the same relevance: one says them first, the other after
    // more than a lead of other text. Ties go to the newer release, so "later" would be first.
    std::string other;
    while (other.size() < 3 * ranking::kLeadChars) other += "기타 내용 ";
    Index index({make_release("first", "소식", "누리호 발사 허가 " + other, "2022-06-01", "과학기술정보통신부"),
                 make_release("later", "소식", other + "누리호 발사 허가 ", "2022-06-02", "과학기술정보통신부")});
    const SearchResponse r = index.search("누리호 발사 허가는 누가 했나요?");
    CHECK(r.question);
    REQUIRE(r.hits.size() == 2);
    CHECK(r.hits[0].id == "first");
    CHECK(r.hits[0].score > r.hits[1].score);
    // The second page continues the same order.
    Searcher searcher(index.path);
    SearchRequest second;
    second.query = "누리호 발사 허가는 누가 했나요?";
    second.offset = 1;
    second.limit = 1;
    second.collapse = false;  // the two share a title
    const SearchResponse page = searcher.search(second);
    REQUIRE(page.hits.size() == 1);
    CHECK(page.hits[0].id == "later");
    // Keyword queries are not re-sorted: the tie goes to the newer release.
    const SearchResponse k = index.search("누리호 발사 허가");
    REQUIRE(k.hits.size() == 2);
    CHECK(k.hits[0].id == "later");
}

TEST_CASE("a spelling that never counts marks nothing in a snippet", "[query][snippets]") {
    // 돌려받을's pieces apart (a "spaced" spelling titles never write) would mark 받을 of 지원받을.
    Concept c;
    c.expansions.push_back({"word", Xapian::Query("돌려받을"), 1.0, Xapian::Query("돌려받을"), Counts::Always, {{"돌려받을"}, {}}});
    c.expansions.push_back({"spaced", Xapian::Query(), 0.0, Xapian::Query(), Counts::Never, {{}, {{"돌려"}, {"받을"}}}});
    const Highlight h = c.highlight();
    CHECK(h.terms == std::vector<std::string>{"돌려받을"});
    CHECK(h.bigram_runs.empty());
}

TEST_CASE("a snippet shows every word a release holds, joining passages with …", "[query][snippets]") {
    std::string body = "뉴질랜드 정부와 협력 회의를 열었다. ";
    for (int i = 0; i < 40; ++i) body += "농업 기술 교류와 연구 협력을 논의했다. ";
    body += "스마트팜 실증 단지를 함께 만든다.";
    Index index({make_release("far", "농업 협력", body, "2024-01-01", "농림축산식품부")});
    const SearchResponse r = index.search("뉴질랜드 스마트팜");
    REQUIRE(r.hits.size() == 1);
    std::vector<std::string> marked;
    std::string text;
    for (const SnippetPart& p : r.hits[0].snippet) {
        if (p.highlighted) marked.push_back(p.text);
        text += p.text;
    }
    CHECK(std::count(marked.begin(), marked.end(), "뉴질랜드") == 1);
    CHECK(std::count(marked.begin(), marked.end(), "스마트팜") == 1);
    CHECK(text.find("…") != std::string::npos);
}

TEST_CASE("the lexicon follows each commit: new words are found inside longer ones", "[query][lexicon]") {
    Index index({make_release("first", "정보통신 정책", "본문", "2024-01-01", "과학기술정보통신부")});
    CHECK(Lexicon::revision(index.path) > 0);
    {
        IndexWriter w(index.path);
        w.add(make_release("later", "우주항공청개청 소식", "본문", "2024-05-27", "우주항공청"));
        w.commit();
    }
    const auto lexicon = Lexicon::open(index.path);
    REQUIRE(lexicon);
    CHECK(lexicon->containing("항공청").words == std::vector<std::string>{"우주항공청개청"});
    CHECK(index.ids("항공청") == Ids{"later"});
}

TEST_CASE("a year named in a query ranks that year's releases first and narrows nothing", "[query][ranking]") {
    // Alike but for the date: without the year, ties go newest first.
    Index index({make_release("of2020", "노사문화 우수기업 선정", "2020년 노사문화 우수기업을 선정했다.", "2020-07-08", "고용노동부"),
                 make_release("of2021", "노사문화 우수기업 선정", "2020년 노사문화 우수기업을 선정했다.", "2021-06-29", "고용노동부"),
                 make_release("school2025", "의대 정원 배정", "2025학년도 의대 정원을 배정했다.", "2025-03-20", "교육부"),
                 make_release("school2026", "의대 정원 배정", "2025학년도 의대 정원을 배정했다.", "2026-03-20", "교육부")});
    const SearchResponse year = index.search("2020년 노사문화 우수기업");
    REQUIRE(year.hits.size() == 2);
    CHECK(year.hits[0].id == "of2020");
    // A school year (학년도) is no year of release.
    const SearchResponse school = index.search("2025학년도 의대 정원");
    REQUIRE(school.hits.size() == 2);
    CHECK(school.hits[0].id == "school2026");
}
