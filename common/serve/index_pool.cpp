#include "serve/index_pool.h"

#include <iostream>

#include <xapian.h>

#include "index/index_stats.h"
#include "schema/schema.h"
#include "schema/stored_release.h"

namespace bodo::serve {
namespace {

/// What identifies a revision of the index: each database's UUID (a compacted copy swapped in
/// has a new one) and revision; for a remote shard, which tells neither, its size.
struct Snapshot {
    std::string signature;
    IndexInfo info;
};

Snapshot look(const std::string& path, const ShardOptions& options) {
    const ShardSet shards(path, options);
    Snapshot s;
    for (const Xapian::Database& db : shards.databases()) {
        try {
            s.signature += db.get_uuid() + ":" + std::to_string(db.get_revision());
        } catch (const Xapian::Error&) {
            s.signature += std::to_string(db.get_doccount()) + "/" + std::to_string(db.get_lastdocid());
        }
        s.signature += ';';
        const std::string updated = db.get_metadata(kLastUpdateKey);
        if (updated > s.info.last_update) s.info.last_update = updated;
    }
    s.info.documents = shards.releases();
    return s;
}

}  // namespace

IndexPool::IndexPool(std::string path, ShardOptions options, std::chrono::milliseconds check_interval)
    : path_(std::move(path)), options_(options), interval_(check_interval) {
    Searcher first(path_, options_);  // throws IndexUnavailable with Searcher's message
    (void)first;
    try {
        Snapshot s = look(path_, options_);
        signature_ = std::move(s.signature);
        info_ = s.info;
    } catch (const std::exception& e) {
        throw IndexUnavailable(IndexUnavailable::Reason::Unreadable, path_, "cannot read index " + path_ + ": " + e.what());
    }
    if (interval_.count() > 0) watcher_ = std::thread([this] { watch(); });
}

IndexPool::~IndexPool() {
    {
        std::lock_guard lock(stop_mutex_);
        stopping_ = true;
    }
    stop_cv_.notify_all();
    if (watcher_.joinable()) watcher_.join();
}

void IndexPool::watch() {
    std::unique_lock lock(stop_mutex_);
    while (!stop_cv_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        check_now();
        lock.lock();
    }
}

bool IndexPool::check_now() {
    Snapshot s;
    try {
        s = look(path_, options_);
    } catch (const std::exception& e) {
        // In the middle of a swap, or a shard down: keep what we have, look again later.
        return false;
    }
    std::lock_guard lock(mutex_);
    const bool changed = s.signature != signature_;
    if (changed) {
        signature_ = std::move(s.signature);
        s.info.generation = generation_.load() + 1;
        info_ = s.info;
        generation_.store(info_.generation);
    } else {
        info_.documents = s.info.documents;
    }
    return changed;
}

IndexPool::Slot& IndexPool::slot() {
    Slot* slot = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto& p = slots_[std::this_thread::get_id()];
        if (!p) p = std::make_unique<Slot>();
        slot = p.get();
    }
    // Only this thread uses its slot from here on.
    const std::uint64_t now = generation_.load();
    if (!slot->searcher || slot->generation != now) {
        try {
            auto fresh = std::make_unique<Searcher>(path_, options_);
            slot->searcher = std::move(fresh);
            slot->lookup.reset();
            slot->generation = now;
        } catch (const std::exception& e) {
            if (!slot->searcher) throw;  // nothing to answer from
            // Keep the revision we have; the next request tries again.
            if (reopen_failures_.fetch_add(1) == 0)
                std::cerr << "bodo-serve: cannot reopen " << path_ << " (answering from the revision open): " << e.what()
                          << '\n';
        }
    }
    return *slot;
}

Searcher& IndexPool::searcher() { return *slot().searcher; }

std::optional<Release> IndexPool::release(const std::string& id) {
    Slot& s = slot();
    if (!s.lookup) s.lookup = std::make_unique<ShardSet>(path_, options_);
    Xapian::Database db = s.lookup->database();
    const std::string term = boolean_term(Field::Id, id);
    for (int attempt = 0;; ++attempt) {
        try {
            // A version masked in a read-only base (masks.h) is not the release.
            for (Xapian::PostingIterator it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
                const Xapian::Document doc = db.get_document(*it);
                if (!s.lookup->masks().masks(doc)) return decode_release(doc.get_data());
            }
            return std::nullopt;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 20) throw;
            db.reopen();
        }
    }
}

IndexInfo IndexPool::info() const {
    std::lock_guard lock(mutex_);
    IndexInfo i = info_;
    i.reopen_failures = reopen_failures_.load();
    return i;
}

}  // namespace bodo::serve
