#pragma once
/// @file
/// Writes an index that is one database, or several shard databases listed in a Xapian stub file.
///
/// A sharded index directory holds:
///
///     DIR/bodo-shards.conf   the layout ("by hash 4" or "by year"), read by every later run
///     DIR/bodo.stub          Xapian stub file: "glass shard-00" ... (Xapian::Database opens it)
///     DIR/XAPIANDB           the same, where Xapian looks in a directory (xapian-delve DIR works)
///     DIR/shard-00 ...       by id hash: shard = stable_hash(id) mod N, all N made at once
///     DIR/y2020 ...          by year of the release date ("undated" when it has none), made
///                            when the first release of that year comes
///
/// Each shard is written by its own IndexWriter (add, replace, skip unchanged, batch commits).
/// A release id lives in exactly one shard: by hash the same id always goes to the same shard;
/// by year, a release whose year changed is deleted from the shard of its old year.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "index/generations.h"
#include "index/index_writer.h"
#include "release/release.h"

namespace bodo {

/// The most shards a hash layout may have.
inline constexpr unsigned kMaxShards = 256;

/// The layout file in a sharded index directory.
inline constexpr const char* kShardLayoutFileName = "bodo-shards.conf";

/// How a sharded index splits its releases.
struct ShardLayout {
    enum class By { Hash, Year };
    By by = By::Hash;
    unsigned shards = 0;  ///< By::Hash: the number of shards (1..256).

    static ShardLayout hash(unsigned n) { return {By::Hash, n}; }
    static ShardLayout year() { return {By::Year, 0}; }

    /// The shard of a release: "shard-03" (by hash), "y2021" or "undated" (by year).
    std::string shard_of(const Release& release) const;
    /// "4 shards by id hash", "one shard per year".
    std::string describe() const;
    /// The layout file's text ("by hash 4" / "by year").
    std::string serialize() const;

    /// Reads DIR/bodo-shards.conf; nothing when there is none. Throws IndexOpenError on a file
    /// it does not understand.
    static std::optional<ShardLayout> load(const std::string& dir);

    bool operator==(const ShardLayout& o) const { return by == o.by && shards == o.shards; }
};

/// Adds releases to an index directory: one database, or the shards of a sharded index.
class ShardedWriter {
  public:
    /// Opens the index at `dir`. When `dir` already is a sharded index its layout is used (a
    /// `requested` layout must then be the same); when `requested` is given for a new directory
    /// a sharded index is made; otherwise `dir` is one database, as IndexWriter. Throws
    /// IndexOpenError (locked by another writer, a layout that does not match, unwritable).
    /// `pool`, when given, builds the documents of every shard (IndexWriter, bodo-index --jobs).
    ShardedWriter(const std::string& dir, const std::optional<ShardLayout>& requested, std::uint32_t batch_size = 20000,
                  std::shared_ptr<BuildPool> pool = nullptr);

    /// As IndexWriter::add, for whichever shard the release belongs to. A release that moved
    /// to another year's shard counts as Replaced.
    IndexWriter::Outcome add(const Release& release, std::string* first_source = nullptr);

    /// Commits every shard.
    void commit();

    /// An index of one database: its growth past a compacted copy (generations.h). Nothing for
    /// a sharded index.
    std::optional<Growth> growth();

    /// Compacts an index of one database into its next generation and switches to it
    /// (compact_generation). Call after the last commit: the writer is closed afterwards.
    /// Throws as compact_generation; not for a sharded index (std::logic_error).
    Compaction compact();

    const IndexCounts& counts() const;
    /// Releases in the whole index.
    Xapian::doccount doccount();

    bool sharded() const { return layout_.has_value(); }
    const std::optional<ShardLayout>& layout() const { return layout_; }
    /// Number of databases written (1 when not sharded).
    std::size_t shard_count() const { return writers_.size(); }
    /// The writer of each database by shard name ("" when not sharded), for per-database work.
    const std::map<std::string, std::unique_ptr<IndexWriter>>& writers() const { return writers_; }

  private:
    IndexWriter& shard(const std::string& name);
    void write_stub() const;

    std::string dir_;
    std::unique_ptr<IndexDirLock> lock_;  ///< One database: held for the writer's life (generations.h).
    std::string live_;                    ///< One database: the one written, DIR itself, DIR/gen-N or DIR/delta-N.
    std::optional<ShardLayout> layout_;
    std::uint32_t batch_size_;
    std::shared_ptr<BuildPool> pool_;
    std::map<std::string, std::unique_ptr<IndexWriter>> writers_;
    std::vector<IndexWriter*> had_releases_;  ///< Shards holding releases before this run (by year).
    std::unordered_map<std::string, std::string> seen_;  ///< By year: id → first source in this run.
    IndexCounts counts_;
};

}  // namespace bodo
