// Crash safety and concurrency of the index: a bodo-index killed with SIGKILL leaves whole
// batches and a second run finishes the job; a second writer is refused; searches keep working
// while a writer commits.
#include <catch2/catch.hpp>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <xapian.h>

#include "child_process.h"
#include "index/generations.h"
#include "index/index_writer.h"
#include "readers/reader.h"
#include "schema/schema.h"
#include "schema/stored_release.h"
#include "search/searcher.h"
#include "synthetic_releases.h"
#include "temp_dir.h"

using namespace bodo;

namespace {

/// The document count of the index at `db`, or nothing while it cannot be opened yet.
std::optional<Xapian::doccount> try_doccount(const std::string& db) {
    try {
        return Xapian::Database(db).get_doccount();
    } catch (const Xapian::Error&) {
        return std::nullopt;
    }
}

/// Waits (up to a minute) until nobody holds the write lock of `db`.
bool wait_unlocked(const std::string& db) {
    for (int i = 0; i < 6000; ++i) {
        try {
            Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
            return true;
        } catch (const Xapian::DatabaseLockError&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    return false;
}

}  // namespace

TEST_CASE("safety: bodo-index killed with SIGKILL leaves whole batches, and a second run finishes without duplicates",
          "[safety]") {
    constexpr std::size_t kReleases = 20000;
    constexpr std::size_t kBatch = 500;
    test::TempDir dir;
    const std::string input = dir / "releases.jsonl";
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(input, kReleases);
    // One thread: releases go into the index batch by batch (with --jobs above 1, a first build is
    // written in parts and reaches the index at the end; see the next test).
    const std::vector<std::string> args{BODO_INDEX_BIN, "--db", db, "--quiet", "--jobs", "1", "--commit-every",
                                        std::to_string(kBatch), input};

    Xapian::doccount committed = 0;
    {
        test::Child first(args);
        // Wait for a few committed batches.
        for (int i = 0; i < 60000 && first.running(); ++i) {
            if (auto n = try_doccount(db); n && *n >= 3 * kBatch) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        REQUIRE(first.running());  // killed in the middle, not after the end

        // Meanwhile a second bodo-index on the same index stops at once, saying why.
        test::write_synthetic_jsonl(dir / "other.jsonl", 10, kReleases);
        const auto second = test::run_child({BODO_INDEX_BIN, "--db", db, dir / "other.jsonl"});
        CHECK(second.exit_code == 2);
        CHECK(second.err == "bodo-index: index " + db + " is locked: another bodo-index is writing to it\n");

        first.kill(SIGKILL);
        const auto killed = first.wait();
        CHECK(killed.signal == SIGKILL);
    }
    REQUIRE(wait_unlocked(db));

    {
        // The index opens, passes Xapian's consistency check and holds whole batches of
        // complete documents.
        CHECK(Xapian::Database::check(db, Xapian::DBCHECK_FULL_TREE, nullptr) == 0);
        Xapian::Database index(db);
        register_release_dictionaries(index);  // releases after the first 4,000 are compressed with it
        committed = index.get_doccount();
        INFO("committed before the kill: " << committed);
        CHECK(committed > 0);
        CHECK(committed < kReleases);
        CHECK(committed % kBatch == 0);
        std::size_t incomplete = 0;
        for (auto p = index.postlist_begin(""); p != index.postlist_end(""); ++p) {
            const Xapian::Document doc = index.get_document(*p);
            try {
                const Release r = decode_release(doc.get_data());
                if (r.title.empty() || r.body.empty() || r.source != input ||
                    !index.term_exists(boolean_term(Field::Id, r.id)) || doc.get_value(slot(Field::Fingerprint)).empty())
                    ++incomplete;
            } catch (const std::exception&) {
                ++incomplete;
            }
        }
        CHECK(incomplete == 0);
    }

    // The second run adds the rest and skips what was committed.
    const auto rerun = test::run_child(args);
    CHECK(rerun.exit_code == 0);
    CHECK_THAT(rerun.err, Catch::StartsWith(fmt::format("bodo-index: {} added, 0 replaced, {} unchanged, 0 skipped",
                                                        kReleases - committed, committed)));
    Xapian::Database index(db);
    CHECK(index.get_doccount() == kReleases);
    std::size_t ids = 0, duplicated = 0;
    const std::string q(prefix(Field::Id));
    for (auto t = index.allterms_begin(q); t != index.allterms_end(q); ++t) {
        ++ids;
        if (t.get_termfreq() != 1) ++duplicated;
    }
    CHECK(ids == kReleases);
    CHECK(duplicated == 0);
    // The database itself: the run may have compacted the index into a generation (generations.h).
    CHECK(Xapian::Database::check(live_database_path(db), Xapian::DBCHECK_FULL_TREE, nullptr) == 0);
}

TEST_CASE("safety: a first build with --jobs killed with SIGKILL leaves the index empty, and the next run builds it",
          "[safety]") {
    constexpr std::size_t kReleases = 2 * IndexWriter::kBulkChunk + IndexWriter::kBulkChunk / 2;  // three parts
    test::TempDir dir;
    const std::string input = dir / "releases.jsonl";
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(input, kReleases);
    const std::vector<std::string> args{BODO_INDEX_BIN, "--db", db, "--quiet", "--jobs", "2", input};
    {
        test::Child first(args);
        const std::string third_part = db + ".parts-" + std::to_string(first.pid()) + "/part-000002";
        for (int i = 0; i < 60000 && first.running() && !std::filesystem::exists(third_part); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        REQUIRE(first.running());
        first.kill(SIGKILL);
        CHECK(first.wait().signal == SIGKILL);
        CHECK(std::filesystem::exists(third_part));  // the parts were left behind
    }
    REQUIRE(wait_unlocked(db));
    CHECK(Xapian::Database::check(db, Xapian::DBCHECK_FULL_TREE, nullptr) == 0);
    CHECK(Xapian::Database(db).get_doccount() == 0);

    const auto rerun = test::run_child(args);
    CHECK(rerun.exit_code == 0);
    CHECK_THAT(rerun.err, Catch::StartsWith(fmt::format("bodo-index: {} added, 0 replaced, 0 unchanged, 0 skipped", kReleases)));
    CHECK(Xapian::Database(db).get_doccount() == kReleases);
    // A base without term lists beside its delta (generations.h): both check clean.
    const LiveIndex live = live_index(db);
    CHECK(Xapian::Database::check(live.writable, Xapian::DBCHECK_FULL_TREE, nullptr) == 0);
    CHECK_FALSE(live.base.empty());
    if (!live.base.empty()) CHECK(Xapian::Database::check(live.base, Xapian::DBCHECK_FULL_TREE, nullptr) == 0);
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        CHECK_THAT(e.path().filename().string(), !Catch::Contains(".parts-"));  // the leftovers are gone
}

TEST_CASE("safety: searches keep answering while a writer commits", "[safety][threads]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(dir / "a.jsonl", 3000, 0, 30);
    std::vector<Release> releases;
    ReadHandlers handlers;
    handlers.on_release = [&](Release&& r) { releases.push_back(std::move(r)); };
    handlers.on_problem = [](const ReadProblem&) {};
    read_inputs({dir / "a.jsonl"}, handlers);
    REQUIRE(releases.size() == 3000);
    {
        IndexWriter w(db, 100);
        for (std::size_t i = 0; i < 100; ++i) w.add(releases[i]);
    }

    std::atomic<bool> writing{true};
    std::atomic<std::size_t> commits{0};
    std::thread writer([&] {
        IndexWriter w(db, 25);  // a commit every 25 releases: readers fall two revisions behind often
        for (std::size_t i = 100; i < releases.size(); ++i) {
            w.add(releases[i]);
            if ((i + 1) % 25 == 0) ++commits;
        }
        w.commit();
        writing = false;
    });

    Searcher searcher(db);
    std::size_t searches = 0, failures = 0, during = 0;
    std::uint64_t first_total = 0, last_total = 0;
    std::string failure;
    SearchRequest req;
    req.query = "보도";
    req.collapse = false;
    while (writing || searches == 0) {
        const bool was_writing = writing;
        try {
            const SearchResponse r = searcher.search(req);
            if (searches == 0) first_total = r.total;
            last_total = r.total;
            if (r.hits.empty()) ++failures;
        } catch (const std::exception& e) {
            ++failures;
            failure = e.what();
        } catch (const Xapian::Error& e) {
            ++failures;
            failure = e.get_description();
        }
        ++searches;
        if (was_writing && writing) ++during;
    }
    writer.join();
    INFO(searches << " searches, " << during << " while writing, " << commits << " commits; " << failure);
    CHECK(failures == 0);
    CHECK(during > 0);
    CHECK(commits >= 100);
    // The searcher moved on to newer revisions as it went (it reopens when a writer got ahead).
    CHECK(last_total > first_total);
    CHECK(Searcher(db).search(req).total == 3000);
}
