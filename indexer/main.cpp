// bodo-index: adds press releases to a bodo index; new ones are added, changed ones replaced.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <map>

#include <fmt/format.h>
#include <xapian.h>

#include "cli/options.h"
#include "index/index_writer.h"
#include "readers/reader.h"

namespace {

enum Exit { kAllIndexed = 0, kSomeSkipped = 1, kFailed = 2 };

constexpr const char* kExamples = R"(Examples:
  bodo-index --db ~/press/index korea-kr-2020-2026.jsonl.zst
  bodo-index --db ~/press/index msit-archive/            (a directory, read recursively)
  bodo-index --db ~/press/index msit-archive.tar.zst     (an archive, read in place)
  zstd -dc new.jsonl.zst | bodo-index --db ~/press/index -

Inputs: JSON Lines (.jsonl, .jsonl.zst), Markdown with front matter (.md), plain-text page
dumps (.txt), tar archives of these (.tar, .tar.gz, .tar.zst), directories, - for stdin.
Exit codes: 0 everything indexed, 1 some records or files skipped (listed as file:line: reason),
2 the run failed (index locked or unwritable); what was committed before stays intact.)";

using Clock = std::chrono::steady_clock;

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Index press releases (보도자료) for bodo-search."};
    app.footer(kExamples);
    bodo::cli::add_version(app, "bodo-index");
    std::string db;
    std::vector<std::string> inputs;
    bool quiet = false;
    std::uint32_t batch = 20000;
    bodo::cli::add_db_option(app, db);
    app.add_option("inputs", inputs, "Files, directories or archives to index; - reads JSON Lines from stdin")->required();
    app.add_flag("-q,--quiet", quiet, "No progress line and no per-record messages beyond problems (for cron)");
    app.add_option("--commit-every", batch, "Commit after this many new or changed releases (e.g. --commit-every 5000)")
        ->capture_default_str()->check(CLI::Range(1u, 10000000u));
    CLI11_PARSE(app, argc, argv);

    const auto t0 = Clock::now();
    std::unique_ptr<bodo::IndexWriter> writer;
    try {
        writer = std::make_unique<bodo::IndexWriter>(db, batch);
    } catch (const bodo::IndexOpenError& e) {
        std::cerr << "bodo-index: " << e.what() << '\n';
        return kFailed;
    }

    const bool progress = !quiet && isatty(STDERR_FILENO);
    std::map<std::string, std::uint64_t> skip_reasons;
    std::uint64_t seen = 0, problems = 0, warnings = 0;
    auto last_report = t0;
    auto report_progress = [&](bool final) {
        if (!progress) return;
        const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
        std::cerr << fmt::format("\r{} releases, {:.0f}/s, {:.0f} s{}", seen, secs > 0 ? double(seen) / secs : 0.0, secs,
                                 final ? "\n" : "   ")
                  << std::flush;
    };

    bodo::ReadHandlers handlers;
    handlers.on_problem = [&](const bodo::ReadProblem& p) {
        if (progress) std::cerr << '\r';
        std::cerr << p.to_string() << '\n';
        if (p.warning) {
            ++warnings;
            return;
        }
        ++problems;
        // Group the summary by the kind of problem, not by the quoted value after it.
        std::string reason = p.reason.substr(0, p.reason.find_first_of(":'\"("));
        while (!reason.empty() && reason.back() == ' ') reason.pop_back();
        ++skip_reasons[reason];
    };
    bool failed = false;
    handlers.on_release = [&](bodo::Release&& r) {
        if (failed) return;
        ++seen;
        try {
            std::string first;
            if (writer->add(r, &first) == bodo::IndexWriter::Outcome::Duplicate) {
                handlers.on_problem({r.source, r.line, "duplicate id " + r.id + " (first seen at " + first + ")"});
            }
        } catch (const Xapian::Error& e) {
            std::cerr << "bodo-index: cannot write to " << db << ": " << e.get_description() << '\n';
            failed = true;
        }
        if (progress && Clock::now() - last_report > std::chrono::milliseconds(500)) {
            last_report = Clock::now();
            report_progress(false);
        }
    };
    const std::size_t unreadable = bodo::read_inputs(inputs, handlers);
    report_progress(true);
    if (failed) return kFailed;
    try {
        writer->commit();
    } catch (const Xapian::Error& e) {
        std::cerr << "bodo-index: commit failed for " << db << ": " << e.get_description()
                  << " (the index keeps its previous state)\n";
        return kFailed;
    }

    const auto& c = writer->counts();
    const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    std::cerr << fmt::format("bodo-index: {} added, {} replaced, {} unchanged, {} skipped, {} warnings in {:.1f} s; "
                             "index {} holds {} releases\n",
                             c.added, c.replaced, c.unchanged, problems, warnings, secs, db,
                             writer->database().get_doccount());
    for (const auto& [reason, n] : skip_reasons) std::cerr << fmt::format("  {:>7}  {}\n", n, reason);
    return problems || unreadable ? kSomeSkipped : kAllIndexed;
}
