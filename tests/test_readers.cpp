// Tests of the input readers: JSON Lines (plain, zstd, gzip, stdin), Markdown with front matter,
// plain-text page dumps, tar archives and directories, and every kind of bad input.
#include <catch2/catch.hpp>

#include <locale.h>

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "readers/reader.h"
#include "release/release.h"
#include "readers/text_clean.h"
#include "skip.h"
#include "temp_dir.h"

using namespace bodo;
namespace fs = std::filesystem;

namespace {

struct Outcome {
    std::vector<Release> releases;
    std::vector<ReadProblem> problems;
    std::size_t failed = 0;

    /// The release with this id; fails the test when there is none.
    const Release& release(const std::string& id) const {
        const auto it = std::find_if(releases.begin(), releases.end(), [&](const Release& r) { return r.id == id; });
        INFO("release id " << id);
        REQUIRE(it != releases.end());
        return *it;
    }
    /// The problems reported for `file`, in order.
    std::vector<ReadProblem> problems_of(const std::string& file) const {
        std::vector<ReadProblem> found;
        for (const auto& p : problems) {
            if (p.file == file) found.push_back(p);
        }
        return found;
    }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& r : releases) out.push_back(r.id);
        return out;
    }
};

Outcome read(const std::vector<std::string>& inputs) {
    Outcome outcome;
    ReadHandlers handlers;
    handlers.on_release = [&](Release&& r) { outcome.releases.push_back(std::move(r)); };
    handlers.on_problem = [&](const ReadProblem& p) { outcome.problems.push_back(p); };
    outcome.failed = read_inputs(inputs, handlers);
    return outcome;
}

void write_file(const std::string& path, const std::string& bytes) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

std::string zstd_compress(const std::string& plain) {
    std::string packed(ZSTD_compressBound(plain.size()), '\0');
    const std::size_t n = ZSTD_compress(packed.data(), packed.size(), plain.data(), plain.size(), 3);
    REQUIRE_FALSE(ZSTD_isError(n));
    packed.resize(n);
    return packed;
}

enum class Packing { tar, tar_gz, tar_zst, zip };

/// Writes an archive with the given members (path, content) through libarchive.
void write_archive(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members,
                   Packing packing) {
    // libarchive converts member names from the locale's character set: UTF-8 for this thread.
    const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    REQUIRE(utf8 != static_cast<locale_t>(nullptr));
    const locale_t previous = uselocale(utf8);
    struct archive* a = archive_write_new();
    if (packing == Packing::tar_gz) REQUIRE(archive_write_add_filter_gzip(a) == ARCHIVE_OK);
    if (packing == Packing::tar_zst) REQUIRE(archive_write_add_filter_zstd(a) == ARCHIVE_OK);
    if (packing == Packing::zip) {
        REQUIRE(archive_write_set_format_zip(a) == ARCHIVE_OK);
    } else {
        REQUIRE(archive_write_set_format_pax_restricted(a) == ARCHIVE_OK);
    }
    REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
    for (const auto& [name, content] : members) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        REQUIRE(archive_write_header(a, entry) == ARCHIVE_OK);
        REQUIRE(archive_write_data(a, content.data(), content.size()) == static_cast<la_ssize_t>(content.size()));
        archive_entry_free(entry);
    }
    REQUIRE(archive_write_close(a) == ARCHIVE_OK);
    archive_write_free(a);
    uselocale(previous);
    freelocale(utf8);
}

/// `plain` compressed by a libarchive write filter (archive_write_add_filter_gzip, _xz, _bzip2).
void write_compressed(const std::string& path, const std::string& plain, int (*add_filter)(struct archive*)) {
    struct archive* a = archive_write_new();
    REQUIRE(add_filter(a) == ARCHIVE_OK);
    REQUIRE(archive_write_set_format_raw(a) == ARCHIVE_OK);
    REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
    archive_entry* entry = archive_entry_new();
    archive_entry_set_filetype(entry, AE_IFREG);
    REQUIRE(archive_write_header(a, entry) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a, plain.data(), plain.size()) == static_cast<la_ssize_t>(plain.size()));
    archive_entry_free(entry);
    REQUIRE(archive_write_close(a) == ARCHIVE_OK);
    archive_write_free(a);
}

std::string json_record(const std::string& id, const std::string& title, const std::string& extra = "") {
    return R"j({"id": ")j" + id + R"j(", "title": ")j" + title + R"j(", "date": "2024-03-05", "ministry": "교육부", )j" +
           R"j("url": "https://example.kr/)j" + id + R"j(", "body": "본문 )j" + id + R"j(")j" + extra + "}\n";
}

const std::string md_release = R"j(---
title: "[보도참고\] 의료분야 연구성과 공유의 장 마련"
ministry: "과학기술정보통신부"
approve_date: "06/26/2025 12:00:00"
news_item_id: "156700001"
grouping_code: "brief"
original_url: "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156700001"
attachment_count: 0
source: "policy-briefing-api"
---

# [보도참고] 의료분야 연구성과 공유의 장 마련

- 부처: 과학기술정보통신부
- 배포일: 06/26/2025 12:00:00

## 본문

□ 과학기술정보통신부는 의료분야 연구성과 공유회를 개최한다고 밝혔다.

문의: 바이오기술정책과 홍길동 사무관(044-202-0000)

## 출처

- 정책브리핑 보도자료 API
)j";

}  // namespace

TEST_CASE("readers: ReadProblem prints file, line and reason", "[readers]") {
    CHECK(ReadProblem{"a.jsonl", 3, "missing id"}.to_string() == "a.jsonl:3: missing id");
    CHECK(ReadProblem{"dir/x.md", 0, "empty file"}.to_string() == "dir/x.md: empty file");
}

TEST_CASE("readers: JSON Lines records become releases", "[readers]") {
    test::TempDir dir;
    const auto path = dir / "in.jsonl";
    write_file(path,
               // An integer id, approved_at instead of date, unknown fields of any type.
               R"j({"id": 156369306, "title": "자동차 교환·환불 중재", "approved_at": "2020-01-01T11:00:00+09:00", )j"
               R"j("ministry": "국토교통부", "extra": {"nested": [1, 2]}, "flag": true, "body": "본문"})j"
               "\n"
               "\n"  // blank lines are not records
               // A department given in the metadata wins over one named in the body.
               R"j({"id": "b", "title": "제목", "date": "2024-02-29", "department": "혁신행정담당관", )j"
               R"j("body": "문의: 재정정책과 홍길동(044-000-0000)"})j"
               "\r\n"  // Windows line end
               // Control characters are stripped from text fields; \n and \t stay in the body.
               R"j({"id": "c", "title": "제\u0000목\u0007", "date": "2024-03-01", "body": "첫줄\r\n둘째\t줄\u001b", )j"
               R"j("url": null})j"
               "\n"
               // No department in the metadata: the body's contact line names it.
               R"j({"id": "d", "title": "t", "date": "2024-03-02", "body": "내용.\n\n문의: 재정정책과 홍길동(044-000-0000)"})j"
               "\n"
               // Other year-first spellings of a date, as exports write them.
               R"j({"id": "e", "title": "t", "date": "2024. 3. 5.", "body": "b"})j" "\n"
               R"j({"id": "f", "title": "t", "date": "2024-03-06 09:30:00", "body": "b"})j" "\n"
               R"j({"id": "g", "title": "t", "date": 20240307, "body": "b"})j");  // a date as a number
    const auto out = read({path});
    REQUIRE(out.problems.empty());
    CHECK(out.failed == 0);
    REQUIRE(out.ids() == std::vector<std::string>{"156369306", "b", "c", "d", "e", "f", "g"});

    const auto& first = out.release("156369306");
    CHECK(first.title == "자동차 교환·환불 중재");
    CHECK(first.date == "2020-01-01");
    CHECK(first.ministry == "국토교통부");
    CHECK(first.body == "본문");
    CHECK(first.source == path);
    CHECK(first.line == 1);

    CHECK(out.release("b").line == 3);
    CHECK(out.release("b").date == "2024-02-29");
    CHECK(out.release("b").department == "혁신행정담당관");

    CHECK(out.release("c").title == "제목");
    CHECK(out.release("c").body == "첫줄\n둘째\t줄");
    CHECK(out.release("c").url.empty());

    CHECK(out.release("d").department == "재정정책과");
    CHECK(out.release("e").date == "2024-03-05");
    CHECK(out.release("f").date == "2024-03-06");
    CHECK(out.release("g").date == "2024-03-07");
}

TEST_CASE("readers: a ministry is filed under the government body it names, or the text names", "[readers]") {
    test::TempDir dir;
    const auto path = dir / "ministries.jsonl";
    auto record = [](const std::string& id, const std::string& ministry, const std::string& title, const std::string& body) {
        return R"j({"id": ")j" + id + R"j(", "title": ")j" + title + R"j(", "date": "2024-03-05", )j" +
               (ministry.empty() ? std::string() : R"j("ministry": ")j" + ministry + R"j(", )j") + R"j("body": ")j" + body +
               "\"}\n";
    };
    write_file(path,
               // Debris of an extraction in the shared archive: the body's opening names the body.
               record("debris", "수천억원", "무공해차 보급목표", "환경부는 업계와 협의하여 수천억원 규모로 정했다.") +
               // None given: the title names it (해양경찰청, not the 경찰청 inside it), as the
               // department comes from the text, without a word.
               record("none", "", "해양경찰청, 여름철 안전 점검", "점검을 실시한다.") +
               // Other names of one body are one facet value.
               record("alias", "MSIT", "5G 정책", "본문") + record("dot", "저출산·고령사회위원회", "인구 전략", "본문") +
               // A body bodo knows is kept, also when the text names another first.
               record("institute", "국립생태원", "멸종위기종 복원", "환경부와 함께") +
               // Neither the field nor the text names a body: kept as given, without a word.
               record("unknown", "한국개발연구원", "경제 전망", "성장률 전망"));
    const auto out = read({path});
    CHECK(out.release("debris").ministry == "환경부");
    CHECK(out.release("none").ministry == "해양경찰청");
    CHECK(out.release("alias").ministry == "과학기술정보통신부");
    CHECK(out.release("dot").ministry == "저출산고령사회위원회");
    CHECK(out.release("institute").ministry == "국립생태원");
    CHECK(out.release("unknown").ministry == "한국개발연구원");
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].warning);
    CHECK(out.problems[0].line == 1);
    CHECK(out.problems[0].reason ==
          "ministry field names no government body: '수천억원', filed under 환경부, the first the text names");
}

TEST_CASE("readers: bad JSON Lines records are reported and skipped, the rest is read", "[readers]") {
    test::TempDir dir;
    const auto path = dir / "bad.jsonl";
    std::string text;
    text += json_record("ok1", "첫 보도자료");                                        // 1
    text += R"j({"title": "아이디 없음", "date": "2024-03-05"})j" "\n";                 // 2
    text += R"j({"id": "x3", "date": "2024-03-05", "body": "제목 없음"})j" "\n";        // 3
    text += R"j({"id": "x4", "title": "날짜 오류", "date": "2024-13-45"})j" "\n";       // 4
    text += "{\"id\": \"x5\", \"title\": \"\xff\xfe bad\", \"date\": \"2024-03-05\"}\n";  // 5
    text += R"j({"id": "x6", "title": 42, "date": "2024-03-05"})j" "\n";                // 6
    text += R"j({"id": "x7", "title": "문법", "date": })j" "\n";                        // 7
    text += R"j(["not", "an", "object"])j" "\n";                                        // 8
    text += R"j({"id": true, "title": "아이디 형식"})j" "\n";                           // 9
    text += R"j({"id": "x10", "title": "승인일 오류", "approved_at": "yesterday"})j" "\n";  // 10
    text += R"j({"id": "x11", "title": "날짜 없음", "body": "날짜가 없는 기록"})j" "\n";   // 11
    text += R"j({"id": "x12", "title": "   "})j" "\n";                                  // 12
    text += json_record("ok13", "마지막 온전한 기록");                                 // 13
    text += R"j({"id": "x14", "title": "잘린 줄)j";                                     // 14, no newline
    write_file(path, text);

    const auto out = read({path});
    CHECK(out.failed == 0);
    // x11 has no date at all: kept, with a warning.
    CHECK(out.ids() == std::vector<std::string>{"ok1", "x11", "ok13"});
    CHECK(out.release("x11").date.empty());

    const auto problems = out.problems_of(path);
    REQUIRE(problems.size() == out.problems.size());
    REQUIRE(problems.size() == 12);
    const std::vector<std::pair<std::size_t, std::string>> expected = {
        {2, "missing id"},
        {3, "missing title"},
        {4, "bad date '2024-13-45'"},
        {5, "invalid UTF-8"},
        {6, "field 'title' is not a string"},
        {7, "JSON syntax error"},
        {8, "not a JSON object"},
        {9, "field 'id' is not a string or integer"},
        {10, "bad approved_at 'yesterday'"},
        {11, "no date"},
        {12, "missing title"},
        {14, "JSON syntax error"},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO(problems[i].to_string());
        CHECK(problems[i].line == expected[i].first);
        CHECK_THAT(problems[i].reason, Catch::Contains(expected[i].second));
    }
}

TEST_CASE("readers: a record over 10 MB is skipped without stopping the file", "[readers]") {
    test::TempDir dir;
    const auto path = dir / "huge.jsonl";
    const std::string huge_body(11 * 1024 * 1024, 'a');
    write_file(path, json_record("small1", "앞") + R"j({"id": "big", "title": "큰 기록", "body": ")j" + huge_body +
                         "\"}\n" + json_record("small2", "뒤"));
    const auto out = read({path});
    CHECK(out.ids() == std::vector<std::string>{"small1", "small2"});
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].file == path);
    CHECK(out.problems[0].line == 2);
    CHECK_THAT(out.problems[0].reason, Catch::Contains("over 10 MB"));
    CHECK(out.release("small2").line == 3);
}

TEST_CASE("readers: binary and empty files are reported, other inputs still read", "[readers]") {
    test::TempDir dir;
    const auto binary = dir / "binary.jsonl";
    write_file(binary, std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", 20) + "\n" +
                           json_record("hidden", "바이너리 뒤"));
    const auto binary_md = dir / "binary.md";
    write_file(binary_md, std::string("---\ntitle: \"x\"\0\0\0\n---\n", 22));
    const auto empty_jsonl = dir / "empty.jsonl";
    write_file(empty_jsonl, "");
    const auto blank_md = dir / "blank.md";
    write_file(blank_md, "\n  \n");
    const auto empty_txt = dir / "empty.txt";
    write_file(empty_txt, "");
    const auto empty_gz = dir / "empty.jsonl.gz";
    write_file(empty_gz, "");
    const auto empty_zst = dir / "empty.jsonl.zst";
    write_file(empty_zst, "");
    const auto empty_tar = dir / "empty.tar.zst";
    write_file(empty_tar, "");
    const auto good = dir / "good.jsonl";
    write_file(good, json_record("g1", "정상"));

    const auto out =
        read({binary, binary_md, empty_jsonl, blank_md, empty_txt, empty_gz, empty_zst, empty_tar, good});
    CHECK(out.ids() == std::vector<std::string>{"g1"});
    CHECK(out.failed == 0);
    REQUIRE(out.problems.size() == 8);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {binary, "binary file"},    {binary_md, "binary file"}, {empty_jsonl, "empty file"},
        {blank_md, "empty file"},   {empty_txt, "empty file"},  {empty_gz, "empty file"},
        {empty_zst, "empty file"},  {empty_tar, "empty file"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(out.problems[i].file == expected[i].first);
        CHECK(out.problems[i].line == 0);
        CHECK_THAT(out.problems[i].reason, Catch::Contains(expected[i].second));
    }
}

TEST_CASE("readers: compressed JSON Lines are streamed (zstd, gzip, xz, bzip2)", "[readers]") {
    test::TempDir dir;
    const std::string plain = json_record("z1", "압축 하나") + json_record("z2", "압축 둘");
    const auto zst = dir / "in.jsonl.zst";
    write_file(zst, zstd_compress(plain));
    const auto gz = dir / "in.jsonl.gz";
    write_compressed(gz, json_record("g1", "지집") + "{\"id\": \"g2\"}\n", archive_write_add_filter_gzip);
    const auto xz = dir / "in.jsonl.xz";
    write_compressed(xz, json_record("x1", "엑스제트"), archive_write_add_filter_xz);
    const auto bz2 = dir / "in.jsonl.bz2";
    write_compressed(bz2, json_record("b1", "비집투"), archive_write_add_filter_bzip2);

    const auto out = read({zst, gz, xz, bz2});
    CHECK(out.ids() == std::vector<std::string>{"z1", "z2", "g1", "x1", "b1"});
    CHECK(out.release("z2").source == zst);
    CHECK(out.release("z2").line == 2);
    CHECK(out.release("x1").source == xz);
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].file == gz);
    CHECK(out.problems[0].line == 2);
    CHECK(out.problems[0].reason == "missing title");
}

TEST_CASE("readers: a truncated zstd file yields its complete records and a problem", "[readers]") {
    test::TempDir dir;
    std::string plain;
    for (int i = 0; i < 2000; ++i) plain += json_record("t" + std::to_string(i), "잘린 압축 파일의 기록");
    std::string packed = zstd_compress(plain);
    packed.resize(packed.size() / 2);
    const auto path = dir / "cut.jsonl.zst";
    write_file(path, packed);
    const auto out = read({path});
    REQUIRE_FALSE(out.releases.empty());
    CHECK(out.releases.size() < 2000);
    CHECK(out.releases.front().id == "t0");
    REQUIRE_FALSE(out.problems.empty());
    const auto& last = out.problems.back();
    CHECK(last.file == path);
    CHECK(last.line >= out.releases.size());
    CHECK_THAT(last.reason, Catch::Contains("zstd"));
}

TEST_CASE("readers: '-' reads JSON Lines from standard input", "[readers]") {
    test::TempDir dir;
    const auto path = dir / "stdin.jsonl";
    write_file(path, json_record("s1", "표준 입력") + "{oops\n");
    const int saved = ::dup(STDIN_FILENO);
    const int fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
    const auto out = read({"-"});
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
    REQUIRE(out.ids() == std::vector<std::string>{"s1"});
    CHECK(out.releases[0].source == "-");
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].file == "-");
    CHECK(out.problems[0].line == 2);
}

TEST_CASE("readers: Markdown with front matter (the MSIT archive layout)", "[readers]") {
    test::TempDir dir;
    const auto path = dir / "038_과학기술정보통신부_보도참고.md";
    write_file(path, md_release);
    const auto out = read({path});
    REQUIRE(out.problems.empty());
    REQUIRE(out.releases.size() == 1);
    const auto& r = out.releases[0];
    CHECK(r.id == "156700001");
    // YAML forbids the escape "\]", which the real archive contains: the character is kept.
    CHECK(r.title == "[보도참고] 의료분야 연구성과 공유의 장 마련");
    CHECK(r.ministry == "과학기술정보통신부");
    CHECK(r.date == "2025-06-26");
    CHECK(r.url == "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156700001");
    CHECK(r.body ==
          "□ 과학기술정보통신부는 의료분야 연구성과 공유회를 개최한다고 밝혔다.\n\n"
          "문의: 바이오기술정책과 홍길동 사무관(044-202-0000)");
    CHECK(r.department == "바이오기술정책과");
    CHECK(r.source == path);
}

TEST_CASE("readers: a Markdown date may be written year first in any of the usual ways", "[readers]") {
    // As the JSON Lines reader accepts them: an export other than the MSIT archive writes its own.
    const std::vector<std::pair<std::string, std::string>> fields{
        {"approve_date: \"2025년 6월 26일\"", "2025-06-26"},
        {"approve_date: \"2025. 6. 26.\"", "2025-06-26"},
        {"date: 2021.03.04", "2021-03-04"},
        {"date: \"2021-3-4 10:00\"", "2021-03-04"},
        {"date: 2020-01-01T11:00:00+09:00", "2020-01-01"},
    };
    for (const auto& [field, date] : fields) {
        INFO(field);
        test::TempDir dir;
        std::string text = md_release;
        const std::string from = "approve_date: \"06/26/2025 12:00:00\"";
        text.replace(text.find(from), from.size(), field);
        write_file(dir / "release.md", text);
        const auto out = read({dir / "release.md"});
        CHECK(out.problems.empty());
        REQUIRE(out.releases.size() == 1);
        CHECK(out.releases[0].date == date);
    }
}

TEST_CASE("readers: bad Markdown files are reported with the offending line", "[readers]") {
    test::TempDir dir;
    auto with = [&](const std::string& from, const std::string& to) {
        std::string text = md_release;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        return text;
    };
    const auto bad_date = dir / "a_bad_date.md";
    write_file(bad_date, with("06/26/2025 12:00:00\"", "26.06.2025\""));  // day first: never guessed
    const auto no_id = dir / "b_no_id.md";
    write_file(no_id, with("news_item_id: \"156700001\"\n", ""));
    const auto no_title = dir / "c_no_title.md";
    write_file(no_title, "---\nnews_item_id: \"1\"\napprove_date: \"06/26/2025 12:00:00\"\n---\n\n## 본문\n\n본문만 있다.\n");
    const auto no_front = dir / "d_no_front.md";
    write_file(no_front, "# 제목\n\n본문\n");
    const auto unclosed = dir / "e_unclosed.md";
    write_file(unclosed, "---\ntitle: \"제목\"\nnews_item_id: \"1\"\n");
    const auto bad_quote = dir / "f_bad_quote.md";
    write_file(bad_quote, with("ministry: \"과학기술정보통신부\"", "ministry: \"과학기술정보통신부"));
    const auto bad_utf8 = dir / "g_bad_utf8.md";
    write_file(bad_utf8, with("의료분야 연구성과 공유회", "\xc3\x28 깨진 글자"));
    const auto no_date = dir / "h_no_date.md";
    write_file(no_date, with("approve_date: \"06/26/2025 12:00:00\"\n", ""));

    const auto out = read({dir.path().string()});
    CHECK(out.failed == 0);
    // Only the file without a date is kept (with an empty date and a warning).
    REQUIRE(out.releases.size() == 1);
    CHECK(out.releases[0].source == no_date);
    CHECK(out.releases[0].date.empty());

    const std::vector<std::tuple<std::string, std::size_t, std::string>> expected = {
        {bad_date, 4, "bad approve_date '26.06.2025'"},
        {no_id, 0, "missing id"},
        {no_title, 0, "missing title"},
        {no_front, 1, "no front matter"},
        {unclosed, 1, "front matter not closed"},
        {bad_quote, 3, "unterminated quoted value for 'ministry'"},
        {bad_utf8, 0, "invalid UTF-8"},
        {no_date, 0, "no date"},
    };
    REQUIRE(out.problems.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO(out.problems[i].to_string());
        CHECK(out.problems[i].file == std::get<0>(expected[i]));
        CHECK(out.problems[i].line == std::get<1>(expected[i]));
        CHECK_THAT(out.problems[i].reason, Catch::Contains(std::get<2>(expected[i])));
    }
}

TEST_CASE("readers: a byte order mark at the start of a file is skipped", "[readers]") {
    test::TempDir dir;
    const std::string bom = "\xEF\xBB\xBF";
    write_file(dir / "windows.jsonl", bom + json_record("w1", "첫 기록") + json_record("w2", "둘째 기록"));
    write_file(dir / "windows.md", bom + md_release);
    write_file(dir / "windows.txt", bom + "Korea and Chile agree to expand cooperation on semiconductors (Mar. 3)\n\n"
                                          "The Ministry announced on March 3, 2023 that the talks went well.\n");
    const auto out = read({dir / "windows.jsonl", dir / "windows.md", dir / "windows.txt"});
    CHECK(out.problems.empty());
    REQUIRE(out.ids() == std::vector<std::string>{"w1", "w2", "156700001", "txt:windows"});
    CHECK(out.release("w1").line == 1);
    CHECK(out.release("txt:windows").title == "Korea and Chile agree to expand cooperation on semiconductors (Mar. 3)");
}

namespace {

/// `utf8` encoded as CP949 (EUC-KR), as older Korean documents are saved.
std::string to_cp949(const std::string& utf8) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open("windows-949", &status);
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    std::string out(static_cast<std::size_t>(text.length()) * 2 + 1, '\0');
    const int32_t n = ucnv_fromUChars(converter, out.data(), static_cast<int32_t>(out.size()), text.getBuffer(),
                                      text.length(), &status);
    ucnv_close(converter);
    REQUIRE(U_SUCCESS(status));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

}  // namespace

TEST_CASE("readers: a Markdown file or page dump in CP949 (EUC-KR) is read, with a warning", "[readers]") {
    test::TempDir dir;
    const std::string euc_md = to_cp949(md_release);
    REQUIRE_FALSE(readers::is_valid_utf8(euc_md));
    CHECK(readers::cp949_to_utf8(euc_md) == std::optional<std::string>(md_release));
    // UTF-8 with one broken byte, every pair of which CP949 would read as Hanja and Hangul.
    CHECK_FALSE(readers::cp949_to_utf8("본본본본본본본본본본\xb0" "A\n"));
    write_file(dir / "a_euc.md", euc_md);
    write_file(dir / "b_euc.txt", to_cp949("반도체 협력 확대 (Mar. 3)\n\n담당부서 작성자 연락처\n\n"
                                           "The Ministry announced on March 3, 2023 that the talks went well.\n"));
    // Not CP949 either: no Hangul, bytes in its user-defined area, or UTF-8 Hangul with a broken byte.
    write_file(dir / "c_latin1.txt", "Caf\xe9 cr\xe8me (Mar. 3)\n");
    write_file(dir / "d_pua.txt", to_cp949("한글") + "\xc9\xa1\n");
    write_file(dir / "e_broken.md", std::string(md_release).replace(md_release.find("본문"), 0, "\xc3\x28"));
    const auto out = read({dir.path().string()});
    REQUIRE(out.ids() == std::vector<std::string>{"156700001", "txt:b_euc"});
    CHECK(out.release("156700001").title == "[보도참고] 의료분야 연구성과 공유의 장 마련");
    CHECK(out.release("txt:b_euc").title == "반도체 협력 확대 (Mar. 3)");
    CHECK(out.release("txt:b_euc").date == "2023-03-03");
    std::vector<std::string> problems;
    for (const auto& p : out.problems) problems.push_back(p.to_string());
    CHECK(problems == std::vector<std::string>{
                          dir / "a_euc.md" + ": warning: not UTF-8: read as CP949 (EUC-KR)",
                          dir / "b_euc.txt" + ": warning: not UTF-8: read as CP949 (EUC-KR)",
                          dir / "c_latin1.txt" + ": invalid UTF-8 (and not CP949/EUC-KR either)",
                          dir / "d_pua.txt" + ": invalid UTF-8 (and not CP949/EUC-KR either)",
                          dir / "e_broken.md" + ": invalid UTF-8 (and not CP949/EUC-KR either)",
                      });
}

TEST_CASE("readers: plain-text page dumps", "[readers]") {
    test::TempDir dir;
    SECTION("a year stated next to the date is taken as is") {
        const auto path = dir / "page-one.txt";
        write_file(path,
                   "All Menu Close\nPress Releases\nHome News & Notice Press Releases\n\n"
                   "Korea and Chile agree to expand cooperation on semiconductors (Mar. 3)\n\n"
                   "담당부서 작성자 연락처\n\n"
                   "The Ministry of Trade, Industry and Energy (MOTIE) announced on March 3, 2023 that ...\n\n"
                   "Director of the Semiconductor Division Kim said the talks went well.\n\n"
                   "KOGL Korea Open Government License, BY Type 1 : Source Indication\n");
        const auto out = read({path});
        REQUIRE(out.problems.empty());
        REQUIRE(out.releases.size() == 1);
        const auto& r = out.releases[0];
        CHECK(r.id == "txt:page-one");
        CHECK(r.title == "Korea and Chile agree to expand cooperation on semiconductors (Mar. 3)");
        CHECK(r.date == "2023-03-03");
        CHECK(r.ministry == "산업통상자원부");
        CHECK(r.department == "Semiconductor Division");
        CHECK(r.body.rfind("The Ministry of Trade", 0) == 0);
        CHECK(r.body.find("KOGL") == std::string::npos);
        CHECK(r.body.find("작성자") == std::string::npos);
    }
    SECTION("no weekday and no year: kept without a date, with a warning") {
        const auto path = dir / "page-two.txt";
        write_file(path,
                   "Press Releases\n\nMinister visits a research complex in Daejeon (Nov. 20)\n\n"
                   "The Minister of Science and ICT visited the complex on November 20.\n");
        const auto out = read({path});
        REQUIRE(out.releases.size() == 1);
        CHECK(out.releases[0].date.empty());
        CHECK(out.releases[0].ministry.empty());
        REQUIRE(out.problems.size() == 1);
        CHECK(out.problems[0].file == path);
        CHECK(out.problems[0].line == 0);
        CHECK_THAT(out.problems[0].reason, Catch::Contains("no year") && Catch::Contains("kept without a date"));
        CHECK(out.problems[0].warning);
    }
    SECTION("a Korean page: the date on a line of its own near the headline, the ministry it names") {
        const auto path = dir / "국문.txt";
        write_file(path,
                   "정책브리핑\n브리핑룸 보도자료\n\n반도체 산업 경쟁력 강화를 위한 종합 지원 방안 발표\n"
                   "2024.03.05 산업통상자원부\n\n산업통상자원부는 5일 반도체 산업 지원 방안을 발표했다.\n");
        const auto out = read({path});
        CHECK(out.problems.empty());
        REQUIRE(out.releases.size() == 1);
        const auto& r = out.releases[0];
        CHECK(r.title == "반도체 산업 경쟁력 강화를 위한 종합 지원 방안 발표");
        CHECK(r.date == "2024-03-05");
        CHECK(r.ministry == "산업통상자원부");
        for (const std::string line : {"등록일 : 2024. 3. 5.", "배포일시: 2024-03-05 09:00", "2024년 3월 5일"}) {
            INFO(line);
            write_file(path, "보도자료\n반도체 산업 경쟁력 강화를 위한 종합 지원 방안 발표\n" + line + "\n본문이다.\n");
            CHECK(read({path}).releases.at(0).date == "2024-03-05");
        }
        // A date far from the headline, in the body's prose, is not the release's.
        write_file(path, "반도체 산업 경쟁력 강화를 위한 종합 지원 방안 발표\n\n가\n\n나\n\n다\n\n라\n\n"
                         "2023.01.01 이후 시행된 제도를 개선한다.\n");
        CHECK(read({path}).releases.at(0).date.empty());
    }
    SECTION("a page without any headline is skipped") {
        const auto path = dir / "menu.txt";
        write_file(path, "Home\nMenu\nClose\n");
        const auto out = read({path});
        CHECK(out.releases.empty());
        REQUIRE(out.problems.size() == 1);
        CHECK(out.problems[0].file == path);
        CHECK_THAT(out.problems[0].reason, Catch::Contains("missing title"));
    }
}

TEST_CASE("readers: the real English page dump", "[readers][needs-shared]") {
    const std::string path = bodo::test::shared_dir() + "/corpus/english/msit-2020-11-20-korea-new-zealand-jcst.txt";
    BODO_SKIP_UNLESS(fs::exists(path), "shared corpus not found: " + path);
    const auto out = read({path});
    REQUIRE(out.problems.empty());
    REQUIRE(out.releases.size() == 1);
    const auto& r = out.releases[0];
    CHECK(r.id == "txt:msit-2020-11-20-korea-new-zealand-jcst");
    CHECK(r.title ==
          "Discussions on cooperation in emerging technology fields such as AI and healthcare with New Zealand (Nov. 20)");
    CHECK(r.date == "2020-11-20");  // Friday, November 20 falls in 2020
    CHECK(r.ministry == "과학기술정보통신부");
    CHECK(r.department == "International Cooperation Bureau");
    CHECK(r.body.rfind("- The Fifth Korea-New Zealand Joint Committee", 0) == 0);
    CHECK(r.body.find("All Menu Close") == std::string::npos);
    CHECK(r.body.find("담당부서 작성자 연락처") == std::string::npos);
    CHECK(r.body.find("KOGL") == std::string::npos);
    CHECK(r.body.find("please contact Deputy Director Park Chiseon") != std::string::npos);
}

TEST_CASE("readers: tar and zip archives are read in place, members named archive:member", "[readers]") {
    test::TempDir dir;
    const std::vector<std::pair<std::string, std::string>> members = {
        {"과기정통부/2025-06-26/038_release.md", md_release},  // a zip names it in UTF-8
        {"msit/feed.jsonl", json_record("j1", "아카이브 속 JSONL") + R"j({"id": "j2", "title": 7})j" "\n"},
        {"msit/notes.csv", "ignored,member\n"},
        {"msit/broken.md", "# no front matter\n"},
        {"msit/page.txt", "Home\n\nA release headline about broadband networks (Jan. 5)\n\nBody on January 5, 2021.\n"},
    };
    for (const auto& [name, packing] : std::vector<std::pair<std::string, Packing>>{
             {"a.tar", Packing::tar}, {"a.tar.gz", Packing::tar_gz}, {"a.tar.zst", Packing::tar_zst}, {"a.zip", Packing::zip}}) {
        DYNAMIC_SECTION(name) {
            const auto path = dir / name;
            write_archive(path, members, packing);
            const auto out = read({path});
            CHECK(out.failed == 0);
            REQUIRE(out.ids() == std::vector<std::string>{"156700001", "j1", "txt:page"});
            CHECK(out.release("156700001").source == path + ":과기정통부/2025-06-26/038_release.md");
            CHECK(out.release("j1").source == path + ":msit/feed.jsonl");
            CHECK(out.release("j1").line == 1);
            CHECK(out.release("txt:page").date == "2021-01-05");
            REQUIRE(out.problems.size() == 2);
            CHECK(out.problems[0].file == path + ":msit/feed.jsonl");
            CHECK(out.problems[0].line == 2);
            CHECK(out.problems[0].reason == "field 'title' is not a string");
            CHECK(out.problems[1].file == path + ":msit/broken.md");
            CHECK_THAT(out.problems[1].reason, Catch::Contains("no front matter"));
        }
    }
}

TEST_CASE("readers: a corrupt archive is reported and counted, other inputs still read", "[readers]") {
    test::TempDir dir;
    const auto bad = dir / "bad.tar.zst";
    write_file(bad, "this is not a zstd tar archive at all");
    const auto good = dir / "good.jsonl";
    write_file(good, json_record("after", "뒤"));
    const auto out = read({bad, good});
    CHECK(out.failed == 1);
    CHECK(out.ids() == std::vector<std::string>{"after"});
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].file == bad);
    CHECK(out.problems[0].line == 0);
}

TEST_CASE("readers: the real MSIT archive, read in place", "[readers][needs-shared]") {
    const std::string path = bodo::test::shared_dir() + "/corpus/msit-archive.tar.zst";
    BODO_SKIP_UNLESS(fs::exists(path), "shared corpus not found: " + path);
    const auto out = read({path});
    CHECK(out.problems.empty());
    CHECK(out.releases.size() == 8440);
    const std::string member = "msit-archive/2025/2025-06/2025-06-26/"
                               "038_과학기술정보통신부_보도참고_의료분야_연구성과_및_신규기술_공유의_장_마련.md";
    const auto it = std::find_if(out.releases.begin(), out.releases.end(),
                                 [&](const Release& r) { return r.source == path + ":" + member; });
    REQUIRE(it != out.releases.end());
    CHECK(it->title == "[보도참고] 의료분야 연구성과 및 신규기술 공유의 장 마련");
    CHECK(it->ministry == "과학기술정보통신부");
    CHECK(it->date == "2025-06-26");
    CHECK_FALSE(it->id.empty());
    CHECK(it->url.find(it->id) != std::string::npos);
    CHECK_FALSE(it->body.empty());
    CHECK(it->body.find("## 출처") == std::string::npos);
    CHECK(it->body.find("NewsItemId") == std::string::npos);
}

TEST_CASE("readers: directories are read recursively in sorted order", "[readers]") {
    test::TempDir dir;
    write_file(dir / "b/2.jsonl", json_record("b2", "둘"));
    write_file(dir / "b/1.jsonl", json_record("b1", "하나"));
    write_file(dir / "a/z/deep.jsonl.zst", zstd_compress(json_record("deep", "깊은 곳")));
    write_file(dir / "c.md", md_release);
    write_file(dir / "notes.csv", "a,b\n");       // not ours: silently ignored
    write_file(dir / "README", "plain words\n");  // likewise
    const auto out = read({dir.path().string()});
    CHECK(out.problems.empty());
    CHECK(out.failed == 0);
    CHECK(out.ids() == std::vector<std::string>{"deep", "b1", "b2", "156700001"});
    CHECK(out.release("b1").source == dir / "b/1.jsonl");
}

TEST_CASE("readers: symlink loops and broken links in directories are reported", "[readers]") {
    test::TempDir dir;
    write_file(dir / "top/sub/one.jsonl", json_record("one", "하나"));
    fs::create_directory_symlink("..", dir / "top/sub/back");       // leads back up: a loop
    fs::create_symlink("self.jsonl", dir / "top/self.jsonl");       // points at itself
    fs::create_symlink("missing.jsonl", dir / "top/gone.jsonl");    // dangling
    fs::create_symlink("missing.csv", dir / "top/gone.csv");        // dangling, but not ours: ignored
    const auto out = read({dir / "top"});
    CHECK(out.ids() == std::vector<std::string>{"one"});
    CHECK(out.failed == 0);
    REQUIRE(out.problems.size() == 3);
    CHECK(out.problems[0].file == dir / "top/gone.jsonl");
    CHECK(out.problems[0].reason == "broken symbolic link");
    CHECK(out.problems[1].file == dir / "top/self.jsonl");
    CHECK(out.problems[1].reason == "symlink loop");
    CHECK(out.problems[2].file == dir / "top/sub/back");
    CHECK_THAT(out.problems[2].reason, Catch::Contains("symlink loop"));
    for (const auto& p : out.problems) CHECK(p.line == 0);
}

TEST_CASE("readers: unreadable files are reported", "[readers][needs-non-root]") {
    BODO_SKIP_UNLESS(bodo::test::permissions_apply(), "running with privileges that read any file (root?)");
    test::TempDir dir;
    write_file(dir / "d/locked.jsonl", json_record("locked", "잠김"));
    write_file(dir / "d/open.jsonl", json_record("open", "열림"));
    ::chmod((dir / "d/locked.jsonl").c_str(), 0);
    const auto out = read({dir / "d"});
    CHECK(out.ids() == std::vector<std::string>{"open"});
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].file == dir / "d/locked.jsonl");
    CHECK(out.problems[0].line == 0);
    CHECK_THAT(out.problems[0].reason, Catch::Contains("cannot open"));
}

TEST_CASE("readers: named inputs that cannot be read are counted", "[readers]") {
    test::TempDir dir;
    const auto unknown = dir / "data.csv";
    write_file(unknown, "id,title\n");
    const auto missing = dir / "nowhere.jsonl";
    const auto good = dir / "good.jsonl";
    write_file(good, json_record("g", "정상"));
    const auto out = read({unknown, missing, good});
    CHECK(out.failed == 2);
    CHECK(out.ids() == std::vector<std::string>{"g"});
    REQUIRE(out.problems.size() == 2);
    CHECK(out.problems[0].file == unknown);
    CHECK_THAT(out.problems[0].reason, Catch::Contains("unknown file type"));
    CHECK(out.problems[1].file == missing);
    CHECK_THAT(out.problems[1].reason, Catch::Contains("no such file"));
}
