#pragma once
/// @file
/// Xapian stub database files: a text file listing the databases that make up one index.
///
/// One database per line, in Xapian's own format (so that xapian-delve, xapian-tcpsrv and any
/// Xapian program can open the same file):
///
///     # comment
///     glass shard-00                 a glass database; relative paths are relative to the stub
///     auto /srv/bodo/y2020           any local database (or another stub)
///     remote 10.0.0.5:33333          a remote database behind xapian-tcpsrv (Xapian's form)
///     remote :xapian-progsrv ARGS    a remote database served by a program on stdin/stdout
///
/// bodo also reads `remote tcp HOST PORT` as another way to write `remote HOST:PORT` (Xapian
/// itself does not: a stub using it is bodo's alone).

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bodo {

/// The stub file bodo-index writes into a sharded index directory.
inline constexpr const char* kStubFileName = "bodo.stub";
/// The same list under the name by which Xapian itself opens a directory as a stub.
inline constexpr const char* kXapianStubFileName = "XAPIANDB";

/// Raised for a stub file that cannot be read or has a line bodo does not understand.
class StubError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// One database listed in a stub file.
struct StubEntry {
    enum class Kind { Auto, Glass, RemoteTcp, RemoteProgram };
    Kind kind = Kind::Glass;
    std::string path;     ///< Auto, Glass: as written in the file (may be relative).
    std::string host;     ///< RemoteTcp.
    unsigned port = 0;    ///< RemoteTcp.
    std::string program;  ///< RemoteProgram.
    std::string args;     ///< RemoteProgram.

    /// How messages name this database: the path as written, "HOST:PORT" or the program.
    std::string name() const;
    /// A database on this machine (Glass, Auto), not a remote one.
    bool local() const { return kind == Kind::Glass || kind == Kind::Auto; }
    /// The line for a stub file, in Xapian's format.
    std::string line() const;
    /// The path resolved against the stub file's directory (Auto, Glass).
    std::string resolved_path(const std::string& stub_file) const;
};

/// Reads a stub file. Throws StubError ("FILE:LINE: ...") on a line it cannot parse, or when
/// the file cannot be read.
std::vector<StubEntry> read_stub(const std::string& stub_file);

/// Writes a stub file atomically (a temporary file renamed over it), so that a searcher opening
/// it at the same time sees the old list or the new one. Throws StubError.
void write_stub(const std::string& stub_file, const std::vector<StubEntry>& entries, const std::string& comment = "");

/// The stub file that `db_path` names: `db_path` itself when it is a stub file (a text file, not
/// a single-file database), `db_path/bodo.stub` (or `db_path/XAPIANDB`) when it is a directory
/// holding one; else nothing.
std::optional<std::string> find_stub(const std::string& db_path);

// The generation layout of one index (index/generations.h writes it; searchers read it).

/// Directory names of generations: gen-000001, gen-000002, …
inline constexpr const char* kGenerationPrefix = "gen-";
/// Directory names of the deltas beside them: delta-000001, …
inline constexpr const char* kDeltaPrefix = "delta-";

/// The number of a directory named `prefix` and up to nine digits ("gen-000003" → 3); nothing
/// for any other name.
std::optional<unsigned> numbered(std::string_view name, std::string_view prefix);

/// The generation a stub's entries name ("glass delta-000003" + "glass gen-000003", or
/// "glass gen-000003" alone → 3); nothing for any other stub (shards, remote databases, a
/// hand-written list).
std::optional<unsigned> generation_of(const std::vector<StubEntry>& entries);

}  // namespace bodo
