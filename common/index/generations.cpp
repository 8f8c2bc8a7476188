#include "index/generations.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "index/index_writer.h"
#include "schema/lexicon.h"

namespace bodo {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRemovingSuffix = ".removing";

/// "gen-000003" → 3; nothing for any other name.
std::optional<unsigned> generation_number(std::string_view name) {
    const std::string_view prefix = kGenerationPrefix;
    if (name.size() <= prefix.size() || name.size() > prefix.size() + 9 || name.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    unsigned n = 0;
    for (char c : name.substr(prefix.size())) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + unsigned(c - '0');
    }
    return n;
}

std::string generation_name(unsigned n) { return fmt::format("{}{:06d}", kGenerationPrefix, n); }

bool is_plain_database(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec);
}

/// Files of a glass database (tables, version file, lock, replication changesets).
bool is_database_file(const std::string& name) {
    return name.ends_with(".glass") || name == "iamglass" || name == "flintlock" || name.starts_with("changes");
}

void sync_path(const fs::path& path, bool directory) {
    const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

/// Makes a finished database durable before a stub names it: its files, then the directory.
void sync_database(const fs::path& dir) {
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec)) sync_path(it->path(), false);
    sync_path(dir, true);
}

/// Deletes a directory tree: renamed first, in one step, so that nothing opening it by name
/// (a searcher's Xapian::Database::reopen) sees part of its files.
void remove_database_dir(const fs::path& dir) {
    std::error_code ec;
    fs::path doomed = dir;
    if (!dir.filename().string().ends_with(kRemovingSuffix)) {
        doomed = dir.string() + kRemovingSuffix;
        fs::remove_all(doomed, ec);
        fs::rename(dir, doomed, ec);
        if (ec) doomed = dir;
    }
    fs::remove_all(doomed, ec);
}

void write_generation_stubs(const fs::path& dir, unsigned generation) {
    const std::vector<StubEntry> entries{{StubEntry::Kind::Glass, generation_name(generation), "", 0, "", ""}};
    const std::string comment =
        "bodo index: the live generation of this index (written by bodo-index, which compacts the index into a new "
        "generation and switches this file to it)";
    bodo::write_stub((dir / kStubFileName).string(), entries, comment);
    bodo::write_stub((dir / kXapianStubFileName).string(), entries, comment);
}

}  // namespace

std::optional<unsigned> generation_of(const std::vector<StubEntry>& entries) {
    if (entries.size() != 1) return std::nullopt;
    const StubEntry& e = entries.front();
    if (e.kind != StubEntry::Kind::Glass && e.kind != StubEntry::Kind::Auto) return std::nullopt;
    return generation_number(e.path);
}

std::optional<unsigned> live_generation(const std::string& dir) {
    const fs::path d(dir);
    std::error_code ec;
    if (!fs::is_directory(d, ec) || is_plain_database(d)) return std::nullopt;
    for (const char* name : {kStubFileName, kXapianStubFileName}) {
        const fs::path stub = d / name;
        if (!fs::is_regular_file(stub, ec)) continue;
        try {
            return generation_of(read_stub(stub.string()));
        } catch (const StubError&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::string live_database_path(const std::string& dir) {
    if (const auto g = live_generation(dir)) return (fs::path(dir) / generation_name(*g)).string();
    return dir;
}

void remove_generation_leftovers(const std::string& dir) {
    const fs::path d(dir);
    std::error_code ec;
    if (!fs::is_directory(d, ec)) return;
    const bool plain = is_plain_database(d);
    unsigned live = 0;
    if (!plain) {
        const std::optional<unsigned> g = live_generation(dir);
        if (!g) return;  // empty, sharded, or no index of bodo's: nothing of ours to tidy
        live = *g;
    }
    std::vector<fs::path> doomed_dirs, doomed_files;
    for (auto it = fs::directory_iterator(d, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code type_error;
        if (it->is_directory(type_error)) {
            const std::string stem =
                name.ends_with(kRemovingSuffix) ? name.substr(0, name.size() - std::strlen(kRemovingSuffix)) : name;
            const auto n = generation_number(stem);
            if (n && (plain || *n != live || stem != name)) doomed_dirs.push_back(it->path());
        } else if (!plain && (is_database_file(name) || (name.starts_with("bodo.") && name != kStubFileName))) {
            // The tables of the database this index was before its first switch, and what bodo
            // keeps beside a database's tables (now in the generation), or a stub's temporary file.
            doomed_files.push_back(it->path());
        } else if (name.starts_with(std::string(kStubFileName) + ".tmp.") ||
                   name.starts_with(std::string(kXapianStubFileName) + ".tmp.")) {
            // A stub's temporary file (write_stub) from a run killed before its rename.
            doomed_files.push_back(it->path());
        }
    }
    if (plain) {
        // A compaction that did not reach the switch: its stubs name a generation nobody opens.
        for (const char* name : {kStubFileName, kXapianStubFileName}) {
            const fs::path stub = d / name;
            try {
                if (fs::is_regular_file(stub, ec) && generation_of(read_stub(stub.string()))) fs::remove(stub, ec);
            } catch (const StubError&) {
            }
        }
    } else {
        // Crashed between the two renames: Xapian's name must agree with bodo's.
        unsigned xapian = 0;
        try {
            if (fs::is_regular_file(d / kXapianStubFileName, ec))
                xapian = generation_of(read_stub((d / kXapianStubFileName).string())).value_or(0);
        } catch (const StubError&) {
        }
        if (xapian != live) write_generation_stubs(d, live);
    }
    for (const auto& f : doomed_files) fs::remove(f, ec);
    for (const auto& p : doomed_dirs) remove_database_dir(p);
}

std::uint64_t table_bytes(const std::string& db_dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::directory_iterator(db_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (!it->path().filename().string().ends_with(".glass")) continue;
        std::error_code size_error;
        const auto n = it->file_size(size_error);
        if (!size_error) total += n;
    }
    return total;
}

void record_compaction(Xapian::WritableDatabase& db, std::uint64_t bytes) {
    db.set_metadata(kCompactionKey, fmt::format("{} {}", bytes, db.get_total_length()));
}

Growth estimate_growth(const Xapian::Database& db, const std::string& db_dir) {
    Growth g;
    g.bytes = table_bytes(db_dir);
    const double length = double(db.get_total_length());
    std::istringstream record(db.get_metadata(kCompactionKey));
    std::uint64_t bytes = 0, recorded_length = 0;
    if ((record >> bytes >> recorded_length) && bytes > 0 && recorded_length > 0) {
        g.recorded = true;
        g.compacted_bytes = std::uint64_t(double(bytes) * length / double(recorded_length));
    } else {
        g.compacted_bytes = std::uint64_t(kCompactedBytesPerLength * length);
    }
    return g;
}

Compaction compact_generation(const std::string& dir, Xapian::WritableDatabase& writer) {
    const auto t0 = std::chrono::steady_clock::now();
    const fs::path d(dir);
    const std::optional<unsigned> current = live_generation(dir);
    const fs::path live = current ? d / generation_name(*current) : d;
    Compaction result;
    result.generation = current ? *current + 1 : 1;
    const fs::path next = d / generation_name(result.generation);
    result.bytes_before = table_bytes(live.string());

    // 1. The copy: a database nobody names yet (a crash leaves it to the next run to delete).
    std::error_code ec;
    fs::remove_all(next, ec);
    Xapian::Database(live.string(), Xapian::DB_BACKEND_GLASS)
        .compact(next.string(), Xapian::Compactor::FULL | Xapian::DBCOMPACT_NO_RENUMBER);
    {
        Xapian::WritableDatabase copy(next.string(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
        result.bytes_after = table_bytes(next.string());
        record_compaction(copy, result.bytes_after);
        copy.commit();
        Lexicon::write(copy, next.string());  // its words, for the searchers that switch to it
    }
    sync_database(next);

    // 2. The switch: bodo.stub (what bodo reads first), then XAPIANDB; an index that was a
    // database itself switches when its version file goes.
    write_generation_stubs(d, result.generation);
    if (!current) {
        if (::unlink((d / "iamglass").c_str()) != 0 && errno != ENOENT)
            throw std::runtime_error(fmt::format("cannot remove {}: {}", (d / "iamglass").string(), std::strerror(errno)));
        sync_path(d, true);
    }

    // 3. The old database, now named by nothing.
    writer.close();
    if (current) {
        remove_database_dir(live);
    } else {
        for (auto it = fs::directory_iterator(d, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
            std::error_code type_error;
            if (it->is_regular_file(type_error) && is_database_file(it->path().filename().string()))
                fs::remove(it->path(), type_error);
        }
        for (const char* name : {Lexicon::kFileName, Lexicon::kAddedFileName}) fs::remove(d / name, ec);
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

IndexDirLock::IndexDirLock(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) return;  // not a directory (a file, say): opening the database says what is wrong
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd_);
        fd_ = -1;
        if (err == EWOULDBLOCK) throw IndexOpenError("index " + dir + " is locked: another bodo-index is writing to it");
        throw IndexOpenError("cannot lock index " + dir + ": " + std::strerror(err));
    }
}

IndexDirLock::~IndexDirLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace bodo
