// Indexing and searching end to end through the library: matching, ranking, filters, facets.
#include <catch2/catch.hpp>

#include <algorithm>

#include "index/index_writer.h"
#include "query/errors.h"
#include "query/query_builder.h"
#include "query/query_syntax.h"
#include "search/searcher.h"
#include "make_release.h"
#include "temp_dir.h"

using namespace bodo;

namespace {

using test::add_fillers;
using test::make_release;

const std::vector<Release>& releases() {
    static const std::vector<Release> v{
        make_release("1", "한-뉴질랜드 과학기술공동위원회 개최", "과학기술정보통신부는 뉴질랜드와 인공지능 협력을 논의했다.", "2020-11-20",
            "과학기술정보통신부", "국제협력총괄담당관"),
        make_release("2", "뉴질랜드 청년 교류 확대", "뉴질랜드 정부와 청년 교류 프로그램을 확대한다.", "2021-03-02", "외교부"),
        make_release("3", "정보통신 정책 방향 발표", "정보통신 산업의 경쟁력을 높이기 위한 정책 방향을 발표했다.", "2021-05-10",
            "과학기술정보통신부", "정보통신정책과"),
        make_release("4", "반도체 전략 회의", "정부는 반도체 전략을 논의하는 회의를 열었다.", "2022-01-15", "산업통상자원부"),
        make_release("5", "소재부품 지원", "반도체와 배터리 소재를 지원한다. 전략 산업을 육성한다.", "2022-02-01", "산업통상자원부"),
        make_release("6", "COVID-19 K-방역 성과", "COVID-19 대응과 K-방역 모델을 소개했다. 총 1조원 규모 R&D 투자.", "2020-06-01",
            "보건복지부"),
        make_release("7", "5G 요금제 개선", "5G 이용자를 위한 요금제를 개선한다.", "2020-07-01", "과학기술정보통신부"),
        make_release("8", "International cooperation on AI", "Korea and New Zealand discussed cooperation in AI research meetings.",
            "2020-11-21", "과학기술정보통신부"),
        make_release("9", "전문가 간담회", "전문가들이 모여 의견을 나눴다.", "2021-07-07", "환경부"),
        make_release("10", "전문 용어 정비", "행정 전문 용어를 쉬운 말로 바꾼다.", "2021-08-08", "문화체육관광부"),
        make_release("11", "탄소중립 기본계획 발표", "탄소중립녹색성장위원회(이하 '탄녹위')는 기본계획을 발표했다.", "2023-03-21", "환경부"),
        make_release("12", "탄녹위 회의 개최", "탄녹위는 전체회의를 열었다.", "2023-04-10", "환경부"),
        make_release("13", "코로나 발생 현황", "국내 발생 현황을 알린다.", "2021-03-16", "질병관리청"),
        make_release("14", "코로나 발생 현황", "국내 발생 현황을 알린다. 사망자 포함.", "2021-03-17", "질병관리청"),
    };
    return v;
}

/// A small index of `releases` in `dir`; returns its path.
std::string small_index(const test::TempDir& dir, const std::vector<Release>& releases) {
    const std::string db = dir / "index";
    IndexWriter w(db);
    for (const auto& r : releases) w.add(r);
    w.commit();
    return db;
}

/// A searcher over a small index of its own, and a request without snippets.
struct SmallIndex {
    test::TempDir dir;
    Searcher searcher;
    SearchRequest req;
    explicit SmallIndex(const std::vector<Release>& releases) : searcher(small_index(dir, releases)) { req.snippets = false; }
};

struct Fixture {
    test::TempDir dir;
    std::string db = dir / "index";
    Fixture() {
        IndexWriter w(db, 3);
        for (const auto& r : releases()) w.add(r);
        w.commit();
    }
    SearchResponse search(const std::string& q, SearchRequest req = {}) {
        Searcher s(db);
        req.query = q;
        if (req.limit == 10) req.limit = 20;
        return s.search(req);
    }
    static std::vector<std::string> ids(const SearchResponse& r) {
        std::vector<std::string> v;
        for (const auto& h : r.hits) v.push_back(h.id);
        return v;
    }
    static bool found(const SearchResponse& r, const std::string& id) {
        auto v = ids(r);
        return std::find(v.begin(), v.end(), id) != v.end();
    }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "a part of a compound finds the compound", "[search][korean]") {
    const auto r = search("정보통신");
    CHECK(found(r, "1"));  // only 과학기술정보통신부는
    CHECK(found(r, "3"));
    // The exact word ranks above the match inside a compound.
    REQUIRE(!r.hits.empty());
    CHECK(r.hits.front().id == "3");
}

TEST_CASE_METHOD(Fixture, "a word with a particle and the bare word find each other", "[search][korean]") {
    CHECK(found(search("뉴질랜드"), "1"));   // 뉴질랜드와
    CHECK(found(search("뉴질랜드와"), "2"));  // bare 뉴질랜드
}

TEST_CASE_METHOD(Fixture, "spacing variants find each other", "[search][korean]") {
    const auto together = search("반도체전략");
    CHECK(found(together, "4"));       // 반도체 전략
    CHECK_FALSE(found(together, "5"));  // 반도체 … 전략 apart: not the phrase
    CHECK(found(search("반도체 전략"), "4"));
}

TEST_CASE("a quoted phrase finds its words with a particle, or inside a mixed word, in a body", "[search][korean][syntax]") {
    SmallIndex index({make_release("particle", "발표", "정부는 반도체 전략을 발표했다", "2024-01-01", "산업통상자원부"),
                      make_release("apart", "소식", "반도체 산업과 전략을 논의", "2024-01-02", "산업통상자원부"),
                      make_release("exact", "소식", "반도체 전략 회의", "2024-01-03", "산업통상자원부"),
                      make_release("mixed", "케이 반도체", "케이(K)-반도체 산업과 K-반도체 전략 회의", "2024-01-04",
                                   "산업통상자원부")});
    index.req.query = "\"반도체 전략\"";
    std::vector<std::string> ids = Fixture::ids(index.searcher.search(index.req));
    std::sort(ids.begin(), ids.end());
    CHECK(ids == std::vector<std::string>{"exact", "mixed", "particle"});  // the part of a mixed word too
}

TEST_CASE("a run-together word finds its words apart in a body, where no bigram crosses the space",
          "[search][korean]") {
    SmallIndex index({make_release("apart", "정책 발표", "정부는 반도체 전략 발표", "2024-01-01", "산업통상자원부"),
                      make_release("far", "반도체 소식", "반도체 산업과 수출 전략", "2024-01-02", "산업통상자원부")});
    index.req.query = "반도체전략";
    index.req.snippets = true;
    const SearchResponse r = index.searcher.search(index.req);
    REQUIRE(!r.hits.empty());
    CHECK(r.hits[0].id == "apart");
    // Highlighted as the words that matched, the words apart.
    std::vector<std::string> marked;
    for (const auto& part : r.hits[0].snippet)
        if (part.highlighted) marked.push_back(part.text);
    CHECK(marked == std::vector<std::string>{"반도체", "전략"});
}

TEST_CASE_METHOD(Fixture, "a keyword query matches the releases that hold every word", "[search][match]") {
    // 5 holds 반도체 and 전략 but not 회의: it is no match (before, it ranked second).
    const auto r = search("반도체 전략 회의");
    CHECK(ids(r) == std::vector<std::string>{"4"});
    CHECK(r.match == MatchKind::All);
    CHECK(r.total == 1);
    CHECK(r.total_exact);
}

TEST_CASE_METHOD(Fixture, "a stem with no evidence is not stripped", "[search][korean]") {
    // 전문가 must not become 전문 + 가: the index has 전문가 more often than 전문.
    const auto r = search("전문가");
    REQUIRE(!r.hits.empty());
    CHECK(r.hits.front().id == "9");
}

TEST_CASE_METHOD(Fixture, "mixed tokens match whole and by parts", "[search][mixed]") {
    for (const char* q : {"COVID-19", "covid", "K-방역", "방역", "1조원", "R&D"}) {
        INFO(q);
        CHECK(found(search(q), "6"));
    }
    CHECK(found(search("5G"), "7"));
}

TEST_CASE_METHOD(Fixture, "English stems match other forms", "[search][english]") {
    CHECK(found(search("cooperate"), "8"));
    CHECK(found(search("meeting"), "8"));
    CHECK(found(search("MEETINGS"), "8"));
}

TEST_CASE_METHOD(Fixture, "phrases, exclusion and OR", "[search][syntax]") {
    CHECK(ids(search("\"반도체 전략\"")) == std::vector<std::string>{"4"});
    CHECK_FALSE(found(search("반도체 -배터리"), "5"));
    const auto either = search("배터리 OR 요금제");
    CHECK(found(either, "5"));
    CHECK(found(either, "7"));
    auto in_title = ids(search("title:뉴질랜드"));
    std::sort(in_title.begin(), in_title.end());
    CHECK(in_title == std::vector<std::string>{"1", "2"});
    CHECK_FALSE(found(search("title:청년"), "1"));
    CHECK(ids(search("title:청년")) == std::vector<std::string>{"2"});
}

TEST_CASE_METHOD(Fixture, "Korean between Latin words parses", "[search][syntax]") {
    REQUIRE_NOTHROW(search("AI 협력 research"));
    REQUIRE_NOTHROW(search("a 가 b AI"));
    // No release has 가: the two others of three still find 8, and the answer says so.
    const auto r = search("AI 가 research");
    CHECK(found(r, "8"));
    CHECK(r.match == MatchKind::Most);
}

TEST_CASE_METHOD(Fixture, "filters by ministry, department and date, and an empty query browses", "[search][filters]") {
    SearchRequest req;
    req.ministries = {"과학기술정보통신부"};
    req.since = "2020";
    req.until = "2020";
    req.facets = true;
    const auto r = search("", req);
    CHECK(r.total == 3);  // 1, 7, 8
    CHECK(r.total_exact);
    auto year = std::find_if(r.facets.begin(), r.facets.end(), [](const Facet& f) { return f.name == "year"; });
    REQUIRE(year != r.facets.end());
    REQUIRE(year->counts.size() == 1);
    CHECK(year->counts[0] == std::pair<std::string, std::uint64_t>{"2020", 3});

    SearchRequest dept;
    dept.departments = {"정보통신정책과"};
    CHECK(ids(search("", dept)) == std::vector<std::string>{"3"});
    CHECK(ids(search("date:2022-01..2022-01")) == std::vector<std::string>{"4"});
    CHECK(search("ministry:외교부").total == 1);
}

TEST_CASE_METHOD(Fixture, "facet counts are exact over all matches", "[search][facets]") {
    SearchRequest req;
    req.facets = true;
    req.limit = 1;
    const auto r = search("반도체", req);
    CHECK(r.total == 2);
    auto ministry = std::find_if(r.facets.begin(), r.facets.end(), [](const Facet& f) { return f.name == "ministry"; });
    REQUIRE(ministry != r.facets.end());
    CHECK(ministry->counts == std::vector<std::pair<std::string, std::uint64_t>>{{"산업통상자원부", 2}});
}

TEST_CASE_METHOD(Fixture, "sorting by date", "[search][sort]") {
    SearchRequest req;
    req.sort = SortOrder::Newest;
    const auto r = search("뉴질랜드", req);
    REQUIRE(r.hits.size() >= 2);
    for (std::size_t i = 1; i < r.hits.size(); ++i) CHECK(r.hits[i - 1].date >= r.hits[i].date);
}

TEST_CASE_METHOD(Fixture, "snippets highlight whole words", "[search][snippet]") {
    const auto r = search("정보통신");
    auto it = std::find_if(r.hits.begin(), r.hits.end(), [](const Hit& h) { return h.id == "1"; });
    REQUIRE(it != r.hits.end());
    std::vector<std::string> highlighted;
    for (const auto& p : it->snippet)
        if (p.highlighted) highlighted.push_back(p.text);
    CHECK(highlighted == std::vector<std::string>{"과학기술정보통신부는"});
}

TEST_CASE_METHOD(Fixture, "an empty request and a bad date are errors", "[search][errors]") {
    CHECK_THROWS_AS(search(""), BadRequest);
    CHECK_THROWS_AS(search("date:2020-13"), QuerySyntaxError);
    // Punctuation alone selects nothing to search for: not every release.
    CHECK_THROWS_WITH(search("!!!"), Catch::StartsWith("nothing to search for in «!!!»"));
    CHECK_THROWS_AS(search("· …"), BadRequest);
    CHECK(ids(search("!!! 뉴질랜드")) == ids(search("뉴질랜드")));
    SearchRequest environment;
    environment.ministries = {"환경부"};
    CHECK(search("!!!", environment).total == 3);  // with a filter it browses, as an empty query does
    CHECK(search("-탄녹위").total > 0);            // an exclusion alone still selects
    SearchRequest reversed;
    reversed.since = "2022";
    reversed.until = "2021";
    // The library names no option: the error says why, with the dates, and bodo-search words it.
    try {
        search("반도체", reversed);
        FAIL("dates out of order were searched");
    } catch (const BadRequest& e) {
        CHECK(e.reason == BadRequest::Reason::DatesOutOfOrder);
        CHECK((e.since == "2022" && e.until == "2021"));
        CHECK(std::string(e.what()) == "the start date 2022 is after the end date 2021: no release can match");
    }
    reversed.until = "2022-01";  // the same month, or one day, is a range
    CHECK(found(search("반도체", reversed), "4"));
    reversed.since = reversed.until = "2022-01-15";
    CHECK(found(search("반도체", reversed), "4"));
}

TEST_CASE_METHOD(Fixture, "an abbreviation a release defines finds what it stands for", "[search][abbreviations]") {
    CHECK(found(search("탄소중립녹색성장위원회"), "12") == false);  // no reverse expansion needed here
    const auto r = search("탄녹위");
    CHECK(found(r, "12"));
    CHECK(found(r, "11"));  // via 탄소중립녹색성장위원회
}

TEST_CASE_METHOD(Fixture, "a ministry is found and filtered by its other names", "[search][ministries]") {
    CHECK(found(search("과기정통부"), "7"));
    CHECK(found(search("MSIT"), "3"));
    SearchRequest req;
    req.ministries = {"MSIT"};
    CHECK(search("", req).total == 4);  // 1, 3, 7, 8
    // Written with the interpunct its releases may use, a body is the one the readers store.
    SmallIndex index({make_release("p", "인구 전략", "본문", "2024-01-01", "저출산고령사회위원회")});
    index.req.ministries = {"저출산·고령사회위원회"};
    CHECK(index.searcher.search(index.req).total == 1);
}

TEST_CASE_METHOD(Fixture, "a day named in the query prefers releases of that date", "[search][dates]") {
    SearchRequest req;
    req.collapse = false;
    auto r = search("코로나 발생 현황 17일", req);
    REQUIRE(!r.hits.empty());
    CHECK(r.hits.front().id == "14");
    r = search("코로나 발생 현황 3.16", req);
    REQUIRE(!r.hits.empty());
    CHECK(r.hits.front().id == "13");
}

TEST_CASE_METHOD(Fixture, "releases with the same title collapse unless asked not to", "[search][collapse]") {
    auto count = [](const SearchResponse& r, const std::string& id) {
        return std::count_if(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == id; });
    };
    const auto collapsed = search("코로나 발생 현황");
    CHECK(count(collapsed, "13") + count(collapsed, "14") == 1);
    SearchRequest req;
    req.collapse = false;
    const auto all = search("코로나 발생 현황", req);
    CHECK(count(all, "13") + count(all, "14") == 2);
    CHECK(collapsed.total == all.total);  // the total still counts every release
}

TEST_CASE_METHOD(Fixture, "without details a hit has the same id, rank and score, and nothing read from the release",
                 "[search][trec]") {
    for (const std::string q : {"뉴질랜드", "반도체 전략", "코로나 발생 현황", "COVID-19", ""}) {
        SearchRequest full;
        if (q.empty()) full.ministries = {"환경부"};  // an empty query browses
        SearchRequest bare = full;
        bare.details = false;
        const auto a = search(q, full), b = search(q, bare);
        INFO(q);
        REQUIRE(!a.hits.empty());
        CHECK(ids(a) == ids(b));
        CHECK(a.total == b.total);
        for (std::size_t i = 0; i < a.hits.size() && i < b.hits.size(); ++i) {
            CHECK(a.hits[i].rank == b.hits[i].rank);
            CHECK(a.hits[i].score == b.hits[i].score);
            CHECK(!a.hits[i].title.empty());
            CHECK(b.hits[i].title.empty());  // the stored release was not decoded
            CHECK(b.hits[i].snippet.empty());
        }
    }
}

TEST_CASE("collapsed pages follow the ranking, one release per title, also when one title fills the top",
          "[search][collapse]") {
    // 40 releases of one weekly title outrank 8 of their own titles: the first screenful of the
    // ranking holds a single title, so the searcher has to rank further to fill a page.
    std::vector<Release> rs;
    for (int i = 0; i < 40; ++i)
        rs.push_back(make_release("w" + std::to_string(i), "주간 입찰 동향", "입찰 입찰 입찰 동향 " + std::to_string(i),
                                  "2021-03-" + std::to_string(10 + i % 18), "조달청"));
    for (int i = 0; i < 8; ++i)
        rs.push_back(make_release("o" + std::to_string(i), "기타 공고 " + std::string(1, char('a' + i)),
                                  "공고 안내 입찰 " + std::string(i + 1, '.'), "2022-01-0" + std::to_string(1 + i), "조달청"));
    SmallIndex s(rs);
    s.req.query = "입찰";
    s.req.collapse = false;
    s.req.limit = 100;
    const SearchResponse all = s.searcher.search(s.req);
    REQUIRE(all.hits.size() == 48);
    std::vector<std::string> expected;  // the ranking, keeping the first release of each title
    std::vector<std::string> titles;
    for (const Hit& h : all.hits)
        if (std::find(titles.begin(), titles.end(), h.title) == titles.end()) {
            titles.push_back(h.title);
            expected.push_back(h.id);
        }
    REQUIRE(expected.size() == 9);
    REQUIRE(expected.front().front() == 'w');

    s.req.collapse = true;
    s.req.limit = 6;
    const SearchResponse first = s.searcher.search(s.req);
    s.req.offset = 6;
    const SearchResponse second = s.searcher.search(s.req);
    std::vector<std::string> paged;
    for (const auto* r : {&first, &second})
        for (const Hit& h : r->hits) paged.push_back(h.id);
    CHECK(paged == expected);
    CHECK(second.hits.front().rank == 7);
    CHECK(first.total == 48);  // the total counts every release, exactly (no facets asked)
    CHECK(first.total_exact);
    CHECK(second.total == 48);
}

TEST_CASE_METHOD(Fixture, "question words do not drown the content words", "[search][questions]") {
    const auto r = search("탄소중립 기본계획은 언제 발표됐나요?");
    REQUIRE(!r.hits.empty());
    CHECK(r.hits.front().id == "11");
}

TEST_CASE("a missing index is reported", "[search][errors]") {
    test::TempDir dir;
    CHECK_THROWS_AS(Searcher(dir / "nothing-here"), IndexUnavailable);
}

TEST_CASE("re-indexing replaces by id and skips unchanged releases", "[index]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    Release a = make_release("42", "첫 제목", "본문", "2021-01-01", "환경부");
    {
        IndexWriter w(db);
        CHECK(w.add(a) == IndexWriter::Outcome::Added);
        std::string first;
        CHECK(w.add(a, &first) == IndexWriter::Outcome::Duplicate);
        CHECK(first == "test");
    }
    {
        IndexWriter w(db);
        CHECK(w.add(a) == IndexWriter::Outcome::Unchanged);
    }
    a.title = "바뀐 제목";
    {
        IndexWriter w(db);
        CHECK(w.add(a) == IndexWriter::Outcome::Replaced);
    }
    Searcher s(db);
    CHECK(s.size() == 1);
    SearchRequest req;
    req.query = "바뀐";
    CHECK(s.search(req).total == 1);
    req.query = "첫";
    CHECK(s.search(req).total == 0);
}

TEST_CASE("a second writer is refused with a clear message", "[index][errors]") {
    test::TempDir dir;
    IndexWriter first(dir / "index");
    try {
        IndexWriter second(dir / "index");
        FAIL("the second writer opened");
    } catch (const IndexOpenError& e) {
        CHECK(std::string(e.what()).find("locked") != std::string::npos);
    }
}

TEST_CASE("title words written apart are found run together, and side by side rank first", "[search][korean]") {
    SmallIndex index({
        make_release("apart", "전략 회의 개최", "본문", "2022-01-01", "산업통상자원부"),
        make_release("together", "전략회의 개최", "본문", "2022-01-02", "산업통상자원부"),
        make_release("scattered", "회의 결과 전략 발표", "본문", "2022-01-03", "산업통상자원부")});
    Searcher& s = index.searcher;
    SearchRequest& req = index.req;
    req.collapse = false;  // the two spellings of one title would collapse into one
    auto score_of = [](const SearchResponse& r, const std::string& id) {
        for (const Hit& h : r.hits)
            if (h.id == id) return h.score;
        return 0.0;
    };
    SECTION("the run-together query weighs the spaced title like the one-word title") {
        req.query = "전략회의";
        const SearchResponse r = s.search(req);
        REQUIRE(r.hits.size() >= 2);
        // Bigrams alone would give the spaced title a small fraction of the one-word title's score.
        CHECK(score_of(r, "apart") > 0.6 * score_of(r, "together"));
    }
    SECTION("two query words side by side outrank the same words apart") {
        req.query = "전략 회의";
        const SearchResponse r = s.search(req);
        REQUIRE(r.hits.size() == 3);
        CHECK(score_of(r, "apart") > score_of(r, "scattered"));
    }
}

TEST_CASE("a run-together word finds its pieces inside compounds, and rare pieces when nothing else explains it",
          "[search][korean]") {
    // Fillers make 전자, 지도, 플랫폼 and 천마 known words; none has all the pieces of a query.
    std::vector<Release> releases{
        make_release("map", "전자지도 구축으로 디지털 플랫폼 정부 교두보", "본문", "2022-03-28", "국토교통부"),
        make_release("herb", "냄새 잡은 ‘천마’ 뇌신경 보호 효과", "본문", "2024-01-04", "농촌진흥청"),
        make_release("nerve", "뇌신경 연구 성과", "본문", "2024-01-05", "보건복지부")};
    add_fillers(releases, {"전자 제품", "지도 제작", "플랫폼 사업", "천마 재배"});
    SmallIndex index(releases);
    auto ids = [&](const std::string& q) {
        index.req.query = q;
        std::vector<std::string> out;
        for (const Hit& h : index.searcher.search(index.req).hits) out.push_back(h.id);
        return out;
    };
    // 전자 and 지도 stand inside the compound 전자지도, and 지도플랫폼 is no bigram run of the title.
    CHECK(ids("전자지도플랫폼") == std::vector<std::string>{"map"});
    // 뇌신경 is in two releases only: too rare for a split into common words, enough when the
    // word itself is unknown.
    CHECK(ids("천마뇌신경") == std::vector<std::string>{"herb"});
}

TEST_CASE("a run-together word finds the two words it was written as side by side, also across brackets",
          "[search][korean]") {
    // 협업기반 is in two releases only; the shorter title has both words but further apart than
    // kPiecesGap.
    SmallIndex index({make_release("apart", "협업기반 조성과 지역 플랫폼 구축", "본문", "2025-10-01", "중소벤처기업부"),
                      make_release("side", "중소기업협동조합, 중소기업 성장의 핵심 협업기반(플랫폼)으로 육성", "본문",
                               "2025-10-23", "중소벤처기업부"),
                      make_release("filler", "플랫폼 사업", "본문", "2022-01-01", "과학기술정보통신부")});
    index.req.query = "협업기반플랫폼";
    const SearchResponse r = index.searcher.search(index.req);
    // The words far apart are not the run-together word: no match (before, ranked second).
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id == "side");
}

TEST_CASE("the pieces of a run-together word with one word between them still count as the word", "[search][korean]") {
    // 이임 and 접견 are known words (fillers); the shorter title has them further apart.
    std::vector<Release> releases{
        make_release("near", "최종건 제1차관, 이임 주한태국대사 접견", "본문", "2022-03-23", "외교부"),
        make_release("far", "이임 대사 환송 오찬 후 접견", "본문", "2022-03-24", "외교부")};
    add_fillers(releases, {"이임 인사", "대표단 접견"});
    SmallIndex index(releases);
    index.req.query = "이임접견";
    const SearchResponse r = index.searcher.search(index.req);
    // Pieces scattered over a title are no spelling of the word (before, "far" ranked second).
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id == "near");
}

TEST_CASE("function words (위한, 통해) and dependent nouns with a particle (곳이) weigh less than content words",
          "[search][korean]") {
    for (const std::string function_word : {"위한", "곳이"}) {
        INFO(function_word);
        // The same shape: one matches the content word, the other the function word.
        SmallIndex index({make_release("content", "반도체 전략", "내용", "2022-01-01", "산업통상자원부"),
                          make_release("function", "전략 " + function_word, "내용", "2022-01-01", "산업통상자원부")});
        Searcher& s = index.searcher;
        SearchRequest& req = index.req;
        req.query = "반도체 " + function_word;
        // The function word does not count: the releases with 반도체 are the match.
        const SearchResponse r = s.search(req);
        REQUIRE(r.hits.size() == 1);
        CHECK(r.hits[0].id == "content");
        CHECK(r.match == MatchKind::All);
        req.query = function_word;  // alone, it is still searched for
        CHECK(s.search(req).hits.size() == 1);
    }
}

TEST_CASE("a number and counter run into a word are also searched as the two words", "[search][mixed]") {
    SmallIndex index({
        make_release("apart", "메가 회의 제6차 결과", "내용", "2022-01-01", "산업통상자원부"),
        make_release("daily", "코로나19 예방접종 현황 0시 기준", "내용", "2022-02-27", "질병관리청"),
        make_release("other", "정책 회의 개최", "내용", "2022-01-02", "산업통상자원부")});
    Searcher& s = index.searcher;
    SearchRequest& req = index.req;
    const auto ids = [&](const std::string& q) {
        req.query = q;
        std::vector<std::string> v;
        for (const Hit& h : s.search(req).hits) v.push_back(h.id);
        return v;
    };
    // No bigram joins 차 and 메가 here: only the two words find it.
    CHECK(ids("제6차메가") == std::vector<std::string>{"apart"});
    CHECK(ids("예방접종0시") == std::vector<std::string>{"daily"});
}

TEST_CASE("a Hangul run too long to be a term is found by its bigrams", "[search][korean]") {
    // 40 syllables without a space: more than the 100 bytes a term may have.
    const std::string run = "대한민국정부는국민의안전과생명을최우선으로하여재난대응체계를전면적으로개편하고점검한다";
    SmallIndex index({make_release("long", "재난대응 체계 개편", "정부 발표: " + run, "2024-01-01", "행정안전부"),
                      make_release("other", "재난대응 훈련", "국민의 안전을 위한 훈련", "2024-01-02", "행정안전부")});
    index.req.query = run;
    const SearchResponse r = index.searcher.search(index.req);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id == "long");
}

TEST_CASE("the Hangul run of a mixed word is a word of its own, also when run together", "[search][mixed]") {
    // The query runs 원안위 into 신고리3호기; the release writes them apart. Fillers make 원안위 and
    // 신고리 words the index knows well enough to split at.
    std::vector<Release> releases{
        make_release("target", "원안위, 신고리3호기 정기검사 중 임계 허용", "본문", "2021-12-03", "원자력안전위원회"),
        make_release("other", "한빛3호기 정기검사 결과", "본문", "2021-12-04", "원자력안전위원회")};
    add_fillers(releases, {"원안위 회의", "신고리 원전"});
    SmallIndex index(releases);
    index.req.query = "원안위신고리3호기";
    const SearchResponse r = index.searcher.search(index.req);
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits[0].id == "target");
}

TEST_CASE("when no release has every word, the answer is the releases with most of them, and says so", "[search][match]") {
    // 반도체, 수출 and 전망 are in three releases, 회의 in two, 개최 in one. No release has all five:
    // "most" lacks only 개최; "fewer" has the two rarer words only, which is not most of five.
    std::vector<Release> releases{
        make_release("most", "반도체 수출 전망 회의", "본문", "2024-01-01", "산업통상자원부"),
        make_release("fewer", "회의 개최", "본문", "2024-01-02", "산업통상자원부")};
    for (int i = 0; i < 2; ++i)
        releases.push_back(make_release("f" + std::to_string(i), "반도체 수출 전망 " + std::to_string(i), "본문",
                                        "2023-01-01", "산업통상자원부"));
    SmallIndex index(releases);
    index.req.query = "반도체 수출 전망 회의 개최";
    index.req.facets = true;
    const SearchResponse r = index.searcher.search(index.req);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id == "most");
    CHECK(r.match == MatchKind::Most);
    CHECK(r.concepts == 5);
    CHECK(r.concepts_matched == 4);
    CHECK(r.total == 1);  // the facets and the total describe that set
    CHECK(r.hits[0].score < 1000);  // the relevance, without the count of words
}

TEST_CASE("a pasted paragraph makes a query that grows linearly with its words", "[search][query]") {
    // The bonus for all the words but one costs an AND per word: only short queries get it.
    test::TempDir dir;
    Xapian::Database db(small_index(dir, {make_release("one", "반도체 수출", "본문", "2024-01-01", "산업통상자원부")}));
    QueryBuilder builder(db);
    auto length = [&](int words) {
        std::string text;
        for (int i = 0; i < words; ++i) text += "낱말" + std::to_string(i) + " ";
        return builder.build(parse_query(text), {}).all.get_length();
    };
    CHECK(length(40) < 3 * length(20));
    CHECK(length(8) > 2 * length(4));  // four to twelve words do get it
}

TEST_CASE("a title with every query word ranks above a body that repeats them", "[search]") {
    std::string long_body;
    for (int i = 0; i < 60; ++i) long_body += "산업 정책 지원 계획을 알린다. ";
    std::vector<Release> releases{
        make_release("title", "반도체 수출 전략", long_body, "2022-01-01", "산업통상자원부"),
        make_release("body", "반도체 소식", "반도체 전략 반도체 전략 반도체 전략", "2022-01-02", "산업통상자원부")};
    for (int i = 0; i < 5; ++i)  // so that the words are not in every release (idf)
        releases.push_back(make_release("filler" + std::to_string(i), "정책 소식", long_body, "2022-01-03", "환경부"));
    SmallIndex index(releases);
    index.req.query = "반도체 전략";
    const SearchResponse r = index.searcher.search(index.req);
    REQUIRE(r.hits.size() == 2);
    CHECK(r.hits[0].id == "title");  // a long release, yet its title has both words
}
