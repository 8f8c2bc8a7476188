#pragma once
/// @file
/// Threads for the parallel part of indexing (bodo-index --jobs): in a first build, each task
/// writes one part of the index into a database of its own (see index_writer.h).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bodo {

class BuildPool {
  public:
    /// A unit of work. It must not throw (catch and hand the exception back to whoever waits
    /// for the result).
    using Task = std::function<void()>;

    /// Starts `threads` threads (at least 1). At most `queue_limit` tasks wait to be started;
    /// submit() blocks beyond that.
    explicit BuildPool(unsigned threads, std::size_t queue_limit = 0);
    /// Runs what was submitted, then stops the threads.
    ~BuildPool();
    BuildPool(const BuildPool&) = delete;
    BuildPool& operator=(const BuildPool&) = delete;

    /// Queues a task, waiting while the queue is full.
    void submit(Task task);

    unsigned threads() const { return static_cast<unsigned>(threads_.size()); }

  private:
    void run();

    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<Task> queue_;
    std::size_t queue_limit_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace bodo
