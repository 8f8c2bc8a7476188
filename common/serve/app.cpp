#include "serve/app.h"

#include <chrono>
#include <iostream>
#include <variant>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "output/json_writer.h"
#include "query/errors.h"
#include "readers/text_clean.h"
#include "serve/assets.h"
#include "serve/html.h"
#include "serve/params.h"

namespace bodo::serve {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kHtml = "text/html; charset=utf-8";

HttpResponse json_response(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.content_type = kJson;
    r.body = std::move(body);
    r.body += '\n';
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
}

HttpResponse html_response(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.content_type = kHtml;
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
}

/// Why a search failed, as the status and message to answer with.
struct Failure {
    int status = 500;
    std::string message;
    std::string parameter;
};

/// Runs a search, timed for the metrics; a failure comes back as a Failure, never thrown.
std::variant<SearchResponse, Failure> run_search(IndexPool& index, Metrics& metrics, SearchRequest request,
                                                 double time_limit) {
    request.time_limit = time_limit;
    const auto t0 = std::chrono::steady_clock::now();
    Failure failure;
    bool index_failure = false;
    try {
        SearchResponse response = index.searcher().search(request);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        // Past the limit Xapian may have stopped counting: the total and facets are then not
        // known to be exact (under it, they are what the searcher says).
        if (time_limit > 0 && seconds >= time_limit) response.total_exact = false;
        metrics.observe_search(seconds, false);
        return response;
    } catch (const QuerySyntaxError& e) {
        failure = {400, std::string("query error: ") + e.what(), "q"};
    } catch (const BadRequest& e) {
        failure = {400, e.what(), "q"};
    } catch (const ShardUnavailable& e) {
        failure = {503, e.what(), ""};
        index_failure = true;
    } catch (const IndexUnavailable& e) {
        failure = {503, e.what(), ""};
        index_failure = true;
    } catch (const Xapian::Error& e) {
        failure = {503, "index error: " + e.get_description(), ""};
        index_failure = true;
    } catch (const std::exception& e) {
        failure = {500, std::string("internal error: ") + e.what(), ""};
        index_failure = true;
    }
    metrics.observe_search(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), index_failure);
    if (index_failure) std::cerr << "bodo-serve: search failed: " << failure.message << '\n';
    return failure;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& security_headers() {
    static const std::vector<std::pair<std::string, std::string>> headers{
        {"Content-Security-Policy",
         "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
         "frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
    };
    return headers;
}

std::string json_error(const std::string& message, const std::string& parameter) {
    Json j = Json::object();
    j["error"] = message;
    if (!parameter.empty()) j["parameter"] = parameter;
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

App::App(const ServeOptions& options)
    : options_(options), index_(options.db, options.shards, options.reopen_check) {}

HttpResponse App::handle(const HttpRequest& request) {
    std::string handler = "other";
    HttpResponse response;
    try {
        response = route(request, handler);
    } catch (const std::exception& e) {
        std::cerr << "bodo-serve: " << request.path << ": " << e.what() << '\n';
        const bool api = request.path.starts_with("/api/");
        response = api ? json_response(500, json_error(std::string("internal error: ") + e.what()))
                       : html_response(500, render_message_page("서버 오류", e.what()));
    }
    metrics_.count_request(handler, response.status);
    return response;
}

HttpResponse App::route(const HttpRequest& request, std::string& handler) {
    const std::string& path = request.path;
    if (!readers::is_valid_utf8(path)) {
        handler = path.starts_with("/api/") ? "api_other" : "other";
        return json_response(400, json_error("the path is not valid UTF-8"));
    }
    if (path == "/") {
        handler = "page_search";
        return page_search(request);
    }
    if (path == "/api/search") {
        handler = "api_search";
        return api_search(request);
    }
    if (path.starts_with("/api/release/") && path.size() > 13) {
        handler = "api_release";
        return api_release(request, path.substr(13));
    }
    if (path.starts_with("/release/") && path.size() > 9) {
        handler = "page_release";
        return page_release(request, path.substr(9));
    }
    if (path == "/healthz") {
        handler = "healthz";
        return healthz();
    }
    if (path == "/metrics") {
        handler = "metrics";
        HttpResponse r;
        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
        r.body = metrics_.render(index_.info());
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
    }
    if (const auto asset = find_asset(path)) {
        handler = "static";
        HttpResponse r;
        r.content_type = std::string(asset->content_type);
        r.body = std::string(asset->body);
        r.headers.emplace_back("Cache-Control", "public, max-age=3600");
        return r;
    }
    if (path.starts_with("/api/")) {
        handler = "api_other";
        return json_response(404, json_error("no such API: " + path +
                                             " (GET /api/search?q=…, GET /api/release/ID)"));
    }
    return html_response(404, render_message_page("페이지 없음", "이 주소에는 페이지가 없습니다: " + path));
}

HttpResponse App::api_search(const HttpRequest& request) {
    SearchRequest sr;
    try {
        sr = parse_search_params(request.params, ParamSet::Api);
    } catch (const ParamError& e) {
        return json_response(400, json_error(e.what(), e.parameter()));
    }
    if (!has_criteria(sr))
        return json_response(400, json_error("empty query: give q (words to search for) or a filter (since, until, "
                                             "ministry, dept) to browse",
                                             "q"));
    auto result = run_search(index_, metrics_, sr, options_.search_time_limit);
    if (auto* failure = std::get_if<Failure>(&result))
        return json_response(failure->status, json_error(failure->message, failure->parameter));
    return json_response(200, to_json_line(std::get<SearchResponse>(result)));
}

HttpResponse App::api_release(const HttpRequest& request, const std::string& id) {
    if (!request.params.empty())
        return json_response(400, json_error("unknown parameter '" + request.params.front().first +
                                                 "' (/api/release/ID takes none)",
                                             request.params.front().first));
    const std::optional<Release> release = index_.release(id);
    if (!release) return json_response(404, json_error("no release with id " + id));
    Json j = Json::object();
    j["id"] = release->id;
    j["title"] = release->title;
    j["date"] = release->date;
    j["ministry"] = release->ministry;
    j["department"] = release->department;
    j["url"] = release->url;
    j["body"] = release->body;
    return json_response(200, j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

HttpResponse App::page_search(const HttpRequest& request) {
    PageContext context{index_.info()};
    SearchRequest sr;
    try {
        sr = parse_search_params(request.params, ParamSet::Page);
    } catch (const ParamError& e) {
        // Show the form again with what could be read, and the reason.
        SearchRequest shown;
        for (const auto& [name, value] : request.params)
            if (name == "q" && readers::is_valid_utf8(value) && value.size() <= kMaxQueryBytes) shown.query = value;
        return html_response(400, render_search_page(shown, nullptr, e.what(), context));
    }
    if (!has_criteria(sr)) return html_response(200, render_search_page(sr, nullptr, "", context));
    auto result = run_search(index_, metrics_, sr, options_.search_time_limit);
    if (auto* failure = std::get_if<Failure>(&result))
        return html_response(failure->status, render_search_page(sr, nullptr, failure->message, context));
    return html_response(200, render_search_page(sr, &std::get<SearchResponse>(result), "", context));
}

HttpResponse App::page_release(const HttpRequest& request, const std::string& id) {
    SearchRequest back;
    try {
        back = parse_search_params(request.params, ParamSet::Page);
    } catch (const ParamError& e) {
        return html_response(400, render_message_page("잘못된 요청", e.what()));
    }
    const std::optional<Release> release = index_.release(id);
    if (!release) return html_response(404, render_message_page("보도자료 없음", "ID가 " + id + "인 보도자료가 없습니다."));
    return html_response(200, render_release_page(*release, back));
}

HttpResponse App::healthz() {
    const IndexInfo info = index_.info();
    Json j = Json::object();
    j["status"] = "ok";
    j["documents"] = index_.searcher().size();
    j["last_update"] = info.last_update;
    j["generation"] = info.generation;
    return json_response(200, j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

}  // namespace bodo::serve
