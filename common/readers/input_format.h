#pragma once
/// @file
/// Choosing a reader by file name, and running it on a stream.

#include <memory>
#include <string>
#include <string_view>

#include "readers/byte_source.h"
#include "readers/reader.h"

namespace bodo::readers {

/// The formats the readers understand, as told by a file's name.
enum class InputFormat {
    jsonl,      ///< .jsonl, .ndjson
    jsonl_zst,  ///< .jsonl.zst
    jsonl_gz,   ///< .jsonl.gz
    jsonl_xz,   ///< .jsonl.xz
    jsonl_bz2,  ///< .jsonl.bz2
    markdown,   ///< .md
    text_page,  ///< .txt
    archive,    ///< .tar, .tar.gz / .tgz, .tar.zst, .tar.xz, .tar.bz2, .zip
    unknown,
};

/// The format for a file name (case-insensitive extension).
InputFormat format_of(std::string_view file_name) noexcept;

/// Reads a whole stream of a known format, reporting every problem; never throws.
///
/// `source_name` names it in releases and problems; `file_name` is its own name (for ids).
/// `depth` counts archive nesting, which is bounded.
/// @return false when nothing could be read at all (the stream failed before its first record,
/// or is no archive).
bool read_stream(InputFormat format, std::unique_ptr<ByteSource> source, const std::string& source_name,
                 std::string_view file_name, const ReadHandlers& handlers, int depth);

}  // namespace bodo::readers
