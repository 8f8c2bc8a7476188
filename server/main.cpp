// bodo-serve: the index on a web page and an HTTP API (common/serve does the work; this file
// only adapts cpp-httplib to it and reads the command line).
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <iostream>
#include <thread>

#include <httplib.h>

#include "cli/options.h"
#include "cli/search_messages.h"
#include "serve/app.h"

namespace {

enum Exit { kOk = 0, kUsage = 2, kNoIndex = 3, kCannotListen = 4 };

constexpr const char* kExamples = R"(Examples:
  bodo-serve --db build/demo-index                      then open http://127.0.0.1:8080/
  bodo-serve --db /srv/bodo/index --listen 127.0.0.1:8080 --threads 16
  curl 'http://127.0.0.1:8080/api/search?q=반도체&facets=true&limit=20'

Routes: / (search page), /release/ID, /api/search (bodo-search's options as parameters: q,
since, until, ministry, dept, sort, limit, offset, facets, collapse, snippets; the JSON of
bodo-search --format json), /api/release/ID, /healthz, /metrics (Prometheus).
Listens on 127.0.0.1 unless told otherwise; put a reverse proxy in front for TLS.
Exit codes: 0 stopped by SIGINT or SIGTERM, 2 bad usage, 3 no index, 4 cannot listen.)";

/// cpp-httplib's server with a longer listen queue than its compiled-in 5, so that a burst of
/// connections is not refused or retried by the kernel.
class Server : public httplib::Server {
  public:
    void deepen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

bool split_listen(const std::string& listen, std::string& host, int& port) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon + 1 == listen.size()) return false;
    host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    try {
        std::size_t used = 0;
        port = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1) return false;
    } catch (const std::exception&) {
        return false;
    }
    return !host.empty() && port >= 0 && port <= 65535;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Serve a bodo index of press releases (보도자료): a search page and a JSON API."};
    cli.footer(kExamples);
    bodo::cli::add_version(cli, "bodo-serve");
    bodo::serve::ServeOptions options;
    std::string listen = "127.0.0.1:8080";
    // A thread serves one connection at a time (cpp-httplib), so there are more threads than
    // cores: connections beyond the threads would wait for a kept-alive one to close.
    unsigned threads = std::max(32u, 8 * std::max(1u, std::thread::hardware_concurrency()));
    double reopen_check = 2.0;
    bool access_log = false;
    bodo::cli::add_db_option(cli, options.db);
    cli.add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port, printed at start)")
        ->capture_default_str();
    cli.add_option("--threads", threads, "Requests answered at once (each thread has its own index handle)")
        ->capture_default_str()->check(CLI::Range(1u, 1024u));
    cli.add_option("--time-limit", options.search_time_limit,
                   "Seconds after which a search stops counting matches beyond the page asked for (0: none)")
        ->capture_default_str()->check(CLI::Range(0.0, 3600.0));
    cli.add_option("--reopen-check", reopen_check, "Seconds between looks for a new commit of the index (0: never)")
        ->capture_default_str()->check(CLI::Range(0.0, 3600.0));
    cli.add_option("--timeout", options.shards.timeout_seconds,
                   "Seconds allowed to connect to a remote shard and for each request to it (0: no limit)")
        ->capture_default_str()->check(CLI::Range(0.0, 3600.0));
    cli.add_flag("--allow-partial", options.shards.allow_partial,
                 "Answer from the shards that respond when some are down or time out; answers are marked partial");
    cli.add_flag("--access-log", access_log, "Print a line per request on standard error");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? kOk : kUsage;
    }
    std::string host;
    int port = 0;
    if (!split_listen(listen, host, port)) {
        std::cerr << "bodo-serve: --listen wants HOST:PORT (e.g. 127.0.0.1:8080), not '" << listen << "'\n";
        return kUsage;
    }
    options.reopen_check = std::chrono::milliseconds(static_cast<long long>(reopen_check * 1000));

    // SIGINT and SIGTERM go to one thread that stops the server; every other thread blocks them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    ::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is no reason to die

    std::unique_ptr<bodo::serve::App> app;
    try {
        app = std::make_unique<bodo::serve::App>(options);
    } catch (const bodo::IndexUnavailable& e) {
        std::cerr << "bodo-serve: " << bodo::cli::describe(e) << '\n';
        return kNoIndex;
    } catch (const std::exception& e) {
        std::cerr << "bodo-serve: " << e.what() << '\n';
        return kNoIndex;
    }

    Server server;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    httplib::Headers defaults;
    for (const auto& [name, value] : bodo::serve::security_headers()) defaults.emplace(name, value);
    server.set_default_headers(defaults);
    // cpp-httplib sets SO_REUSEPORT, which lets a second server (of the same user) share the
    // port and take half the requests; SO_REUSEADDR alone restarts without waiting for
    // TIME_WAIT, and a second bodo-serve on the same port fails as it should.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    server.set_tcp_nodelay(true);  // a small response must not wait for the client's delayed ACK
    // A kept-alive connection holds its thread: for 20 requests at most, 2 s at most idle.
    server.set_keep_alive_max_count(20);
    server.set_keep_alive_timeout(2);
    server.set_read_timeout(10);
    server.set_write_timeout(10);
    server.set_payload_max_length(64 * 1024);  // GET only: a body is never needed

    server.Get(".*", [&app](const httplib::Request& req, httplib::Response& res) {
        bodo::serve::HttpRequest request;
        request.path = req.path;
        for (const auto& [name, value] : req.params) request.params.emplace_back(name, value);
        bodo::serve::HttpResponse out = app->handle(request);
        res.status = out.status;
        for (const auto& [name, value] : out.headers) res.set_header(name.c_str(), value);
        res.set_content(std::move(out.body), out.content_type.c_str());
    });
    // Read-only: every other method is refused.
    const auto refuse = [](const httplib::Request&, httplib::Response& res) {
        res.status = 405;
        res.set_header("Allow", "GET, HEAD");
        res.set_content(bodo::serve::json_error("only GET and HEAD are served: the index is read-only") + "\n",
                        "application/json; charset=utf-8");
    };
    server.Post(".*", refuse).Put(".*", refuse).Patch(".*", refuse).Delete(".*", refuse).Options(".*", refuse);
    // Errors cpp-httplib answers itself (a malformed request, a URI too long): a JSON body too.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        res.set_content(bodo::serve::json_error("HTTP " + std::to_string(res.status) +
                                                (res.status == 404 ? ": no such page" : ": bad request")) +
                            "\n",
                        "application/json; charset=utf-8");
    });
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        std::cerr << "bodo-serve: " << req.path << ": " << what << '\n';
        res.status = 500;
        res.set_content(bodo::serve::json_error("internal error") + "\n", "application/json; charset=utf-8");
    });
    if (access_log)
        server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            std::cerr << req.remote_addr << ' ' << req.method << ' ' << req.target << ' ' << res.status << ' '
                      << res.body.size() << '\n';
        });

    if (port == 0) {
        port = server.bind_to_any_port(host);
        if (port < 0) port = 0;
    } else if (!server.bind_to_port(host, port)) {
        port = 0;
    }
    if (port == 0) {
        std::cerr << "bodo-serve: cannot listen on " << listen << " (address in use, or not this machine's)\n";
        return kCannotListen;
    }
    server.deepen_backlog();
    const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    std::cout << "bodo-serve: listening on http://" << shown_host << ':' << port << "/ (index " << options.db << ", "
              << app->index().info().documents << " releases, " << threads << " threads)" << std::endl;

    std::thread stopper([&server, stop_signals] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        server.stop();
    });
    server.listen_after_bind();
    // Stopped by a signal (the stopper ended it); or listening failed: end the stopper too.
    if (stopper.joinable()) {
        pthread_kill(stopper.native_handle(), SIGTERM);
        stopper.join();
    }
    std::cerr << "bodo-serve: stopped\n";
    return kOk;
}
