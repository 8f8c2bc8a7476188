#include "index/build_pool.h"

namespace bodo {

BuildPool::BuildPool(unsigned threads, std::size_t queue_limit)
    : queue_limit_(queue_limit ? queue_limit : 8 * std::size_t(threads ? threads : 1)) {
    if (threads == 0) threads = 1;
    threads_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

BuildPool::~BuildPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    not_empty_.notify_all();
    for (auto& t : threads_) t.join();
}

void BuildPool::submit(Task task) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return queue_.size() < queue_limit_; });
    queue_.push_back(std::move(task));
    lock.unlock();
    not_empty_.notify_one();
}

void BuildPool::run() {
    for (;;) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            not_empty_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing left to do
            task = std::move(queue_.front());
            queue_.pop_front();
        }
        not_full_.notify_one();
        task();
    }
}

}  // namespace bodo
