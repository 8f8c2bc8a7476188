#pragma once
/// @file
/// --prune: deleting the releases whose source files are gone.
///
/// Every document carries the filter term XP<source> (schema.h, Field::Source), where the source
/// is the path the release was read from as the input named it: "corpus/msit-archive/…/x.md",
/// "archive.tar.zst:member/path", or a JSON Lines file's path for every record in it. A run
/// with --prune deletes the documents whose source lies under one of that run's inputs but
/// which were not read in that run: files deleted since, records dropped from a JSON Lines
/// file, members gone from an archive.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace bodo {

/// The sources one input of a run covers.
class PruneScope {
  public:
    /// A directory input: every source under it. `dir` as the input named it ("corpus",
    /// "corpus/", "./corpus"); sources are under dir + "/".
    static PruneScope directory(std::string dir);
    /// A file input (JSON Lines, Markdown, text, archive): the file itself and, for an archive,
    /// its members "file:member".
    static PruneScope file(std::string path);

    /// Whether a release read from `source` lies in this scope.
    bool contains(std::string_view source) const;

    /// What the scope was made from ("corpus/", "a.jsonl").
    const std::string& name() const { return name_; }

  private:
    friend std::vector<Xapian::docid> find_pruned(const Xapian::Database&, const std::vector<PruneScope>&,
                                                  const std::function<bool(Xapian::docid)>&);
    bool is_directory_ = false;
    std::string name_;    ///< as given
    std::string prefix_;  ///< dir + "/" for a directory, the path for a file
};

/// Deletes every document whose source lies in one of `scopes` and for which `keep(docid)` is
/// false (IndexWriter passes "was read in this run"). Does not commit. Returns the number
/// deleted. Reads only the XP terms' posting lists, and a document's data only when its source
/// term was shortened (sources over 200 bytes are stored hashed, see boolean_term).
std::uint64_t prune_documents(Xapian::WritableDatabase& db, const std::vector<PruneScope>& scopes,
                              const std::function<bool(Xapian::docid)>& keep);

/// The documents prune_documents would delete, in order, without deleting them (a base that
/// cannot be written masks them instead; masks.h).
std::vector<Xapian::docid> find_pruned(const Xapian::Database& db, const std::vector<PruneScope>& scopes,
                                       const std::function<bool(Xapian::docid)>& keep);

}  // namespace bodo
