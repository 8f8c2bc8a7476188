#pragma once
/// @file
/// JSON output for scripts: one compact JSON object per response, on one line, so a batch
/// of queries is JSON Lines (https://jsonlines.org) and a single query is one object.
///
/// Keys, in this order:
/// - `qid`          (string)  only when the response has a query id;
/// - `query`        (string)  the query as given;
/// - `total`        (number)  matching releases;
/// - `total_exact`  (bool)    false when `total` is an estimate;
/// - `hits`         (array)   each {`id`, `rank`, `score`, `title`, `date`, `ministry`,
///                            `department`, `url`, `snippet`, `highlights`}: strings except
///                            `rank` (integer) and `score` (number); unknown fields are "";
///                            `snippet` is the plain snippet text, `highlights` the array of
///                            its highlighted parts in order of appearance (repeats kept);
/// - `facets`       (object)  only when facets were computed: facet name → array of
///                            {"value": string, "count": integer}, in the response's order;
/// - `suggestion`   (string)  only when there is a "did you mean" query;
/// - `partial`      (bool)    only when shards were left out (`--allow-partial`): true;
/// - `missing_shards` (array) with `partial`: the names of the shards left out.
///
/// Strings are written as UTF-8 (not \u-escaped); invalid UTF-8 bytes are replaced by U+FFFD,
/// so the output is always valid UTF-8.

#include <string>

#include "output/result_writer.h"

namespace bodo {

/// The one-line JSON text of a response, without the trailing newline.
std::string to_json_line(const SearchResponse& response);

/// Writes each response as one JSON line.
class JsonWriter final : public ResultWriter {
  public:
    void write(const SearchResponse& response, std::ostream& out) override;
};

}  // namespace bodo
