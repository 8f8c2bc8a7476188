#pragma once
/// @file
/// bodo-serve's handlers: every route, apart from the HTTP library.
///
/// | route | answer |
/// |---|---|
/// | `GET /` | the search page (params.h: q, since, until, ministry, dept, sort, offset) |
/// | `GET /release/ID` | a release's page |
/// | `GET /api/search` | bodo-search's JSON object for the same options (json_writer.h) |
/// | `GET /api/release/ID` | the stored release as JSON: id, title, date, ministry, department, url, body |
/// | `GET /healthz` | `{"status":"ok","documents":N,"last_update":"…","generation":G}` |
/// | `GET /metrics` | Prometheus text (metrics.h) |
/// | `GET /static/…` | the stylesheet and icon compiled in (assets.h) |
///
/// Errors: 400 with `{"error": "…", "parameter": "…"}` for a request that cannot be answered as
/// asked (params.h, a query syntax error, a query with nothing to search for), 404 for an
/// unknown path or release, 503 when the index (or a shard) cannot answer; pages answer the
/// same codes with HTML.

#include <chrono>
#include <string>

#include "search/shard_set.h"
#include "serve/http_types.h"
#include "serve/index_pool.h"
#include "serve/metrics.h"

namespace bodo::serve {

struct ServeOptions {
    std::string db;
    ShardOptions shards;
    /// How often to look for a commit of bodo-index (0: never; tests call check_index()).
    std::chrono::milliseconds reopen_check{2000};
    /// Seconds a search may take before Xapian stops counting matches beyond the page asked
    /// for (Xapian::Enquire::set_time_limit; 0 = no limit): facet counts and the total then
    /// cover the matches seen, and a search that took longer is answered with total_exact
    /// false.
    double search_time_limit = 2.0;
};

class App {
  public:
    /// Opens the index; throws IndexUnavailable.
    explicit App(const ServeOptions& options);

    /// Answers one GET request. Never throws: a failure is a 5xx response.
    HttpResponse handle(const HttpRequest& request);

    IndexPool& index() { return index_; }
    Metrics& metrics() { return metrics_; }

  private:
    HttpResponse route(const HttpRequest& request, std::string& handler);
    HttpResponse api_search(const HttpRequest& request);
    HttpResponse api_release(const HttpRequest& request, const std::string& id);
    HttpResponse page_search(const HttpRequest& request);
    HttpResponse page_release(const HttpRequest& request, const std::string& id);
    HttpResponse healthz();

    ServeOptions options_;
    IndexPool index_;
    Metrics metrics_;
};

/// A JSON error body: {"error": message} and "parameter" when one is named.
std::string json_error(const std::string& message, const std::string& parameter = "");

}  // namespace bodo::serve
