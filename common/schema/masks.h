#pragma once
/// @file
/// Masks: releases hidden in a base database that cannot be written (generations.h).
///
/// An index of one database is a large base, compacted and without term lists (Xapian cannot
/// delete or replace a document of such a database), and a small writable delta. A release of
/// the base that is replaced or pruned stays in the base, masked: every document carries its
/// version term XV<fingerprint> (schema.h, Field::Version; the fingerprint hashes the id and
/// the content, so the term names one version of one release), and the delta's metadata lists
/// the version terms of the masked documents. Searches exclude them: in local glass databases by
/// document id (MaskedDocuments, a PostingSource ANDed out), through a remote server with an
/// ordinary query, `query AND_NOT OR(masked terms)` (Masks::apply), which a stock xapian-tcpsrv
/// runs as well. Compaction cannot drop a document either:
/// the masked ones stay in the next base, and so do their masks, as Lucene keeps deletions
/// beside immutable segments.
///
/// The delta comes first in the index's stub, so that Xapian::Database::get_metadata on the
/// combined database (which reads the first database only, locally and through xapian-tcpsrv)
/// reads the delta's: its masks, and its copy of the base's other metadata.

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace bodo {

/// Metadata key of the delta: the masked version terms, one a line, sorted.
inline constexpr const char* kMasksKey = "bodo:masked";

/// The version terms of masked documents.
class Masks {
  public:
    /// The masks kept in `db`'s metadata (the first database's, for a combined one).
    static Masks read(const Xapian::Database& db);
    /// The masks from their metadata text.
    static Masks parse(std::string_view text);
    /// The metadata text ("" when there are none).
    std::string serialize() const;

    /// The version term of the document with this fingerprint value.
    static std::string version_term(std::string_view fingerprint);
    /// The version term of a document (from its fingerprint value; "" when it has none).
    static std::string version_of(const Xapian::Document& doc);

    bool empty() const { return terms_.empty(); }
    std::size_t size() const { return terms_.size(); }
    bool contains(const std::string& term) const { return terms_.count(term) > 0; }
    /// Whether this document is masked.
    bool masks(const Xapian::Document& doc) const { return !terms_.empty() && contains(version_of(doc)); }
    /// Adds a mask; false when it was there.
    bool add(const std::string& term) { return terms_.insert(term).second; }
    /// Removes a mask; false when it was not there.
    bool remove(const std::string& term) { return terms_.erase(term) > 0; }
    void merge(const Masks& other) { terms_.insert(other.terms_.begin(), other.terms_.end()); }

    /// `query` without the masked documents (`query` itself when nothing is masked).
    Xapian::Query apply(const Xapian::Query& query) const;

  private:
    friend class MaskedDocuments;
    std::set<std::string> terms_;
};

/// The masked documents of local glass databases, by each database's UUID: their document ids,
/// sorted. The same masks as a query that needs no posting list per mask: ANDed out as a
/// PostingSource, they cost a binary search per candidate instead of opening one posting list
/// for each masked release in every query (measured on the 21k subset, dev queries: 5,000
/// masks as terms took about 130 ms a query more, 1,000 about 5-20 ms). A PostingSource does not
/// run on a remote server: with a remote database, Masks::apply it is.
class MaskedDocuments {
  public:
    /// Looks up the document of every mask in each of `databases` (each one glass database).
    /// Throws Xapian::Error (a database that tells no UUID: use Masks::apply).
    MaskedDocuments(const Masks& masks, const std::vector<Xapian::Database>& databases);

    /// `query` without the masked documents.
    Xapian::Query apply(const Xapian::Query& query) const;

    using Table = std::map<std::string, std::vector<Xapian::docid>>;

  private:
    std::shared_ptr<const Table> table_;
};

}  // namespace bodo
