#include "search/shard_set.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>

#include "schema/stored_release.h"

namespace bodo {

namespace {

/// Times the databases are opened again when the stub changes while they are opened.
constexpr int kSwitchRetries = 5;

/// The zstd dictionaries of a database's stored releases, for decode_release (stored_release.h).
void register_dictionaries(const Xapian::Database& db) {
    try {
        register_release_dictionaries(db);
    } catch (const Xapian::UnimplementedError&) {
        // a remote server that cannot list metadata keys: its releases say so when decoded
    }
}

}  // namespace

ShardSet::ShardSet(const std::string& path, const ShardOptions& options) : path_(path), options_(options) {
    for (int attempt = 0;; ++attempt) {
        identity_ = identify(path_);
        try {
            open_path();
            return;
        } catch (...) {
            // bodo-index switched generations (and removed the one the stub named) meanwhile.
            if (attempt >= kSwitchRetries || identify(path_) == identity_) throw;
        }
    }
}

ShardSet::Identity ShardSet::identify(const std::string& path) {
    const auto stub = find_stub(path);
    if (!stub) return {};
    return identify_file(*stub);
}

ShardSet::Identity ShardSet::identify_file(const std::string& file) {
    Identity id;
    id.stub = file;
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0) {
        id.dev = st.st_dev;
        id.ino = st.st_ino;
        id.size = static_cast<std::uint64_t>(st.st_size);
        id.mtime_ns = std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    }
    return id;
}

bool ShardSet::switched() {
    // The delta left out as empty has been written to (its version file is replaced at each commit).
    if (!idle_delta_.empty() && identify_file(idle_delta_ + "/iamglass") != idle_delta_version_) return true;
    Identity now = identify(path_);
    if (now == identity_) return false;
    if (now.stub.empty() || now.stub != identity_.stub || stub_file_.empty()) return true;
    // The same stub file rewritten (bodo-index writes a sharded index's stub on every run):
    // a switch only when it lists other databases.
    try {
        const std::vector<StubEntry> entries = read_stub(now.stub);
        const bool same = entries.size() == entries_.size() &&
                          std::equal(entries.begin(), entries.end(), entries_.begin(),
                                     [](const StubEntry& a, const StubEntry& b) { return a.line() == b.line(); });
        if (!same) return true;
    } catch (const StubError&) {
        return true;
    }
    identity_ = now;
    return false;
}

bool ShardSet::reload_if_switched() {
    if (!switched()) return false;
    *this = ShardSet(path_, options_);
    return true;
}

void ShardSet::open_path() {
    open_.clear();
    entries_.clear();
    stub_file_.clear();
    const auto stub = find_stub(path_);
    if (!stub) {
        combined_ = Xapian::Database(path_);
        open_.push_back(combined_);
        register_dictionaries(combined_);
        read_masks();
        return;
    }
    stub_file_ = *stub;
    try {
        entries_ = read_stub(stub_file_);
    } catch (const StubError& e) {
        throw ShardUnavailable(e.what());
    }
    open_all();
}

Xapian::Database ShardSet::open_entry(const StubEntry& e) const {
    const double secs = options_.timeout_seconds > 0 ? options_.timeout_seconds : 0.0;
    const auto ms = static_cast<useconds_t>(std::lround(secs * 1000.0));
    switch (e.kind) {
        case StubEntry::Kind::Glass: return Xapian::Database(e.resolved_path(stub_file_), Xapian::DB_BACKEND_GLASS);
        case StubEntry::Kind::Auto: return Xapian::Database(e.resolved_path(stub_file_));
        case StubEntry::Kind::RemoteTcp: return Xapian::Remote::open(e.host, e.port, ms, ms);
        case StubEntry::Kind::RemoteProgram: return Xapian::Remote::open(e.program, e.args, ms);
    }
    throw ShardUnavailable("unknown shard type");
}

void ShardSet::open_all() {
    open_.clear();
    missing_.clear();
    combined_ = Xapian::Database();
    remote_ = false;
    idle_delta_.clear();
    const bool generation = generation_of(entries_).has_value() && entries_.size() == 2;
    std::string errors;
    for (const StubEntry& e : entries_) {
        try {
            const bool delta = generation && &e == &entries_.front();
            const Identity version = delta ? identify_file(e.resolved_path(stub_file_) + "/iamglass") : Identity{};
            Xapian::Database db = open_entry(e);
            register_dictionaries(db);
            if (delta && db.get_doccount() == 0) {
                // An empty delta (a fresh build, a compaction just done): searching the base alone
                // gives the same answers, as fast as one database.
                idle_delta_ = e.resolved_path(stub_file_);
                idle_delta_version_ = version;
            } else {
                combined_.add_database(db);
            }
            open_.push_back(std::move(db));
            if (!e.local()) remote_ = true;
        } catch (const Xapian::Error& err) {
            const std::string why = "shard " + e.name() + " (" + stub_file_ + ") unavailable: " + err.get_description();
            if (!options_.allow_partial)
                throw ShardUnavailable(why, true);
            errors += (errors.empty() ? "" : "; ") + why;
            missing_.push_back(e.name());
        }
    }
    if (open_.empty() && !entries_.empty())
        throw ShardUnavailable("no shard of " + stub_file_ + " could be opened: " + errors);
    read_masks();
}

void ShardSet::read_masks() {
    masks_ = Masks();
    masked_documents_.reset();
    // A generation's base holds a copy of the masks of its last compaction, which a later run may
    // have changed: the delta's are the index's.
    if (!open_.empty() && generation_of(entries_)) {
        masks_ = Masks::read(open_.front());
    } else {
        for (const Xapian::Database& db : open_) masks_.merge(Masks::read(db));
    }
    if (masks_.empty()) return;
    // Each database one glass database (Xapian gives a combined one's parts their own UUIDs).
    const bool glass = std::all_of(entries_.begin(), entries_.end(),
                                   [](const StubEntry& e) { return e.kind == StubEntry::Kind::Glass; });
    if (!glass || remote_) return;
    try {
        masked_documents_.emplace(masks_, open_);
    } catch (const Xapian::Error&) {
        masked_documents_.reset();  // by their terms, then
    }
}

Xapian::Query ShardSet::without_masked(const Xapian::Query& query) const {
    if (masks_.empty()) return query;
    return masked_documents_ ? masked_documents_->apply(query) : masks_.apply(query);
}

bool ShardSet::recover(const Xapian::Error& error) {
    if (!sharded()) return false;
    // The connections of the shards that did answer may be mid-conversation: start afresh.
    try {
        open_all();
    } catch (const ShardUnavailable& e) {
        throw ShardUnavailable(std::string(e.what()) + " [the search failed with: " + error.get_description() + "]",
                               e.others_could_answer());
    }
    return true;
}

std::vector<std::string> ShardSet::local_paths() const {
    if (stub_file_.empty()) return {path_};
    std::vector<std::string> out;
    for (const StubEntry& e : entries_) {
        if (std::find(missing_.begin(), missing_.end(), e.name()) != missing_.end()) continue;
        const bool local = e.local();
        if (local && !idle_delta_.empty() && e.resolved_path(stub_file_) == idle_delta_) continue;  // no words
        out.push_back(local ? e.resolved_path(stub_file_) : std::string());
    }
    return out;
}

}  // namespace bodo
