// Tests of the output writers (text, JSON, TREC) and of the colour decision.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/json_writer.h"
#include "output/result_writer.h"
#include "output/terminal.h"
#include "output/text_writer.h"
#include "output/trec_writer.h"
#include "search/response.h"
#include "skip.h"

using namespace bodo;

namespace {

Hit make_hit(std::string id, unsigned rank, double score, std::string title) {
    Hit hit;
    hit.id = std::move(id);
    hit.rank = rank;
    hit.score = score;
    hit.title = std::move(title);
    return hit;
}

SearchResponse sample_response() {
    SearchResponse r;
    r.query = "반도체 \"전략\"";
    r.total = 2;
    r.total_exact = true;
    Hit a = make_hit("9000101", 1, 12.3456789, "과기정통부, \"반도체 전략\" 발표\n(2차)");
    a.date = "2021-03-04";
    a.ministry = "과학기술정보통신부";
    a.department = "전파정책기획과";
    a.url = "https://www.korea.kr/briefing/pressReleaseView.do?newsId=9000101";
    a.snippet = {{"정부는 ", false}, {"반도체", true}, {" 전략을\n발표했다. 탭\t과 \\ 백슬래시 ", false},
                 {"전략", true}};
    Hit b = make_hit("9000102", 2, 3.5, "반도체전략 후속 조치");
    b.date = "2022-01-10";
    b.ministry = "산업통상자원부";
    b.snippet = {{"반도체전략", true}, {"의 후속 조치", false}};
    r.hits = {a, b};
    return r;
}

std::string write_with(OutputFormat format, const WriterOptions& options, const std::vector<SearchResponse>& rs) {
    auto writer = make_writer(format, options, rs.size() > 1);
    std::ostringstream out;
    for (const auto& r : rs) writer->write(r, out);
    writer->finish(out);
    return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + needle.size())) {
        ++n;
    }
    return n;
}

/// Sets or unsets NO_COLOR for the lifetime of the object, restoring the old value after.
class NoColorEnv {
  public:
    explicit NoColorEnv(const char* value) {
        if (const char* old = std::getenv("NO_COLOR")) old_ = old;
        if (value) {
            ::setenv("NO_COLOR", value, 1);
        } else {
            ::unsetenv("NO_COLOR");
        }
    }
    ~NoColorEnv() {
        if (old_) {
            ::setenv("NO_COLOR", old_->c_str(), 1);
        } else {
            ::unsetenv("NO_COLOR");
        }
    }
    NoColorEnv(const NoColorEnv&) = delete;
    NoColorEnv& operator=(const NoColorEnv&) = delete;

  private:
    std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("parse_output_format knows text, json and trec", "[output]") {
    CHECK(parse_output_format("text") == OutputFormat::Text);
    CHECK(parse_output_format("json") == OutputFormat::Json);
    CHECK(parse_output_format("trec") == OutputFormat::Trec);
    CHECK(parse_output_format("JSON") == OutputFormat::Json);
    CHECK_THROWS_AS(parse_output_format("xml"), std::invalid_argument);
    CHECK_THROWS_AS(parse_output_format(""), std::invalid_argument);
}

TEST_CASE("JSON output parses back with the right keys and values", "[output]") {
    const std::string text = write_with(OutputFormat::Json, {}, {sample_response()});
    REQUIRE(!text.empty());
    CHECK(text.back() == '\n');
    CHECK(count_of(text, "\n") == 1);  // one object, one line

    const auto j = nlohmann::json::parse(text);
    REQUIRE(j.is_object());
    CHECK(j.at("query") == "반도체 \"전략\"");
    CHECK(j.at("total") == 2);
    CHECK(j.at("total_exact") == true);
    CHECK_FALSE(j.contains("facets"));
    CHECK_FALSE(j.contains("suggestion"));
    CHECK_FALSE(j.contains("qid"));
    REQUIRE(j.at("hits").size() == 2);

    const auto& h = j.at("hits")[0];
    for (const char* key : {"id", "rank", "score", "title", "date", "ministry", "department", "url", "snippet",
                            "highlights", "snippet_parts"}) {
        CHECK(h.contains(key));
    }
    CHECK(h.at("id") == "9000101");
    CHECK(h.at("rank") == 1);
    CHECK(h.at("score").get<double>() == Approx(12.3456789));
    CHECK(h.at("title") == "과기정통부, \"반도체 전략\" 발표\n(2차)");
    CHECK(h.at("date") == "2021-03-04");
    CHECK(h.at("ministry") == "과학기술정보통신부");
    CHECK(h.at("department") == "전파정책기획과");
    CHECK(h.at("url") == "https://www.korea.kr/briefing/pressReleaseView.do?newsId=9000101");
    CHECK(h.at("snippet") == "정부는 반도체 전략을\n발표했다. 탭\t과 \\ 백슬래시 전략");
    CHECK(h.at("highlights") == nlohmann::json::array({"반도체", "전략"}));
    // The parts make the snippet, and say which 전략 is the highlighted one (the last).
    std::string joined, marked;
    for (const auto& part : h.at("snippet_parts")) {
        joined += part.at("text").get<std::string>();
        if (part.at("highlight").get<bool>()) marked += "[" + part.at("text").get<std::string>() + "]";
    }
    CHECK(joined == h.at("snippet"));
    CHECK(marked == "[반도체][전략]");
    CHECK(h.at("snippet_parts").back() == nlohmann::json({{"text", "전략"}, {"highlight", true}}));
    CHECK(j.at("hits")[1].at("department") == "");

    // Escapes are JSON escapes; Korean stays UTF-8 text.
    CHECK(text.find("\\\"반도체 전략\\\"") != std::string::npos);
    CHECK(text.find("\\n(2차)") != std::string::npos);
    CHECK(text.find("\\t") != std::string::npos);
    CHECK(text.find("\\\\ 백슬래시") != std::string::npos);
    CHECK(text.find("과학기술정보통신부") != std::string::npos);
}

TEST_CASE("JSON output has facets, suggestion and qid only when set", "[output]") {
    SearchResponse r = sample_response();
    r.qid = "q7";
    r.suggestion = "반도체 전략";
    r.total_exact = false;
    r.facets = {{"ministry", {{"과학기술정보통신부", 5}, {"산업통상자원부", 2}}}, {"year", {{"2021", 7}}}};
    const auto j = nlohmann::json::parse(to_json_line(r));
    CHECK(j.at("qid") == "q7");
    CHECK(j.at("suggestion") == "반도체 전략");
    CHECK(j.at("total_exact") == false);
    REQUIRE(j.contains("facets"));
    const auto& ministry = j.at("facets").at("ministry");
    REQUIRE(ministry.size() == 2);
    CHECK(ministry[0].at("value") == "과학기술정보통신부");
    CHECK(ministry[0].at("count") == 5);
    CHECK(ministry[1].at("value") == "산업통상자원부");
    CHECK(j.at("facets").at("year")[0].at("count") == 7);
}

TEST_CASE("JSON output of an empty response and of invalid UTF-8", "[output]") {
    SearchResponse r;
    r.query = std::string("bad \xff\xfe byte");
    r.total_exact = true;
    const std::string line = to_json_line(r);
    const auto j = nlohmann::json::parse(line);  // would throw on invalid UTF-8
    CHECK(j.at("hits").is_array());
    CHECK(j.at("hits").empty());
    CHECK(j.at("total") == 0);
    CHECK(j.at("query").get<std::string>().find("\xef\xbf\xbd") != std::string::npos);  // U+FFFD
}

TEST_CASE("JSON batch output is JSON Lines", "[output]") {
    SearchResponse a = sample_response();
    a.qid = "1";
    SearchResponse b;
    b.qid = "2";
    b.query = "없는말";
    b.total_exact = true;
    const std::string text = write_with(OutputFormat::Json, {}, {a, b});
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == 2);
    CHECK(nlohmann::json::parse(lines[0]).at("qid") == "1");
    CHECK(nlohmann::json::parse(lines[1]).at("qid") == "2");
    CHECK(nlohmann::json::parse(lines[1]).at("hits").empty());
}

TEST_CASE("TREC lines are exact", "[output]") {
    SearchResponse r = sample_response();
    WriterOptions options;
    CHECK(write_with(OutputFormat::Trec, options, {r}) ==
          "1 Q0 9000101 1 12.345679 bodo\n"
          "1 Q0 9000102 2 3.500000 bodo\n");

    r.qid = "301";
    options.run_tag = "bodo-bm25";
    CHECK(write_with(OutputFormat::Trec, options, {r}) ==
          "301 Q0 9000101 1 12.345679 bodo-bm25\n"
          "301 Q0 9000102 2 3.500000 bodo-bm25\n");

    Hit h = make_hit("9000003", 10, 0.0, "");
    CHECK(format_trec_line("q 1", h, "my run") == "q_1 Q0 9000003 10 0.000000 my_run");
    CHECK(format_trec_line("", h, "") == "1 Q0 9000003 10 0.000000 bodo");

    SearchResponse empty;
    CHECK(write_with(OutputFormat::Trec, options, {empty}).empty());
}

TEST_CASE("text output without colour has no escape bytes", "[output]") {
    SearchResponse r = sample_response();
    r.hits[1].title += "\x1b[31m injected";  // data must not reach the terminal as a sequence
    WriterOptions options;
    options.colour = false;
    const std::string text = write_with(OutputFormat::Text, options, {r});
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("2 results for «반도체 \"전략\"»") == 0);
    CHECK(text.find(" 1. 과기정통부, \"반도체 전략\" 발표 (2차)\n") != std::string::npos);
    CHECK(text.find("2021-03-04 · 과학기술정보통신부 · 전파정책기획과") != std::string::npos);
    CHECK(text.find("2022-01-10 · 산업통상자원부\n") != std::string::npos);
    CHECK(text.find("https://www.korea.kr/briefing/pressReleaseView.do?newsId=9000101") != std::string::npos);
    CHECK(text.find("정부는 **반도체** 전략을 발표했다. 탭 과 \\ 백슬래시 **전략**\n") != std::string::npos);
    CHECK(text.find("**반도체전략**의 후속 조치") != std::string::npos);
}

TEST_CASE("text output with colour uses ANSI bold and yellow", "[output]") {
    WriterOptions options;
    options.colour = true;
    const std::string text = write_with(OutputFormat::Text, options, {sample_response()});
    CHECK(text.find('\x1b') != std::string::npos);
    CHECK(text.find("\x1b[1;33m반도체\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[1m과기정통부") != std::string::npos);
    CHECK(text.find("**") == std::string::npos);
}

TEST_CASE("text output: estimates, empty results and suggestions", "[output]") {
    WriterOptions options;
    SearchResponse r = sample_response();
    r.total = 1234;
    r.total_exact = false;
    CHECK(write_with(OutputFormat::Text, options, {r}).find("about 1,234 results for «") == 0);

    SearchResponse none;
    none.query = "반도채";
    none.total_exact = true;
    none.suggestion = "반도체";
    const std::string text = write_with(OutputFormat::Text, options, {none});
    CHECK(text == "No results for «반도채».\nDid you mean: «반도체»?\n");

    SearchResponse one = sample_response();
    one.total = 1;
    one.hits.resize(1);
    CHECK(write_with(OutputFormat::Text, options, {one}).find("1 result for «") == 0);
}

TEST_CASE("text output in batch mode names each query", "[output]") {
    SearchResponse a = sample_response();
    a.qid = "q1";
    SearchResponse b;
    b.qid = "q2";
    b.query = "없음";
    b.total_exact = true;
    const std::string text = write_with(OutputFormat::Text, {}, {a, b});
    CHECK(text.find("[q1] 2 results for «") == 0);
    CHECK(text.find("\n\n[q2] No results for «없음».\n") != std::string::npos);
}

TEST_CASE("text facets: top values with the rest counted", "[output]") {
    SearchResponse r = sample_response();
    Facet ministry{"ministry", {}};
    for (int i = 0; i < 13; ++i) ministry.counts.emplace_back("부처" + std::to_string(i), 100 - i);
    Facet year{"year", {{"2020", 4}, {"2021", 2}}};
    r.facets = {ministry, year};
    const std::string text = write_with(OutputFormat::Text, {}, {r});
    CHECK(text.find("By ministry\n") != std::string::npos);
    CHECK(text.find("  부처0  100\n") != std::string::npos);
    CHECK(text.find("  부처9   91\n") != std::string::npos);
    CHECK(text.find("부처10") == std::string::npos);
    CHECK(text.find("  … and 3 more\n") != std::string::npos);
    CHECK(text.find("By year\n  2020  4\n  2021  2\n") != std::string::npos);
}

TEST_CASE("the month bar chart scales to the largest count", "[output]") {
    CHECK(text_bar(0, 10).empty());
    CHECK(text_bar(5, 0).empty());
    CHECK(count_of(text_bar(10, 10), "█") == kBarWidth);
    CHECK(count_of(text_bar(5, 10), "█") == kBarWidth / 2);
    CHECK(count_of(text_bar(1, 1000), "█") == 1);  // a non-zero count is always visible
    CHECK(count_of(text_bar(3, 4, 8), "█") == 6);

    SearchResponse r = sample_response();
    // Given most frequent first; drawn in date order.
    r.facets = {{"month", {{"2020-03", 8}, {"2020-01", 4}, {"2020-02", 2}}}};
    const std::string text = write_with(OutputFormat::Text, {}, {r});
    const auto lines = lines_of(text);
    std::vector<std::string> chart;
    bool in_chart = false;
    for (const auto& line : lines) {
        if (line == "By month") {
            in_chart = true;
        } else if (in_chart && !line.empty()) {
            chart.push_back(line);
        }
    }
    REQUIRE(chart.size() == 3);
    CHECK(chart[0].rfind("  2020-01  ", 0) == 0);
    CHECK(chart[1].rfind("  2020-02  ", 0) == 0);
    CHECK(chart[2].rfind("  2020-03  ", 0) == 0);
    CHECK(count_of(chart[0], "█") == kBarWidth / 2);
    CHECK(count_of(chart[1], "█") == kBarWidth / 4);
    CHECK(count_of(chart[2], "█") == kBarWidth);
    CHECK(chart[2].substr(chart[2].size() - 2) == " 8");
    CHECK(chart[1].substr(chart[1].size() - 2) == " 2");
}

TEST_CASE("display width counts Hangul as two columns", "[output]") {
    CHECK(display_width("") == 0);
    CHECK(display_width("abc") == 3);
    CHECK(display_width("과학") == 4);
    CHECK(display_width("5G 반도체") == 9);
}

TEST_CASE("use_colour follows the mode and NO_COLOR", "[output]") {
    CHECK(parse_colour_mode("auto") == ColourMode::Auto);
    CHECK(parse_colour_mode("Always") == ColourMode::Always);
    CHECK(parse_colour_mode("never") == ColourMode::Never);
    CHECK_THROWS_AS(parse_colour_mode("sometimes"), std::invalid_argument);

    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const int not_a_tty = pipe_fds[1];

    SECTION("never and always ignore the environment") {
        NoColorEnv env("1");
        CHECK_FALSE(use_colour(not_a_tty, ColourMode::Never));
        CHECK(use_colour(not_a_tty, ColourMode::Always));
    }
    SECTION("auto is off when the output is not a terminal") {
        NoColorEnv env(nullptr);
        CHECK_FALSE(use_colour(not_a_tty, ColourMode::Auto));
    }
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
}

TEST_CASE("use_colour on a terminal: NO_COLOR non-empty disables, empty does not", "[output][needs-pty]") {
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    const bool have_pty = master >= 0 && ::grantpt(master) == 0 && ::unlockpt(master) == 0;
    if (!have_pty && master >= 0) ::close(master);
    BODO_SKIP_UNLESS(have_pty, "no pseudo-terminal available");
    const int tty = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
    REQUIRE(tty >= 0);
    {
        NoColorEnv env(nullptr);
        CHECK(use_colour(tty, ColourMode::Auto));
    }
    {
        NoColorEnv env("");
        CHECK(use_colour(tty, ColourMode::Auto));
    }
    {
        NoColorEnv env("1");
        CHECK_FALSE(use_colour(tty, ColourMode::Auto));
        CHECK(use_colour(tty, ColourMode::Always));
        CHECK_FALSE(use_colour(tty, ColourMode::Never));
    }
    ::close(tty);
    ::close(master);
}
