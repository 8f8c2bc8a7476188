// IndexRun, the run behind bodo-index, in process: problems through on_message, counts and exit
// codes, progress, --prune only under inputs read without problems. The program's own output
// (summary lines, progress line) is tested in test_indexer_cli.cpp.

#include <catch2/catch.hpp>
#include <filesystem>
#include <xapian.h>

#include "index/index_run.h"
#include "index_files.h"
#include "temp_dir.h"

using namespace bodo;
using test::has_id;
using test::jsonl_record;
using test::write_file;

namespace {

using Kind = IndexRunNote::Kind;

/// Runs once over `inputs`, collecting its notes (bodo-index words them: test_indexer_cli).
IndexRunReport run_once(const std::string& db, const std::vector<std::string>& inputs, std::vector<IndexRunNote>& messages,
                        bool prune = false) {
    IndexRunOptions options;
    options.prune = prune;
    IndexRun run(db, options);
    run.on_note = [&](const IndexRunNote& note) { messages.push_back(note); };
    return run.run(inputs);
}

}  // namespace

TEST_CASE("an index run indexes what it can read and reports each problem with its file and line", "[index_run]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    const std::string input = dir / "a.jsonl";
    write_file(input, jsonl_record("a1", "하나") + "{\"id\": \"a2\", \"title\": \n" + jsonl_record("a1", "하나 또") +
                          jsonl_record("a3", "셋") + jsonl_record("a3", "셋 또") + "{\"id\": \"a4\", \"title\": 4}\n");

    std::vector<IndexRunNote> messages;
    IndexRunReport report = run_once(db, {input}, messages);
    CHECK(report.counts.added == 2);
    CHECK(report.read == 4);  // a1 and a3 twice each; the broken lines are no releases
    CHECK(report.skipped == 4);
    CHECK(report.exit_code() == 1);
    REQUIRE(messages.size() == 4);
    CHECK_THAT(messages[0].detail, Catch::StartsWith(input + ":2: "));
    CHECK_THAT(messages[1].detail, Catch::StartsWith(input + ":3: duplicate id a1 (first seen at " + input + ":1)"));
    CHECK(messages[3].detail == input + ":6: field 'title' is not a string");
    // The summary counts problems by kind: not by the id or value they name, but by field.
    CHECK(report.skip_reasons.at("duplicate id") == 2);
    CHECK(report.skip_reasons.at("field 'title' is not a string") == 1);
    CHECK_THAT(report.summary, Catch::StartsWith("2 added, 0 replaced, 0 unchanged, 4 skipped, 0 warnings in "));
    CHECK_THAT(report.summary, Catch::EndsWith("holds 2 releases"));
    CHECK(has_id(db, "a1"));
    CHECK(has_id(db, "a3"));

    // The next run over the same file finds nothing new; a clean input exits 0.
    write_file(input, jsonl_record("a1", "하나") + jsonl_record("a3", "셋"));
    messages.clear();
    report = run_once(db, {input}, messages);
    CHECK(report.counts.unchanged == 2);
    CHECK(report.counts.added == 0);
    CHECK(messages.empty());
    CHECK(report.exit_code() == 0);
}

TEST_CASE("an index run counts warnings by kind, as it counts skips", "[index_run]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    const std::string input = dir / "w.jsonl";
    write_file(input, R"({"id": "w1", "title": "제목", "date": "2024-03-05", "ministry": "수천억원", "body": "환경부는"})" "\n"
                      R"({"id": "w2", "title": "제목", "date": "2024-03-05", "ministry": "소재부", "body": "환경부는"})" "\n"
                      R"({"id": "w3", "title": "제목", "ministry": "교육부", "body": "본문"})" "\n");
    std::vector<IndexRunNote> messages;
    const IndexRunReport report = run_once(db, {input}, messages);
    CHECK(report.counts.added == 3);
    CHECK(report.warnings == 3);
    CHECK(report.exit_code() == 0);
    CHECK(report.warning_reasons.size() == 2);
    CHECK(report.warning_reasons.at("ministry field names no government body") == 2);
    CHECK(report.warning_reasons.at("no date") == 1);
}

TEST_CASE("a warning about a release is repeated only when the release is new or changed", "[index_run]") {
    // A nightly run reads the whole archive again: yesterday's warnings would drown today's.
    test::TempDir dir;
    const std::string db = dir / "index";
    const std::string input = dir / "n.jsonl";
    const std::string undated = R"({"id": "u1", "title": "날짜 없음", "ministry": "교육부", "body": "본문"})" "\n";
    write_file(input, undated + jsonl_record("d1", "날짜 있음"));
    std::vector<IndexRunNote> messages;
    IndexRunReport report = run_once(db, {input}, messages);
    CHECK(report.warnings == 1);
    REQUIRE(messages.size() == 1);
    CHECK_THAT(messages[0].detail, Catch::StartsWith(input + ":1: warning: no date"));

    messages.clear();
    report = run_once(db, {input}, messages);
    CHECK(report.counts.unchanged == 2);
    CHECK(report.warnings == 0);
    CHECK(messages.empty());

    messages.clear();  // changed: said again
    write_file(input, R"j({"id": "u1", "title": "날짜 없음 (수정)", "ministry": "교육부", "body": "본문"})j" "\n" +
                          jsonl_record("d1", "날짜 있음"));
    report = run_once(db, {input}, messages);
    CHECK(report.counts.replaced == 1);
    CHECK(report.warnings == 1);
    CHECK(messages.size() == 1);
}

TEST_CASE("an input that yields no release is said and never pruned (an unmounted share looks empty)", "[index_run]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    write_file(dir / "share/x.jsonl", jsonl_record("s1", "하나") + jsonl_record("s2", "둘"));
    std::vector<IndexRunNote> messages;
    REQUIRE(run_once(db, {dir / "share"}, messages).exit_code() == 0);
    REQUIRE(messages.empty());

    std::filesystem::remove(dir / "share/x.jsonl");  // the folder is there, its files are not
    messages.clear();
    const IndexRunReport report = run_once(db, {dir / "share"}, messages, true);
    CHECK(report.pruned == 0);
    CHECK(has_id(db, "s1"));
    CHECK(has_id(db, "s2"));
    CHECK(report.warnings == 1);
    CHECK(report.warning_reasons.at("no releases found") == 1);
    CHECK(report.exit_code() == 0);
    REQUIRE(messages.size() == 2);
    CHECK((messages[0].kind == Kind::NoReleases && messages[0].input == dir / "share"));
    CHECK((messages[1].kind == Kind::PruneNothingRead && messages[1].input == dir / "share"));
}

TEST_CASE("an index run prunes only under inputs read without problems, and shows progress per input", "[index_run]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    write_file(dir / "good/x.jsonl", jsonl_record("g1", "좋은 하나") + jsonl_record("g2", "좋은 둘"));
    write_file(dir / "bad/x.jsonl", jsonl_record("b1", "나쁜 하나") + jsonl_record("b2", "나쁜 둘"));
    std::vector<IndexRunNote> messages;
    REQUIRE(run_once(db, {dir / "good", dir / "bad"}, messages).exit_code() == 0);

    // g2 and b2 are gone from their files; bad/ also has a broken line now.
    write_file(dir / "good/x.jsonl", jsonl_record("g1", "좋은 하나"));
    write_file(dir / "bad/x.jsonl", jsonl_record("b1", "나쁜 하나") + "not json\n");
    IndexRunOptions options;
    options.prune = true;
    IndexRun run(db, options);
    std::vector<std::pair<std::size_t, std::uint64_t>> progress;
    run.on_progress = [&](std::size_t input, std::uint64_t read) { progress.emplace_back(input, read); };
    messages.clear();
    run.on_note = [&](const IndexRunNote& note) { messages.push_back(note); };
    const IndexRunReport report = run.run({dir / "good", dir / "bad"});

    CHECK(report.pruned == 1);
    CHECK_FALSE(has_id(db, "g2"));
    CHECK(has_id(db, "b2"));  // its input had a problem: nothing under it is deleted
    CHECK(report.exit_code() == 1);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].kind == Kind::ReadProblem);
    CHECK((messages[1].kind == Kind::PruneReadProblems && messages[1].input == dir / "bad" && messages[1].count == 1));
    CHECK(messages[1].detail == messages[0].detail);  // the first problem, as reported
    // Each input announced before its releases; the count of releases read only grows.
    const std::vector<std::pair<std::size_t, std::uint64_t>> expected{{0, 0}, {0, 1}, {1, 1}, {1, 2}};
    CHECK(progress == expected);
}
