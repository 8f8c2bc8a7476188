// "Did you mean": corrections of misspelt Latin-script words from the index's own vocabulary.
#include <catch2/catch.hpp>

#include <fstream>

#include "index/index_writer.h"
#include "search/searcher.h"
#include "search/spelling.h"
#include "make_release.h"
#include "skip.h"
#include "temp_dir.h"
#include "xapian_servers.h"

using namespace bodo;

namespace {

struct Fixture {
    test::TempDir dir;
    std::string db = dir / "index";
    Fixture() {
        IndexWriter w(db, 3);
        for (int i = 0; i < 25; ++i)
            w.add(test::make_release(std::to_string(i), "Semiconductor strategy " + std::to_string(i),
                                     "The semiconductor industry and international cooperation.", "2022-01-15",
                                     "산업통상자원부"));
        w.add(test::make_release("rare", "반도체 전략", "One release says semicondutor and title.", "2022-01-16", "산업통상자원부"));
        w.commit();
    }
};

}  // namespace

TEST_CASE("edit distance counts inserts, deletes, replacements and swaps", "[spelling]") {
    CHECK(SpellingSuggester::distance("goverment", "government", 2) == 1);
    CHECK(SpellingSuggester::distance("from", "form", 2) == 1);  // one swap, not two replacements
    CHECK(SpellingSuggester::distance("vacine", "vaccine", 1) == 1);
    CHECK(SpellingSuggester::distance("same", "same", 1) == 0);
    CHECK(SpellingSuggester::distance("abcdef", "uvwxyz", 2) == 3);  // over the limit: limit + 1
    CHECK(SpellingSuggester::distance("ab", "abcdef", 2) == 3);
}

TEST_CASE("a rare Latin word is corrected to a common one nearby", "[spelling]") {
    Fixture f;
    Xapian::Database db(f.db);
    const SpellingSuggester speller(db);
    // "semicondutor" occurs once, "semiconductor" in 25 releases.
    CHECK(speller.suggest("semicondutor 수출") == "semiconductor 수출");
    CHECK(speller.suggest("Cooperaton") == "cooperation");
    SECTION("field names, operators and Korean words are kept as typed") {
        CHECK(speller.suggest("title:semicondutor AND 전략") == "title:semiconductor AND 전략");
    }
    SECTION("nothing to suggest") {
        CHECK(speller.suggest("semiconductor strategy").empty());  // spelt as the index spells it
        CHECK(speller.suggest("semiconductors").empty());          // an inflection of a common stem
        CHECK(speller.suggest("반도체전략").empty());
        CHECK(speller.suggest("xylophone").empty());  // nothing near it in the index
        CHECK(speller.suggest("semicondutor-19").empty());  // part of a mixed word
    }
}

TEST_CASE("a search response carries the suggestion", "[spelling][search]") {
    Fixture f;
    Searcher s(f.db);
    SearchRequest req;
    req.query = "semicondutor";
    const SearchResponse r = s.search(req);
    CHECK(r.suggestion == "semiconductor");
    req.query = "semiconductor";
    CHECK(s.search(req).suggestion.empty());
}

TEST_CASE("did you mean works through a remote shard (xapian-tcpsrv)", "[spelling][remote][needs-tcpsrv]") {
    BODO_SKIP_UNLESS(!test::TcpServer::program().empty(), "xapian-tcpsrv not found (Debian package xapian-tools)");
    Fixture f;
    test::TcpServer server({f.db});
    std::ofstream(f.dir / "remote.stub") << "remote " << server.address() << "\n";
    Searcher s(f.dir / "remote.stub");
    SearchRequest req;
    req.query = "semicondutor";
    CHECK(s.search(req).suggestion == "semiconductor");
}
