#pragma once
/// @file
/// What an index holds, for `bodo-index --stats`, and the run records bodo-index leaves in it.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace bodo {

/// Metadata key: when the last successful bodo-index run finished (UTC, "2026-03-01T02:00:05Z").
inline constexpr const char* kLastUpdateKey = "bodo:last-update";
/// Metadata key: that run's summary line ("12 added, 0 replaced, … in 3.1 s; …").
inline constexpr const char* kLastRunKey = "bodo:last-run";

/// Metadata key: the analysis version (kAnalysisVersion) of the last successful run.
inline constexpr const char* kAnalysisKey = "bodo:analysis";

/// The current time as kept in kLastUpdateKey.
std::string utc_timestamp_now();

/// Records a successful run in the database's metadata (written by the next commit).
void record_run(Xapian::WritableDatabase& db, const std::string& summary);

/// The analysis version the last run recorded in `db` when it differs from this bodo's (an
/// index from before versions were recorded gives "none"); empty when current or `db` is empty.
/// Such an index has every release re-indexed by the next run.
std::string outdated_analysis(const Xapian::Database& db);

struct IndexStats {
    std::string path;
    std::uint64_t releases = 0;
    std::uint64_t masked = 0;  ///< versions replaced or pruned in a read-only base (masks.h), not counted in releases
    std::string last_update;  ///< empty when no run recorded it
    std::string last_run;
    std::string analysis;     ///< analysis version of the last run; empty when none recorded
    std::vector<std::pair<std::string, std::uint64_t>> by_year;      ///< oldest first; "undated" last
    std::vector<std::pair<std::string, std::uint64_t>> by_ministry;  ///< most releases first
    std::uint64_t ministries = 0;                                    ///< distinct ministries in all
    std::uint64_t bytes_on_disk = 0;
};

/// Reads the statistics of the index at `path` (a database directory, a stub file, or a
/// directory holding bodo.stub). Throws Xapian::Error when it cannot be opened.
IndexStats read_index_stats(const std::string& path);

/// The statistics as text: releases, last update, size, counts by year and the top
/// `top_ministries` ministries.
std::string format_index_stats(const IndexStats& stats, std::size_t top_ministries = 20);

}  // namespace bodo
