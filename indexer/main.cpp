// bodo-index: adds press releases to a bodo index; new ones are added, changed ones replaced.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <xapian.h>

#include "cli/options.h"
#include "index/index_stats.h"
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

/// Where the reading of a list of plain-file inputs stands, in bytes, for the progress line's
/// ETA. Known only when every input is a regular file (no directory, no standard input): the
/// position is read from /proc/self/fdinfo of the file being read, which costs no reader changes
/// (for compressed files it counts compressed bytes, as does the total).
class ByteProgress {
  public:
    explicit ByteProgress(const std::vector<std::string>& inputs) {
        for (const auto& input : inputs) {
            struct stat info {};
            std::error_code ec;
            if (input == "-" || ::stat(input.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return;
            paths_.push_back(fs::canonical(input, ec).string());
            sizes_.push_back(static_cast<std::uint64_t>(info.st_size));
            total_ += static_cast<std::uint64_t>(info.st_size);
        }
        known_ = total_ > 0 && fs::exists("/proc/self/fdinfo");
    }
    bool known() const { return known_; }
    /// Input `index` is being read: its predecessors are done.
    void start(std::size_t index) {
        done_ = 0;
        for (std::size_t i = 0; i < index && i < sizes_.size(); ++i) done_ += sizes_[i];
        current_ = index;
    }
    /// Fraction of all input bytes read so far.
    double fraction() const {
        if (!known_ || current_ >= paths_.size()) return 0;
        return double(std::min(total_, done_ + position(paths_[current_]))) / double(total_);
    }

  private:
    static std::uint64_t position(const std::string& path) {
        std::error_code ec;
        for (auto it = fs::directory_iterator("/proc/self/fd", ec); !ec && it != fs::directory_iterator();
             it.increment(ec)) {
            std::error_code link_error;
            if (fs::read_symlink(it->path(), link_error) != path || link_error) continue;
            std::ifstream info("/proc/self/fdinfo/" + it->path().filename().string());
            std::string key;
            std::uint64_t pos = 0;
            while (info >> key >> pos)
                if (key == "pos:") return pos;
        }
        return 0;
    }
    std::vector<std::string> paths_;
    std::vector<std::uint64_t> sizes_;
    std::uint64_t total_ = 0, done_ = 0;
    std::size_t current_ = 0;
    bool known_ = false;
};

std::string duration_text(double secs) {
    const auto s = static_cast<long>(secs + 0.5);
    if (s >= 3600) return fmt::format("{}h{:02d}m", s / 3600, (s / 60) % 60);
    if (s >= 60) return fmt::format("{}m{:02d}s", s / 60, s % 60);
    return fmt::format("{}s", s);
}

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
        std::cerr << "bodo-index: " << e.what() << '\n';
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
    ByteProgress bytes(progress ? inputs : std::vector<std::string>{});
    const auto t0 = Clock::now();
    auto last_report = t0;
    std::uint64_t releases_read = 0;
    auto show_progress = [&](bool final) {
        const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
        std::string eta;
        if (const double f = bytes.fraction(); !final && f > 0.001 && secs > 2)
            eta = fmt::format(", {:.0f}% read, ETA {}", 100 * f, duration_text(secs * (1 - f) / f));
        std::cerr << fmt::format("\r{} releases, {:.0f}/s, {}{}{}", releases_read,
                                 secs > 0 ? double(releases_read) / secs : 0.0, duration_text(secs), eta,
                                 final ? "\n" : "    ")
                  << std::flush;
    };
    std::size_t current_input = SIZE_MAX;
    run->on_progress = [&](std::size_t input, std::uint64_t read) {
        releases_read = read;
        if (!progress) return;
        if (input != current_input) bytes.start(current_input = input);
        if (Clock::now() - last_report > std::chrono::milliseconds(500)) {
            last_report = Clock::now();
            show_progress(false);
        }
    };
    run->on_message = [&](const std::string& line) { std::cerr << (progress ? "\r" : "") << line << '\n'; };

    const bodo::IndexRunReport report = run->run(inputs);
    if (progress) show_progress(true);
    if (!report.failed) {
        std::cerr << "bodo-index: " << report.summary << '\n';
        if (!report.compaction.empty()) std::cerr << "bodo-index: " << report.compaction << '\n';
        for (const auto& [reason, n] : report.skip_reasons) std::cerr << fmt::format("  {:>7}  {}\n", n, reason);
        for (const auto& [reason, n] : report.warning_reasons) std::cerr << fmt::format("  {:>7}  warning: {}\n", n, reason);
    }
    return report.exit_code();
}
