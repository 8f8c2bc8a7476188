// The termlist-free base (generations.h, masks.h): a first build writes a base without term
// lists beside an empty delta; replaced and pruned releases of the base are masked everywhere a
// release can show (search, totals, facets, sort, /api/release, --stats), locally, in shards and
// through xapian-tcpsrv; compaction folds the delta into the next base and keeps the masks; an
// index from before converts on its next compaction; SIGKILL during a compaction loses nothing.
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <xapian.h>

#include "child_process.h"
#include "index/generations.h"
#include "index/index_run.h"
#include "index/index_stats.h"
#include "run_command.h"
#include "schema/masks.h"
#include "schema/stub_file.h"
#include "schema/schema.h"
#include "search/searcher.h"
#include "serve/index_pool.h"
#include "synthetic_releases.h"
#include "temp_dir.h"
#include "xapian_servers.h"

using namespace bodo;
namespace fs = std::filesystem;

CATCH_TRANSLATE_EXCEPTION(const Xapian::Error& e) { return e.get_description(); }

namespace {

IndexRunReport index_run(const std::string& db, const std::vector<std::string>& inputs, unsigned jobs = 1,
                         bool compact = false, bool prune = false, bool keep_termlists = false,
                         std::uint64_t auto_compact_min_bytes = UINT64_MAX) {
    IndexRunOptions options;
    options.keep_termlists = keep_termlists;
    options.jobs = jobs;
    options.compact = compact;
    options.prune = prune;
    options.auto_compact_min_bytes = auto_compact_min_bytes;
    IndexRun run(db, options);
    return run.run(inputs);
}

/// DIR/index after a first build (two jobs: a base without term lists beside an empty delta) of
/// `releases` synthetic releases, written to DIR/a.jsonl.
std::string first_build(const test::TempDir& dir, std::size_t releases = 300) {
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(dir / "a.jsonl", releases);
    REQUIRE(index_run(db, {dir / "a.jsonl"}, 2).exit_code() == 0);
    return db;
}

std::vector<std::string> listing(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// A new version of synthetic release syn-<k>: another title and body (with the word
/// "zebraquartz" and a tag), the newest date of all, another ministry.
void write_changed(const std::string& path, std::size_t k, const std::string& tag) {
    std::ofstream out(path, std::ios::trunc);
    out << "{\"id\": \"syn-" << k << "\", \"title\": \"zebraquartz " << tag
        << " 개정\", \"date\": \"2026-12-01\", \"ministry\": \"국방부\", \"url\": \"https://example.kr/syn/" << k
        << "\", \"body\": \"보도 zebraquartz " << tag << " 본문\"}\n";
}

SearchResponse find(const std::string& db, const std::string& query, SortOrder sort = SortOrder::Relevance,
                    std::uint32_t limit = 10, bool facets = false) {
    SearchRequest q;
    q.query = query;
    q.sort = sort;
    q.limit = limit;
    q.facets = facets;
    q.collapse = false;
    return Searcher(db).search(q);
}

std::size_t hits_with_id(const SearchResponse& r, const std::string& id) {
    return std::size_t(std::count_if(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == id; }));
}

std::uint64_t facet_sum(const SearchResponse& r, const std::string& name) {
    std::uint64_t n = 0;
    for (const Facet& f : r.facets)
        if (f.name == name)
            for (const auto& [value, count] : f.counts) n += count;
    return n;
}

std::uint64_t facet_count(const SearchResponse& r, const std::string& name, const std::string& value) {
    for (const Facet& f : r.facets)
        if (f.name == name)
            for (const auto& [v, count] : f.counts)
                if (v == value) return count;
    return 0;
}

/// Every sign of one release replaced in an index of `total` releases: once, in its new version.
void check_replaced_once(const std::string& db, std::uint64_t total, const std::string& tag) {
    INFO(db << ": " << fmt::format("{}", fmt::join(listing(db), " ")));
    const SearchResponse word = find(db, "zebraquartz");
    REQUIRE(word.total == 1);
    CHECK(word.hits.at(0).id == "syn-5");
    CHECK_THAT(word.hits.at(0).title, Catch::Contains(tag));
    const SearchResponse all = find(db, "보도", SortOrder::Relevance, 1000, true);
    CHECK(all.total == total);
    CHECK(all.hits.size() == total);
    CHECK(hits_with_id(all, "syn-5") == 1);
    CHECK(facet_sum(all, "ministry") == total);
    CHECK(facet_sum(all, "year") == total);
    CHECK(facet_count(all, "ministry", "국방부") == 1);
    const SearchResponse newest = find(db, "보도", SortOrder::Newest, 3);
    REQUIRE(!newest.hits.empty());
    CHECK(newest.hits[0].id == "syn-5");
    CHECK(hits_with_id(newest, "syn-5") == 1);
    // Paging past the first page shows it nowhere again.
    SearchRequest page;
    page.query = "보도";
    page.sort = SortOrder::Newest;
    page.offset = 1;
    page.limit = 1000;
    page.collapse = false;
    CHECK(hits_with_id(Searcher(db).search(page), "syn-5") == 0);
    CHECK(read_index_stats(db).releases == total);
    CHECK(Searcher(db).size() == total);
    serve::IndexPool pool(db, {}, std::chrono::milliseconds(0));
    const auto release = pool.release("syn-5");
    REQUIRE(release);
    CHECK_THAT(release->title, Catch::Contains(tag));
    CHECK(pool.info().documents == total);
}

}  // namespace

TEST_CASE("termlist-free base: a first build with --jobs writes a base without term lists beside an empty delta",
          "[delta]") {
    test::TempDir dir;
    const std::string db = first_build(dir);
    CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", "delta-000001", "gen-000001"});
    CHECK_FALSE(fs::exists(fs::path(db) / "gen-000001/termlist.glass"));
    CHECK(fs::exists(fs::path(db) / "gen-000001/bodo.lexicon"));
    CHECK(fs::exists(fs::path(db) / "delta-000001/termlist.glass"));
    const auto stub = read_stub(dir / "index/bodo.stub");
    REQUIRE(stub.size() == 2);
    CHECK(stub[0].line() == "glass delta-000001");
    CHECK(stub[1].line() == "glass gen-000001");
    CHECK(live_generation(db) == 1u);

    // Xapian opens the directory (the delta first: its metadata is the index's), and so does bodo.
    const Xapian::Database x(db);
    CHECK(x.get_doccount() == 300);
    CHECK(x.get_metadata(kAnalysisKey) == kAnalysisVersion);
    CHECK(Xapian::Database(db + "/delta-000001").get_doccount() == 0);
    CHECK(find(db, "보도").total == 300);
    // Every release carries its version term.
    std::size_t versions = 0;
    const std::string xv = boolean_term(Field::Version, "");
    for (auto t = x.allterms_begin(xv); t != x.allterms_end(xv); ++t) versions += x.get_termfreq(*t);
    CHECK(versions == 300);
    // The growth of a fresh base is none.
    const Growth g = estimate_growth(x, std::vector<std::string>{db + "/delta-000001", db + "/gen-000001"});
    CHECK(g.recorded);
    CHECK(g.ratio() == Approx(1.0).epsilon(0.05));

    // A rerun finds every release unchanged (fingerprints are values, read without term lists).
    const IndexRunReport rerun = index_run(db, {dir / "a.jsonl"});
    CHECK(rerun.counts.unchanged == 300);
    CHECK(Xapian::Database(db + "/delta-000001").get_doccount() == 0);
}

TEST_CASE("termlist-free base: a replaced release of the base shows once, in its new version, in search, totals, "
          "facets, sort newest, paging, --stats and the release API",
          "[delta]") {
    test::TempDir dir;
    const std::string db = first_build(dir);
    write_changed(dir / "b.jsonl", 5, "second");
    const IndexRunReport r = index_run(db, {dir / "b.jsonl"});
    CHECK(r.counts.replaced == 1);
    CHECK_THAT(r.summary, Catch::Contains("holds 300 releases"));
    CHECK(Masks::read(Xapian::Database(db)).size() == 1);
    check_replaced_once(db, 300, "second");

    // Unchanged the next time; changed again, replaced in the delta (the base's mask stays).
    CHECK(index_run(db, {dir / "b.jsonl"}).counts.unchanged == 1);
    write_changed(dir / "c.jsonl", 5, "third");
    CHECK(index_run(db, {dir / "c.jsonl"}).counts.replaced == 1);
    check_replaced_once(db, 300, "third");

    // Back to the version the base holds: the base's is shown again, and nothing is masked.
    const IndexRunReport back = index_run(db, {dir / "a.jsonl"});
    CHECK(back.counts.replaced == 1);
    CHECK(back.counts.unchanged == 299);
    CHECK(Masks::read(Xapian::Database(db)).empty());
    CHECK(Xapian::Database(db + "/delta-000001").get_doccount() == 0);
    CHECK(find(db, "zebraquartz").total == 0);
    CHECK(find(db, "보도", SortOrder::Relevance, 1000).total == 300);
    serve::IndexPool pool(db, {}, std::chrono::milliseconds(0));
    REQUIRE(pool.release("syn-5"));
    CHECK_THAT(pool.release("syn-5")->title, !Catch::Contains("zebraquartz"));
}

TEST_CASE("termlist-free base: --prune masks a release of the base whose record is gone", "[delta]") {
    test::TempDir dir;
    const std::string db = first_build(dir);
    // The same file without syn-7.
    {
        std::ifstream in(dir / "a.jsonl");
        std::ofstream out(dir / "a2.jsonl");
        for (std::string line; std::getline(in, line);)
            if (line.find("\"syn-7\"") == std::string::npos) out << line << '\n';
    }
    fs::rename(dir / "a2.jsonl", dir / "a.jsonl");
    const IndexRunReport r = index_run(db, {dir / "a.jsonl"}, 1, false, true);
    CHECK(r.pruned == 1);
    CHECK_THAT(r.summary, Catch::Contains("holds 299 releases"));
    const SearchResponse all = find(db, "보도", SortOrder::Relevance, 1000, true);
    CHECK(all.total == 299);
    CHECK(hits_with_id(all, "syn-7") == 0);
    CHECK(facet_sum(all, "ministry") == 299);
    CHECK(read_index_stats(db).releases == 299);
    CHECK(read_index_stats(db).masked == 1);
    CHECK_THAT(format_index_stats(read_index_stats(db)), Catch::Contains("\nmasked       1 replaced or pruned"));
    serve::IndexPool pool(db, {}, std::chrono::milliseconds(0));
    CHECK_FALSE(pool.release("syn-7"));
    CHECK(pool.release("syn-8"));
    // Pruned once: the next run finds nothing more to prune.
    CHECK(index_run(db, {dir / "a.jsonl"}, 1, false, true).pruned == 0);
}

TEST_CASE("termlist-free base: compaction folds the delta into the next base and keeps the masks of the "
          "releases masked in it",
          "[delta][compaction]") {
    test::TempDir dir;
    const std::string db = first_build(dir);
    write_changed(dir / "b.jsonl", 5, "second");
    test::write_synthetic_jsonl(dir / "new.jsonl", 20, 300);
    REQUIRE(index_run(db, {dir / "b.jsonl", dir / "new.jsonl"}).exit_code() == 0);

    const IndexRunReport c = index_run(db, {}, 1, true);
    REQUIRE(c.exit_code() == 0);
    REQUIRE(c.compaction);
    CHECK(c.compaction->generation == 2u);
    CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", "delta-000002", "gen-000002"});
    CHECK_FALSE(fs::exists(fs::path(db) / "gen-000002/termlist.glass"));
    CHECK(Xapian::Database(db + "/delta-000002").get_doccount() == 0);
    // The base holds the masked version too; the delta keeps its mask.
    CHECK(Xapian::Database(db + "/gen-000002").get_doccount() == 321);
    CHECK(Masks::read(Xapian::Database(db)).size() == 1);
    check_replaced_once(db, 320, "second");
    const Xapian::Database x(db);
    CHECK(estimate_growth(x, std::vector<std::string>{db + "/delta-000002", db + "/gen-000002"}).ratio() ==
          Approx(1.0).epsilon(0.05));

    // Replaced again: the version that came with the delta into the base is masked in its turn.
    write_changed(dir / "c.jsonl", 5, "third");
    CHECK(index_run(db, {dir / "c.jsonl"}).counts.replaced == 1);
    CHECK(Masks::read(Xapian::Database(db)).size() == 2);
    check_replaced_once(db, 320, "third");
    REQUIRE(index_run(db, {}, 1, true).exit_code() == 0);
    CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", "delta-000003", "gen-000003"});
    check_replaced_once(db, 320, "third");
    // A writer keeps writing the new delta.
    test::write_synthetic_jsonl(dir / "more.jsonl", 3, 320);
    CHECK(index_run(db, {dir / "more.jsonl"}).counts.added == 3);
    CHECK(Xapian::Database(db + "/delta-000003").get_doccount() == 3);
    CHECK(find(db, "보도", SortOrder::Relevance, 1000).total == 323);
}

TEST_CASE("termlist-free base: an index from before (a database at DIR, documents without version terms) "
          "works as it is and converts on its next compaction",
          "[delta][compaction]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(dir / "a.jsonl", 200);
    REQUIRE(index_run(db, {dir / "a.jsonl"}, 1).exit_code() == 0);  // one thread: written in place
    REQUIRE(fs::exists(fs::path(db) / "iamglass"));
    {
        // As an older bodo wrote it: no version terms.
        Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
        for (Xapian::docid id = 1; id <= w.get_lastdocid(); ++id) {
            Xapian::Document doc = w.get_document(id);
            doc.remove_term(Masks::version_of(doc));
            w.replace_document(id, doc);
        }
        w.commit();
        const std::string xv = boolean_term(Field::Version, "");
        REQUIRE(w.allterms_begin(xv) == w.allterms_end(xv));
    }
    // Written in place as before.
    write_changed(dir / "b.jsonl", 5, "second");
    CHECK(index_run(db, {dir / "b.jsonl"}).counts.replaced == 1);
    CHECK(fs::exists(fs::path(db) / "iamglass"));
    CHECK(find(db, "zebraquartz").total == 1);

    REQUIRE(index_run(db, {}, 1, true).exit_code() == 0);
    CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", "delta-000001", "gen-000001"});
    const Xapian::Database base(db + "/gen-000001");
    std::size_t versions = 0;
    const std::string xv = boolean_term(Field::Version, "");
    for (auto t = base.allterms_begin(xv); t != base.allterms_end(xv); ++t) versions += base.get_termfreq(*t);
    CHECK(versions == 200);
    // So its releases can be masked from now on.
    write_changed(dir / "c.jsonl", 5, "third");
    CHECK(index_run(db, {dir / "c.jsonl"}).counts.replaced == 1);
    check_replaced_once(db, 200, "third");
}

TEST_CASE("termlist-free base: sharded and remote (xapian-tcpsrv) searches leave masked releases out",
          "[delta][shards][remote]") {
    test::TempDir dir;
    test::write_synthetic_jsonl(dir / "a.jsonl", 300);
    write_changed(dir / "b.jsonl", 5, "second");
    test::write_synthetic_jsonl(dir / "other.jsonl", 50, 1000);
    const std::string other = dir / "other";
    REQUIRE(index_run(other, {dir / "other.jsonl"}, 1).exit_code() == 0);
    // A base without term lists (the default), and one that keeps them for xapian-tcpsrv.
    for (const bool keep : {false, true}) {
        const std::string db = dir / (keep ? "kept" : "index");
        REQUIRE(index_run(db, {dir / "a.jsonl"}, 2, false, false, keep).exit_code() == 0);
        CHECK(fs::exists(fs::path(db) / "gen-000001/termlist.glass") == keep);
        REQUIRE(index_run(db, {dir / "b.jsonl"}).counts.replaced == 1);
        // Compaction keeps the choice.
        REQUIRE(index_run(db, {}, 1, true).exit_code() == 0);
        CHECK(fs::exists(fs::path(db) / "gen-000002/termlist.glass") == keep);
    }

    // A local stub: a generation index as one entry (Xapian reads its own stub), another beside it.
    {
        std::ofstream stub(dir / "local.stub");
        stub << "auto index\nglass other\n";
    }
    const SearchResponse local = find(dir / "local.stub", "보도", SortOrder::Relevance, 1000, true);
    CHECK(local.total == 350);
    CHECK(hits_with_id(local, "syn-5") == 1);
    CHECK(facet_sum(local, "ministry") == 350);
    CHECK(find(dir / "local.stub", "zebraquartz").total == 1);
    CHECK(Searcher(dir / "local.stub").size() == 350);

    if (test::TcpServer::program().empty()) {
        WARN("xapian-tcpsrv not installed: the remote part is skipped");
        return;
    }
    // xapian-tcpsrv serving the index directory that kept its term lists: the masks come
    // through get_metadata (the delta's, the first database of the directory's stub).
    test::TcpServer server({dir / "kept"});
    {
        std::ofstream stub(dir / "remote.stub");
        stub << "remote " << server.address() << "\nglass other\n";
    }
    const SearchResponse remote = find(dir / "remote.stub", "보도", SortOrder::Relevance, 1000, true);
    CHECK(remote.total == 350);
    CHECK(remote.hits.size() == 350);
    CHECK(hits_with_id(remote, "syn-5") == 1);
    CHECK(facet_sum(remote, "ministry") == 350);
    const SearchResponse newest = find(dir / "remote.stub", "보도", SortOrder::Newest, 2);
    REQUIRE(!newest.hits.empty());
    CHECK(newest.hits[0].id == "syn-5");
    CHECK_THAT(newest.hits[0].title, Catch::Contains("second"));
    CHECK(hits_with_id(newest, "syn-5") == 1);
    serve::IndexPool pool(dir / "remote.stub", {}, std::chrono::milliseconds(0));
    REQUIRE(pool.release("syn-5"));
    CHECK_THAT(pool.release("syn-5")->title, Catch::Contains("second"));

    // Served without term lists, xapian-tcpsrv cannot send a document: said so, naming the remedy.
    test::TcpServer bare({dir / "index"});
    {
        std::ofstream stub(dir / "bare.stub");
        stub << "remote " << bare.address() << "\n";
    }
    try {
        find(dir / "bare.stub", "보도");
        FAIL("a base without term lists was read through xapian-tcpsrv");
    } catch (const IndexUnavailable& e) {
        CHECK(e.reason == IndexUnavailable::Reason::NoTermLists);
        CHECK_THAT(e.what(), Catch::Contains("no term lists"));
    }
    // bodo-search names the remedy.
    const auto cli = test::run_command(std::string(BODO_SEARCH_BIN) + " --db " + (dir / "bare.stub") + " 보도 2>&1");
    CHECK(cli.exit_code == 3);
    CHECK_THAT(cli.out, Catch::Contains("build that index with bodo-index --keep-termlists"));
}

TEST_CASE("termlist-free base: bodo-index killed with SIGKILL during a compaction of a base and its delta "
          "leaves a usable index, every release once",
          "[delta][compaction][safety]") {
    test::TempDir dir;
    const std::string origin = dir / "origin";
    constexpr std::size_t kReleases = 3000;
    test::write_synthetic_jsonl(dir / "a.jsonl", kReleases, 0, 150);
    REQUIRE(index_run(origin, {dir / "a.jsonl"}, 2).exit_code() == 0);
    write_changed(dir / "b.jsonl", 5, "second");
    test::write_synthetic_jsonl(dir / "new.jsonl", 30, kReleases);
    REQUIRE(index_run(origin, {dir / "b.jsonl", dir / "new.jsonl"}).exit_code() == 0);
    constexpr std::uint64_t kTotal = kReleases + 30;

    const auto check_usable = [&](const std::string& db) {
        INFO(fmt::format("{}: {}", db, fmt::join(listing(db), " ")));
        const auto search = test::run_child({BODO_SEARCH_BIN, "--db", db, "--format", "json", "zebraquartz"});
        REQUIRE(search.exit_code == 0);
        CHECK_THAT(search.out, Catch::Contains("\"total\":1,"));
        CHECK(find(db, "보도").total == kTotal);
        CHECK(Searcher(db).size() == kTotal);
    };

    const std::string timed = dir / "timed";
    fs::copy(origin, timed, fs::copy_options::recursive);
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(test::run_child({BODO_INDEX_BIN, "--db", timed, "--compact"}).exit_code == 0);
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
    check_usable(timed);

    std::mt19937 random(20261217);
    long upper = took.count() * 6 / 5;
    int killed_midway = 0;
    const std::string db = dir / "index";
    fs::copy(origin, db, fs::copy_options::recursive);
    for (int round = 0; round < 10; ++round) {
        const long delay = std::uniform_int_distribution<long>(0, upper)(random);
        test::Child child({BODO_INDEX_BIN, "--db", db, "--compact"});
        std::this_thread::sleep_for(std::chrono::microseconds(delay));
        const bool midway = child.running();
        child.kill(SIGKILL);
        child.wait();
        if (midway) ++killed_midway;
        else upper = std::max(2000L, delay * 3 / 4);
        check_usable(db);
    }
    // The next run tidies what the kills left and compacts.
    REQUIRE(test::run_child({BODO_INDEX_BIN, "--db", db, "--compact"}).exit_code == 0);
    const auto g = live_generation(db);
    REQUIRE(g);
    CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", fmt::format("delta-{:06d}", *g),
                                                  fmt::format("gen-{:06d}", *g)});
    check_usable(db);
    CHECK(killed_midway > 0);
}

TEST_CASE("termlist-free base: masks by document id (local) and by version term (remote) leave out the same releases",
          "[delta]") {
    test::TempDir dir;
    const std::string db = first_build(dir, 400);
    // Every seventh release replaced: masked in the base.
    {
        std::ofstream out(dir / "b.jsonl");
        std::ifstream in(dir / "a.jsonl");
        std::size_t k = 0;
        for (std::string line; std::getline(in, line); ++k)
            if (k % 7 == 0) {
                const std::string body = "\"body\": \"보도 ";
                out << line.replace(line.find(body), body.size(), body + "고침 ") << '\n';
            }
    }
    REQUIRE(index_run(db, {dir / "b.jsonl"}).counts.replaced == 58);
    const Xapian::Database x(db);
    const Masks masks = Masks::read(x);
    REQUIRE(masks.size() == 58);
    const MaskedDocuments by_id(masks, {Xapian::Database(db + "/delta-000001"), Xapian::Database(db + "/gen-000001")});
    Xapian::Database combined(db + "/delta-000001");
    combined.add_database(Xapian::Database(db + "/gen-000001"));
    for (const Xapian::Query& q : {Xapian::Query("보도"), Xapian::Query(Xapian::Query::MatchAll),
                                   Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("반도체"), Xapian::Query("policy"))}) {
        const auto ids = [&](const Xapian::Query& query) {
            Xapian::Enquire e(combined);
            e.set_query(query);
            std::vector<Xapian::docid> out;
            const Xapian::MSet m = e.get_mset(0, 1000);
            for (auto i = m.begin(); i != m.end(); ++i) out.push_back(*i);
            std::sort(out.begin(), out.end());
            return out;
        };
        const auto terms = ids(masks.apply(q)), docids = ids(by_id.apply(q)), all = ids(q);
        CHECK(terms == docids);
        CHECK(all.size() > terms.size());
    }
    CHECK(find(db, "보도", SortOrder::Relevance, 1000).total == 400);
}

TEST_CASE("termlist-free base: a searcher opened while the delta was empty sees what a later run writes into it",
          "[delta]") {
    test::TempDir dir;
    const std::string db = first_build(dir, 200);
    // Kept open, as a server keeps its searchers: the empty delta is left out of its searches.
    Searcher searcher(db);
    SearchRequest q;
    q.query = "zebraquartz";
    CHECK(searcher.search(q).total == 0);
    write_changed(dir / "b.jsonl", 5, "second");
    test::write_synthetic_jsonl(dir / "new.jsonl", 3, 200);
    REQUIRE(index_run(db, {dir / "b.jsonl", dir / "new.jsonl"}).exit_code() == 0);
    const SearchResponse r = searcher.search(q);
    CHECK(r.total == 1);
    CHECK(searcher.size() == 203);
    q.query = "보도";
    q.limit = 1000;
    q.collapse = false;
    const SearchResponse all = searcher.search(q);
    CHECK(all.total == 203);
    CHECK(hits_with_id(all, "syn-5") == 1);
}

TEST_CASE("termlist-free base: a run that leaves releases in the delta folds it into the base at its end",
          "[delta][compaction]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    test::write_synthetic_jsonl(dir / "a.jsonl", 300);
    REQUIRE(index_run(db, {dir / "a.jsonl"}, 2, false, false, false, 0).exit_code() == 0);
    CHECK(live_generation(db) == 1u);  // a first build leaves an empty delta: nothing to fold
    // Nothing new: nothing written, nothing folded.
    CHECK_FALSE(index_run(db, {dir / "a.jsonl"}, 1, false, false, false, 0).compaction);
    write_changed(dir / "b.jsonl", 5, "second");
    test::write_synthetic_jsonl(dir / "new.jsonl", 4, 300);
    const IndexRunReport r = index_run(db, {dir / "b.jsonl", dir / "new.jsonl"}, 1, false, false, false, 0);
    REQUIRE(r.compaction);
    CHECK((!r.compaction->asked && !r.compaction->grown));  // folded because the delta held releases
    CHECK(r.compaction->delta_releases == 5);
    CHECK(r.compaction->generation == 2u);
    CHECK(listing(db) == std::vector<std::string>{"XAPIANDB", "bodo.stub", "delta-000002", "gen-000002"});
    CHECK(Xapian::Database(db + "/delta-000002").get_doccount() == 0);
    check_replaced_once(db, 304, "second");
    // Below the size for compacting on its own, the delta stays.
    write_changed(dir / "c.jsonl", 5, "third");
    CHECK_FALSE(index_run(db, {dir / "c.jsonl"}, 1, false, false, false, kMinAutoCompactBytes).compaction);
    CHECK(Xapian::Database(db + "/delta-000002").get_doccount() == 1);
    check_replaced_once(db, 304, "third");
}
