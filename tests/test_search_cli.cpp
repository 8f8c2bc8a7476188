// bodo-search as a user runs it, over the sample corpus in corpus/.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "run_command.h"
#include "sample_index.h"
#include "temp_dir.h"

using bodo::test::run_command;
using bodo::test::sample_index;
using bodo::test::sh_quote;
using json = nlohmann::json;

namespace {


bodo::test::CommandResult search(const std::string& args) {
    return run_command("NO_COLOR= " + std::string(BODO_SEARCH_BIN) + " --db " + sh_quote(sample_index()) + " " + args +
                       " 2>&1");
}

json search_json(const std::string& args) {
    const auto r = search("--format json " + args);
    INFO(r.out);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    return json::parse(r.out);
}

std::vector<std::string> ids(const json& j) {
    std::vector<std::string> v;
    for (const auto& h : j["hits"]) v.push_back(h["id"].get<std::string>());
    return v;
}

bool has(const std::vector<std::string>& v, const std::string& id) { return std::find(v.begin(), v.end(), id) != v.end(); }

}  // namespace

TEST_CASE("the sample corpus: Korean matching that must work", "[cli][search]") {
    CHECK(has(ids(search_json("--limit 40 정보통신")), "9000001"));  // only inside 과학기술정보통신부는
    CHECK(has(ids(search_json("뉴질랜드")), "9000003"));             // 뉴질랜드와
    CHECK(has(ids(search_json("반도체전략")), "9000006"));           // 반도체 전략
    CHECK(has(ids(search_json("'반도체 전략'")), "9000102"));         // 반도체전략
}

TEST_CASE("facet counts equal the records of a ministry and year", "[cli][facets]") {
    const json j = search_json("--ministry 과학기술정보통신부 --since 2020 --until 2020 --facets");
    CHECK(j["total"] == 6);
    CHECK(j["total_exact"] == true);
    REQUIRE(j["facets"]["year"].size() == 1);
    CHECK(j["facets"]["year"][0]["value"] == "2020");
    CHECK(j["facets"]["year"][0]["count"] == 6);
    std::uint64_t months = 0;
    for (const auto& m : j["facets"]["month"]) months += m["count"].get<std::uint64_t>();
    CHECK(months == 6);
}

TEST_CASE("JSON output has the documented keys", "[cli][json]") {
    const json j = search_json("반도체");
    CHECK(j["query"] == "반도체");
    CHECK(j["total"].get<int>() >= 2);
    REQUIRE(!j["hits"].empty());
    const auto& h = j["hits"][0];
    for (const char* key : {"id", "rank", "score", "title", "date", "ministry", "department", "url", "snippet"})
        CHECK(h.contains(key));
    CHECK(h["rank"] == 1);
    CHECK(!j.contains("facets"));
}

TEST_CASE("TREC and batch output", "[cli][trec]") {
    bodo::test::TempDir dir;
    const std::string queries = dir / "q.tsv";
    {
        std::FILE* f = std::fopen(queries.c_str(), "w");
        std::fputs("\xEF\xBB\xBFq1\t반도체 전략\r\nq2\t뉴질랜드\r\n", f);  // as a Windows editor saves it
        std::fclose(f);
    }
    const auto r = run_command(std::string(BODO_SEARCH_BIN) + " --db " + sh_quote(sample_index()) + " --batch " +
                               sh_quote(queries) + " --format trec --limit 3 2>/dev/null");
    REQUIRE(r.exit_code == 0);
    std::istringstream in(r.out);
    std::string qid, q0, id, tag;
    int rank;
    double score;
    int lines = 0;
    std::set<std::string> qids;
    while (in >> qid >> q0 >> id >> rank >> score >> tag) {
        ++lines;
        qids.insert(qid);
        CHECK((qid == "q1" || qid == "q2"));
        CHECK(q0 == "Q0");
        CHECK(tag == "bodo");
        CHECK((rank >= 1 && rank <= 3));
    }
    CHECK(qids == std::set<std::string>{"q1", "q2"});
    CHECK(lines >= 4);
    CHECK(lines <= 6);

    // A line without a tab is named with its line, the rest answered, and the run exits 2.
    {
        std::FILE* f = std::fopen(queries.c_str(), "w");
        std::fputs("# a comment\nq1\t반도체\nno tab here\n", f);
        std::fclose(f);
    }
    const auto bad = run_command(std::string(BODO_SEARCH_BIN) + " --db " + sh_quote(sample_index()) + " --batch " +
                                 sh_quote(queries) + " --format trec --limit 1 2>&1");
    CHECK(bad.exit_code == 2);
    CHECK(bad.out.find(queries + ":3: expected 'qid<TAB>query'") != std::string::npos);
    CHECK(bad.out.find("q1 Q0 ") != std::string::npos);
    CHECK(bad.out.find("1 queries, total query time ") != std::string::npos);
    CHECK(bad.out.find(", 1 failed") != std::string::npos);
}

TEST_CASE("text output: highlights, no colour off a terminal", "[cli][text]") {
    const auto r = search("반도체전략 --limit 2");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("**반도체전략") != std::string::npos);
    CHECK(r.out.find('\x1b') == std::string::npos);
    const auto forced = search("반도체전략 --limit 2 --colour always");
    CHECK(forced.out.find('\x1b') != std::string::npos);
}

TEST_CASE("exit codes and messages", "[cli][errors]") {
    const std::vector<std::tuple<std::string, int, std::string>> cases{
        {"존재하지않는낱말xyz", 1, "No results"},
        {"date:2020-13", 2, "month"},
        {"", 2, "empty query: give words to search for, or a filter (--since, --ministry, ...) to browse"},
        {"반도체 --since 2022 --until 2021", 2, "--since 2022 is after --until 2021: no release can match"},
        // Usage errors exit 2 as documented (CLI11's own codes are 105, 109…).
        {"반도체 --limit abc", 2, "--limit"},
        {"반도체 --limt 3", 2, "not expected: --limt"},
    };
    for (const auto& [args, exit_code, message] : cases) {
        INFO(args);
        const auto r = search(args);
        CHECK(r.exit_code == exit_code);
        CHECK(r.out.find(message) != std::string::npos);
    }
    bodo::test::TempDir dir;
    const auto r = run_command(std::string(BODO_SEARCH_BIN) + " --db " + sh_quote(dir / "none") + " x 2>&1");
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("no index at " + (dir / "none") + " (build one with bodo-index --db " + (dir / "none") + " INPUT...): ") !=
          std::string::npos);
}

TEST_CASE("query words and options in any order: -word excludes, a word after --ministry is a query word",
          "[cli][args]") {
    // 반도체 is in 9000006 (with 인공지능), 9000102 and 9000103 (산업통상자원부, without it).
    const auto all = ids(search_json("반도체"));
    REQUIRE(has(all, "9000006"));
    REQUIRE(has(all, "9000102"));
    const auto apart = ids(search_json("반도체 -인공지능 --limit 20"));  // CLI11 took -인공지능 for an option
    CHECK(apart == ids(search_json("'반도체 -인공지능' --limit 20")));
    CHECK(!has(apart, "9000006"));
    CHECK(has(apart, "9000102"));
    CHECK(ids(search_json("-인공지능 반도체 --limit 20")) == apart);

    const json filtered = search_json("--ministry 산업통상자원부 반도체");  // 반도체 was taken for a second ministry
    CHECK(filtered["query"] == "반도체");
    CHECK(ids(filtered) == ids(search_json("반도체 --ministry 산업통상자원부")));
    for (const auto& h : filtered["hits"]) CHECK(h["ministry"] == "산업통상자원부");
    CHECK(!ids(filtered).empty());
    CHECK(search_json("-- --limit")["query"] == "--limit");  // after --, everything is query
}

TEST_CASE("--help documents every option with an example, --version prints one", "[cli][help]") {
    const auto help = run_command(std::string(BODO_SEARCH_BIN) + " --help");
    CHECK(help.exit_code == 0);
    for (const char* opt : {"--db", "--since", "--until", "--ministry", "--dept", "--sort", "--limit", "--offset",
                            "--facets", "--format", "--batch", "--colour", "Examples:"})
        CHECK(help.out.find(opt) != std::string::npos);
    const auto version = run_command(std::string(BODO_SEARCH_BIN) + " --version");
    CHECK(version.out.find("bodo-search ") == 0);
}

TEST_CASE("the default index comes from BODO_DB", "[cli][db]") {
    const auto r = run_command("BODO_DB=" + sh_quote(sample_index()) + " " + std::string(BODO_SEARCH_BIN) +
                               " --format trec 반도체 2>/dev/null");
    CHECK(r.exit_code == 0);
    CHECK(!r.out.empty());
}
