#include "index/index_stats.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "schema/masks.h"
#include "schema/schema.h"
#include "schema/stored_release.h"

namespace bodo {
namespace {

namespace fs = std::filesystem;

std::uint64_t size_on_disk(const std::string& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {  // a stub file: count the databases beside it
        return size_on_disk(fs::path(path).parent_path().string());
    }
    std::uint64_t total = 0;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code size_error;
        if (it->is_regular_file(size_error)) {
            const auto n = it->file_size(size_error);
            if (!size_error) total += n;
        }
    }
    return total;
}

std::string human_size(std::uint64_t bytes) {
    if (bytes >= (1ULL << 30)) return fmt::format("{:.1f} GB", double(bytes) / double(1ULL << 30));
    if (bytes >= (1ULL << 20)) return fmt::format("{:.1f} MB", double(bytes) / double(1ULL << 20));
    if (bytes >= (1ULL << 10)) return fmt::format("{:.1f} kB", double(bytes) / double(1ULL << 10));
    return fmt::format("{} bytes", bytes);
}

/// The database to open for a path: a directory holding bodo.stub (a sharded index) opens that.
std::string database_path(const std::string& path) {
    std::error_code ec;
    const fs::path stub = fs::path(path) / "bodo.stub";
    if (fs::is_directory(path, ec) && !fs::exists(fs::path(path) / "iamglass", ec) && fs::exists(stub, ec))
        return stub.string();
    return path;
}

}  // namespace

std::string utc_timestamp_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void record_run(Xapian::WritableDatabase& db, const std::string& summary) {
    db.set_metadata(kLastUpdateKey, utc_timestamp_now());
    db.set_metadata(kLastRunKey, summary);
    db.set_metadata(kAnalysisKey, std::string(kAnalysisVersion));
}

std::string outdated_analysis(const Xapian::Database& db) {
    if (db.get_doccount() == 0) return "";
    const std::string recorded = db.get_metadata(kAnalysisKey);
    if (recorded == kAnalysisVersion) return "";
    return recorded.empty() ? "none" : recorded;
}

IndexStats read_index_stats(const std::string& path) {
    IndexStats s;
    s.path = path;
    Xapian::Database db(database_path(path));
    // Releases masked in a read-only base (masks.h) are counted nowhere; the metadata is the
    // first database's, a generation's delta.
    const Masks masks = Masks::read(db);
    s.releases = db.get_doccount() - masks.size();
    s.masked = masks.size();
    s.last_update = db.get_metadata(kLastUpdateKey);
    s.last_run = db.get_metadata(kLastRunKey);
    s.analysis = db.get_metadata(kAnalysisKey);
    s.bytes_on_disk = size_on_disk(path);
    if (s.releases == 0) return s;

    // Counted from the value slots over every document: exact, and independent of term prefixes.
    Xapian::Enquire enquire(db);
    enquire.set_query(masks.apply(Xapian::Query::MatchAll));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy years(slot(Field::Year)), ministries(slot(Field::Ministry));
    enquire.add_matchspy(&years);
    enquire.add_matchspy(&ministries);
    enquire.get_mset(0, 0, db.get_doccount());

    std::uint64_t dated = 0;
    for (auto it = years.values_begin(); it != years.values_end(); ++it) {
        s.by_year.emplace_back(*it, it.get_termfreq());
        dated += it.get_termfreq();
    }
    std::sort(s.by_year.begin(), s.by_year.end());
    if (dated < s.releases) s.by_year.emplace_back("undated", s.releases - dated);

    for (auto it = ministries.values_begin(); it != ministries.values_end(); ++it)
        s.by_ministry.emplace_back(*it, it.get_termfreq());
    s.ministries = s.by_ministry.size();
    std::uint64_t with_ministry = 0;
    for (const auto& [name, n] : s.by_ministry) with_ministry += n;
    std::stable_sort(s.by_ministry.begin(), s.by_ministry.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (with_ministry < s.releases) s.by_ministry.emplace_back("(no ministry)", s.releases - with_ministry);
    return s;
}

std::string format_index_stats(const IndexStats& s, std::size_t top) {
    std::string out = fmt::format("index        {}\n", s.path);
    out += fmt::format("releases     {}\n", s.releases);
    if (s.masked > 0)
        out += fmt::format("masked       {} replaced or pruned versions kept in the base (space until a rebuild)\n",
                           s.masked);
    out += fmt::format("size on disk {} ({} bytes)\n", human_size(s.bytes_on_disk), s.bytes_on_disk);
    out += fmt::format("last update  {}\n", s.last_update.empty() ? "unknown (no run recorded)" : s.last_update);
    if (!s.last_run.empty()) out += fmt::format("last run     {}\n", s.last_run);
    if (s.releases > 0) {
        out += fmt::format("analysis     {}", s.analysis.empty() ? "unrecorded" : s.analysis);
        if (s.analysis != kAnalysisVersion)
            out += fmt::format(" (this bodo has {}: the next run re-indexes every release)", kAnalysisVersion);
        out += '\n';
    }
    if (!s.by_year.empty()) {
        out += "\nby year\n";
        for (const auto& [year, n] : s.by_year) out += fmt::format("  {:<8} {:>8}\n", year, n);
    }
    if (!s.by_ministry.empty()) {
        out += s.ministries > top ? fmt::format("\nby ministry (top {} of {})\n", top, s.ministries)
                                  : std::string("\nby ministry\n");
        std::size_t shown = 0;
        for (const auto& [name, n] : s.by_ministry) {
            if (shown++ == top) break;
            out += fmt::format("  {:>8}  {}\n", n, name);
        }
    }
    return out;
}

}  // namespace bodo
