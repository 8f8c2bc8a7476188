// bodo-index as a program: incremental runs, --prune, bad input and exit codes, --stats,
// --jobs, progress. Each test runs the real binary (BODO_INDEX_BIN) in a temporary directory.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <xapian.h>

#include "index/generations.h"
#include "index/index_stats.h"
#include "index/index_writer.h"
#include "child_process.h"
#include "index_files.h"
#include "schema/schema.h"
#include "schema/stored_release.h"
#include "synthetic_releases.h"
#include "skip.h"
#include "temp_dir.h"

using namespace bodo;
using bodo::test::ChildOptions;
using bodo::test::ChildResult;
using bodo::test::has_id;
using bodo::test::jsonl_record;
using bodo::test::write_file;

namespace fs = std::filesystem;

namespace {

/// Runs bodo-index with `args` in `cwd`.
ChildResult bodo_index(const std::vector<std::string>& args, const std::string& cwd = "") {
    std::vector<std::string> argv{BODO_INDEX_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    ChildOptions options;
    options.cwd = cwd;
    return bodo::test::run_child(argv, options);
}

/// The summary line ("bodo-index: A added, …") of a run's standard error.
std::string summary(const ChildResult& r) {
    std::istringstream lines(r.err);
    std::string line, found;
    while (std::getline(lines, line))
        if (line.rfind("bodo-index: ", 0) == 0 && line.find(" added, ") != std::string::npos) found = line;
    return found;
}

std::string read_file(const std::string& path) { return bodo::test::slurp(path); }

Xapian::doccount doccount(const std::string& db) { return test::releases_in(db); }

Release stored(const std::string& db, const std::string& id) {
    Xapian::Database d(db);
    register_release_dictionaries(d);  // an index of more than 4,000 releases compresses them with it
    const auto doc = test::live_document(d, id);
    REQUIRE(doc);
    return decode_release(doc->get_data());
}

/// A copy of the sample corpus in a temporary directory, indexed from there as "corpus".
struct CorpusCopy {
    test::TempDir dir;
    std::string db = dir / "index";
    std::string root = dir / "corpus";
    CorpusCopy() { fs::copy(std::string(BODO_SOURCE_DIR) + "/corpus", root, fs::copy_options::recursive); }
    ChildResult index(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db});
        return bodo_index(args, dir.path().string());
    }
    std::string md_file(std::size_t n) const {
        std::vector<std::string> files;
        for (const auto& e : fs::recursive_directory_iterator(root + "/msit-archive"))
            if (e.path().extension() == ".md") files.push_back(e.path().string());
        std::sort(files.begin(), files.end());
        return files.at(n);
    }
};

}  // namespace

TEST_CASE("bodo-index: a second run skips every unchanged release, replaces a changed one, adds a new file",
          "[indexer][cli]") {
    CorpusCopy c;
    auto r = c.index({"corpus"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(summary(r), Catch::StartsWith("bodo-index: 40 added, 0 replaced, 0 unchanged, 0 skipped, 0 warnings in "));
    CHECK_THAT(summary(r), Catch::EndsWith("holds 40 releases"));

    r = c.index({"corpus"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(summary(r), Catch::StartsWith("bodo-index: 0 added, 0 replaced, 40 unchanged, 0 skipped, 0 warnings in "));

    // One release changed: only it is replaced.
    const std::string md = c.md_file(0);
    std::string text = read_file(md);
    const auto at = text.find("## 출처");
    REQUIRE(at != std::string::npos);
    text.insert(at, "추가된 문장: 정정 보도입니다.\n\n");
    write_file(md, text);
    r = c.index({"corpus"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(summary(r), Catch::StartsWith("bodo-index: 0 added, 1 replaced, 39 unchanged, 0 skipped"));
    CHECK_THAT(stored(c.db, "9000001").body, Catch::Contains("정정 보도입니다"));
    CHECK(doccount(c.db) == 40);

    // A new file: only its releases are added.
    write_file(c.root + "/new/tonight.jsonl", jsonl_record("n1", "새 보도자료 하나") + jsonl_record("n2", "새 보도자료 둘"));
    r = c.index({"corpus"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(summary(r), Catch::StartsWith("bodo-index: 2 added, 0 replaced, 40 unchanged, 0 skipped"));
    CHECK_THAT(summary(r), Catch::EndsWith("holds 42 releases"));
    CHECK(stored(c.db, "n2").source == "corpus/new/tonight.jsonl");
}

TEST_CASE("bodo-index --prune deletes releases whose files are gone, only when asked", "[indexer][cli][prune]") {
    CorpusCopy c;
    REQUIRE(c.index({"corpus"}).exit_code == 0);
    const std::string md = c.md_file(0);  // 9000001
    fs::remove(md);

    // Without --prune nothing is deleted.
    auto r = c.index({"corpus"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(summary(r), Catch::StartsWith("bodo-index: 0 added, 0 replaced, 39 unchanged, 0 skipped, 0 warnings in "));
    CHECK(has_id(c.db, "9000001"));

    r = c.index({"--prune", "corpus"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(summary(r),
               Catch::StartsWith("bodo-index: 0 added, 0 replaced, 39 unchanged, 0 skipped, 0 warnings, 1 pruned in "));
    CHECK_THAT(summary(r), Catch::EndsWith("holds 39 releases"));
    CHECK_FALSE(has_id(c.db, "9000001"));
    CHECK(has_id(c.db, "9000002"));

    // Nothing left to prune.
    r = c.index({"--prune", "corpus"});
    CHECK_THAT(summary(r), Catch::Contains(", 0 pruned in "));
}

TEST_CASE("bodo-index --prune stays under the inputs of the run", "[indexer][cli][prune]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    write_file(dir / "a/x.jsonl", jsonl_record("a1", "에이 하나"));
    write_file(dir / "a/y.jsonl", jsonl_record("a2", "에이 둘"));
    write_file(dir / "ab/x.jsonl", jsonl_record("ab1", "에이비 하나"));  // "ab" starts with "a" but is not under "a/"
    write_file(dir / "b/x.jsonl", jsonl_record("b1", "비 하나"));
    const std::string cwd = dir.path().string();
    REQUIRE(bodo_index({"--db", db, "a", "ab", "b"}, cwd).exit_code == 0);
    fs::remove(dir / "a/y.jsonl");
    fs::remove(dir / "ab/x.jsonl");
    fs::remove(dir / "b/x.jsonl");

    auto r = bodo_index({"--db", db, "--prune", "a"}, cwd);
    CHECK(r.exit_code == 0);
    CHECK_THAT(summary(r), Catch::Contains("1 unchanged, 0 skipped, 0 warnings, 1 pruned"));
    CHECK_FALSE(has_id(db, "a2"));
    CHECK(has_id(db, "a1"));
    CHECK(has_id(db, "ab1"));  // not under a/
    CHECK(has_id(db, "b1"));   // not an input of this run

    // The same directory named another way ("./b") is another prefix: nothing of "b/" goes.
    write_file(dir / "b/z.jsonl", jsonl_record("b2", "비 둘"));
    r = bodo_index({"--db", db, "--prune", "./b"}, cwd);
    CHECK(r.exit_code == 0);
    CHECK_THAT(summary(r), Catch::Contains("1 added, 0 replaced, 0 unchanged, 0 skipped, 0 warnings, 0 pruned"));
    CHECK(has_id(db, "b1"));

    r = bodo_index({"--db", db, "--prune", "b/"}, cwd);  // a trailing slash is the same directory
    CHECK_THAT(summary(r), Catch::Contains("1 pruned"));
    CHECK_FALSE(has_id(db, "b1"));
}

TEST_CASE("bodo-index --prune deletes records dropped from a JSON Lines file and members gone from an archive",
          "[indexer][cli][prune]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    const std::string cwd = dir.path().string();
    write_file(dir / "news.jsonl", jsonl_record("j1", "하나") + jsonl_record("j2", "둘") + jsonl_record("j3", "셋"));
    write_file(dir / "members/m1.md", read_file(std::string(BODO_SOURCE_DIR) + "/corpus/msit-archive/2020/2020-02/2020-02-12/"
                                                                                "021_과학기술정보통신부_5G_주파수_추가_할당_계획_발표.md"));
    write_file(dir / "members/m2.jsonl", jsonl_record("t1", "아카이브 하나") + jsonl_record("t2", "아카이브 둘"));
    REQUIRE(bodo::test::run_child({"tar", "-cf", dir / "arch.tar", "-C", dir / "members", "m1.md", "m2.jsonl"}).exit_code == 0);
    REQUIRE(bodo_index({"--db", db, "news.jsonl", "arch.tar"}, cwd).exit_code == 0);
    REQUIRE(doccount(db) == 6);
    CHECK(stored(db, "t1").source == "arch.tar:m2.jsonl");

    write_file(dir / "news.jsonl", jsonl_record("j1", "하나") + jsonl_record("j3", "셋"));
    fs::remove(dir / "arch.tar");
    REQUIRE(bodo::test::run_child({"tar", "-cf", dir / "arch.tar", "-C", dir / "members", "m2.jsonl"}).exit_code == 0);
    auto r = bodo_index({"--db", db, "--prune", "news.jsonl", "arch.tar"}, cwd);
    CHECK(r.exit_code == 0);
    CHECK_THAT(summary(r), Catch::Contains("0 added, 0 replaced, 4 unchanged, 0 skipped, 0 warnings, 2 pruned"));
    CHECK_FALSE(has_id(db, "j2"));
    CHECK_FALSE(has_id(db, "9000001"));  // m1.md
    for (const char* id : {"j1", "j3", "t1", "t2"}) CHECK(has_id(db, id));
}

TEST_CASE("bodo-index --prune is skipped for an input with read problems, and says why", "[indexer][cli][prune]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    const std::string cwd = dir.path().string();
    write_file(dir / "d/news.jsonl", jsonl_record("j1", "하나") + jsonl_record("j2", "둘"));
    write_file(dir / "e/other.jsonl", jsonl_record("e1", "이"));
    REQUIRE(bodo_index({"--db", db, "d", "e"}, cwd).exit_code == 0);

    // j2 is now a broken line: it must not be taken for a deleted release.
    write_file(dir / "d/news.jsonl", jsonl_record("j1", "하나") + "{\"id\": \"j2\", \"title\": \n");
    fs::remove(dir / "e/other.jsonl");
    write_file(dir / "e/new.jsonl", jsonl_record("e2", "새"));
    const auto r = bodo_index({"--db", db, "--prune", "d", "e"}, cwd);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("d/news.jsonl:2: JSON syntax error"));
    CHECK_THAT(r.err, Catch::Contains("bodo-index: --prune skipped for d: 1 read problem (first: d/news.jsonl:2: JSON "
                                      "syntax error"));
    CHECK_THAT(summary(r), Catch::Contains("1 added, 0 replaced, 1 unchanged, 1 skipped, 0 warnings, 1 pruned"));
    CHECK(has_id(db, "j2"));       // kept: its input had a read problem
    CHECK_FALSE(has_id(db, "e1"));  // e/ read cleanly: pruned
    CHECK(has_id(db, "e2"));

    // Standard input is never pruned.
    const auto s = bodo::test::run_child({BODO_INDEX_BIN, "--db", db, "--prune", "-"},
                                         ChildOptions{cwd, dir / "e/new.jsonl", ""});
    CHECK(s.exit_code == 0);
    CHECK_THAT(s.err, Catch::Contains("standard input (-) is never pruned"));
    CHECK(has_id(db, "j1"));
}

// --- Bad input: each problem is reported as file:line: reason, everything else is indexed. ---

namespace {

/// A directory "in" with two good releases (in/a-good.jsonl) and whatever a test adds.
struct BadInput {
    test::TempDir dir;
    std::string db = dir / "index";
    BadInput() { write_file(dir / "in/a-good.jsonl", jsonl_record("g1", "좋은 보도자료") + jsonl_record("g2", "또 좋은 보도자료")); }
    std::string path(const std::string& name) const { return dir / ("in/" + name); }
    ChildResult run() { return bodo_index({"--db", db, "in"}, dir.path().string()); }
    /// Runs and checks: exit 1, the problem line, `added` releases indexed, `skipped` skipped.
    ChildResult check(const std::string& problem_line, int added = 2, int skipped = 1) {
        const auto r = run();
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Catch::Contains(problem_line));
        CHECK_THAT(summary(r), Catch::StartsWith(fmt::format("bodo-index: {} added, 0 replaced, 0 unchanged, {} skipped, ",
                                                             added, skipped)));
        CHECK(doccount(db) == Xapian::doccount(added));
        CHECK(has_id(db, "g1"));
        CHECK(has_id(db, "g2"));
        return r;
    }
};

}  // namespace

TEST_CASE("bodo-index: invalid UTF-8 in a record", "[indexer][cli][bad-input]") {
    BadInput b;
    write_file(b.path("bad.jsonl"), jsonl_record("u1", "정상") + "{\"id\": \"u2\", \"title\": \"\xff\xfe 깨짐\"}\n" + jsonl_record("u3", "정상"));
    auto r = b.check("in/bad.jsonl:2: invalid UTF-8", 4);
    write_file(b.path("bad.md"), "---\ntitle: \"\xc3\x28\"\nnews_item_id: \"5\"\n---\n\n## 본문\n\n본문\n");
    r = b.run();
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("in/bad.md: invalid UTF-8 (and not CP949/EUC-KR either)\n"));
}

TEST_CASE("bodo-index: a binary file", "[indexer][cli][bad-input]") {
    BadInput b;
    write_file(b.path("image.md"), std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    b.check("in/image.md: binary file (NUL bytes), skipped");
}

TEST_CASE("bodo-index: empty files", "[indexer][cli][bad-input]") {
    BadInput b;
    write_file(b.path("empty.md"), "");
    write_file(b.path("empty.jsonl"), "\n\n");
    const auto r = b.check("in/empty.md: empty file", 2, 2);
    CHECK_THAT(r.err, Catch::Contains("in/empty.jsonl: empty file\n"));
}

TEST_CASE("bodo-index: a truncated last line", "[indexer][cli][bad-input]") {
    BadInput b;
    write_file(b.path("cut.jsonl"), jsonl_record("c1", "온전") + R"({"id": "c2", "title": "잘린 기)");
    b.check("in/cut.jsonl:2: JSON syntax error: truncated record", 3);
}

TEST_CASE("bodo-index: a JSON syntax error", "[indexer][cli][bad-input]") {
    BadInput b;
    write_file(b.path("syntax.jsonl"), R"({"id": "s1", "title": "문법", "date": })" "\n" + jsonl_record("s2", "정상"));
    b.check("in/syntax.jsonl:1: JSON syntax error", 3);
}

TEST_CASE("bodo-index: fields of the wrong type", "[indexer][cli][bad-input]") {
    BadInput b;
    write_file(b.path("types.jsonl"), R"({"id": "t1", "title": 42})" "\n" R"({"id": ["t2"], "title": "배열"})" "\n");
    const auto r = b.check("in/types.jsonl:1: field 'title' is not a string", 2, 2);
    CHECK_THAT(r.err, Catch::Contains("in/types.jsonl:2: field 'id' is not a string or integer\n"));
}

TEST_CASE("bodo-index: a missing id or title", "[indexer][cli][bad-input]") {
    BadInput b;
    write_file(b.path("missing.jsonl"), R"({"title": "아이디 없음"})" "\n" R"({"id": "m2", "body": "제목 없음"})" "\n");
    const auto r = b.check("in/missing.jsonl:1: missing id", 2, 2);
    CHECK_THAT(r.err, Catch::Contains("in/missing.jsonl:2: missing title\n"));
}

TEST_CASE("bodo-index: a title of nothing but control characters is a missing title", "[indexer][cli][bad-input]") {
    BadInput b;  // found by fuzzing: the title was checked before control characters were removed
    write_file(b.path("ctl.md"), "---\ntitle: \"\x06\x0f\"\nnews_item_id: \"77\"\n---\n\n## 본문\n\n본문.\n");
    b.check("in/ctl.md: missing title (only control characters)");
}

TEST_CASE("bodo-index: a duplicate id in one run keeps the first", "[indexer][cli][bad-input]") {
    BadInput b;
    write_file(b.path("z-dup.jsonl"), jsonl_record("g1", "두 번째 사본"));
    b.check("in/z-dup.jsonl:1: duplicate id g1 (first seen at in/a-good.jsonl:1)");
    CHECK(stored(b.db, "g1").title == "좋은 보도자료");
}

TEST_CASE("bodo-index: a 50 MB record is skipped with a reason, in bounded memory", "[indexer][cli][bad-input]") {
    BadInput b;
    {
        std::ofstream out(b.path("huge.jsonl"), std::ios::binary);
        // Written a megabyte at a time: the child's peak memory, as wait4() reports it, includes
        // this process's peak at the time it was started.
        out << R"({"id": "h1", "title": "거대", "body": ")";
        const std::string megabyte(1u << 20, 'a');
        for (int i = 0; i < 50; ++i) out << megabyte;
        out << "\"}\n" << jsonl_record("h2", "다음");
    }
    const auto r = b.check("in/huge.jsonl:1: record over 10 MB (skipped)", 3);
    CHECK(has_id(b.db, "h2"));
    // Reading the record whole would take 50 MB at least; the readers stop at 10 MB.
    INFO("peak memory of bodo-index: " << r.max_rss_kb << " kB");
    BODO_SKIP_UNLESS(!bodo::test::sanitized(), "peak memory not checked: a sanitizer's runtime adds its own");
    CHECK(r.max_rss_kb < 45 * 1024);
}

TEST_CASE("bodo-index: files that cannot be read", "[indexer][cli][bad-input]") {
    BadInput b;
    fs::create_symlink(b.path("gone.jsonl.orig"), b.path("gone.jsonl"));  // dangling: unreadable, even for root
    b.check("in/gone.jsonl: broken symbolic link");
}

TEST_CASE("bodo-index: a file without read permission", "[indexer][cli][bad-input][needs-non-root]") {
    BODO_SKIP_UNLESS(bodo::test::permissions_apply(), "running with privileges that read any file (root?)");
    BadInput b;
    write_file(b.path("locked.jsonl"), jsonl_record("l1", "잠김"));
    ::chmod(b.path("locked.jsonl").c_str(), 0);
    b.check("in/locked.jsonl: cannot open: Permission denied");
}

TEST_CASE("bodo-index: symbolic link loops", "[indexer][cli][bad-input]") {
    BadInput b;
    fs::create_directories(b.path("sub"));
    fs::create_directory_symlink("..", b.path("sub/back"));  // in/sub/back → in
    fs::create_symlink("self.jsonl", b.path("self.jsonl"));   // in/self.jsonl → itself
    const auto r = b.check("in/self.jsonl: symlink loop", 2, 2);
    CHECK_THAT(r.err, Catch::Contains("in/sub/back: symlink loop (leads back to a directory being read), skipped\n"));
}

TEST_CASE("bodo-index: exit 2 when the index is locked by another writer, and nothing is written",
          "[indexer][cli][exit-codes]") {
    BadInput b;
    REQUIRE(b.run().exit_code == 0);
    write_file(b.path("later.jsonl"), jsonl_record("x1", "나중"));
    {
        Xapian::WritableDatabase holder(live_database_path(b.db), Xapian::DB_OPEN);  // holds the lock
        const auto r = b.run();
        CHECK(r.exit_code == 2);
        CHECK(r.err == "bodo-index: index " + b.db + " is locked: another bodo-index is writing to it\n");
    }
    CHECK(doccount(b.db) == 2);
    CHECK_FALSE(has_id(b.db, "x1"));
    CHECK(b.run().exit_code == 0);  // and the next run, once the lock is gone, does it
    CHECK(has_id(b.db, "x1"));
}

TEST_CASE("bodo-index: exit 2 when --db is a regular file, which stays untouched", "[indexer][cli][exit-codes]") {
    BadInput b;
    write_file(b.db, "not an index\n");
    const auto r = b.run();
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("bodo-index: cannot open index " + b.db));
    CHECK(summary(r).empty());
    CHECK(read_file(b.db) == "not an index\n");
}

TEST_CASE("bodo-index: exit 2 on bad usage", "[indexer][cli][exit-codes]") {
    test::TempDir dir;
    auto r = bodo_index({"--db", dir / "index"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("no inputs given"));
    r = bodo_index({"--db", dir / "index", "--no-such-option", "x.jsonl"});
    CHECK(r.exit_code == 2);
    r = bodo_index({"--db", dir / "index", "--jobs", "0", "x.jsonl"});
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(dir / "index"));
    CHECK(bodo_index({"--help"}).exit_code == 0);
}

TEST_CASE("bodo-index --stats: releases, last update, years, ministries, size", "[indexer][cli][stats]") {
    CorpusCopy c;
    auto r = c.index({"--stats"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("no index at " + c.db));
    CHECK_FALSE(fs::exists(c.db));

    REQUIRE(c.index({"corpus"}).exit_code == 0);
    r = c.index({"--stats"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("releases     40\n"));
    CHECK_THAT(r.out, Catch::Matches(R"([\s\S]*last update  20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ\n[\s\S]*)"));
    CHECK_THAT(r.out, Catch::Contains("last run     40 added, 0 replaced, 0 unchanged, 0 skipped, 0 warnings in "));
    CHECK_THAT(r.out, Catch::Contains("  2020           10\n  2021           14\n  2022           10\n  2023            6\n"));
    CHECK_THAT(r.out, Catch::Contains("\nby ministry\n        19  과학기술정보통신부\n"));
    CHECK_THAT(r.out, Catch::Matches(R"([\s\S]*size on disk \d+\.\d [km]B \(\d+ bytes\)[\s\S]*)"));

    // A later run is recorded.
    REQUIRE(c.index({"corpus"}).exit_code == 0);
    r = c.index({"--stats"});
    CHECK_THAT(r.out, Catch::Contains("last run     0 added, 0 replaced, 40 unchanged"));
    CHECK(c.index({"--stats", "corpus"}).exit_code == 2);  // no inputs with --stats
}

TEST_CASE("bodo-index: an index made by an earlier analysis is said to be indexed again", "[indexer][cli][stats]") {
    CorpusCopy c;
    REQUIRE(c.index({"corpus"}).exit_code == 0);
    const std::string current(kAnalysisVersion);
    CHECK_THAT(c.index({"--stats"}).out, Catch::Contains("analysis     " + current + "\n"));
    {
        // As an index written before this analysis version would record it.
        Xapian::WritableDatabase db(live_database_path(c.db));
        db.set_metadata(kAnalysisKey, "bodo-analysis-1");
        db.commit();
    }
    CHECK_THAT(c.index({"--stats"}).out,
               Catch::Contains("analysis     bodo-analysis-1 (this bodo has " + current +
                               ": the next run re-indexes every release)"));
    auto r = c.index({"--quiet", "corpus"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains("was indexed by an earlier analysis (bodo-analysis-1; this bodo has " + current + ")"));
    // The run records the current version: no word of it next time.
    CHECK(Xapian::Database(c.db).get_metadata(kAnalysisKey) == current);
    r = c.index({"--quiet", "corpus"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, !Catch::Contains("earlier analysis"));
}

TEST_CASE("bodo-index --stats lists the top 20 ministries", "[indexer][cli][stats]") {
    test::TempDir dir;
    std::string text;
    for (int m = 0; m < 25; ++m)
        for (int i = 0; i <= m; ++i)
            text += R"({"id": "m)" + std::to_string(m) + "-" + std::to_string(i) + R"(", "title": "제목", "ministry": "부처)" +
                    std::to_string(m) + R"(", "date": "2021-01-01"})" "\n";
    write_file(dir / "m.jsonl", text);
    REQUIRE(bodo_index({"--db", dir / "index", dir / "m.jsonl"}).exit_code == 0);
    const auto r = bodo_index({"--db", dir / "index", "--stats"});
    CHECK_THAT(r.out, Catch::Contains("by ministry (top 20 of 25)\n        25  부처24\n        24  부처23\n"));
    CHECK_THAT(r.out, Catch::Contains("         6  부처5\n"));
    CHECK_THAT(r.out, !Catch::Contains("부처4\n"));
}

TEST_CASE("bodo-index --jobs: a first build in parallel parts gives the same index as one thread",
          "[indexer][cli][jobs][threads]") {
    test::TempDir dir;
    const std::string input = dir / "in.jsonl";
    constexpr std::size_t kSynthetic = 2 * IndexWriter::kBulkChunk + IndexWriter::kBulkChunk / 4;  // three parts
    constexpr std::size_t kAll = kSynthetic + 3;
    test::write_synthetic_jsonl(input, kSynthetic, 0, 8);  // short bodies: many releases, quickly
    {
        // Abbreviations defined in different parts: the index's table must hold them all.
        std::ofstream out(input, std::ios::app);
        out << jsonl_record("abbr-1", "정책 발표", "과학기술정보통신부(이하 '과기정통부')는 정책을 발표했다.")
            << jsonl_record("abbr-2", "AI policy", "The Ministry of Science and ICT (MSIT) announced a plan.");
    }
    write_file(dir / "more.jsonl", jsonl_record("abbr-0", "첫 정의", "산업통상자원부(이하 '산업부')는 밝혔다."));
    const auto one = bodo_index({"--db", dir / "one", "--jobs", "1", dir / "more.jsonl", input});
    // Term lists kept, to compare them too (a base without them holds the same otherwise).
    const auto three =
        bodo_index({"--db", dir / "three", "--jobs", "3", "--keep-termlists", dir / "more.jsonl", input});
    REQUIRE(one.exit_code == 0);
    REQUIRE(three.exit_code == 0);
    CHECK_THAT(summary(three), Catch::StartsWith(fmt::format("bodo-index: {} added, 0 replaced, 0 unchanged, 0 skipped", kAll)));
    CHECK_THAT(summary(three), Catch::EndsWith(fmt::format("holds {} releases", kAll)));
    for (const auto& e : fs::directory_iterator(dir.path()))
        CHECK_THAT(e.path().filename().string(), !Catch::Contains(".parts-"));  // the parts are gone

    // Document for document: same ids in the same order, same terms, positions, values, data (in
    // the base the parts were compacted into; the delta beside it is empty and holds the metadata).
    REQUIRE(live_index(dir / "three").base == dir / "three/gen-000001");
    CHECK(Xapian::Database(dir / "three/delta-000001").get_doccount() == 0);
    Xapian::Database a(dir / "one"), b(dir / "three/gen-000001"), whole(dir / "three");
    REQUIRE(a.get_doccount() == kAll);
    REQUIRE(b.get_doccount() == kAll);
    REQUIRE(a.get_lastdocid() == b.get_lastdocid());
    std::size_t differing = 0;
    for (Xapian::docid d = 1; d <= a.get_lastdocid(); ++d) {
        const Xapian::Document x = a.get_document(d), y = b.get_document(d);
        bool same = x.get_data() == y.get_data() && x.termlist_count() == y.termlist_count() &&
                    x.values_count() == y.values_count();
        for (auto s = x.termlist_begin(), t = y.termlist_begin(); same && s != x.termlist_end(); ++s, ++t) {
            same = *s == *t && s.get_wdf() == t.get_wdf() && s.positionlist_count() == t.positionlist_count();
            if (same && s.positionlist_count())
                same = std::vector<Xapian::termpos>(s.positionlist_begin(), s.positionlist_end()) ==
                       std::vector<Xapian::termpos>(t.positionlist_begin(), t.positionlist_end());
        }
        for (auto s = x.values_begin(), t = y.values_begin(); same && s != x.values_end(); ++s, ++t)
            same = s.get_valueno() == t.get_valueno() && *s == *t;
        if (!same) ++differing;
    }
    CHECK(differing == 0);
    CHECK(a.get_avlength() == b.get_avlength());
    CHECK(stored(dir / "three", "abbr-0").source == dir / "more.jsonl");
    const std::string table = whole.get_metadata("bodo:abbreviations");
    CHECK(table == a.get_metadata("bodo:abbreviations"));
    for (const char* s : {"과기정통부", "산업부", "msit"}) CHECK_THAT(table, Catch::Contains(s));
    CHECK_THAT(whole.get_metadata("bodo:last-run"), Catch::StartsWith(fmt::format("{} added", kAll)));

    // The next run on the built index updates it in place, threads or not.
    write_file(dir / "more.jsonl", jsonl_record("abbr-0", "첫 정의, 고침", "산업통상자원부(이하 '산업부')는 밝혔다.") +
                                       jsonl_record("new-1", "새 보도자료"));
    const auto again = bodo_index({"--db", dir / "three", "--jobs", "2", dir / "more.jsonl", input});
    CHECK(again.exit_code == 0);
    CHECK_THAT(summary(again), Catch::StartsWith(fmt::format("bodo-index: 1 added, 1 replaced, {} unchanged, 0 skipped", kAll - 1)));
    CHECK(stored(dir / "three", "abbr-0").title == "첫 정의, 고침");
}

TEST_CASE("bodo-index --jobs: a first build into a --db that is a symbolic link keeps the link",
          "[indexer][cli][jobs][threads]") {
    test::TempDir dir;
    fs::create_directory(dir / "real");
    fs::create_directory_symlink("real", dir / "link");
    const auto r = bodo_index({"--db", dir / "link", "--jobs", "2", std::string(BODO_SOURCE_DIR) + "/corpus"});
    CHECK(r.exit_code == 0);
    CHECK(fs::is_symlink(dir / "link"));
    CHECK(doccount(dir / "real") == 40);
}

namespace {

/// Runs bodo-index with standard error on a pseudo-terminal; returns what appeared there.
std::string run_on_terminal(const std::vector<std::string>& args) {
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    REQUIRE(master >= 0);
    REQUIRE(::grantpt(master) == 0);
    REQUIRE(::unlockpt(master) == 0);
    std::vector<std::string> argv{BODO_INDEX_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    ChildOptions options;
    options.stderr_tty = ::ptsname(master);
    test::Child child(argv, options);
    std::string seen;
    char buf[4096];
    for (bool running = true; running;) {
        running = child.running();
        pollfd p{master, POLLIN, 0};
        while (::poll(&p, 1, running ? 50 : 0) > 0) {
            const ssize_t n = ::read(master, buf, sizeof buf);
            if (n <= 0) break;
            seen.append(buf, std::size_t(n));
        }
    }
    ::close(master);
    child.wait();
    return seen;
}

}  // namespace

TEST_CASE("bodo-index shows progress on a terminal, and not with --quiet", "[indexer][cli]") {
    test::TempDir dir;
    test::write_synthetic_jsonl(dir / "in.jsonl", 50);
    const std::string progress = run_on_terminal({"--db", dir / "a", dir / "in.jsonl"});
    CHECK_THAT(progress, Catch::Matches(R"([\s\S]*\r50 releases, \d+/s, \d+s\r?\n[\s\S]*)"));
    CHECK_THAT(progress, Catch::Contains("bodo-index: 50 added"));
    const std::string quiet = run_on_terminal({"--db", dir / "b", "--quiet", dir / "in.jsonl"});
    CHECK_THAT(quiet, !Catch::Contains("50 releases,"));
    CHECK_THAT(quiet, Catch::Contains("bodo-index: 50 added"));  // the summary always
}
