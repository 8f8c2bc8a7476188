#pragma once
/// @file
/// Opens an index for searching: one database, or the shards a stub file lists (local
/// databases and remote ones behind xapian-tcpsrv), combined into one Xapian::Database.
///
/// Xapian searches combined databases as one: BM25 statistics, term frequencies, match spies
/// (facets) and collapsing are computed over all shards, so the answer is the one a single
/// database with the same releases would give. bodo reads the stub itself rather than leave it
/// to Xapian::Database(path) so that every remote shard gets bodo's timeout (Xapian's stub
/// reader uses its 10 s default) and so that a shard that is down can be left out on request.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "schema/masks.h"
#include "schema/stub_file.h"

namespace bodo {

/// How to open the shards of an index.
struct ShardOptions {
    /// Seconds allowed to connect to a remote shard and for each request to it; 0 = no limit.
    double timeout_seconds = 5.0;
    /// Leave out shards that cannot be opened or that fail, and answer from the others.
    bool allow_partial = false;
};

/// Raised when a shard cannot be opened or fails (and partial answers were not allowed, or no
/// shard is left). The message names the shard.
class ShardUnavailable : public std::runtime_error {
  public:
    explicit ShardUnavailable(const std::string& message, bool others_could_answer = false)
        : std::runtime_error(message), others_could_answer_(others_could_answer) {}

    /// Some shard is down while others opened: allowing partial answers would give one.
    bool others_could_answer() const noexcept { return others_could_answer_; }

  private:
    bool others_could_answer_;
};

/// The databases of one index.
class ShardSet {
  public:
    /// Opens `path`: a database, a stub file, or a directory holding bodo.stub. Throws
    /// ShardUnavailable for a shard that cannot be opened or a bad stub file, and Xapian's
    /// errors for a path that is not a database at all. When the stub is replaced while the
    /// databases are opened (bodo-index switched the index to a compacted generation and
    /// removed the old one), opens again from the path.
    ShardSet(const std::string& path, const ShardOptions& options);

    /// Whether `path` now names other databases than those open: its stub file was replaced
    /// with one of other content, or the database at `path` became a directory with a stub (its
    /// first compaction; generations.h). A few stat(2) calls; the stub is read only when its
    /// inode, size or time changed.
    bool switched();
    /// When switched(): opens everything again from the path (as the constructor) and returns
    /// true. Throws as the constructor.
    bool reload_if_switched();

    /// All open databases as one.
    const Xapian::Database& database() const { return combined_; }
    /// Each open database (one unless sharded), in stub order.
    const std::vector<Xapian::Database>& databases() const { return open_; }
    /// The directory of each open database, in the order of databases(); "" for a remote one.
    std::vector<std::string> local_paths() const;
    /// The masked releases of every open database (masks.h): of a generation index (a delta and
    /// its base), the delta's only, which lists first; of other stubs, each entry's (a remote
    /// or `auto` entry that is such an index reads its delta's through Xapian).
    const Masks& masks() const { return masks_; }
    /// `query` without the masked releases: by their document ids when every database is a
    /// local glass database (MaskedDocuments), else by their version terms (Masks::apply).
    Xapian::Query without_masked(const Xapian::Query& query) const;
    /// Reads the masks again, after the databases were reopened on a newer revision.
    void refresh_masks() { read_masks(); }
    /// Releases in the index: the databases' documents less the masked ones.
    Xapian::doccount releases() const { return combined_.get_doccount() - Xapian::doccount(masks_.size()); }
    /// Names of the shards left out ("shard-02", "10.0.0.5:33333"), in stub order.
    const std::vector<std::string>& missing() const { return missing_; }
    /// True when the index came from a stub file.
    bool sharded() const { return !stub_file_.empty(); }
    /// True when a remote shard is open. Xapian 1.4 then counts some matches twice in match
    /// spies when results are sorted by value (and there are more matches than asked for), so
    /// the searcher counts in a pass of its own, unsorted.
    bool has_remote() const { return remote_; }

    /// After a search failed with `error` (a shard went down or timed out): reopens every shard
    /// of the stub. Returns true when the search can be retried (with the shards that answer,
    /// when partial answers are allowed); throws ShardUnavailable naming the shards that do not
    /// answer otherwise. Returns false when the index is not sharded (nothing to do).
    bool recover(const Xapian::Error& error);

  private:
    /// What `path` named when it was opened: its stub file (by inode, size and time) or none.
    struct Identity {
        std::string stub;
        std::uint64_t dev = 0, ino = 0, size = 0;
        std::int64_t mtime_ns = 0;
        bool operator==(const Identity&) const = default;
    };
    static Identity identify(const std::string& path);
    static Identity identify_file(const std::string& file);
    void open_path();
    void open_all();
    void read_masks();
    Xapian::Database open_entry(const StubEntry& entry) const;

    std::string path_;
    Identity identity_;
    ShardOptions options_;
    std::string stub_file_;
    std::vector<StubEntry> entries_;
    std::vector<Xapian::Database> open_;
    std::vector<std::string> missing_;
    Xapian::Database combined_;
    Masks masks_;
    std::optional<MaskedDocuments> masked_documents_;
    /// A generation's delta that held no release when opened: in databases() (its metadata is
    /// the index's) but not searched (a second database costs a query about 0.3 ms on the full
    /// corpus), until its version file changes (switched()).
    std::string idle_delta_;
    Identity idle_delta_version_;
    bool remote_ = false;
};

}  // namespace bodo
