#pragma once
/// @file
/// The index as the server's threads see it: one Searcher (its own Xapian handles) per thread,
/// and a watcher that notices when bodo-index has committed (or the index was swapped for a
/// compacted copy) and has every thread move to the new revision before its next request.
///
/// A thread keeps answering from the revision it has until its new Searcher is open, so a
/// commit costs no request: Searcher::search itself reopens when a writer overtakes it during a
/// search (Xapian::DatabaseModifiedError), and a reopen that fails (the index in the middle of
/// a swap) keeps the old handles and tries again at the next change.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "release/release.h"
#include "search/searcher.h"
#include "search/shard_set.h"

namespace bodo::serve {

/// What the server reports about the index (/healthz, /metrics).
struct IndexInfo {
    std::uint64_t documents = 0;
    std::string last_update;       ///< bodo:last-update of the newest shard, "" when none recorded
    std::uint64_t generation = 0;  ///< 0 at start, +1 at each change seen
    std::uint64_t reopen_failures = 0;
};

class IndexPool {
  public:
    /// Opens the index once (throws IndexUnavailable like Searcher) and starts the watcher,
    /// which looks for a change every `check_interval` (none when zero: check_now() only).
    IndexPool(std::string path, ShardOptions options, std::chrono::milliseconds check_interval);
    ~IndexPool();
    IndexPool(const IndexPool&) = delete;
    IndexPool& operator=(const IndexPool&) = delete;

    /// This thread's Searcher, on the newest revision the watcher has seen.
    Searcher& searcher();

    /// The stored release with this id, from this thread's handle; nothing when there is none.
    std::optional<Release> release(const std::string& id);

    IndexInfo info() const;

    /// Looks at the index now; true when it changed since the last look (the generation moves on).
    bool check_now();

  private:
    struct Slot {
        std::uint64_t generation = 0;
        std::unique_ptr<Searcher> searcher;
        std::unique_ptr<ShardSet> lookup;  ///< for releases by id, opened when first needed
    };
    Slot& slot();
    void watch();

    std::string path_;
    ShardOptions options_;
    std::chrono::milliseconds interval_;

    mutable std::mutex mutex_;  ///< guards slots_, signature_ and info_
    std::map<std::thread::id, std::unique_ptr<Slot>> slots_;
    std::string signature_;
    IndexInfo info_;
    std::atomic<std::uint64_t> generation_{0};
    std::atomic<std::uint64_t> reopen_failures_{0};

    std::mutex stop_mutex_;
    std::condition_variable stop_cv_;
    bool stopping_ = false;
    std::thread watcher_;
};

}  // namespace bodo::serve
