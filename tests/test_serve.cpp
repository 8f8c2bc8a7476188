// bodo-serve as a client meets it: started on a free loopback port over the sample corpus in
// corpus/, asked over HTTP (cpp-httplib's client).
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "index_files.h"
#include "run_command.h"
#include "serve/html.h"
#include "sample_index.h"
#include "temp_dir.h"

using bodo::test::run_command;
using bodo::test::sample_index;
using bodo::test::sh_quote;
using json = nlohmann::json;

namespace {


/// A running bodo-serve on 127.0.0.1 and a free port (it picks one: --listen 127.0.0.1:0).
class Server {
  public:
    explicit Server(const std::string& db, const std::vector<std::string>& extra = {}) {
        std::string command = "exec " + sh_quote(BODO_SERVE_BIN) + " --db " + sh_quote(db) + " --listen 127.0.0.1:0";
        for (const auto& a : extra) command += " " + sh_quote(a);
        command += " >" + sh_quote(out_) + " 2>" + sh_quote(err_);
        child_ = std::make_unique<bodo::test::Child>(std::vector<std::string>{"sh", "-c", command});
        // It prints "bodo-serve: listening on http://127.0.0.1:PORT/ (…)" once it accepts connections.
        for (int i = 0; i < 400 && port_ == 0; ++i) {
            const std::string out = bodo::test::slurp(out_);
            if (const auto at = out.find("http://127.0.0.1:"); at != std::string::npos)
                port_ = std::stoi(out.substr(at + 17));
            else if (!child_->running())
                break;
            else
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        INFO(bodo::test::slurp(err_));
        REQUIRE(port_ > 0);
    }
    ~Server() {
        if (child_->running()) {
            child_->kill(SIGTERM);
            child_->wait();
        }
    }

    int port() const { return port_; }
    bool running() { return child_->running(); }
    std::string stderr_text() const { return bodo::test::slurp(err_); }
    bodo::test::ChildResult stop() {
        child_->kill(SIGTERM);
        return child_->wait();
    }

    /// GET `target` (path and query, sent as given: the caller encodes).
    httplib::Result get(const std::string& target) const {
        httplib::Client client("127.0.0.1", port_);
        client.set_url_encode(false);
        client.set_read_timeout(30, 0);
        return client.Get(target.c_str());
    }

  private:
    bodo::test::TempDir dir_;
    std::string out_ = dir_ / "out", err_ = dir_ / "err";
    std::unique_ptr<bodo::test::Child> child_;
    int port_ = 0;
};

/// The server for the sample corpus, shared by the tests that only read.
Server& sample_server() {
    static Server server(sample_index());
    return server;
}

std::string enc(const std::string& s) { return bodo::serve::url_encode(s); }

/// bodo-search --format json with `args`, parsed.
json search_json(const std::string& db, const std::string& args) {
    const auto r = run_command("NO_COLOR= " + std::string(BODO_SEARCH_BIN) + " --db " + sh_quote(db) + " --format json " +
                               args + " 2>/dev/null");
    INFO(args << "\n" << r.out);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    return json::parse(r.out);
}

json get_json(const Server& server, const std::string& target, int status = 200) {
    const auto res = server.get(target);
    REQUIRE(res);
    INFO(target << "\n" << res->body);
    CHECK(res->status == status);
    CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
    return json::parse(res->body);
}

std::vector<std::string> hit_ids(const json& j) {
    std::vector<std::string> ids;
    for (const auto& h : j["hits"]) ids.push_back(h["id"]);
    return ids;
}

}  // namespace

TEST_CASE("serve: /api/search answers what bodo-search --format json answers", "[serve][api]") {
    Server& server = sample_server();
    struct Case {
        std::string params;  // for /api/search
        std::string args;    // for bodo-search
    };
    const std::vector<Case> cases{
        {"q=" + enc("반도체"), "-- " + sh_quote("반도체")},
        {"q=" + enc("정보통신") + "&limit=40", "--limit 40 -- " + sh_quote("정보통신")},
        {"q=" + enc("반도체 전략") + "&facets=true", "--facets -- " + sh_quote("반도체 전략")},
        {"ministry=" + enc("과학기술정보통신부") + "&since=2020&until=2020&facets=1",
         "--ministry 과학기술정보통신부 --since 2020 --until 2020 --facets"},
        {"q=" + enc("정부") + "&sort=newest&limit=5&offset=2", "--sort newest --limit 5 --offset 2 -- " + sh_quote("정부")},
        {"q=" + enc("정부") + "&sort=oldest&collapse=false&facets=true",
         "--sort oldest --no-collapse --facets -- " + sh_quote("정부")},
        {"q=" + enc("title:반도체 -전력"), "-- " + sh_quote("title:반도체 -전력")},
        {"q=" + enc("Korea cooperation") + "&snippets=false", "--no-snippets -- " + sh_quote("Korea cooperation")},
        {"q=" + enc("뉴질랜드") + "&dept=" + enc("인공지능기반정책과") + "&ministry=" + enc("외교부"),
         "--dept 인공지능기반정책과 --ministry 외교부 -- " + sh_quote("뉴질랜드")},
        {"q=" + enc("없는단어쿼카") + "&facets=true", "--facets -- " + sh_quote("없는단어쿼카")},
    };
    for (const Case& c : cases) {
        INFO(c.params);
        const json api = get_json(server, "/api/search?" + c.params);
        const json cli = search_json(sample_index(), c.args);
        CHECK(hit_ids(api) == hit_ids(cli));
        CHECK(api["total"] == cli["total"]);
        CHECK(api.value("facets", json::object()) == cli.value("facets", json::object()));
        CHECK(api == cli);  // every field, scores and snippets included: the same writer
    }
    // The sample corpus gives these queries something to compare.
    CHECK(get_json(server, "/api/search?q=" + enc("반도체"))["total"].get<int>() >= 2);
    CHECK(!get_json(server, "/api/search?q=" + enc("반도체 전략") + "&facets=true")["facets"]["ministry"].empty());
}

TEST_CASE("serve: every bad request is a 400 with a JSON error naming what is wrong", "[serve][api][errors]") {
    Server& server = sample_server();
    struct Bad {
        std::string target;
        std::string parameter;  // the parameter the error names ("" = none)
        std::string says;       // part of the message
    };
    const std::string q = "/api/search?q=" + enc("반도체");
    const std::vector<Bad> cases{
        {"/api/search?q=a&since=2021-13", "since", "month"},
        {"/api/search?q=a&until=yesterday", "until", "until"},
        {"/api/search?q=a&since=2021-02-30", "since", "since"},
        {"/api/search?q=a&since=2022&until=2021", "since", "after"},
        {q + "&limit=101", "limit", "at most 100"},
        {q + "&limit=-1", "limit", "whole number"},
        {q + "&limit=ten", "limit", "whole number"},
        {q + "&limit=99999999999999999999999", "limit", "whole number"},
        {q + "&offset=10001", "offset", "at most 10000"},
        {"/api/search?q=%FF%FE", "q", "UTF-8"},
        {"/api/search?q=%ED%A0%80", "q", "UTF-8"},  // a surrogate
        {"/api/search?ministry=%C0%AF", "ministry", "UTF-8"},
        {"/api/search?q=a&%FF=1", "", "UTF-8"},
        {"/api/search?q=" + std::string(1001, 'a'), "q", "1001 bytes"},
        {"/api/search?q=" + enc(std::string(999, ' ') + "가"), "q", "1002 bytes"},
        {q + "&format=json", "format", "unknown parameter"},
        {q + "&callback=x", "callback", "unknown parameter"},
        {q + "&q=b", "q", "more than once"},
        {q + "&sort=best", "sort", "relevance"},
        {q + "&facets=maybe", "facets", "true or false"},
        {"/api/search?q=" + enc("date:2022..2021"), "q", "query error"},
        {"/api/search?q=" + enc("!!!"), "q", "nothing to search for"},
        {"/api/search", "q", "empty query"},
        {"/api/search?q=", "q", "empty query"},
        {"/api/release/9000006?x=1", "x", "unknown parameter"},
    };
    for (const Bad& b : cases) {
        INFO(b.target);
        const json j = get_json(server, b.target, 400);
        REQUIRE(j.contains("error"));
        CHECK(j["error"].get<std::string>().find(b.says) != std::string::npos);
        if (!b.parameter.empty()) CHECK(j["parameter"] == b.parameter);
    }
    // At the limits: accepted.
    std::string longest;
    for (int i = 0; i < 100; ++i) longest += "반도체 ";  // 1,000 bytes
    CHECK(server.get("/api/search?q=" + enc(longest))->status == 200);
    CHECK(server.get(q + "&limit=100&offset=10000")->status == 200);
    CHECK(server.get(q + "&limit=0")->status == 200);
    // The page refuses the same things with 400, on a page that says why.
    const auto page = server.get("/?q=a&limit=500");
    REQUIRE(page);
    CHECK(page->status == 400);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body.find("unknown parameter") != std::string::npos);
    CHECK(server.get("/?q=a&since=2021-13")->status == 400);
    CHECK(server.get("/?q=%FF")->status == 400);
    // Unknown paths and releases: 404; other methods: 405 (read-only).
    CHECK(get_json(server, "/api/nothing", 404).contains("error"));
    CHECK(get_json(server, "/api/release/no-such-id", 404).contains("error"));
    CHECK(server.get("/release/no-such-id")->status == 404);
    CHECK(server.get("/etc/passwd")->status == 404);
    CHECK(server.get("/static/../../etc/passwd")->status == 404);
    httplib::Client client("127.0.0.1", server.port());
    const auto post = client.Post("/api/search", "q=x", "application/x-www-form-urlencoded");
    REQUIRE(post);
    CHECK(post->status == 405);
    const auto del = client.Delete("/api/release/9000006");
    REQUIRE(del);
    CHECK(del->status == 405);
    CHECK(server.running());
}

TEST_CASE("serve: nothing a request sends stops the server", "[serve][robust]") {
    Server& server = sample_server();
    std::string many;
    for (int i = 0; i < 500; ++i) many += "&ministry=" + std::to_string(i);
    const std::vector<std::string> targets{
        "/api/search?q=%00%01%1B[31m",
        "/?q=%00%01",
        "/api/search?" + many,
        "/?" + many,
        "/api/search?q=" + enc("\"") ,
        "/api/search?q=" + enc("((((((((((a"),
        "/api/search?q=" + enc("title: ministry: dept: date:"),
        "/api/search?q=" + enc("a OR OR AND NOT -") + "&sort=oldest",
        "/api/search?q=%E2%80%8B%E2%80%8B",
        "/release/%FF",
        "/api/release/%00",
        "/api/release/" + std::string(3000, 'x'),
        "/" + std::string(7000, 'a'),
        "/api/search?q=" + std::string(20000, 'a'),  // over cpp-httplib's URI limit: refused by it
        "/api/search?q=a&offset=10000&limit=100&facets=true&collapse=true",
    };
    for (const auto& t : targets) {
        INFO(t.substr(0, 200));
        const auto res = server.get(t);
        REQUIRE(res);
        CHECK(res->status >= 200);
        CHECK(res->status < 500);
    }
    // A raw request that is not HTTP at all.
    {
        httplib::Client client("127.0.0.1", server.port());
        const auto res = client.Get("/api/search?q=a b");  // a space in the target
        REQUIRE(res);
        CHECK(res->status < 500);
    }
    CHECK(server.running());
    CHECK(get_json(server, "/healthz")["status"] == "ok");
}

TEST_CASE("serve: release text is escaped in every page", "[serve][html][security]") {
    bodo::test::TempDir dir;
    const std::string db = dir / "index", input = dir / "evil.jsonl";
    bodo::test::write_file(
        input,
        R"J({"id": "evil-1", "title": "<script>alert(1)</script> 악성 제목", "date": "2024-03-05", "ministry": "교육부", )J"
        R"J("department": "<b>부서</b>", "url": "javascript:alert(1)", )J"
        R"J("body": "악성 본문 \"><img src=x onerror=alert(2)> 그리고 <iframe src=//evil></iframe> '&' 끝"})J"
        "\n"
        R"J({"id": "evil-2\"><svg onload=alert(3)>", "title": "두번째 악성 '\"><svg onload=alert(4)>", "date": "2024-03-06", )J"
        R"J("ministry": "교육부", "url": "https://example.org/a?b=1&c=<2>", "body": "악성 본문 둘"})J"
        "\n");
    const auto built = run_command(std::string(BODO_INDEX_BIN) + " --quiet --db " + sh_quote(db) + " " + sh_quote(input) + " 2>&1");
    INFO(built.out);
    REQUIRE(built.exit_code == 0);
    Server server(db);

    auto no_markup = [](const std::string& page) {
        CHECK(page.find("<script") == std::string::npos);
        CHECK(page.find("<img") == std::string::npos);
        CHECK(page.find("<iframe") == std::string::npos);
        CHECK(page.find("<svg") == std::string::npos);
        CHECK(page.find("<b>") == std::string::npos);
        CHECK(page.find("href=\"javascript:") == std::string::npos);
        CHECK(page.find("onerror=alert(2)>") == std::string::npos);
    };
    const auto results = server.get("/?q=" + enc("악성"));
    REQUIRE(results);
    REQUIRE(results->status == 200);
    no_markup(results->body);
    CHECK(results->body.find("&lt;script&gt;alert(1)&lt;/script&gt; 악성 제목") != std::string::npos);
    CHECK(results->body.find("&quot;&gt;&lt;svg onload=alert(4)&gt;") != std::string::npos);
    // The facets show the department as text too.
    CHECK(results->body.find("&lt;b&gt;부서&lt;/b&gt;") != std::string::npos);

    const auto release = server.get("/release/evil-1?q=" + enc("악성"));
    REQUIRE(release);
    REQUIRE(release->status == 200);
    no_markup(release->body);
    CHECK(release->body.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
    CHECK(release->body.find("&#39;&amp;&#39;") != std::string::npos);
    // A link to the original only for http(s): the javascript: URL is shown as text, never as a link.
    CHECK(release->body.find("<dd>javascript:alert(1)</dd>") != std::string::npos);

    const auto second = server.get("/release/" + enc("evil-2\"><svg onload=alert(3)>"));
    REQUIRE(second);
    REQUIRE(second->status == 200);
    no_markup(second->body);
    CHECK(second->body.find("href=\"https://example.org/a?b=1&amp;c=&lt;2&gt;\"") != std::string::npos);

    // The API returns the text as data (JSON), unchanged.
    const json api = get_json(server, "/api/release/evil-1");
    CHECK(api["title"] == "<script>alert(1)</script> 악성 제목");

    // Every response carries the policy: no script at all, no sniffing.
    for (const std::string target : {"/?q=%EC%95%85%EC%84%B1", "/release/evil-1", "/api/search?q=a", "/nothing", "/static/style.css"}) {
        const auto res = server.get(target);
        REQUIRE(res);
        INFO(target);
        const std::string csp = res->get_header_value("Content-Security-Policy");
        CHECK(csp.find("default-src 'none'") != std::string::npos);
        CHECK(csp.find("script-src") == std::string::npos);  // falls back to default-src 'none'
        CHECK(csp.find("unsafe-inline") == std::string::npos);
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    }
}

TEST_CASE("serve: the page narrows by a facet, widens by a second click, pages, sorts", "[serve][html]") {
    Server& server = sample_server();
    const std::string ministry = "과학기술정보통신부";
    const auto page = server.get("/?q=" + enc("과학"));
    REQUIRE(page);
    REQUIRE(page->status == 200);
    const std::string& html = page->body;
    // A ministry facet link adds the ministry to the query's URL.
    const std::string narrow = "/?q=" + enc("과학") + "&amp;ministry=" + enc(ministry);
    CHECK(html.find("href=\"" + narrow + "\"") != std::string::npos);
    // Paging: the sample has 19 releases for 과학.
    CHECK(html.find("rel=\"next\" href=\"/?q=" + enc("과학") + "&amp;offset=10\"") != std::string::npos);
    CHECK(html.find("<ol class=\"histogram\">") != std::string::npos);

    const auto narrowed = server.get("/?q=" + enc("과학") + "&ministry=" + enc(ministry));
    REQUIRE(narrowed);
    REQUIRE(narrowed->status == 200);
    // The chosen ministry is marked, and its link (the second click) goes back to the wider search.
    CHECK(narrowed->body.find("href=\"/?q=" + enc("과학") + "\" class=\"on\" aria-current=\"true\"") != std::string::npos);
    const json api = get_json(server, "/api/search?q=" + enc("과학") + "&ministry=" + enc(ministry) + "&facets=1");
    CHECK(narrowed->body.find("<strong>" + std::to_string(api["total"].get<int>()) + "</strong>건") != std::string::npos);
    for (const auto& h : api["hits"]) CHECK(h["ministry"] == ministry);

    // A month bar narrows to its month (since and until that month).
    const auto& month = api["facets"]["month"][0]["value"];
    const std::string bar = "since=" + month.get<std::string>() + "&amp;until=" + month.get<std::string>();
    CHECK(narrowed->body.find(bar) != std::string::npos);

    const auto second = server.get("/?q=" + enc("과학") + "&offset=10&sort=newest");
    REQUIRE(second);
    CHECK(second->status == 200);
    CHECK(second->body.find("<ol class=\"hits\" start=\"11\">") != std::string::npos);
    CHECK(second->body.find("aria-current=\"page\"") != std::string::npos);

    // The start page, and a release page with its whole text and a way back.
    const auto start = server.get("/");
    REQUIRE(start);
    CHECK(start->status == 200);
    CHECK(start->body.find("<strong>40</strong>건") != std::string::npos);
    const auto release = server.get("/release/9000006?q=" + enc("반도체"));
    REQUIRE(release);
    CHECK(release->status == 200);
    const json stored = get_json(server, "/api/release/9000006");
    CHECK(release->body.find("<h1>" + bodo::serve::html_escape(stored["title"].get<std::string>()) + "</h1>") != std::string::npos);
    CHECK(release->body.find("href=\"/?q=" + enc("반도체") + "\"") != std::string::npos);
    CHECK(stored["body"].get<std::string>().size() > 100);
}

TEST_CASE("serve: /healthz and /metrics", "[serve][metrics]") {
    Server server(sample_index());
    CHECK(server.get("/api/search?q=" + enc("반도체"))->status == 200);
    CHECK(server.get("/api/search?q=a&limit=1000")->status == 400);
    const json health = get_json(server, "/healthz");
    CHECK(health["status"] == "ok");
    CHECK(health["documents"] == 40);
    const auto metrics = server.get("/metrics");
    REQUIRE(metrics);
    CHECK(metrics->status == 200);
    CHECK(metrics->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
    const std::string& m = metrics->body;
    CHECK(m.find("bodo_serve_requests_total{handler=\"api_search\",code=\"200\"} 1\n") != std::string::npos);
    CHECK(m.find("bodo_serve_requests_total{handler=\"api_search\",code=\"400\"} 1\n") != std::string::npos);
    CHECK(m.find("bodo_serve_searches_total 1\n") != std::string::npos);
    CHECK(m.find("bodo_serve_search_duration_seconds_count 1\n") != std::string::npos);
    CHECK(m.find("bodo_serve_search_duration_seconds_bucket{le=\"+Inf\"} 1\n") != std::string::npos);
    CHECK(m.find("bodo_index_documents 40\n") != std::string::npos);
    CHECK(m.find("bodo_index_last_update_timestamp_seconds ") != std::string::npos);
    // Stops cleanly on SIGTERM.
    const auto end = server.stop();
    CHECK(end.exit_code == 0);
}

TEST_CASE("serve: commits and a compaction of bodo-index are seen without a restart or a failed request", "[serve][reopen][threads]") {
    bodo::test::TempDir dir;
    const std::string db = dir / "index";
    const auto built = run_command(std::string(BODO_INDEX_BIN) + " --quiet --db " + sh_quote(db) + " " +
                                   sh_quote(std::string(BODO_SOURCE_DIR) + "/corpus") + " 2>&1");
    REQUIRE(built.exit_code == 0);
    Server server(db, {"--reopen-check", "0.1", "--threads", "4"});
    const std::string word = "쿼카탐사선";
    CHECK(get_json(server, "/api/search?q=" + enc(word))["total"] == 0);

    // Clients search all the while.
    std::atomic<bool> done{false};
    std::atomic<int> answered{0}, failed{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 3; ++c)
        clients.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", server.port());
            client.set_url_encode(false);
            const std::string target = c == 0 ? "/api/search?q=" + enc("정부") + "&facets=true"
                                       : c == 1 ? "/?q=" + enc("반도체")
                                                : "/api/search?ministry=" + enc("교육부");
            while (!done) {
                const auto res = client.Get(target.c_str());
                if (res && res->status == 200) ++answered;
                else ++failed;
            }
        });

    // Four runs of bodo-index, each adding a release (and committing) while the clients search;
    // the last compacts the index into a new generation and switches to it (the old one is
    // deleted).
    std::string lines;
    for (int run = 0; run < 4; ++run) {
        lines += bodo::test::jsonl_record("new-" + std::to_string(run), word + " 발사 " + std::to_string(run),
                                          word + " 본문 " + std::to_string(run));
        bodo::test::write_file(dir / "new.jsonl", lines);
        const auto r = run_command(std::string(BODO_INDEX_BIN) + " --quiet --db " + sh_quote(db) +
                                   (run == 3 ? " --compact " : " ") + sh_quote(dir / "new.jsonl") + " 2>&1");
        INFO(r.out);
        REQUIRE(r.exit_code == 0);
    }
    REQUIRE(std::filesystem::exists(dir / "index/bodo.stub"));  // compacted: a new generation
    // The watcher looks every 0.1 s: wait until the server has moved on (at most 20 s). The
    // new releases are visible in the old generations too (each run folds its delta into a new
    // one), and a thread may open a generation the watcher has not seen yet (a search overtaken
    // by a commit reopens on its own), so wait until the watcher's generation holds still over
    // three looks with everything in place: then it has seen the last switch, and every thread
    // moves to it before its next request.
    json found;
    int still = 0;
    std::int64_t last_generation = -1;
    for (int i = 0; i < 200 && still < 3; ++i) {
        found = get_json(server, "/api/search?q=" + enc(word));
        const json health = get_json(server, "/healthz");
        const auto generation = health["generation"].get<std::int64_t>();
        const bool in_place = found["total"] == 4 && health["documents"] == 44 && generation >= 1;
        still = in_place && generation == last_generation ? still + 1 : 0;
        last_generation = generation;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    done = true;
    for (auto& t : clients) t.join();
    CHECK(found["total"] == 4);
    CHECK(failed == 0);
    CHECK(answered > 0);
    const json health = get_json(server, "/healthz");
    CHECK(health["documents"] == 44);
    CHECK(health["generation"].get<int>() >= 1);
    // Every thread answers from the new revision: the page too.
    for (int i = 0; i < 8; ++i) {
        const auto page = server.get("/?q=" + enc(word));
        REQUIRE(page);
        CHECK(page->body.find("<strong>4</strong>건") != std::string::npos);
        CHECK(get_json(server, "/api/release/new-3")["title"] == word + " 발사 3");
    }
    CHECK(server.running());
    // Stops cleanly on SIGTERM after all this (in a sanitizer build, a report at exit would
    // change the exit status).
    const auto end = server.stop();
    INFO(server.stderr_text());
    CHECK(end.exit_code == 0);
}

TEST_CASE("serve: a sharded index answers as bodo-search does over it", "[serve][shards]") {
    bodo::test::TempDir dir;
    const std::string db = dir / "sharded";
    const auto built = run_command(std::string(BODO_INDEX_BIN) + " --quiet --shards 3 --db " + sh_quote(db) + " " +
                                   sh_quote(std::string(BODO_SOURCE_DIR) + "/corpus") + " 2>&1");
    INFO(built.out);
    REQUIRE(built.exit_code == 0);
    Server server(db);
    for (const std::string q : {"반도체", "과학", "정부 전략"}) {
        INFO(q);
        const json api = get_json(server, "/api/search?q=" + enc(q) + "&facets=true");
        CHECK(api == search_json(db, "--facets -- " + sh_quote(q)));
        const json one = get_json(sample_server(), "/api/search?q=" + enc(q) + "&facets=true");  // one database
        CHECK(hit_ids(api) == hit_ids(one));
        CHECK(api["total"] == one["total"]);
        CHECK(api["facets"] == one["facets"]);
    }
    CHECK(get_json(server, "/api/release/9000006")["id"] == "9000006");
    CHECK(get_json(server, "/healthz")["documents"] == 40);
}

TEST_CASE("serve: a time limit stops counting, never the answer", "[serve][limit]") {
    // Xapian's time limit (Enquire::set_time_limit) ends the counting of matches beyond the page
    // asked for; the page itself is whole. A limit of a microsecond is over before any search.
    Server limited(sample_index(), {"--time-limit", "0.000001"});
    for (const std::string q : {"정부", "과학", "반도체 전략"}) {
        INFO(q);
        const json a = get_json(limited, "/api/search?q=" + enc(q) + "&facets=true&limit=5");
        const json b = get_json(sample_server(), "/api/search?q=" + enc(q) + "&facets=true&limit=5");
        CHECK(hit_ids(a) == hit_ids(b));
        CHECK(a["total"].get<int>() <= b["total"].get<int>());
        CHECK(a["total_exact"] == false);  // past the limit: not known to be exact
        CHECK(b["total_exact"] == true);
    }
    CHECK(limited.running());
}

TEST_CASE("serve: bad command lines and a missing index", "[serve][cli]") {
    bodo::test::TempDir dir;
    auto run = [](const std::string& args) {
        return run_command(sh_quote(BODO_SERVE_BIN) + " " + args + " 2>&1");
    };
    const auto missing = run("--db " + sh_quote(dir / "none") + " --listen 127.0.0.1:0");
    CHECK(missing.exit_code == 3);
    CHECK(missing.out.find("no index") != std::string::npos);
    CHECK(run("--db " + sh_quote(sample_index()) + " --listen nowhere").exit_code == 2);
    CHECK(run("--db " + sh_quote(sample_index()) + " --listen 127.0.0.1:99999").exit_code == 2);
    CHECK(run("--db " + sh_quote(sample_index()) + " --threads 0").exit_code == 2);
    // A port in use is an error, not a port shared with the server already there.
    Server& first = sample_server();
    const auto taken = run("--db " + sh_quote(sample_index()) + " --listen 127.0.0.1:" + std::to_string(first.port()));
    CHECK(taken.exit_code == 4);
    CHECK(taken.out.find("cannot listen") != std::string::npos);
    CHECK(first.running());
    const auto help = run("--help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--listen") != std::string::npos);
}
