// The batch protocol of bodo-search --batch (search/batch.h): "qid<TAB>query" lines, comments,
// a byte order mark, CR line ends, malformed lines, and the timings.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "search/batch.h"

using bodo::BatchQuery;
using bodo::BatchReader;
using bodo::BatchTimer;

namespace {

std::vector<BatchQuery> read_all(const std::string& text, std::vector<std::size_t>* malformed = nullptr) {
    std::istringstream in(text);
    BatchReader reader(in);
    if (malformed) reader.on_malformed = [&](std::size_t line) { malformed->push_back(line); };
    std::vector<BatchQuery> out;
    while (auto q = reader.next()) out.push_back(*q);
    return out;
}

}  // namespace

TEST_CASE("batch: qid and query a line, comments and empty lines skipped", "[batch]") {
    const auto qs = read_all("# dev set\nq1\t반도체 전략\n\nq2\ttitle:5G\t-LTE\n#q3\tnot a query\n");
    REQUIRE(qs.size() == 2);
    CHECK((qs[0].qid == "q1" && qs[0].query == "반도체 전략" && qs[0].line == 2));
    CHECK((qs[1].qid == "q2" && qs[1].query == "title:5G\t-LTE" && qs[1].line == 4));  // later tabs are the query's
}

TEST_CASE("batch: a byte order mark before the first qid and CR line ends are no part of it", "[batch]") {
    const auto qs = read_all("\xEF\xBB\xBFq1\t뉴질랜드\r\n\xEF\xBB\xBFq2\t스마트팜\r\n");
    REQUIRE(qs.size() == 2);
    CHECK(qs[0].qid == "q1");
    CHECK(qs[0].query == "뉴질랜드");
    CHECK(qs[1].qid == "\xEF\xBB\xBFq2");  // only the file's first line can start with one
}

TEST_CASE("batch: a line without a tab is malformed, said with its line, and the rest is read", "[batch]") {
    std::vector<std::size_t> malformed;
    std::istringstream in("q1 반도체\nq2\t전략\nq3\n");
    BatchReader reader(in);
    reader.on_malformed = [&](std::size_t line) { malformed.push_back(line); };
    std::vector<std::string> qids;
    while (auto q = reader.next()) qids.push_back(q->qid);
    CHECK(qids == std::vector<std::string>{"q2"});
    CHECK(malformed == std::vector<std::size_t>{1, 3});
    CHECK(reader.malformed() == 2);
}

TEST_CASE("batch: each query's time goes to the timings, and the summary counts them", "[batch]") {
    BatchTimer timer;
    std::ostringstream timings;
    for (const char* qid : {"a", "b"}) {
        timer.start_query();
        timer.end_query(qid, &timings);
    }
    timer.start_query();
    timer.end_query("c", nullptr);  // not written without a timings file
    std::istringstream lines(timings.str());
    std::string qid;
    double ms = -1;
    std::vector<std::string> qids;
    while (lines >> qid >> ms) {
        qids.push_back(qid);
        CHECK(ms >= 0);
    }
    CHECK(qids == std::vector<std::string>{"a", "b"});
    CHECK_THAT(timer.summary(0), Catch::StartsWith("3 queries, total query time ") && Catch::EndsWith(" ms/query)"));
    CHECK_THAT(timer.summary(2), Catch::EndsWith(" ms/query), 2 failed"));
}
