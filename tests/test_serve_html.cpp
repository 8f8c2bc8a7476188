// bodo-serve's pieces without HTTP: parameters, escaping, URLs and what the pages say.
#include <catch2/catch.hpp>

#include "serve/html.h"
#include "serve/metrics.h"
#include "serve/params.h"

using namespace bodo::serve;

TEST_CASE("serve params: the API's and the page's parameters", "[serve][params]") {
    const bodo::SearchRequest r = parse_search_params(
        {{"q", "반도체 전략"}, {"since", "2021"}, {"until", "2021-06"}, {"ministry", "외교부"}, {"ministry", "통일부"},
         {"ministry", "외교부"}, {"dept", "무역정책과"}, {"sort", "newest"}, {"limit", "100"}, {"offset", "10000"},
         {"facets", "true"}, {"collapse", "0"}, {"snippets", "no"}},
        ParamSet::Api);
    CHECK(r.query == "반도체 전략");
    CHECK(r.since == "2021");
    CHECK(r.until == "2021-06");
    CHECK(r.ministries == std::vector<std::string>{"외교부", "통일부"});  // a repeat once
    CHECK(r.departments == std::vector<std::string>{"무역정책과"});
    CHECK(r.sort == bodo::SortOrder::Newest);
    CHECK(r.limit == 100);
    CHECK(r.offset == 10000);
    CHECK(r.facets);
    CHECK(!r.collapse);
    CHECK(!r.snippets);
    // Empty values are absent values (a form's empty boxes); the page always counts facets.
    const bodo::SearchRequest page = parse_search_params({{"q", "a"}, {"since", ""}, {"until", ""}}, ParamSet::Page);
    CHECK(page.since.empty());
    CHECK(page.facets);
    CHECK(page.limit == kPageSize);
    CHECK(!has_criteria(parse_search_params({{"q", "  "}}, ParamSet::Page)));
    CHECK(has_criteria(parse_search_params({{"until", "2020"}}, ParamSet::Page)));
    // The page takes no API-only option.
    CHECK_THROWS_AS(parse_search_params({{"limit", "5"}}, ParamSet::Page), ParamError);
    CHECK_THROWS_AS(parse_search_params({{"facets", "1"}}, ParamSet::Page), ParamError);
    try {
        parse_search_params({{"q", "a"}, {"offset", "10001"}}, ParamSet::Api);
        FAIL("offset over the limit accepted");
    } catch (const ParamError& e) {
        CHECK(e.parameter() == "offset");
        CHECK(std::string(e.what()) == "offset must be at most 10000 (got 10001)");
    }
    // A long unknown name is cut at a character boundary in the message.
    try {
        parse_search_params({{std::string(13, 'x') + "가나다라마바사아자차카타파하", "1"}}, ParamSet::Api);
        FAIL("unknown parameter accepted");
    } catch (const ParamError& e) {
        CHECK(std::string(e.what()).find("xxxxxxxxxxxxx가나다라마바사아자…") != std::string::npos);
    }
}

TEST_CASE("serve html: escaping and URLs", "[serve][html]") {
    CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    CHECK(html_escape("한국어 text") == "한국어 text");
    CHECK(html_escape("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
    CHECK(html_escape("cut \xED\x95") == "cut \xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(html_escape(std::string("nul\0esc\x1B[31m", 12)) == "nulesc[31m");
    CHECK(html_escape("c1 \xC2\x85 gone, nbsp \xC2\xA0 kept") == "c1  gone, nbsp \xC2\xA0 kept");
    CHECK(url_encode("반도체 a&b=c/d?") == "%EB%B0%98%EB%8F%84%EC%B2%B4%20a%26b%3Dc%2Fd%3F");
    CHECK(url_encode("AZaz09-_.~") == "AZaz09-_.~");
    bodo::SearchRequest r;
    r.query = "a b";
    r.ministries = {"외교부"};
    r.sort = bodo::SortOrder::Oldest;
    r.offset = 20;
    r.limit = 10;
    CHECK(query_string(page_params(r)) == "?q=a%20b&ministry=%EC%99%B8%EA%B5%90%EB%B6%80&sort=oldest&offset=20");
    // The page's URL reads back as the same request.
    const bodo::SearchRequest back = parse_search_params(page_params(r), ParamSet::Page);
    CHECK(back.query == r.query);
    CHECK(back.ministries == r.ministries);
    CHECK(back.sort == r.sort);
    CHECK(back.offset == r.offset);
}

TEST_CASE("serve html: the search page says what the response says", "[serve][html]") {
    bodo::SearchRequest r;
    r.query = "반도체 배터리 <없음>";
    bodo::SearchResponse res;
    res.query = r.query;
    res.total = 2;
    res.total_exact = true;
    res.match = bodo::MatchKind::Most;
    res.suggestion = "반도체 배터리";
    bodo::Hit hit;
    hit.id = "a/1";
    hit.rank = 1;
    hit.title = "<b>제목</b>";
    hit.date = "2021-03-04";
    hit.ministry = "산업통상자원부";
    hit.snippet = {{"앞 ", false}, {"반도체", true}, {" 뒤 <i>", false}};
    res.hits.push_back(hit);
    res.facets.push_back({"ministry", {{"산업통상자원부", 2}}});
    res.facets.push_back({"month", {{"2021-01", 1}, {"2021-03", 4}}});
    const std::string page = render_search_page(r, &res, "", PageContext{});
    CHECK(page.find("No release has every word") != std::string::npos);
    CHECK(page.find("모든 단어가 들어 있는 보도자료가 없어") != std::string::npos);
    CHECK(page.find("혹시 <a href=\"/?q=%EB%B0%98%EB%8F%84%EC%B2%B4%20%EB%B0%B0%ED%84%B0%EB%A6%AC\">반도체 배터리</a>") !=
          std::string::npos);
    CHECK(page.find("<q>반도체 배터리 &lt;없음&gt;</q>") != std::string::npos);
    CHECK(page.find("&lt;b&gt;제목&lt;/b&gt;") != std::string::npos);
    CHECK(page.find("앞 <mark>반도체</mark> 뒤 &lt;i&gt;") != std::string::npos);
    CHECK(page.find("href=\"/release/a%2F1?q=") != std::string::npos);
    // The histogram runs from the first month to the last, an empty month as a gap; heights in
    // twentieths of the busiest month (1 of 4 → 5 of 20).
    CHECK(page.find("<li class=\"bar h5 jan\"><a href=\"/?q=") != std::string::npos);  // January: a year line
    CHECK(page.find("<li class=\"bar h0\"><span class=\"vh\">2021-02: 0건</span><i></i></li>") != std::string::npos);
    CHECK(page.find("<b aria-hidden=\"true\">2021</b></li>") != std::string::npos);  // the year under January
    CHECK(page.find("<li class=\"bar h20\"><a href=") != std::string::npos);
    res.concepts = 3;
    res.concepts_matched = 2;
    CHECK(render_search_page(r, &res, "", PageContext{}).find("단어 3개가 모두 들어 있는 보도자료가 없어, 2개 이상이") !=
          std::string::npos);
    res.question = true;
    CHECK(render_search_page(r, &res, "", PageContext{}).find("질문으로 읽어") != std::string::npos);
    res.match = bodo::MatchKind::All;
    CHECK(render_search_page(r, &res, "", PageContext{}).find("No release has every word") == std::string::npos);
    // The start page and an error.
    const std::string start = render_search_page({}, nullptr, "", PageContext{{12345, "2026-01-02T03:04:05Z", 0, 0}});
    CHECK(start.find("<strong>12,345</strong>건") != std::string::npos);
    const std::string error = render_search_page(r, nullptr, "bad date <x>", PageContext{});
    CHECK(error.find("<p class=\"error\" role=\"alert\">bad date &lt;x&gt;</p>") != std::string::npos);
}

TEST_CASE("serve metrics: Prometheus text", "[serve][metrics]") {
    Metrics m;
    m.count_request("api_search", 200);
    m.count_request("api_search", 200);
    m.count_request("page_search", 400);
    m.observe_search(0.003, false);
    m.observe_search(20.0, true);
    const std::string text = m.render({167533, "2026-03-01T02:31:12Z", 3, 0});
    CHECK(text.find("bodo_serve_requests_total{handler=\"api_search\",code=\"200\"} 2\n") != std::string::npos);
    CHECK(text.find("bodo_serve_requests_total{handler=\"page_search\",code=\"400\"} 1\n") != std::string::npos);
    CHECK(text.find("bodo_serve_search_duration_seconds_bucket{le=\"0.0025\"} 0\n") != std::string::npos);
    CHECK(text.find("bodo_serve_search_duration_seconds_bucket{le=\"0.005\"} 1\n") != std::string::npos);
    CHECK(text.find("bodo_serve_search_duration_seconds_bucket{le=\"10\"} 1\n") != std::string::npos);
    CHECK(text.find("bodo_serve_search_duration_seconds_bucket{le=\"+Inf\"} 2\n") != std::string::npos);
    CHECK(text.find("bodo_serve_search_errors_total 1\n") != std::string::npos);
    CHECK(text.find("bodo_index_documents 167533\n") != std::string::npos);
    CHECK(text.find("bodo_index_last_update_timestamp_seconds 1772332272\n") != std::string::npos);
    CHECK(text.find("bodo_index_generation 3\n") != std::string::npos);
    CHECK(parse_utc_timestamp("1970-01-01T00:00:10Z") == 10);
    CHECK(parse_utc_timestamp("yesterday") == -1);
}
