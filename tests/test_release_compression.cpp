// Stored releases compressed with zstd and a dictionary trained on the index's first releases
// (stored_release.h, IndexWriter): round trips, the dictionary in the metadata, indexes of
// releases stored before dictionaries, and searches that answer the same either way.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "index/generations.h"
#include "index/index_run.h"
#include "index/index_writer.h"
#include "schema/stored_release.h"
#include "search/searcher.h"
#include "synthetic_releases.h"
#include "temp_dir.h"

using namespace bodo;

namespace {

Release sample_release(std::size_t i) {
    Release r;
    r.id = "r" + std::to_string(i);
    r.title = "과학기술정보통신부, 반도체 전략 " + std::to_string(i) + "차 회의 개최";
    r.body = "정부는 " + std::to_string(i) + "일 반도체 산업 경쟁력 강화를 위한 전략 회의를 열고 인공지능 반도체와 "
             "5G 장비 투자 계획을 점검했다. 과학기술정보통신부는 관계 부처와 협력하여 R&D 예산을 확대한다.";
    r.date = "2024-03-05";
    r.ministry = "과학기술정보통신부";
    r.department = "반도체과";
    r.url = "https://example.kr/" + std::to_string(i);
    r.source = "releases.jsonl";
    r.line = i + 1;
    return r;
}

IndexRunReport index_run(const std::string& db, const std::vector<std::string>& inputs, unsigned jobs) {
    IndexRunOptions options;
    options.jobs = jobs;
    options.auto_compact_min_bytes = UINT64_MAX;
    IndexRun run(db, options);
    return run.run(inputs);
}

/// How many documents hold releases compressed with a dictionary (data starting with 0x02).
std::size_t compressed_documents(const std::string& db) {
    Xapian::Database d(db);
    std::size_t n = 0;
    for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p)
        if (const std::string data = d.get_document(*p).get_data(); !data.empty() && data[0] == '\x02') ++n;
    return n;
}

std::vector<std::string> answers(const std::string& db) {
    std::vector<std::string> out;
    Searcher searcher(db);
    for (const char* q : {"반도체", "\"탄소중립 기본계획\"", "COVID-19", "청년 일자리", "policy cooperation"}) {
        SearchRequest r;
        r.query = q;
        r.limit = 20;
        for (const Hit& h : searcher.search(r).hits) {
            std::string line = h.id + "|" + h.title + "|" + h.date + "|" + h.ministry + "|" + h.url + "|";
            for (const SnippetPart& p : h.snippet) line += (p.highlighted ? "[" : "") + p.text + (p.highlighted ? "]" : "");
            out.push_back(line);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("stored releases: zstd with a trained dictionary round-trips, and releases stored before decode as ever",
          "[stored]") {
    std::vector<std::string> samples;
    for (std::size_t i = 0; i < 2000; ++i) samples.push_back(encode_release(sample_release(i)));
    const auto dictionary = ReleaseDictionary::train(samples);
    REQUIRE(dictionary);
    CHECK(dictionary->id() != 0);
    CHECK(dictionary->metadata_key() == "bodo:zstd-dict:" + std::to_string(dictionary->id()));

    const Release r = sample_release(5000);
    const std::string plain = encode_release(r);
    const std::string packed = encode_release(r, dictionary.get());
    CHECK(packed[0] == '\x02');
    CHECK(packed.size() < plain.size() / 2);
    CHECK(dictionary->decompress(packed) == plain);

    // Known to decode_release once registered (as the searcher does from the metadata).
    CHECK_THROWS_WITH(decode_release(packed), Catch::Contains("which is not loaded"));
    register_release_dictionary(dictionary);
    const Release back = decode_release(packed);
    CHECK(back.id == r.id);
    CHECK(back.title == r.title);
    CHECK(back.body == r.body);
    CHECK(back.url == r.url);
    CHECK(back.line == r.line);
    CHECK(decode_release(plain).body == r.body);  // the old framing
    CHECK_THROWS(decode_release(std::string("\x02garbage")));
    CHECK(ReleaseDictionary::load(dictionary->bytes())->id() == dictionary->id());
    CHECK_THROWS(ReleaseDictionary::load("not a dictionary"));
}

TEST_CASE("stored releases: an index keeps its dictionary in its metadata, trained on its first releases",
          "[stored][threads]") {
    test::TempDir dir;
    constexpr std::size_t kReleases = IndexWriter::kDictionarySamples + 500;
    test::write_synthetic_jsonl(dir / "a.jsonl", kReleases);

    // One thread: the first kDictionarySamples releases train it, and are compressed with the rest.
    const std::string one = dir / "one";
    REQUIRE(index_run(one, {dir / "a.jsonl"}, 1).exit_code() == 0);
    {
        Xapian::Database d(one);
        const std::string id = d.get_metadata(kCurrentDictionaryKey);
        REQUIRE_FALSE(id.empty());
        CHECK(d.get_metadata(std::string(kReleaseDictionaryPrefix) + id).size() > 1000);
    }
    CHECK(compressed_documents(one) == kReleases);

    // A first build in parts: every release compressed, with the dictionary of the first part.
    const std::string parts = dir / "parts";
    REQUIRE(index_run(parts, {dir / "a.jsonl"}, 2).exit_code() == 0);
    CHECK(compressed_documents(parts) == kReleases);
    CHECK_FALSE(Xapian::Database(parts).get_metadata(kCurrentDictionaryKey).empty());
    {
        // The same bytes either way (same dictionary, same level), in the base the parts made.
        Xapian::Database a(one), b(live_index(parts).base);
        std::size_t differing = 0;
        for (Xapian::docid d = 1; d <= a.get_lastdocid(); ++d)
            if (a.get_document(d).get_data() != b.get_document(d).get_data()) ++differing;
        CHECK(differing == 0);
    }
    // A smaller index has no dictionary: its releases are stored as before.
    test::write_synthetic_jsonl(dir / "small.jsonl", 100);
    REQUIRE(index_run(dir / "small", {dir / "small.jsonl"}, 1).exit_code() == 0);
    CHECK(compressed_documents(dir / "small") == 0);
    CHECK(Xapian::Database(dir / "small").get_metadata(kCurrentDictionaryKey).empty());

    // Searches answer alike (hits, fields, snippets), in this process and in a fresh one.
    CHECK(answers(one) == answers(parts));
    CHECK(answers(one).size() > 20);
}

TEST_CASE("stored releases: an index made before dictionaries gets one from its own first releases, and reads both",
          "[stored][threads]") {
    test::TempDir dir;
    const std::string db = dir / "index";
    constexpr std::size_t kReleases = IndexWriter::kDictionarySamples + 100;
    test::write_synthetic_jsonl(dir / "a.jsonl", kReleases);
    // One thread: a database at DIR itself, written in place, as an older bodo left it.
    REQUIRE(index_run(db, {dir / "a.jsonl"}, 1).exit_code() == 0);
    const std::vector<std::string> before = answers(db);
    {
        // As an older bodo left it: every release in the old framing, no dictionary.
        Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
        for (auto p = w.postlist_begin(""); p != w.postlist_end(""); ++p) {
            Xapian::Document doc = w.get_document(*p);
            doc.set_data(encode_release(decode_release(doc.get_data())));
            w.replace_document(*p, doc);
        }
        const std::string prefix(kReleaseDictionaryPrefix);
        std::vector<std::string> keys;
        for (auto k = w.metadata_keys_begin(prefix); k != w.metadata_keys_end(prefix); ++k) keys.push_back(*k);
        for (const auto& k : keys) w.set_metadata(k, "");
        w.set_metadata(kCurrentDictionaryKey, "");
        w.commit();
    }
    REQUIRE(compressed_documents(db) == 0);
    CHECK(answers(db) == before);

    test::write_synthetic_jsonl(dir / "b.jsonl", 50, kReleases);
    REQUIRE(index_run(db, {dir / "b.jsonl"}, 1).counts.added == 50);
    CHECK_FALSE(Xapian::Database(db).get_metadata(kCurrentDictionaryKey).empty());
    CHECK(compressed_documents(db) == 50);
    const std::string fresh = dir / "fresh";
    REQUIRE(index_run(fresh, {dir / "a.jsonl", dir / "b.jsonl"}, 2).exit_code() == 0);
    CHECK(answers(db) == answers(fresh));
}
