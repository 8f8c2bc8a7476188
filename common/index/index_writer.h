#pragma once
/// @file
/// Adds releases to an index: new ones added, changed ones replaced, unchanged ones skipped.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "metadata/abbreviations.h"
#include "index/build_pool.h"
#include "index/document_builder.h"
#include "schema/masks.h"
#include "index/prune.h"
#include "release/release.h"
#include "schema/stored_release.h"

namespace bodo {

/// Raised when the index cannot be opened for writing (locked by another writer, unreadable…).
/// The message says why in the library's words; bodo-index adds its options where they help.
class IndexOpenError : public std::runtime_error {
  public:
    enum class Reason {
        Other,
        ShardCount,   ///< a shard count out of range (1 to kMaxShards)
        OneDatabase,  ///< shards asked of an index of one database: build them into a new directory
    };
    explicit IndexOpenError(const std::string& message, Reason why = Reason::Other)
        : std::runtime_error(message), reason(why) {}

    Reason reason;
};

/// Counts of one indexing run.
struct IndexCounts {
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t skipped = 0;
};

/// Writes releases into one Xapian database, committing in batches so that a crash loses at
/// most the current batch and never corrupts what was committed before.
///
/// Every call is made from one thread, the only one that touches the database.
///
/// With a BuildPool of several threads, a first build (into an empty index) runs in parallel:
/// the pool's threads write parts of kBulkChunk releases each into databases of their own
/// (beside the index, in `<index>.parts-<pid>/`), and flush() or commit() compacts them in
/// order into the index. Writing, which takes most of the time (analysis about a seventh), so
/// runs on every thread, and documents keep the ids a build without a pool would give. Nothing
/// reaches the index before that: a run killed during a first build leaves the index empty (the
/// next run starts again and removes the parts left behind). Into an index that has releases,
/// the pool is not used: Xapian writes one database from one thread, and analysing in parallel
/// while one thread writes measured no faster.
///
/// The database of an index directory (`index_dir` given: generations.h) may be a delta beside a
/// read-only base without term lists. A release of the base that changes is written into the
/// delta and its version in the base masked (masks.h); an unchanged one is skipped as usual (its
/// fingerprint is a value, readable without term lists); --prune masks the base's releases it
/// would delete. A first build with a pool into such a directory makes the compacted parts its
/// base directly (DIR/gen-000001, without term lists) beside an empty delta.
class IndexWriter {
  public:
    enum class Outcome { Added, Replaced, Unchanged, Duplicate };

    /// Releases per part in a first build with a pool: the whole corpus fits one compaction pass.
    static constexpr std::size_t kBulkChunk = 10000;
    /// Releases per commit inside a part. Measured on 20,000 releases, 2 threads: 100 → 25.8 s,
    /// 500 → 29.2 s, one commit per 2,000-release part (the old way) → 38.6 s.
    static constexpr std::uint32_t kPartBatch = 100;

    /// Releases a zstd dictionary for stored releases is trained on (stored_release.h): the
    /// first this many an index gets (with a pool, before its first part is written; without,
    /// when the last of them has been written, which are then compressed too: the same index
    /// either way), or, for an index that has more and no dictionary (made by an older bodo),
    /// its first this many. Until then releases are stored as before (glass compresses them with
    /// zlib), and so is every release of a smaller index.
    static constexpr std::size_t kDictionarySamples = 4000;

    /// Whether commits wait for the disk. Parts of a first build need not: a crash discards them.
    enum class Sync { Durable, None };

    /// Opens (creating if needed, with its parent directories) the index at `path`. Throws
    /// IndexOpenError, with a clear message, when another process is writing to it or `path`
    /// is no index (a regular file, say). `pool`, when given, builds the documents.
    /// `index_dir`: `path` is the writable database of the index of one database at `index_dir`
    /// (live_index), whose base, if any, is read and masked; a first build there makes a base.
    explicit IndexWriter(const std::string& path, std::uint32_t batch_size = 2000,
                         std::shared_ptr<BuildPool> pool = nullptr, Sync sync = Sync::Durable,
                         std::string index_dir = {});
    /// Writes and commits what is pending.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Adds or replaces one release (by id). A second release with an id already seen in this
    /// run is not indexed: Outcome::Duplicate, and `first_source` tells where the first came from.
    /// In a first build with a pool the release is written later; a write error then comes
    /// from a later add() or from flush() / commit().
    Outcome add(const Release& release, std::string* first_source = nullptr);

    /// Makes everything added so far durable (in a first build with a pool: assembles the index).
    void commit();

    /// Nothing, except in a first build with a pool: assembles the index from its parts (and
    /// commits it), so that database() shows every release added.
    void flush();

    /// Compresses the releases it writes with `dictionary` (a part of a first build: the
    /// index's), without keeping it in this database's metadata.
    void use_dictionary(std::shared_ptr<const ReleaseDictionary> dictionary) { dictionary_ = std::move(dictionary); }

    /// Commits, then closes the database and its lock. Nothing else may be called afterwards.
    void close();
    /// The database was closed by a compaction that switched the index away from it (after
    /// this writer's last commit): nothing more is written, not even by the destructor.
    void detach() { closed_ = true; }

    /// Deletes (without committing) the documents whose source lies in `scopes` and that were
    /// not added, replaced or found unchanged in this run. Returns how many were deleted.
    std::uint64_t prune(const std::vector<PruneScope>& scopes);

    const IndexCounts& counts() const { return counts_; }
    /// The earlier analysis version the index was made by when opened ("none" when it recorded
    /// none); empty when it was empty or current. Every release of such an index is indexed again.
    const std::string& outdated_analysis() const { return outdated_analysis_; }
    /// The database written (a delta, when there is a base), for reading and metadata (call
    /// flush() first to see every added release).
    Xapian::WritableDatabase& database() { return db_; }
    /// Releases in the index: the database's, and the base's that are not masked.
    Xapian::doccount doccount() const;
    /// The database and its base as one (the database first), for what counts the whole index.
    Xapian::Database whole() const;
    /// The directories of the database and its base.
    std::vector<std::string> database_dirs() const;
    /// The base's masked versions (masks.h), as the next commit records them.
    const Masks& masks() const { return masks_; }

  private:
    struct BulkState;  // a first build in parts, shared with the pool's tasks
    struct Bulk {
        std::string dir;  ///< where the parts are written
        std::vector<Release> chunk;
        std::vector<std::string> parts;
        std::shared_ptr<BulkState> state;
    };
    void commit_now();
    void mark_seen(Xapian::docid id);
    /// Marks a document of the read-only base as holding a release of this run (kept by --prune).
    void mark_base_seen(Xapian::docid id);
    /// The metadata that keeps the release dictionary (dictionary_) and says it is current.
    std::vector<std::pair<std::string, std::string>> dictionary_metadata() const;
    /// Writes dictionary_metadata() into the database.
    void store_dictionary();
    void remove_stale_parts();
    void start_bulk();
    void submit_chunk();
    void wait_bulk_idle() noexcept;
    void finish_bulk();
    void train_dictionary(const std::vector<std::string>& samples);
    void train_dictionary_on(const std::vector<Release>& releases);
    void sample_existing_releases();
    void install_bulk_base(const std::string& built, const std::map<std::string, std::string>& metadata);
    void mask(const std::string& version_term);

    std::string path_;
    /// Words of the releases written since the lexicon was last brought up to date, and the
    /// revision it covered then (0: none, or a first build: it is written whole).
    std::vector<std::string> lexicon_words_;
    Xapian::rev lexicon_revision_ = 0;
    std::string lexicon_error_;
    Xapian::WritableDatabase db_;
    DocumentBuilder builder_;
    std::shared_ptr<BuildPool> pool_;
    std::uint32_t batch_size_;
    std::uint32_t pending_ = 0;
    IndexCounts counts_;
    std::unordered_map<std::string, std::string> seen_;  ///< id → "source:line" in this run
    std::vector<bool> seen_docids_;                      ///< documents added, replaced or unchanged in this run
    AbbreviationTable abbreviations_;  ///< Definitions seen in this run, merged into the metadata on commit.
    std::unique_ptr<Bulk> bulk_;       ///< Set during a first build with a pool.
    std::string outdated_analysis_;    ///< See outdated_analysis().
    bool closed_ = false;              ///< See close().
    std::shared_ptr<const ReleaseDictionary> dictionary_;  ///< New releases are compressed with it.
    std::vector<std::string> dictionary_samples_;          ///< Until there is one: this run's first releases,
    std::vector<Xapian::docid> sampled_docids_;            ///< and their documents.
    bool dictionary_failed_ = false;                       ///< zstd could not train one from them.
    std::string index_dir_;          ///< See the constructor.
    bool has_base_ = false;
    Xapian::Database base_;          ///< The read-only base, when has_base_.
    Masks masks_;                    ///< Its masked versions (the delta's metadata).
    bool masks_changed_ = false;     ///< Since the last commit.
    std::vector<bool> seen_base_;    ///< Base documents found unchanged in this run.
};

}  // namespace bodo
