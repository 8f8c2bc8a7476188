#pragma once
/// @file
/// Generations of a one-database index: compaction into a new database and an atomic switch.
///
/// Xapian splits full B-tree blocks where an update goes, so a compacted index in nightly use
/// grows towards twice its size (bench/HISTORY.md). bodo-index compacts an index that has grown
/// past what a compacted copy would take (estimate_growth), or when asked (--compact), into a
/// new database beside the live one, and switches to it without moving the path users give:
///
///     DIR/bodo.stub      Xapian stub file naming the live generation: "glass delta-000003"
///                        and "glass gen-000003", in that order
///     DIR/XAPIANDB       the same, under the name Xapian looks for (xapian-delve DIR, xapian-tcpsrv DIR)
///     DIR/gen-000003/    the base: every release as of the last compaction, compacted and
///                        without term lists (no termlist.glass: Xapian opens it read-only)
///     DIR/delta-000003/  what bodo-index wrote since, an ordinary (writable) database
///
/// The base is about a quarter smaller than a database with term lists, but Xapian can neither
/// add to it nor replace or delete its documents: new and changed releases go to the delta, and
/// a release of the base that is replaced or pruned is masked (masks.h). The delta is listed
/// first: it holds the index's metadata (a copy of the base's, the masks, the last run). A
/// compaction folds base and delta into the next base (the masked documents with them: Xapian's
/// compactor keeps every document, so their masks are kept too) and starts an empty delta.
/// A first build with --jobs writes the base directly (IndexWriter).
///
/// Older indexes keep working as they are, written in place with term lists: a stub naming
/// "glass gen-000003" alone (a generation from before deltas), or a glass database at DIR. Their
/// next compaction converts them (adding the version term masks.h needs to every document that
/// lacks it first).
/// An index never compacted this way is a glass database at DIR itself, as bodo made before;
/// its first compaction gives it the layout above. Its DIR/iamglass goes last: until then
/// Xapian and bodo open DIR itself (a directory with iamglass is a database, whatever else it
/// holds).
///
/// The switch (compact_generation): compact into DIR/gen-N+1 and delete its term lists, make
/// DIR/delta-N+1 with the metadata and the size compacted, sync both, rename a new stub over
/// DIR/bodo.stub and then DIR/XAPIANDB, rename the old base and delta to *.removing and delete them. A crash at any moment leaves bodo.stub naming a complete
/// database; the next run (remove_generation_leftovers) deletes what was left over. Searchers
/// notice the replaced stub (ShardSet) and open DIR again; a search running meanwhile reads the
/// old generation's files, which stay readable until it closes them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "schema/stub_file.h"

namespace bodo {


/// Metadata key of an index whose base keeps its term lists ("kept"; bodo-index --keep-termlists).
/// xapian-tcpsrv needs them: its protocol sends a document with all its values, and glass lists
/// a document's value slots in the term list table (Xapian::FeatureUnavailableError "Database has
/// no termlist" otherwise).
inline constexpr const char* kTermlistsKey = "bodo:termlists";

/// Metadata key: "BYTES TOTAL_LENGTH", the tables' size and the index's total length
/// (Xapian::Database::get_total_length) just after its last compaction.
inline constexpr const char* kCompactionKey = "bodo:compaction";

/// An index is compacted on its own when its tables take more than this times what a compacted
/// copy would (estimate_growth). Measured with bench/build.sh's nightly simulation (full corpus:
/// a compacted base of the 164,004 releases before its last 60 days, 1,889.6 MB, then one run per
/// day): the first night after a compaction (120 releases) grew it by 22.6% to 2,316.4 MB, as
/// Xapian split the full blocks its postings went to; the next four by 1.3%, 5.5%, 4.5% and
/// 0.4%. So any threshold below 1.2 compacts after nearly every night that adds releases (the
/// whole corpus compacts in about 25 s), and 1.1 is the target: at most 1.1 times a fresh
/// build after 60 nights, with no manual step. With it, that simulation (41 nights with
/// releases) stayed at 1.00-1.06 times a fresh build of the same releases (1.03 after the last
/// night), compacting after 30 nights (every night of more than about 30 releases).
inline constexpr double kCompactWhenGrownBy = 1.1;

/// Whether a run that leaves releases in the delta of an index past kMinAutoCompactBytes folds
/// the delta into the base (a compaction) whatever the growth. Measured on the full corpus with
/// bench/build.sh's nightly simulation (60 nights, 3,529 releases): keeping the delta (no
/// compaction in 60 nights: 0.26 s a night, the index 1.04 times a fresh build) made the dev
/// queries 10.5-10.9 ms/query against 2.7-3.2 on the fresh build, and a delta of one release
/// 7.1-7.7: Xapian builds each query's tree (bodo's queries hold hundreds of terms) for every
/// database that has documents, an empty one costing nothing. So the delta lives for the length
/// of a run (where new and replaced releases go, masks beside it) and is folded at its end.
inline constexpr bool kFoldDelta = true;

/// Bytes of a compacted index per unit of total length (the sum of the releases' term counts),
/// for an index that records no compaction (built with --jobs 1, or by an older bodo). Measured
/// on the full corpus built with --jobs 2 (compacted): 1,933,246,464 bytes of tables for a total
/// length of 174,003,110 = 11.1.
inline constexpr double kCompactedBytesPerLength = 11.1;

/// Block size of a compacted base, in bytes (glass's default is 8 KB): a search reads a block
/// for each term it opens, and a smaller one copies less. Full corpus, the same base compacted
/// again (1,396 MB at 8 KB and at 4 KB, 1,410 MB at 2 KB), dev queries, runs alternated: 8 KB
/// 2.95/2.69/2.66, 4 KB 2.57/2.43/2.65, 2 KB 2.61/2.48/2.69 ms/query; 16 KB slower than 8 KB.
inline constexpr unsigned kBaseBlockSize = 4096;

/// Indexes smaller than this are not compacted on their own (--compact still does): what it
/// would win is at most a few tens of MB, and a tiny index's tables are mostly fixed overhead.
inline constexpr std::uint64_t kMinAutoCompactBytes = 64ULL << 20;

/// The directory name of generation `n`'s base: "gen-000003".
std::string generation_name(unsigned n);

/// The databases of an index of one database.
struct LiveIndex {
    /// What bodo-index writes: DIR/delta-N, or (an index from before deltas) DIR/gen-N or DIR.
    std::string writable;
    /// The base DIR/gen-N when there is a delta (read-only, no term lists); else "".
    std::string base;
};

/// The databases of DIR (DIR itself when it is no generation index).
LiveIndex live_index(const std::string& dir);

/// The generation DIR's bodo.stub names; nothing when DIR is no generation index (a glass
/// database itself, empty, missing, sharded).
std::optional<unsigned> live_generation(const std::string& dir);

/// The database bodo-index writes in DIR: DIR/delta-N, DIR/gen-N, or DIR itself (live_index).
std::string live_database_path(const std::string& dir);

/// Deletes what a crash during a compaction left in DIR: generations the stub does not name,
/// a stub beside a database that was never switched, the tables of a database that was, and
/// an XAPIANDB that disagrees with bodo.stub. Call holding the index's lock (IndexDirLock).
void remove_generation_leftovers(const std::string& dir);

/// Bytes of a database's tables (its *.glass files).
std::uint64_t table_bytes(const std::string& db_dir);

/// Records (for the next commit) that `db` has just been compacted to `bytes` of tables.
void record_compaction(Xapian::WritableDatabase& db, std::uint64_t bytes);
/// The same for an index whose total length is `total_length` (a delta records its base's).
void record_compaction(Xapian::WritableDatabase& db, std::uint64_t bytes, Xapian::totallength total_length);

/// How far an index has grown past a compacted copy of itself.
struct Growth {
    std::uint64_t bytes = 0;            ///< its tables now
    std::uint64_t compacted_bytes = 0;  ///< estimated tables of a compacted copy
    bool recorded = false;              ///< estimated from its last compaction (else kCompactedBytesPerLength)
    double ratio() const { return compacted_bytes ? double(bytes) / double(compacted_bytes) : 1.0; }
};

/// Estimates the growth of the database `db` at `db_dir` without reading it: the size of its
/// table files against the size recorded at its last compaction, scaled by the total length
/// since (releases added, replaced or deleted change it in proportion to their postings and
/// positions). Costs a stat of each table and one metadata read.
Growth estimate_growth(const Xapian::Database& db, const std::string& db_dir);
/// The same for an index of several databases (a delta and its base, `db` both as one, the
/// delta first: its metadata holds the record).
Growth estimate_growth(const Xapian::Database& db, const std::vector<std::string>& db_dirs);

/// What a compaction did.
struct Compaction {
    std::uint64_t bytes_before = 0, bytes_after = 0;
    double seconds = 0;
    unsigned generation = 0;  ///< the new live generation
};

/// Compacts the live databases of DIR (base and delta, or DIR/gen-N or DIR itself), the
/// writable one open as `writer` (committed), into the base DIR/gen-N+1 with an empty delta
/// DIR/delta-N+1, and switches DIR to them (see the file comment). Closes `writer`.
/// Throws Xapian::Error or std::exception when compaction fails before the switch (disk full):
/// the index is then unchanged.
Compaction compact_generation(const std::string& dir, Xapian::WritableDatabase& writer);

/// Makes `base` (DIR/gen-N: a complete database, without term lists) the base of DIR
/// with a new empty delta DIR/delta-N that holds `metadata` and the record of a compaction to
/// `base_bytes`, and switches the stubs to them (an index that was a database at DIR itself:
/// then its version file goes). Returns the delta's path. The caller removes what DIR was
/// before. Throws std::exception or Xapian::Error before the switch.
std::string install_generation(const std::string& dir, unsigned generation,
                               const std::vector<std::pair<std::string, std::string>>& metadata,
                               std::uint64_t base_bytes);

/// Adds the version term (masks.h) to every document of `db` that lacks it (an index from
/// before masks), committing. Returns how many were changed.
std::uint64_t add_version_terms(Xapian::WritableDatabase& db);

/// Deletes the term lists of a compacted database (it opens read-only from then on).
void drop_termlist(const std::string& db_dir);

/// Deletes the databases `old` named in DIR (after a switch away from them).
void remove_databases(const std::string& dir, const LiveIndex& old);

/// One bodo-index at a time per index directory: an flock(2) on DIR, held while the object
/// lives, so that no second writer opens a generation that a compaction is switching away from.
/// A crash releases it. Throws IndexOpenError when another process holds it.
class IndexDirLock {
  public:
    explicit IndexDirLock(const std::string& dir);
    ~IndexDirLock();
    IndexDirLock(const IndexDirLock&) = delete;
    IndexDirLock& operator=(const IndexDirLock&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace bodo
