#pragma once
/// @file
/// One run of bodo-index: read the inputs into an index, report what was skipped, prune, commit once.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/index_writer.h"
#include "index/sharded_writer.h"

namespace bodo {

/// How a run writes its index.
struct IndexRunOptions {
    std::optional<ShardLayout> layout;  ///< a new sharded index (later runs find the layout themselves)
    std::uint32_t commit_every = 2000;  ///< commit after this many new or changed releases
    unsigned jobs = 1;                  ///< threads for a first build (IndexWriter, BuildPool)
    bool prune = false;                 ///< delete releases whose source is gone (see IndexRun::run)
    /// Compact at the end of the run (--compact), whatever the index's growth. One database only.
    bool compact = false;
    /// Compact at the end of the run when the index has grown past kCompactWhenGrownBy times a
    /// compacted copy and is at least this large (generations.h); 0 = whatever its size,
    /// UINT64_MAX = never on its own.
    std::uint64_t auto_compact_min_bytes = kMinAutoCompactBytes;
    /// Keep term lists in the base of an index of one database (--keep-termlists): for an index
    /// served by xapian-tcpsrv (generations.h, kTermlistsKey). Takes effect at a first build and
    /// stays with the index.
    bool keep_termlists = false;
};

/// Something a run has to say: a read problem, or a note about the run. Typed, so that the
/// program says it in the words of its command line (indexer/messages.h); the library names no
/// option.
struct IndexRunNote {
    enum class Kind {
        ReadProblem,        ///< `detail`: "file:line: reason", as ReadProblem::to_string gives it
        NoReleases,         ///< `input` yielded no release (it is never pruned)
        WriteFailed,        ///< writing to the index failed: `detail`
        PruneStandardInput, ///< pruning asked for, but standard input is never pruned
        PruneNothingRead,   ///< `input` not pruned: no release was read from it
        PruneReadProblems,  ///< `input` not pruned: `count` read problems, the first `detail`
        CommitFailed,       ///< the commit failed: `detail` (the index keeps its previous state)
        CompactSharded,     ///< compaction asked for an index of shards, which compacts shard by shard
        CompactionFailed,   ///< the compaction failed: `detail` (the index is as it was)
    };
    Kind kind = Kind::ReadProblem;
    std::string input;        ///< the input it concerns, if any
    std::string detail;
    std::uint64_t count = 0;
};

/// A compaction a run made.
struct CompactionReport {
    std::uint64_t bytes_before = 0, bytes_after = 0;
    double seconds = 0;
    bool asked = false;       ///< asked for (IndexRunOptions::compact)
    bool grown = false;       ///< the index had grown past kCompactWhenGrownBy times a compacted copy
    double grown_by = 0;      ///< how many times a compacted copy the index had grown to
    bool estimated = false;   ///< grown_by estimated (no compacted size recorded)
    std::uint64_t delta_releases = 0;  ///< releases the delta held, folded into the base
    unsigned generation = 0;  ///< the generation now live (generations.h)
};

/// What a run did.
struct IndexRunReport {
    IndexCounts counts;                ///< added, replaced, unchanged
    std::uint64_t read = 0;            ///< releases read
    std::uint64_t skipped = 0;         ///< records and files skipped (each reported as file:line: reason)
    std::uint64_t warnings = 0;        ///< reported, but indexed (a release without a date, say)
    std::uint64_t pruned = 0;          ///< releases deleted by --prune
    std::size_t unreadable_inputs = 0; ///< inputs that could not be opened at all
    std::map<std::string, std::uint64_t> skip_reasons;     ///< skips by kind of problem
    std::map<std::string, std::uint64_t> warning_reasons;  ///< warnings by kind
    std::string summary;               ///< one line, as recorded in the index: "3 added, … in 1.2 s; index … holds N releases"
    /// When the run compacted the index.
    std::optional<CompactionReport> compaction;
    bool failed = false;               ///< stopped by a write or commit error: the batches committed before stay, the next run finishes the job

    /// bodo-index's exit code: 0 everything indexed, 1 something skipped, 2 the run failed.
    int exit_code() const { return failed ? 2 : (skipped || unreadable_inputs) ? 1 : 0; }
};

/// Reads inputs into the index at a directory, as bodo-index does.
///
/// Every release read is added, replaced or found unchanged; a duplicate id in one run and every
/// read problem is reported through `on_message` as "file:line: reason" and counted, and the rest
/// of the run goes on. At the end the run prunes, records itself in the index (index_stats.h) and
/// commits, once, so that the index never shows half of the end of a run. A write error stops
/// the run: what was committed before stays.
class IndexRun {
  public:
    /// Opens the index (throws IndexOpenError: locked by another run, layout mismatch, unwritable).
    IndexRun(std::string db, const IndexRunOptions& options);
    ~IndexRun();

    /// Each problem, warning and note.
    std::function<void(const IndexRunNote& note)> on_note;
    /// Before each input (its index in the list) and after each release read.
    std::function<void(std::size_t input, std::uint64_t releases_read)> on_progress;

    /// The analysis version of an index made by an earlier bodo ("" when current): every release
    /// read is then indexed again.
    std::string outdated_analysis() const;

    /// Reads `inputs` in order (files, directories, archives, "-" for standard input) and commits.
    /// With `prune`, each input read without problems deletes the releases whose source lies
    /// under it and was not read in this run; an input with read problems (or standard input)
    /// deletes nothing. Then compacts an index of one database that has grown well past a
    /// compacted copy (or with `compact`); a compaction that fails leaves the index as it was
    /// and is reported (a failed run only with `compact`). With no inputs: compacts only. Call once.
    IndexRunReport run(const std::vector<std::string>& inputs);

  private:
    void note(IndexRunNote n) const;
    void maybe_compact(IndexRunReport& report);

    std::string db_;
    IndexRunOptions options_;
    std::unique_ptr<ShardedWriter> writer_;
};

}  // namespace bodo
