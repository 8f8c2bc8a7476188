#include "search/shard_set.h"

#include <cmath>

namespace bodo {

ShardSet::ShardSet(const std::string& path, const ShardOptions& options) : options_(options) {
    const auto stub = find_stub(path);
    if (!stub) {
        combined_ = Xapian::Database(path);
        open_.push_back(combined_);
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
    std::string errors;
    for (const StubEntry& e : entries_) {
        try {
            Xapian::Database db = open_entry(e);
            combined_.add_database(db);
            open_.push_back(std::move(db));
            if (e.kind == StubEntry::Kind::RemoteTcp || e.kind == StubEntry::Kind::RemoteProgram) remote_ = true;
        } catch (const Xapian::Error& err) {
            const std::string why = "shard " + e.name() + " (" + stub_file_ + ") unavailable: " + err.get_description();
            if (!options_.allow_partial)
                throw ShardUnavailable(why + " (--allow-partial answers from the other shards)");
            errors += (errors.empty() ? "" : "; ") + why;
            missing_.push_back(e.name());
        }
    }
    if (open_.empty() && !entries_.empty())
        throw ShardUnavailable("no shard of " + stub_file_ + " could be opened: " + errors);
}

bool ShardSet::recover(const Xapian::Error& error) {
    if (!sharded()) return false;
    // The connections of the shards that did answer may be mid-conversation: start afresh.
    try {
        open_all();
    } catch (const ShardUnavailable& e) {
        throw ShardUnavailable(std::string(e.what()) + " [the search failed with: " + error.get_description() + "]");
    }
    return true;
}

}  // namespace bodo
