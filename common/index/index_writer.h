#pragma once
/// @file
/// Adds releases to an index: new ones added, changed ones replaced, unchanged ones skipped.

#include <cstdint>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "index/abbreviations.h"
#include "index/document_builder.h"
#include "readers/release.h"

namespace bodo {

/// Raised when the index cannot be opened for writing (locked by another writer, unreadable…).
class IndexOpenError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
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
class IndexWriter {
  public:
    enum class Outcome { Added, Replaced, Unchanged, Duplicate };

    /// Opens (creating if needed) the index at `path`. Throws IndexOpenError, with a clear
    /// message, when another process is writing to it.
    explicit IndexWriter(const std::string& path, std::uint32_t batch_size = 20000);
    /// Commits what is pending.
    ~IndexWriter();

    /// Adds or replaces one release (by id). A second release with an id already seen in this
    /// run is not indexed: Outcome::Duplicate, and `first_source` tells where the first came from.
    Outcome add(const Release& release, std::string* first_source = nullptr);

    /// Makes everything added so far durable.
    void commit();

    const IndexCounts& counts() const { return counts_; }
    Xapian::WritableDatabase& database() { return db_; }

  private:
    Xapian::WritableDatabase db_;
    DocumentBuilder builder_;
    std::uint32_t batch_size_;
    std::uint32_t pending_ = 0;
    IndexCounts counts_;
    std::unordered_map<std::string, std::string> seen_;  ///< id → "source:line" in this run
    AbbreviationTable abbreviations_;  ///< Definitions seen in this run, merged into the metadata on commit.
};

}  // namespace bodo
