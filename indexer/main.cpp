// bodo-index: adds press releases to a bodo index; new ones are added, changed ones replaced.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <xapian.h>

#include "cli/options.h"
#include "indexer/messages.h"
#include "index/index_stats.h"
#include "index/progress_meter.h"
#include "index/index_run.h"
#include "index/sharded_writer.h"
#include "schema/stored_release.h"

namespace {

/// Exit codes of --stats and of bad usage; a run's own come from IndexRunReport::exit_code().
enum Exit { kAllIndexed = 0, kFailed = 2 };

constexpr const char* kExamples = R"(Examples:
  bodo-index --db ~/press/index korea-kr-2020-2026.jsonl.zst
  bodo-index --db ~/press/index msit-archive/            (a directory, read recursively)
  bodo-index --db ~/press/index msit-archive.tar.zst     (an archive, read in place)
  zstd -dc new.jsonl.zst | bodo-index --db ~/press/index -
  bodo-index --db ~/press/index --quiet --prune msit-archive/  (nightly: also delete releases whose files are gone)
  bodo-index --db ~/press/index --stats                  (releases, last update, counts by year and ministry)
  bodo-index --db ~/press/index --compact                (compact now; runs also compact when the index has grown)
  bodo-index --db /srv/bodo --shards 4 korea-kr.jsonl.zst  (shards /srv/bodo/shard-00.. and bodo.stub;
                                                          later runs on /srv/bodo find them themselves)

Inputs: JSON Lines (.jsonl, .jsonl.zst), Markdown with front matter (.md), plain-text page
dumps (.txt), tar archives of these (.tar, .tar.gz, .tar.zst), directories, - for stdin.
Exit codes: 0 everything indexed, 1 some records or files skipped (listed as file:line: reason),
2 the run failed (bad usage, index locked or unwritable); what was committed before stays intact.)";

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

/// `bodo-index --stats`.
int print_stats(const std::string& db) {
    std::error_code ec;
    if (!fs::exists(db, ec)) {
        std::cerr << "bodo-index: no index at " << db << " (nothing indexed there yet)\n";
        return kFailed;
    }
    try {
        std::cout << bodo::format_index_stats(bodo::read_index_stats(db)) << std::flush;
        return kAllIndexed;
    } catch (const Xapian::Error& e) {
        std::cerr << "bodo-index: cannot open index " << db << ": " << e.get_msg() << '\n';
        return kFailed;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Index press releases (보도자료) for bodo-search."};
    app.footer(kExamples);
    bodo::cli::add_version(app, "bodo-index");
    std::string db;
    std::vector<std::string> inputs;
    bool quiet = false;
    std::uint32_t batch = 2000;
    bodo::cli::add_db_option(app, db);
    app.add_option("inputs", inputs, "Files, directories or archives to index; - reads JSON Lines from stdin");
    app.add_flag("-q,--quiet", quiet, "No progress line and no per-record messages beyond problems (for cron)");
    app.add_option("--commit-every", batch, "Commit after this many new or changed releases (e.g. --commit-every 5000)")
        ->capture_default_str()->check(CLI::Range(1u, 10000000u));
    unsigned shards = 0;
    std::string shard_by;
    app.add_option("--shards", shards, "Make a new index of N shards by id hash (DIR/shard-00 ..., DIR/bodo.stub)")
        ->check(CLI::Range(1u, 256u));
    app.add_option("--shard-by", shard_by, "Shard a new index by: hash (with --shards N) or year (DIR/y2020 ...)")
        ->check(CLI::IsMember({"hash", "year"}));
    bool prune = false, stats = false, compact = false;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    app.add_flag("--prune", prune,
                 "Delete releases whose source is gone: under this run's inputs, not read in this run\n"
                 "(skipped for an input that had read problems)");
    app.add_option("-j,--jobs", jobs,
                   "Threads for a first build (an empty index), written in parts and then compacted;\n"
                   "updates of an index with releases use one (default: the number of cores)")
        ->check(CLI::Range(1u, 256u));
    app.add_flag("--compact", compact,
                 "Compact the index at the end of the run (into a new generation, switched to atomically);\n"
                 "without it the index is compacted when it has grown well past a compacted copy.\n"
                 "With no inputs: compact only");
    bool keep_termlists = false;
    app.add_flag("--keep-termlists", keep_termlists,
                 "Keep term lists in the index's base (a first build; they stay with the index):\n"
                 "needed to serve it with xapian-tcpsrv, about a quarter larger");
    app.add_flag("--stats", stats, "Print what the index holds (releases, last update, years, ministries, size) and exit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : kFailed;
    }
    if (stats) {
        if (!inputs.empty()) {
            std::cerr << "bodo-index: --stats takes no inputs\n";
            return kFailed;
        }
        return print_stats(db);
    }
    if (inputs.empty() && !compact) {
        std::cerr << "bodo-index: no inputs given (files, directories, archives or -)\nRun with --help for more information.\n";
        return kFailed;
    }
    std::optional<bodo::ShardLayout> layout;
    if (shard_by == "year" && shards) {
        std::cerr << "bodo-index: --shards N splits by id hash; --shard-by year makes one shard per year: give one\n";
        return kFailed;
    }
    if (shard_by == "hash" && !shards) {
        std::cerr << "bodo-index: --shard-by hash needs --shards N\n";
        return kFailed;
    }
    if (shards) layout = bodo::ShardLayout::hash(shards);
    if (shard_by == "year") layout = bodo::ShardLayout::year();

    bodo::IndexRunOptions options;
    options.layout = layout;
    options.commit_every = batch;
    options.jobs = jobs;
    options.prune = prune;
    options.compact = compact;
    options.keep_termlists = keep_termlists;
    std::unique_ptr<bodo::IndexRun> run;
    try {
        run = std::make_unique<bodo::IndexRun>(db, options);
    } catch (const bodo::IndexOpenError& e) {
        std::cerr << "bodo-index: " << bodo::indexer::describe(e) << '\n';
        return kFailed;
    }
    // An index made by an earlier analysis gets every release re-indexed: say why the run is long.
    if (const std::string old = run->outdated_analysis(); !old.empty())
        std::cerr << fmt::format(
            "bodo-index: {} was indexed by an earlier analysis ({}; this bodo has {}): every release read is "
            "indexed again, on one thread. For a large archive it is faster to build a new index into an empty "
            "directory with --jobs and swap it in (README, \"Nightly indexing and operations\").\n",
            db, old, bodo::kAnalysisVersion);

    // On a terminal: a progress line (releases, releases/s, ETA), rewritten at most twice a second.
    const bool progress = !quiet && isatty(STDERR_FILENO);
    bodo::ProgressMeter meter(progress ? inputs : std::vector<std::string>{});
    const auto t0 = Clock::now();
    std::uint64_t releases_read = 0;
    auto since_start = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
    auto show_progress = [&](bool final) {
        std::cerr << '\r' << meter.line(releases_read, since_start(), final) << (final ? "\n" : "    ") << std::flush;
    };
    std::size_t current_input = SIZE_MAX;
    run->on_progress = [&](std::size_t input, std::uint64_t read) {
        releases_read = read;
        if (!progress) return;
        if (input != current_input) meter.start_input(current_input = input);
        if (meter.due(since_start())) show_progress(false);
    };
    run->on_note = [&](const bodo::IndexRunNote& note) {
        std::cerr << (progress ? "\r" : "") << bodo::indexer::describe(note, db) << '\n';
    };

    const bodo::IndexRunReport report = run->run(inputs);
    if (progress) show_progress(true);
    if (!report.failed) {
        std::cerr << "bodo-index: " << report.summary << '\n';
        if (report.compaction) std::cerr << "bodo-index: " << bodo::indexer::describe(*report.compaction, db) << '\n';
        for (const auto& [reason, n] : report.skip_reasons) std::cerr << fmt::format("  {:>7}  {}\n", n, reason);
        for (const auto& [reason, n] : report.warning_reasons) std::cerr << fmt::format("  {:>7}  warning: {}\n", n, reason);
    }
    return report.exit_code();
}
