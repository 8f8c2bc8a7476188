// bodo-index's progress line (index/progress_meter.h): the share of the inputs read comes from
// the read position of the file being read, and the line says releases, rate, time and ETA.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "index/progress_meter.h"
#include "temp_dir.h"

using bodo::duration_text;
using bodo::ProgressMeter;

namespace {

std::string file_of(const bodo::test::TempDir& dir, const std::string& name, std::size_t bytes) {
    const std::string path = dir / name;
    std::ofstream(path) << std::string(bytes, 'x');
    return path;
}

/// Opens `path` and moves its read position to `offset`, as a reader part-way through would.
struct OpenAt {
    int fd;
    OpenAt(const std::string& path, off_t offset) : fd(::open(path.c_str(), O_RDONLY)) { ::lseek(fd, offset, SEEK_SET); }
    ~OpenAt() { ::close(fd); }
};

}  // namespace

TEST_CASE("progress: durations read as seconds, minutes or hours", "[progress]") {
    CHECK(duration_text(0) == "0s");
    CHECK(duration_text(42.4) == "42s");
    CHECK(duration_text(59.6) == "1m00s");
    CHECK(duration_text(185) == "3m05s");
    CHECK(duration_text(4020) == "1h07m");
}

TEST_CASE("progress: the share read is the position in the file being read, over all the files", "[progress]") {
    bodo::test::TempDir dir;
    const std::string a = file_of(dir, "a.jsonl", 1000), b = file_of(dir, "b.jsonl", 3000);
    ProgressMeter meter({a, b});
    REQUIRE(meter.share_known());

    meter.start_input(0);
    CHECK(meter.share_read() == 0.0);  // not open yet
    {
        OpenAt reading(a, 250);
        CHECK(meter.share_read() == Approx(250.0 / 4000));
    }
    meter.start_input(1);
    OpenAt reading(b, 1500);
    CHECK(meter.share_read() == Approx(2500.0 / 4000));
    // 62.5% read in 10 s: 6 s to go.
    CHECK(meter.line(1234, 10, false) == "1234 releases, 123/s, 10s, 62% read, ETA 6s");
    CHECK(meter.line(1234, 10, true) == "1234 releases, 123/s, 10s");  // the last line: no ETA
    CHECK(meter.line(10, 1, false) == "10 releases, 10/s, 1s");      // too early for an ETA
}

TEST_CASE("progress: a directory or standard input among the inputs leaves the share unknown", "[progress]") {
    bodo::test::TempDir dir;
    const std::string a = file_of(dir, "a.jsonl", 1000);
    CHECK_FALSE(ProgressMeter({a, dir.path().string()}).share_known());
    CHECK_FALSE(ProgressMeter({a, "-"}).share_known());
    ProgressMeter unknown({"-"});
    CHECK(unknown.line(500, 100, false) == "500 releases, 5/s, 1m40s");
}

TEST_CASE("progress: a line is due at most every half second", "[progress]") {
    ProgressMeter meter({});
    CHECK_FALSE(meter.due(0.2));
    CHECK(meter.due(0.6));
    CHECK_FALSE(meter.due(0.9));
    CHECK(meter.due(1.2));
}
