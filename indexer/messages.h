#pragma once
/// @file
/// What bodo-index says of the library's typed notes and errors, in the words of its command
/// line: the library names no option, the program does.

#include <string>

#include <fmt/format.h>

#include "index/index_run.h"
#include "index/index_writer.h"

namespace bodo::indexer {

/// One line of bodo-index's standard error for a note of the run on index `db`.
inline std::string describe(const IndexRunNote& n, const std::string& db) {
    using Kind = IndexRunNote::Kind;
    switch (n.kind) {
        case Kind::ReadProblem: return n.detail;
        case Kind::NoReleases: return n.input + ": no releases found";
        case Kind::WriteFailed: return "bodo-index: cannot write to " + db + ": " + n.detail;
        case Kind::PruneStandardInput: return "bodo-index: --prune: standard input (-) is never pruned";
        case Kind::PruneNothingRead:
            return "bodo-index: --prune skipped for " + n.input +
                   ": no releases read from it (an empty or unmounted folder?); nothing under it is deleted";
        case Kind::PruneReadProblems:
            return fmt::format("bodo-index: --prune skipped for {}: {} read problem{} (first: {}); nothing under it is deleted",
                               n.input, n.count, n.count == 1 ? "" : "s", n.detail);
        case Kind::CommitFailed:
            return "bodo-index: commit failed for " + db + ": " + n.detail + " (the index keeps its previous state)";
        case Kind::CompactSharded:
            return "bodo-index: --compact: bodo-index compacts an index of one database; compact the shards of " + db +
                   " one by one with xapian-compact (README, \"Compacting\")";
        case Kind::CompactionFailed:
            return "bodo-index: compaction of " + db + " failed: " + n.detail + " (the index is as it was)";
    }
    return n.detail;
}

/// The summary line of a compaction: "compacted DB: 2412.3 MB → 1933.2 MB in 24.8 s (why); …".
inline std::string describe(const CompactionReport& c, const std::string& db) {
    const auto mb = [](std::uint64_t bytes) { return fmt::format("{:.1f} MB", double(bytes) / 1e6); };
    return fmt::format("compacted {}: {} → {} in {:.1f} s ({}); the index is now {}{:06d}", db, mb(c.bytes_before),
                       mb(c.bytes_after), c.seconds,
                       c.asked   ? std::string("--compact")
                       : c.grown ? fmt::format("it had grown to {:.2f} times a compacted copy{}", c.grown_by,
                                               c.estimated ? ", estimated" : "")
                                 : fmt::format("its delta held {} releases", c.delta_releases),
                       kGenerationPrefix, c.generation);
}

/// An index that cannot be opened for writing, with the options that would do.
inline std::string describe(const IndexOpenError& e) {
    switch (e.reason) {
        case IndexOpenError::Reason::ShardCount:
            return fmt::format("--shards must be between 1 and {}", kMaxShards);
        case IndexOpenError::Reason::OneDatabase:
            return std::string(e.what()) + " (bodo-index --db NEWDIR --shards N INPUT...)";
        case IndexOpenError::Reason::Other: break;
    }
    return e.what();
}

}  // namespace bodo::indexer
