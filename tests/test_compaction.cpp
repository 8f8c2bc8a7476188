// Compaction that looks after itself (generations.h): the growth that triggers it, --compact,
// the summary line, the switch to a new generation under running searches (threads and
// processes), and bodo-index killed with SIGKILL at any moment of a compaction.
#include <catch2/catch.hpp>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <xapian.h>

#include "child_process.h"
#include "index_files.h"
#include "index/generations.h"
#include "index/index_run.h"
#include "schema/stub_file.h"
#include "schema/schema.h"
#include "search/searcher.h"
#include "synthetic_releases.h"
#include "temp_dir.h"

using namespace bodo;
namespace fs = std::filesystem;

namespace {

/// One bodo-index run in this process, as bodo-index makes it.
IndexRunReport index_run(const std::string& db, const std::vector<std::string>& inputs, bool compact = false,
                         std::uint64_t auto_min_bytes = kMinAutoCompactBytes, unsigned jobs = 1) {
    IndexRunOptions options;
    options.jobs = jobs;
    options.compact = compact;
    options.auto_compact_min_bytes = auto_min_bytes;
    IndexRun run(db, options);
    return run.run(inputs);
}

Growth growth_of(const std::string& db) {
    Xapian::Database d(db);
    const LiveIndex live = live_index(db);
    std::vector<std::string> dirs{live.writable};
    if (!live.base.empty()) dirs.push_back(live.base);
    return estimate_growth(d, dirs);
}

/// Directory names in `dir`, sorted.
std::vector<std::string> listing(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// The block sizes of a database's tables, in bytes, as Xapian's checker reports them.
std::set<unsigned> block_sizes(const std::string& dir) {
    std::ostringstream report;
    Xapian::Database::check(dir, Xapian::DBCHECK_SHOW_STATS, &report);
    std::set<unsigned> sizes;
    const std::string text = report.str();
    for (std::size_t at = text.find("blocksize="); at != std::string::npos; at = text.find("blocksize=", at + 1))
        sizes.insert(static_cast<unsigned>(std::stoul(text.substr(at + 10))) * 1024);
    return sizes;
}

bool holds_all(const std::string& db, std::size_t first, std::size_t n) {
    Xapian::Database d(db);
    for (std::size_t i = first; i < first + n; ++i)
        if (!d.term_exists(boolean_term(Field::Id, "syn-" + std::to_string(i)))) return false;
    return true;
}

}  // namespace

TEST_CASE("compaction: an index grown past a compacted copy is compacted at the end of a run, into a new generation",
          "[compaction][threads]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(dir / "base.jsonl", 3000, 0, 120);
    // A first build with --jobs is compacted already (a base without term lists and an empty
    // delta), and says so in its metadata.
    REQUIRE(index_run(db, {dir / "base.jsonl"}, false, 0, 2).exit_code() == 0);
    REQUIRE(live_generation(db) == 1u);
    const Growth fresh = growth_of(db);
    CHECK(fresh.recorded);
    CHECK(fresh.ratio() == Approx(1.0).epsilon(0.02));
    CHECK(block_sizes(live_index(db).base) == std::set<unsigned>{kBaseBlockSize});

    // Nightly runs: Xapian splits the full blocks its postings go to. Without the automatic
    // compaction (its minimum size not reached) the index grows past the threshold…
    std::size_t next = 3000;
    Growth g = fresh;
    for (int night = 0; night < 5 && g.ratio() <= kCompactWhenGrownBy; ++night) {
        const std::string input = dir / fmt::format("night{}.jsonl", night);
        test::write_synthetic_jsonl(input, 50, next, 120);
        next += 50;
        const IndexRunReport r = index_run(db, {input});
        REQUIRE(r.exit_code() == 0);
        CHECK_FALSE(r.compaction);
        g = growth_of(db);
    }
    REQUIRE(g.ratio() > kCompactWhenGrownBy);
    CHECK(live_generation(db) == 1u);

    // …and the next run compacts it: into DIR/gen-000002 and an empty delta, named by the stubs,
    // the old ones gone.
    test::write_synthetic_jsonl(dir / "tonight.jsonl", 50, next, 120);
    const IndexRunReport r = index_run(db, {dir / "tonight.jsonl"}, false, 0);
    REQUIRE(r.exit_code() == 0);
    next += 50;
    REQUIRE(r.compaction);
    CHECK_FALSE(r.compaction->asked);
    CHECK(r.compaction->grown);
    CHECK(r.compaction->grown_by > kCompactWhenGrownBy);
    CHECK(live_generation(db) == 2u);
    CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", "delta-000002", "gen-000002"});
    CHECK(read_stub(dir / "index/bodo.stub").front().line() == "glass delta-000002");
    CHECK(read_stub(dir / "index/bodo.stub").back().line() == "glass gen-000002");
    const Growth after = growth_of(db);
    CHECK(after.recorded);
    CHECK(after.ratio() == Approx(1.0).epsilon(0.02));
    CHECK(block_sizes(live_index(db).base) == std::set<unsigned>{kBaseBlockSize});
    CHECK(after.bytes < g.bytes);
    CHECK(Xapian::Database(db).get_doccount() == next);
    CHECK(holds_all(db, 0, next));

    // A run that leaves it near its compacted size does not compact again; later runs write the
    // live generation, and searches read it through the stub.
    const IndexRunReport rerun = index_run(db, {dir / "tonight.jsonl"}, false, 0);
    CHECK(rerun.counts.unchanged == 50);
    CHECK_FALSE(rerun.compaction);
    test::write_synthetic_jsonl(dir / "more.jsonl", 5, next, 120);
    CHECK(index_run(db, {dir / "more.jsonl"}, false, UINT64_MAX).counts.added == 5);
    CHECK(live_generation(db) == 2u);
    SearchRequest q;
    q.query = "보도";
    q.limit = 1;
    CHECK(Searcher(db).search(q).total == next + 5);
}

TEST_CASE("compaction: the threshold is measured against the recorded compacted size, scaled by total length",
          "[compaction]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(dir / "a.jsonl", 200);
    REQUIRE(index_run(db, {dir / "a.jsonl"}, true).exit_code() == 0);
    // The record is the delta's (the first database of the index), for base and delta together.
    Xapian::WritableDatabase w(live_database_path(db), Xapian::DB_OPEN);
    const Xapian::totallength length = Xapian::Database(db).get_total_length();
    const Growth g = growth_of(db);
    REQUIRE(g.recorded);
    // Half the total length compacted at the same size: twice the growth.
    w.set_metadata(kCompactionKey, fmt::format("{} {}", g.compacted_bytes, 2 * length));
    w.commit();
    const Growth doubled = growth_of(db);
    CHECK(doubled.ratio() == Approx(2 * g.ratio()).epsilon(0.01));
    // No record (an index built with --jobs 1, or by an older bodo): bytes per unit of length.
    w.set_metadata(kCompactionKey, "");
    w.commit();
    const Growth unrecorded = growth_of(db);
    CHECK_FALSE(unrecorded.recorded);
    CHECK(unrecorded.compacted_bytes == std::uint64_t(kCompactedBytesPerLength * double(length)));
}

TEST_CASE("compaction: bodo-index --compact compacts now, says so in the summary, and keeps --db the same path",
          "[compaction]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(dir / "a.jsonl", 300);
    test::write_synthetic_jsonl(dir / "b.jsonl", 20, 300);
    const auto first = test::run_child({BODO_INDEX_BIN, "--db", db, "--jobs", "1", dir / "a.jsonl"});
    REQUIRE(first.exit_code == 0);
    CHECK_THAT(first.err, !Catch::Contains("compacted"));  // small: left alone

    // With inputs: indexed, then compacted; the line comes after the summary.
    const auto second = test::run_child({BODO_INDEX_BIN, "--db", db, "--quiet", "--compact", dir / "b.jsonl"});
    REQUIRE(second.exit_code == 0);
    CHECK_THAT(second.err, Catch::Contains("bodo-index: 20 added, 0 replaced, 0 unchanged"));
    CHECK_THAT(second.err, Catch::Contains("\nbodo-index: compacted " + db + ": "));
    CHECK_THAT(second.err, Catch::Contains("(--compact); the index is now gen-000001"));
    CHECK(second.err.find("holds 320 releases") < second.err.find("compacted"));

    // Without inputs: compacted only; the record of the last indexing run stays.
    const auto third = test::run_child({BODO_INDEX_BIN, "--db", db, "--compact"});
    REQUIRE(third.exit_code == 0);
    CHECK_THAT(third.err, Catch::Contains("the index is now gen-000002"));
    CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", "delta-000002", "gen-000002"});
    const auto stats = test::run_child({BODO_INDEX_BIN, "--db", db, "--stats"});
    CHECK_THAT(stats.out, Catch::Contains("releases     320"));
    CHECK_THAT(stats.out, Catch::Contains("last run     20 added"));

    // Everything that opened DIR before still does: bodo-search, Xapian (XAPIANDB), a writer.
    const auto search = test::run_child({BODO_SEARCH_BIN, "--db", db, "--format", "json", "보도"});
    CHECK(search.exit_code == 0);
    CHECK_THAT(search.out, Catch::Contains("\"total\":320"));
    CHECK(Xapian::Database(db).get_doccount() == 320);
    CHECK(holds_all(db, 0, 320));
    test::write_synthetic_jsonl(dir / "c.jsonl", 3, 320);
    CHECK(test::run_child({BODO_INDEX_BIN, "--db", db, "--quiet", dir / "c.jsonl"}).exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == 323);

    // A second writer is refused while the first holds the index (also during a compaction).
    {
        IndexRunOptions options;
        IndexRun holder(db, options);
        const auto refused = test::run_child({BODO_INDEX_BIN, "--db", db, "--compact"});
        CHECK(refused.exit_code == 2);
        CHECK_THAT(refused.err, Catch::Contains("is locked: another bodo-index is writing to it"));
    }
}

TEST_CASE("compaction: a stub's temporary file left by a run killed before its rename is removed by the next run",
          "[compaction][safety]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(dir / "a.jsonl", 300);
    REQUIRE(test::run_child({BODO_INDEX_BIN, "--db", db, "--jobs", "1", dir / "a.jsonl"}).exit_code == 0);
    REQUIRE(fs::exists(fs::path(db) / "iamglass"));
    // Killed in write_stub during the first switch (the index still a database itself), then
    // during a later one: bodo.stub's and XAPIANDB's temporary files, named by the dead pid.
    for (const int generation : {1, 2}) {
        for (const char* name : {"bodo.stub.tmp.999999", "XAPIANDB.tmp.999999"})
            test::write_file(dir / ("index/" + std::string(name)), "glass gen-000009\n");
        const auto run = test::run_child({BODO_INDEX_BIN, "--db", db, "--compact"});
        REQUIRE(run.exit_code == 0);
        CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", fmt::format("delta-{:06d}", generation),
                                                      fmt::format("gen-{:06d}", generation)});
    }
    CHECK(holds_all(db, 0, 300));
}

TEST_CASE("compaction: searches running in other threads and processes during switches never fail",
          "[compaction][threads]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(dir / "a.jsonl", 1500);
    // One thread: a database at DIR itself, as before generations (the first switch converts it).
    REQUIRE(index_run(db, {dir / "a.jsonl"}, false, UINT64_MAX, 1).exit_code() == 0);
    REQUIRE(fs::exists(fs::path(db) / "iamglass"));

    // Searchers opened before the first switch (a plain database at DIR) and kept, as a server
    // keeps one per thread; each searches again and again.
    std::atomic<bool> stop{false};
    std::atomic<int> searches{0}, failures{0}, wrong{0};
    std::string first_failure;
    std::mutex failure_mutex;
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t) {
        threads.emplace_back([&, t] {
            Searcher searcher(db);
            SearchRequest q;
            q.query = t ? "반도체 전략" : "\"탄소중립 기본계획\"";
            q.limit = 5;
            q.facets = t == 0;
            std::uint64_t expected = 0;
            while (!stop) {
                try {
                    const SearchResponse r = searcher.search(q);
                    if (expected == 0) expected = r.total;
                    if (r.total != expected || r.hits.empty()) ++wrong;
                    ++searches;
                } catch (const std::exception& e) {
                    std::lock_guard lock(failure_mutex);
                    if (failures++ == 0) first_failure = e.what();
                } catch (const Xapian::Error& e) {
                    std::lock_guard lock(failure_mutex);
                    if (failures++ == 0) first_failure = e.get_description();
                }
            }
        });
    }
    // bodo-search processes started while the index switches.
    int processes = 0, process_failures = 0;
    std::string process_error;
    for (int round = 0; round < 6; ++round) {
        test::Child search({BODO_SEARCH_BIN, "--db", db, "--facets", "반도체"});
        const IndexRunReport r = index_run(db, {}, true);
        REQUIRE(r.exit_code() == 0);
        REQUIRE(r.compaction);
        const auto result = search.wait();
        ++processes;
        if (result.exit_code != 0) {
            ++process_failures;
            process_error = result.err;
        }
    }
    // Let every thread search at least once on the last generation.
    const int seen = searches;
    for (int i = 0; i < 2000 && searches < seen + 4; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stop = true;
    for (auto& t : threads) t.join();
    INFO(first_failure << process_error);
    CHECK(searches > 0);
    CHECK(failures == 0);
    CHECK(wrong == 0);
    CHECK(processes == 6);
    CHECK(process_failures == 0);
    CHECK(live_generation(db) == 6u);
    CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", "delta-000006", "gen-000006"});
}

TEST_CASE("compaction: bodo-index killed with SIGKILL at any moment of a compaction leaves a usable index "
          "holding every release committed before",
          "[compaction][safety]") {
    test::TempDir dir;
    const std::string plain = dir / "plain";
    constexpr std::size_t kReleases = 4000;
    test::write_synthetic_jsonl(dir / "a.jsonl", kReleases, 0, 150);
    REQUIRE(index_run(plain, {dir / "a.jsonl"}, false, UINT64_MAX, 1).exit_code() == 0);
    REQUIRE(fs::exists(fs::path(plain) / "iamglass"));  // as an earlier bodo left it (or --jobs 1)

    // Usable as it is, by bodo-search and by Xapian, with every release.
    const auto check_usable = [&](const std::string& db) {
        INFO(fmt::format("{}: {}", db, fmt::join(listing(db), " ")));
        const auto search = test::run_child({BODO_SEARCH_BIN, "--db", db, "--format", "json", "보도"});
        REQUIRE(search.exit_code == 0);
        CHECK_THAT(search.out, Catch::Contains(fmt::format("\"total\":{}", kReleases)));
        REQUIRE(Xapian::Database(db).get_doccount() == kReleases);
        CHECK(holds_all(db, 0, kReleases));
    };
    // The next run tidies what a kill left and compacts as asked.
    const auto check_next_run = [&](const std::string& db) {
        const auto next = test::run_child({BODO_INDEX_BIN, "--db", db, "--compact"});
        REQUIRE(next.exit_code == 0);
        const auto g = live_generation(db);
        REQUIRE(g);
        CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", fmt::format("delta-{:06d}", *g),
                                                      fmt::format("gen-{:06d}", *g)});
        CHECK(holds_all(db, 0, kReleases));
    };

    // How long one compaction takes here, to kill at moments spread over it (and a little after).
    const std::string db = dir / "index";
    fs::copy(plain, db, fs::copy_options::recursive);
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(test::run_child({BODO_INDEX_BIN, "--db", db, "--compact"}).exit_code == 0);
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
    std::mt19937 random(20261206);
    long upper = took.count() * 6 / 5;
    const auto kill_compaction = [&](const std::string& index) {
        const long delay = std::uniform_int_distribution<long>(0, upper)(random);
        test::Child child({BODO_INDEX_BIN, "--db", index, "--compact"});
        std::this_thread::sleep_for(std::chrono::microseconds(delay));
        const bool midway = child.running();
        child.kill(SIGKILL);
        child.wait();
        // Finished before the kill (the timed run was slow, on a busy machine): kill sooner.
        if (!midway) upper = std::max(2000L, delay * 3 / 4);
        return midway;
    };

    int killed_midway = 0;
    SECTION("from one generation to the next") {
        for (int round = 0; round < 10; ++round) {
            if (kill_compaction(db)) ++killed_midway;
            check_usable(db);
        }
        check_next_run(db);
    }
    SECTION("the first compaction of an index that is a database itself") {
        for (int round = 0; round < 6; ++round) {
            const std::string copy = dir / fmt::format("copy{}", round);
            fs::copy(plain, copy, fs::copy_options::recursive);
            if (kill_compaction(copy)) ++killed_midway;
            check_usable(copy);
            check_next_run(copy);
        }
    }
    CHECK(killed_midway > 0);
}
