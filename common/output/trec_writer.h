#pragma once
/// @file
/// TREC run format, for trec_eval and similar tools.
///
/// One line per hit: `qid Q0 docid rank score tag`, separated by single spaces, where
/// - qid   is the response's qid, or "1" when it is empty (a single, unnamed query);
/// - docid is the release id;
/// - rank  is the hit's 1-based rank;
/// - score is printed with exactly 6 decimals, independent of the locale;
/// - tag   is the run tag (WriterOptions::run_tag), "bodo" when empty.
/// Whitespace inside qid, docid or tag (which would break the columns) is replaced by '_'.
/// A response without hits writes nothing.
/// TREC runs have no comment syntax, so a partial response (shards left out) is noted on
/// stderr instead: `# qid Q: partial results: shard X unavailable`.

#include <string>

#include "output/result_writer.h"

namespace bodo {

/// Formats the TREC line for one hit, without the trailing newline.
std::string format_trec_line(const std::string& qid, const Hit& hit, const std::string& run_tag);

/// Writes every hit of each response as a TREC line.
class TrecWriter final : public ResultWriter {
  public:
    /// `notes` receives what TREC cannot carry (partial results); std::cerr when null.
    explicit TrecWriter(std::string run_tag, std::ostream* notes = nullptr);
    void write(const SearchResponse& response, std::ostream& out) override;

  private:
    std::string run_tag_;
    std::ostream* notes_;
};

}  // namespace bodo
