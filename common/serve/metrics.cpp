#include "serve/metrics.h"

#include <ctime>
#include <cstdio>
#include <sstream>

namespace bodo::serve {

void Metrics::count_request(const std::string& handler, int status) {
    std::lock_guard lock(mutex_);
    ++requests_[{handler, status}];
}

void Metrics::observe_search(double seconds, bool failed) {
    std::size_t b = 0;
    while (b < kLatencyBuckets.size() && seconds > kLatencyBuckets[b]) ++b;
    std::lock_guard lock(mutex_);
    ++buckets_[b];
    sum_ += seconds;
    ++searches_;
    if (failed) ++failures_;
}

double parse_utc_timestamp(const std::string& text) {
    std::tm tm{};
    char z = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &z) != 7 ||
        z != 'Z')
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<double>(timegm(&tm));
}

std::string Metrics::render(const IndexInfo& index) const {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    std::lock_guard lock(mutex_);
    out << "# HELP bodo_serve_requests_total HTTP requests answered, by handler and status code.\n"
           "# TYPE bodo_serve_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        out << "bodo_serve_requests_total{handler=\"" << key.first << "\",code=\"" << key.second << "\"} " << n << '\n';
    out << "# HELP bodo_serve_searches_total Searches run (API and page), failed ones included.\n"
           "# TYPE bodo_serve_searches_total counter\n"
           "bodo_serve_searches_total "
        << searches_ << '\n'
        << "# HELP bodo_serve_search_errors_total Searches that failed in the index (answered 5xx).\n"
           "# TYPE bodo_serve_search_errors_total counter\n"
           "bodo_serve_search_errors_total "
        << failures_ << '\n'
        << "# HELP bodo_serve_search_duration_seconds Time to answer a search, rendering included.\n"
           "# TYPE bodo_serve_search_duration_seconds histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kLatencyBuckets.size(); ++b) {
        cumulative += buckets_[b];
        out << "bodo_serve_search_duration_seconds_bucket{le=\"" << kLatencyBuckets[b] << "\"} " << cumulative << '\n';
    }
    cumulative += buckets_.back();
    out << "bodo_serve_search_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << '\n'
        << "bodo_serve_search_duration_seconds_sum " << sum_ << '\n'
        << "bodo_serve_search_duration_seconds_count " << cumulative << '\n'
        << "# HELP bodo_index_documents Releases in the index.\n"
           "# TYPE bodo_index_documents gauge\n"
           "bodo_index_documents "
        << index.documents << '\n';
    if (const double t = parse_utc_timestamp(index.last_update); t >= 0) {
        out.precision(12);
        out << "# HELP bodo_index_last_update_timestamp_seconds When the last bodo-index run finished (bodo:last-update).\n"
               "# TYPE bodo_index_last_update_timestamp_seconds gauge\n"
               "bodo_index_last_update_timestamp_seconds "
            << t << '\n';
    }
    out << "# HELP bodo_index_generation Index revisions the server has moved to since it started.\n"
           "# TYPE bodo_index_generation counter\n"
           "bodo_index_generation "
        << index.generation << '\n'
        << "# HELP bodo_index_reopen_failures_total Times a thread could not open a new revision (it kept the old one).\n"
           "# TYPE bodo_index_reopen_failures_total counter\n"
           "bodo_index_reopen_failures_total "
        << index.reopen_failures << '\n';
    return out.str();
}

}  // namespace bodo::serve
