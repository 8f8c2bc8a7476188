#pragma once
/// @file
/// JSON Lines: one release per line, streamed.

#include <string>

#include "readers/byte_source.h"
#include "readers/reader.h"

namespace bodo::readers {

/// Reads one JSON object a line from `source`, reporting under the name `source_name`.
///
/// Fields: id (string or integer), title, body, date (YYYY-MM-DD) or else approved_at (ISO 8601),
/// ministry, department, url; others are ignored. A bad line is reported and skipped; the rest
/// of the stream is still read. Memory stays bounded by the largest accepted record.
void read_jsonl(ByteSource& source, const std::string& source_name, const ReadHandlers& handlers);

}  // namespace bodo::readers
