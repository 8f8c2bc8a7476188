#pragma once
/// @file
/// The batch protocol of bodo-search --batch: one query a line, "qid<TAB>query", answered in
/// order, timed one by one and together.

#include <chrono>
#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace bodo {

/// One query of a batch.
struct BatchQuery {
    std::string qid;
    std::string query;
    std::size_t line = 0;  ///< 1-based line in the batch
};

/// Reads a batch: "qid<TAB>query" a line (the query may hold further tabs). Empty lines and
/// lines starting with '#' are comments; a byte order mark before the first qid and CR line ends
/// are no part of it. A line without a tab is malformed: counted, and given to on_malformed.
class BatchReader {
  public:
    explicit BatchReader(std::istream& in) : in_(in) {}

    /// The next query; nothing at the end of the batch.
    std::optional<BatchQuery> next();
    /// Lines without a tab so far.
    std::size_t malformed() const { return malformed_; }

    /// Called with the line number of each malformed line.
    std::function<void(std::size_t line)> on_malformed;

  private:
    std::istream& in_;
    std::size_t line_ = 0;
    std::size_t malformed_ = 0;
};

/// Times the queries of a batch, each (for --timings: "qid<TAB>milliseconds") and all together.
class BatchTimer {
  public:
    using Clock = std::chrono::steady_clock;

    BatchTimer() : start_(Clock::now()) {}
    /// A query starts.
    void start_query() { query_start_ = Clock::now(); }
    /// The query `qid` has been answered: counted, and its time written to `timings` when given.
    void end_query(const std::string& qid, std::ostream* timings);
    /// "N queries, total query time S s (M ms/query)", and ", F failed" when some failed.
    std::string summary(std::size_t failed) const;

  private:
    Clock::time_point start_, query_start_;
    std::size_t queries_ = 0;
};

}  // namespace bodo
