#include "index/generations.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "index/index_writer.h"
#include "schema/lexicon.h"
#include "schema/masks.h"
#include "schema/schema.h"

namespace bodo {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRemovingSuffix = ".removing";

/// "gen-000003" → 3; nothing for any other name.
std::optional<unsigned> generation_number(std::string_view name) { return numbered(name, kGenerationPrefix); }

std::string delta_name(unsigned n) { return fmt::format("{}{:06d}", kDeltaPrefix, n); }

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

constexpr const char* kStubComment =
    "bodo index: the live generation of this index, its delta first (written by bodo-index, which compacts the "
    "index into a new generation and switches this file to it)";

void write_stubs(const fs::path& dir, const std::vector<StubEntry>& entries) {
    bodo::write_stub((dir / kStubFileName).string(), entries, kStubComment);
    bodo::write_stub((dir / kXapianStubFileName).string(), entries, kStubComment);
}

void write_generation_stubs(const fs::path& dir, unsigned generation) {
    write_stubs(dir, {{StubEntry::Kind::Glass, delta_name(generation), "", 0, "", ""},
                      {StubEntry::Kind::Glass, generation_name(generation), "", 0, "", ""}});
}

/// The entries of DIR's bodo.stub (or XAPIANDB) when it names a generation; else nothing.
std::optional<std::vector<StubEntry>> generation_stub(const fs::path& d) {
    std::error_code ec;
    for (const char* name : {kStubFileName, kXapianStubFileName}) {
        const fs::path stub = d / name;
        if (!fs::is_regular_file(stub, ec)) continue;
        try {
            std::vector<StubEntry> entries = read_stub(stub.string());
            if (generation_of(entries)) return entries;
        } catch (const StubError&) {
        }
        return std::nullopt;
    }
    return std::nullopt;
}

/// Removes the database files (and what bodo keeps beside them) of the database at DIR itself.
void remove_plain_database(const fs::path& d) {
    std::error_code ec;
    for (auto it = fs::directory_iterator(d, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::error_code type_error;
        if (it->is_regular_file(type_error) && is_database_file(it->path().filename().string()))
            fs::remove(it->path(), type_error);
    }
    for (const char* name : {Lexicon::kFileName, Lexicon::kAddedFileName}) fs::remove(d / name, ec);
}

}  // namespace

std::string generation_name(unsigned n) { return fmt::format("{}{:06d}", kGenerationPrefix, n); }

std::optional<unsigned> live_generation(const std::string& dir) {
    const fs::path d(dir);
    std::error_code ec;
    if (!fs::is_directory(d, ec) || is_plain_database(d)) return std::nullopt;
    const auto entries = generation_stub(d);
    return entries ? generation_of(*entries) : std::nullopt;
}

LiveIndex live_index(const std::string& dir) {
    const fs::path d(dir);
    std::error_code ec;
    if (!fs::is_directory(d, ec) || is_plain_database(d)) return {dir, ""};
    const auto entries = generation_stub(d);
    if (!entries) return {dir, ""};
    if (entries->size() == 1) return {(d / entries->front().path).string(), ""};
    return {(d / entries->front().path).string(), (d / entries->back().path).string()};
}

std::string live_database_path(const std::string& dir) { return live_index(dir).writable; }

void remove_generation_leftovers(const std::string& dir) {
    const fs::path d(dir);
    std::error_code ec;
    if (!fs::is_directory(d, ec)) return;
    const bool plain = is_plain_database(d);
    std::vector<StubEntry> live;
    if (!plain) {
        const auto entries = generation_stub(d);
        if (!entries) return;  // empty, sharded, or no index of bodo's: nothing of ours to tidy
        live = *entries;
    }
    const auto is_live = [&](const std::string& name) {
        return std::any_of(live.begin(), live.end(), [&](const StubEntry& e) { return e.path == name; });
    };
    std::vector<fs::path> doomed_dirs, doomed_files;
    for (auto it = fs::directory_iterator(d, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code type_error;
        if (it->is_directory(type_error)) {
            const std::string stem =
                name.ends_with(kRemovingSuffix) ? name.substr(0, name.size() - std::strlen(kRemovingSuffix)) : name;
            const bool ours = generation_number(stem) || numbered(stem, kDeltaPrefix);
            if (ours && (plain || !is_live(stem) || stem != name)) doomed_dirs.push_back(it->path());
        } else if (!plain && (is_database_file(name) || (name.starts_with("bodo.") && name != kStubFileName) ||
                              name.starts_with(std::string(kXapianStubFileName) + ".tmp"))) {
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
        std::vector<StubEntry> xapian;
        try {
            if (fs::is_regular_file(d / kXapianStubFileName, ec)) xapian = read_stub((d / kXapianStubFileName).string());
        } catch (const StubError&) {
        }
        const bool same = xapian.size() == live.size() &&
                          std::equal(live.begin(), live.end(), xapian.begin(),
                                     [](const StubEntry& a, const StubEntry& b) { return a.line() == b.line(); });
        if (!same) bodo::write_stub((d / kXapianStubFileName).string(), live, kStubComment);
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
    record_compaction(db, bytes, db.get_total_length());
}

void record_compaction(Xapian::WritableDatabase& db, std::uint64_t bytes, Xapian::totallength total_length) {
    db.set_metadata(kCompactionKey, fmt::format("{} {}", bytes, total_length));
}

Growth estimate_growth(const Xapian::Database& db, const std::string& db_dir) {
    return estimate_growth(db, std::vector<std::string>{db_dir});
}

Growth estimate_growth(const Xapian::Database& db, const std::vector<std::string>& db_dirs) {
    Growth g;
    for (const std::string& dir : db_dirs) g.bytes += table_bytes(dir);
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

void drop_termlist(const std::string& db_dir) {
    std::error_code ec;
    fs::remove(fs::path(db_dir) / "termlist.glass", ec);
    if (ec) throw std::runtime_error("cannot remove " + db_dir + "/termlist.glass: " + ec.message());
}

std::uint64_t add_version_terms(Xapian::WritableDatabase& db) {
    std::vector<bool> has(std::size_t(db.get_lastdocid()) + 1);
    const std::string xv = boolean_term(Field::Version, "");
    for (auto t = db.allterms_begin(xv); t != db.allterms_end(xv); ++t)
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) has[*p] = true;
    std::uint64_t changed = 0;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        if (has[*p]) continue;
        Xapian::Document doc = db.get_document(*p);
        const std::string term = Masks::version_of(doc);
        if (term.empty()) continue;  // not a release of ours
        doc.add_boolean_term(term);
        db.replace_document(*p, doc);
        if (++changed % 2000 == 0) db.commit();
    }
    db.commit();
    return changed;
}

std::string install_generation(const std::string& dir, unsigned generation,
                               const std::vector<std::pair<std::string, std::string>>& metadata,
                               std::uint64_t base_bytes) {
    const fs::path d(dir);
    const bool plain = is_plain_database(d);
    const fs::path base = d / generation_name(generation), delta = d / delta_name(generation);
    sync_database(base);
    std::error_code ec;
    fs::remove_all(delta, ec);
    {
        const Xapian::Database built(base.string(), Xapian::DB_BACKEND_GLASS);
        Xapian::WritableDatabase w(delta.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
        for (const auto& [key, value] : metadata)
            if (key != kCompactionKey && !value.empty()) w.set_metadata(key, value);
        w.commit();
        // The empty delta's tables count too (a few blocks: they matter for a small index only).
        record_compaction(w, base_bytes + table_bytes(delta.string()), built.get_total_length());
        w.commit();
        Lexicon::write(w, delta.string());  // none: the searchers combine it with the base's
    }
    sync_database(delta);

    // The switch: bodo.stub (what bodo reads first), then XAPIANDB; an index that was a
    // database itself switches when its version file goes.
    write_generation_stubs(d, generation);
    if (plain) {
        if (::unlink((d / "iamglass").c_str()) != 0 && errno != ENOENT)
            throw std::runtime_error(fmt::format("cannot remove {}: {}", (d / "iamglass").string(), std::strerror(errno)));
        sync_path(d, true);
    }
    return delta.string();
}

void remove_databases(const std::string& dir, const LiveIndex& old) {
    if (fs::path(old.writable) == fs::path(dir)) {
        remove_plain_database(dir);
        return;
    }
    remove_database_dir(old.writable);
    if (!old.base.empty()) remove_database_dir(old.base);
}

Compaction compact_generation(const std::string& dir, Xapian::WritableDatabase& writer) {
    const auto t0 = std::chrono::steady_clock::now();
    const fs::path d(dir);
    const std::optional<unsigned> current = live_generation(dir);
    const LiveIndex live = live_index(dir);
    Compaction result;
    result.generation = current ? *current + 1 : 1;
    const fs::path next = d / generation_name(result.generation);
    result.bytes_before = table_bytes(live.writable) + (live.base.empty() ? 0 : table_bytes(live.base));

    // An index from before masks: every document needs its version term before it goes into a
    // base that can no longer change.
    if (live.base.empty()) add_version_terms(writer);

    // 1. The new base: a database nobody names yet (a crash leaves it to the next run to delete).
    std::error_code ec;
    fs::remove_all(next, ec);
    {
        Xapian::Database sources;
        if (!live.base.empty()) sources.add_database(Xapian::Database(live.base, Xapian::DB_BACKEND_GLASS));
        sources.add_database(Xapian::Database(live.writable, Xapian::DB_BACKEND_GLASS));
        // One database keeps its document ids; a base and its delta both count from 1, so the
        // delta's follow the base's (the base's stay as they were).
        const unsigned renumber = live.base.empty() ? Xapian::DBCOMPACT_NO_RENUMBER : 0;
        sources.compact(next.string(), Xapian::Compactor::FULL | renumber, kBaseBlockSize);
    }
    if (writer.get_metadata(kTermlistsKey).empty()) drop_termlist(next.string());
    result.bytes_after = table_bytes(next.string());
    Lexicon::write(Xapian::Database(next.string(), Xapian::DB_BACKEND_GLASS), next.string());

    // 2. Its delta, with the metadata of the index (the writable database's: the delta keeps a
    // copy of the base's, with the masks), and the switch.
    std::vector<std::pair<std::string, std::string>> metadata;
    for (auto k = writer.metadata_keys_begin(); k != writer.metadata_keys_end(); ++k)
        metadata.emplace_back(*k, writer.get_metadata(*k));
    install_generation(dir, result.generation, metadata, result.bytes_after);

    // 3. The old databases, now named by nothing.
    writer.close();
    remove_databases(dir, live);
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
