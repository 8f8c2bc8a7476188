#pragma once
/// @file
/// Generations of a one-database index: compaction into a new database and an atomic switch.
///
/// Xapian splits full B-tree blocks where an update goes, so a compacted index in nightly use
/// grows towards twice its size (bench/README.md). bodo-index compacts an index that has grown
/// past what a compacted copy would take (estimate_growth), or when asked (--compact), into a
/// new database beside the live one, and switches to it without moving the path users give:
///
///     DIR/bodo.stub      Xapian stub file naming the live generation: "glass gen-000003"
///     DIR/XAPIANDB       the same, under the name Xapian looks for (xapian-delve DIR, xapian-tcpsrv DIR)
///     DIR/gen-000003/    the live database
///
/// An index never compacted this way is a glass database at DIR itself, as bodo made before;
/// its first compaction gives it the layout above. Its DIR/iamglass goes last: until then
/// Xapian and bodo open DIR itself (a directory with iamglass is a database, whatever else it
/// holds).
///
/// The switch (compact_generation): compact into DIR/gen-N+1, record its size, sync it, rename a
/// new stub over DIR/bodo.stub and then DIR/XAPIANDB, rename the old generation to
/// gen-N.removing and delete it. A crash at any moment leaves bodo.stub naming a complete
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

/// Directory names of generations: gen-000001, gen-000002, …
inline constexpr const char* kGenerationPrefix = "gen-";

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

/// Bytes of a compacted index per unit of total length (the sum of the releases' term counts),
/// for an index that records no compaction (built with --jobs 1, or by an older bodo). Measured
/// on the full corpus built with --jobs 2 (compacted): 1,933,246,464 bytes of tables for a total
/// length of 174,003,110 = 11.1.
inline constexpr double kCompactedBytesPerLength = 11.1;

/// Indexes smaller than this are not compacted on their own (--compact still does): what it
/// would win is at most a few tens of MB, and a tiny index's tables are mostly fixed overhead.
inline constexpr std::uint64_t kMinAutoCompactBytes = 64ULL << 20;

/// The generation a stub's entries name ("glass gen-000003" alone → 3); nothing for any other
/// stub (shards, remote databases, a hand-written list).
std::optional<unsigned> generation_of(const std::vector<StubEntry>& entries);

/// The generation DIR's bodo.stub names; nothing when DIR is no generation index (a glass
/// database itself, empty, missing, sharded).
std::optional<unsigned> live_generation(const std::string& dir);

/// The database that holds DIR's releases: DIR/gen-N, or DIR itself.
std::string live_database_path(const std::string& dir);

/// Deletes what a crash during a compaction left in DIR: generations the stub does not name,
/// a stub beside a database that was never switched, the tables of a database that was, and
/// an XAPIANDB that disagrees with bodo.stub. Call holding the index's lock (IndexDirLock).
void remove_generation_leftovers(const std::string& dir);

/// Bytes of a database's tables (its *.glass files).
std::uint64_t table_bytes(const std::string& db_dir);

/// Records (for the next commit) that `db` has just been compacted to `bytes` of tables.
void record_compaction(Xapian::WritableDatabase& db, std::uint64_t bytes);

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

/// What a compaction did.
struct Compaction {
    std::uint64_t bytes_before = 0, bytes_after = 0;
    double seconds = 0;
    unsigned generation = 0;  ///< the new live generation
};

/// Compacts the live database of DIR (DIR/gen-N or DIR itself), open for writing as `writer`
/// (committed), into DIR/gen-N+1 and switches DIR to it (see the file comment). Closes `writer`.
/// Throws Xapian::Error or std::exception when compaction fails before the switch (disk full):
/// the index is then unchanged.
Compaction compact_generation(const std::string& dir, Xapian::WritableDatabase& writer);

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
