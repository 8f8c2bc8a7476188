#include "index/index_run.h"

#include <chrono>
#include <filesystem>

#include <fmt/format.h>
#include <xapian.h>

#include "index/build_pool.h"
#include "index/generations.h"
#include "index/index_stats.h"
#include "index/prune.h"
#include "readers/reader.h"

namespace bodo {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

/// A read problem's kind, for the summary: its reason without the value it names (bad date
/// '2021-02-30'), but with the field (field 'title' is not a string).
std::string reason_kind(const std::string& reason) {
    std::string kind = reason.substr(0, reason.find_first_of(reason.starts_with("field '") ? ":(" : ":'\"("));
    while (!kind.empty() && kind.back() == ' ') kind.pop_back();
    return kind;
}

}  // namespace

IndexRun::IndexRun(std::string db, const IndexRunOptions& options) : db_(std::move(db)), options_(options) {
    std::shared_ptr<BuildPool> pool;
    if (options_.jobs > 1) pool = std::make_shared<BuildPool>(options_.jobs);
    writer_ = std::make_unique<ShardedWriter>(db_, options_.layout, options_.commit_every, pool);
    if (options_.keep_termlists && !writer_->sharded())
        writer_->writers().begin()->second->database().set_metadata(kTermlistsKey, "kept");
}

IndexRun::~IndexRun() = default;

void IndexRun::note(IndexRunNote n) const {
    if (on_note) on_note(n);
}

std::string IndexRun::outdated_analysis() const {
    for (const auto& [name, w] : writer_->writers())
        if (!w->outdated_analysis().empty()) return w->outdated_analysis();
    return {};
}

IndexRunReport IndexRun::run(const std::vector<std::string>& inputs) {
    const auto t0 = Clock::now();
    IndexRunReport report;
    std::uint64_t input_failures = 0;  // read problems of the input being read (they forbid pruning it)
    std::string first_failure;

    // `kind`: the summary's group, when not the reason's own (reason_kind).
    auto note_problem = [&](const ReadProblem& p, bool read_failure, const std::string& kind = {}) {
        note({IndexRunNote::Kind::ReadProblem, p.file, p.to_string()});
        if (p.warning) {
            ++report.warnings;
            ++report.warning_reasons[reason_kind(p.reason)];
            return;
        }
        ++report.skipped;
        if (read_failure && input_failures++ == 0) first_failure = p.to_string();
        ++report.skip_reasons[kind.empty() ? reason_kind(p.reason) : kind];
    };
    // A release's warnings come just before it (readers warn, then deliver). They are held until
    // the writer has the release, and dropped when it is unchanged: a nightly run over the whole
    // archive does not repeat every warning of the releases it already holds.
    std::vector<ReadProblem> held_warnings;
    auto flush_warnings = [&] {
        for (const ReadProblem& w : held_warnings) note_problem(w, true);
        held_warnings.clear();
    };
    ReadHandlers handlers;
    handlers.on_problem = [&](const ReadProblem& p) {
        if (p.warning) {
            held_warnings.push_back(p);
            return;
        }
        flush_warnings();
        note_problem(p, true);
    };
    std::size_t current_input = 0;
    handlers.on_release = [&](Release&& r) {
        if (report.failed) return;
        ++report.read;
        try {
            std::string first;
            const IndexWriter::Outcome outcome = writer_->add(r, &first);
            if (outcome == IndexWriter::Outcome::Unchanged) held_warnings.clear();
            flush_warnings();
            if (outcome == IndexWriter::Outcome::Duplicate) {
                // Not a read failure: the release was read (its first copy counts for --prune).
                note_problem({r.source, r.line, "duplicate id " + r.id + " (first seen at " + first + ")"}, false,
                             "duplicate id");
            }
        } catch (const Xapian::Error& e) {
            note({IndexRunNote::Kind::WriteFailed, {}, e.get_description()});
            report.failed = true;
        } catch (const std::exception& e) {  // a part of a first build with --jobs (disk full…)
            note({IndexRunNote::Kind::WriteFailed, {}, e.what()});
            report.failed = true;
        }
        if (on_progress) on_progress(current_input, report.read);
    };

    // One input at a time, to know which input each read problem belongs to (for --prune).
    std::vector<PruneScope> prune_scopes;
    for (std::size_t i = 0; i < inputs.size() && !report.failed; ++i) {
        current_input = i;
        if (on_progress) on_progress(i, report.read);
        input_failures = 0;
        const std::uint64_t read_before = report.read;
        const bool opened = read_inputs({inputs[i]}, handlers) == 0;
        flush_warnings();  // any left belong to no release of this input
        if (!opened) ++report.unreadable_inputs;
        // An input that yields nothing is more often a mistake (an unmounted share, a wrong
        // folder) than an archive emptied on purpose: said, and never pruned.
        const bool yielded_nothing = opened && input_failures == 0 && report.read == read_before;
        if (yielded_nothing) {
            note({IndexRunNote::Kind::NoReleases, inputs[i], {}});
            ++report.warnings;
            ++report.warning_reasons["no releases found"];
        }
        if (!options_.prune || report.failed) continue;
        if (inputs[i] == "-") {
            note({IndexRunNote::Kind::PruneStandardInput, inputs[i], {}});
        } else if (yielded_nothing) {
            note({IndexRunNote::Kind::PruneNothingRead, inputs[i], {}});
        } else if (!opened || input_failures > 0) {
            note({IndexRunNote::Kind::PruneReadProblems, inputs[i], first_failure, input_failures});
        } else {
            std::error_code ec;
            prune_scopes.push_back(std::filesystem::is_directory(inputs[i], ec) ? PruneScope::directory(inputs[i])
                                                                                 : PruneScope::file(inputs[i]));
        }
    }
    if (report.failed) return report;

    // Prune, record the run and commit: one commit, so the index never shows half of it.
    auto make_summary = [&](Xapian::doccount doccount) {
        const auto& c = report.counts;
        return fmt::format("{} added, {} replaced, {} unchanged, {} skipped, {} warnings{} in {:.1f} s; "
                           "index {} holds {} releases",
                           c.added, c.replaced, c.unchanged, report.skipped, report.warnings,
                           options_.prune ? fmt::format(", {} pruned", report.pruned) : std::string(),
                           seconds_since(t0),
                           writer_->sharded() ? db_ + " (" + writer_->layout()->describe() + ")" : db_, doccount);
    };
    try {
        for (const auto& [name, w] : writer_->writers()) {
            if (!prune_scopes.empty()) report.pruned += w->prune(prune_scopes);
            w->flush();
        }
        report.counts = writer_->counts();
        const Xapian::doccount doccount = writer_->doccount();
        report.summary = make_summary(doccount);
        if (!inputs.empty())  // bodo-index --compact alone keeps the record of the last indexing run
            for (const auto& [name, w] : writer_->writers()) record_run(w->database(), report.summary);
        writer_->commit();
        report.summary = make_summary(doccount);  // with the time the commit took
    } catch (const Xapian::Error& e) {
        note({IndexRunNote::Kind::CommitFailed, {}, e.get_description()});
        report.failed = true;
    } catch (const std::exception& e) {
        note({IndexRunNote::Kind::CommitFailed, {}, e.what()});
        report.failed = true;
    }
    if (!report.failed) maybe_compact(report);
    return report;
}

void IndexRun::maybe_compact(IndexRunReport& report) {
    if (writer_->sharded()) {
        if (options_.compact) note({IndexRunNote::Kind::CompactSharded, {}, {}});
        return;
    }
    try {
        const Growth g = *writer_->growth();
        // A delta that holds releases is folded into the base as well: searching a second
        // database costs every query (generations.h, kFoldDelta).
        IndexWriter& w = *writer_->writers().begin()->second;
        const Xapian::doccount in_delta = w.database_dirs().size() > 1 ? w.database().get_doccount() : 0;
        const bool grown = g.ratio() > kCompactWhenGrownBy;
        const bool due = g.bytes >= options_.auto_compact_min_bytes && (grown || (kFoldDelta && in_delta > 0));
        if (!options_.compact && !due) return;
        const Compaction c = writer_->compact();
        report.compaction = CompactionReport{c.bytes_before, c.bytes_after, c.seconds, options_.compact, grown,
                                             g.ratio(),      !g.recorded,   in_delta,  c.generation};
    } catch (const std::exception& e) {
        note({IndexRunNote::Kind::CompactionFailed, {}, e.what()});
        if (options_.compact) report.failed = true;
    } catch (const Xapian::Error& e) {
        note({IndexRunNote::Kind::CompactionFailed, {}, e.get_description()});
        if (options_.compact) report.failed = true;
    }
}

}  // namespace bodo
