#pragma once
/// @file
/// Output formats behind one interface, apart from the query logic.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "search/response.h"

namespace bodo {

/// How results are printed: terminal text, JSON for scripts, or TREC runs for evaluation.
enum class OutputFormat { Text, Json, Trec };

/// Parses "text", "json" or "trec"; throws std::invalid_argument otherwise.
OutputFormat parse_output_format(const std::string& name);

/// Options common to all writers.
struct WriterOptions {
    bool colour = false;         ///< ANSI colour (text format only).
    std::string run_tag = "bodo";  ///< Last column of TREC lines.
};

/// Writes search responses to a stream. One writer may receive many responses (batch mode).
class ResultWriter {
  public:
    virtual ~ResultWriter() = default;
    /// Writes one response.
    virtual void write(const SearchResponse& response, std::ostream& out) = 0;
    /// Called once after the last response (closes a JSON array in batch mode, for example).
    virtual void finish(std::ostream& out) { (void)out; }
};

/// "partial results: shard X unavailable" ("shards X, Y unavailable"), for partial responses.
std::string partial_note(const std::vector<std::string>& missing_shards);

/// Makes the writer for a format. `batch` is true when several responses will follow.
std::unique_ptr<ResultWriter> make_writer(OutputFormat format, const WriterOptions& options, bool batch);

}  // namespace bodo
