#pragma once
/// @file
/// Counters for /metrics, in Prometheus' text exposition format (version 0.0.4):
///
///     bodo_serve_requests_total{handler="api_search",code="200"} 12
///     bodo_serve_searches_total 40                  searches run (API and page)
///     bodo_serve_search_errors_total 1              searches that failed (index error: 5xx)
///     bodo_serve_search_duration_seconds_bucket{le="0.005"} 31   latency histogram of searches
///     bodo_index_documents 167533
///     bodo_index_last_update_timestamp_seconds 1.79e9            from bodo:last-update
///     bodo_index_generation 2                        revisions the server moved to

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "serve/index_pool.h"

namespace bodo::serve {

/// Upper bounds (seconds) of the latency histogram's buckets (+Inf implied).
inline constexpr std::array<double, 13> kLatencyBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                        0.25,  0.5,    1.0,   2.5,  5.0,  10.0};

class Metrics {
  public:
    void count_request(const std::string& handler, int status);
    void observe_search(double seconds, bool failed);
    /// The exposition text, with the index's figures.
    std::string render(const IndexInfo& index) const;

  private:
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::array<std::uint64_t, kLatencyBuckets.size() + 1> buckets_{};  ///< non-cumulative; last is +Inf
    double sum_ = 0;
    std::uint64_t searches_ = 0, failures_ = 0;
};

/// Seconds since the epoch of a "YYYY-MM-DDTHH:MM:SSZ" timestamp; -1 when it is not one.
double parse_utc_timestamp(const std::string& text);

}  // namespace bodo::serve
