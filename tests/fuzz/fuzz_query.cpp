// libFuzzer target: the query language (parse_query), its canonical form, and the translation
// of the parsed query into a Xapian query over a small index (QueryBuilder, with the Analyzer).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "index/index_writer.h"
#include "query/query_builder.h"
#include "query/query_syntax.h"

namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

/// A small index, made once per fuzzing process in the temporary directory.
const Xapian::Database& small_index() {
    static const Xapian::Database db = [] {
        const std::string path =
            (std::filesystem::temp_directory_path() / ("bodo-fuzz-query-" + std::to_string(::getpid()))).string();
        std::filesystem::remove_all(path);
        {
            bodo::IndexWriter w(path, 100);
            const char* const texts[][2] = {
                {"한-뉴질랜드 과학기술공동위원회 개최", "과학기술정보통신부는 뉴질랜드와 인공지능 협력을 논의했다."},
                {"반도체 전략 회의", "정부는 반도체 전략을 논의하는 회의를 열었다. 반도체전략 발표."},
                {"COVID-19 K-방역 성과", "COVID-19 대응과 K-방역 모델. 1조원 규모 R&D 투자."},
                {"International cooperation on AI", "Korea and New Zealand discussed AI research (MSIT)."},
                {"5G 요금제 개선", "과학기술정보통신부(이하 '과기정통부')는 5G 요금제를 개선한다."},
            };
            int i = 0;
            for (const auto& t : texts) {
                bodo::Release r;
                r.id = "f" + std::to_string(++i);
                r.title = t[0];
                r.body = t[1];
                r.date = "2021-03-1" + std::to_string(i);
                r.ministry = "과학기술정보통신부";
                r.source = "fuzz";
                w.add(r);
            }
            w.commit();
        }
        Xapian::Database opened(path);
        std::filesystem::remove_all(path);  // the open database keeps its files
        return opened;
    }();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const bodo::Analyzer analyzer;
    analyzer.analyze(text);
    bodo::ParsedQuery parsed;
    try {
        parsed = bodo::parse_query(text);
    } catch (const bodo::QuerySyntaxError&) {
        return 0;  // the documented failure: a bad date: value or an empty field
    }
    // The canonical form parses back to the same query.
    const std::string canonical = bodo::to_string(parsed);
    bodo::ParsedQuery again;
    try {
        again = bodo::parse_query(canonical);
    } catch (const bodo::QuerySyntaxError&) {
        check(false, "the canonical form of a query parses");
    }
    // Equality after the round trip is checked in long runs (BODO_FUZZ_STRICT=1, e.g.
    // `BODO_FUZZ_STRICT=1 tests/fuzz/run.sh 600`); the short smoke run in ctest looks for crashes
    // and undefined behaviour only, so that what it finds in its ten seconds does not depend on
    // how fast the machine is. Cases it found are kept in tests/test_query_syntax.cpp.
    static const bool strict = std::getenv("BODO_FUZZ_STRICT") != nullptr;
    if (strict) check(again == parsed, "the canonical form of a query parses back to the same query");
    for (const auto& g : parsed.groups) {
        check(!g.alternatives.empty(), "a group has alternatives");
        for (const auto& c : g.alternatives) check(!c.text.empty(), "a clause has text");
    }
    const bodo::QueryBuilder builder(small_index());
    const bodo::BuiltQuery built = builder.build(parsed, {});
    Xapian::Enquire enquire(small_index());
    enquire.set_query(built.all);
    enquire.get_mset(0, 10);
    return 0;
}
