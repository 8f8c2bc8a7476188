#pragma once
/// @file
/// Tar archives (plain or compressed) read in place, member by member.

#include <memory>
#include <string>

#include "readers/byte_source.h"
#include "readers/reader.h"

namespace bodo::readers {

/// Reads every member of a supported format from a tar (plain or compressed) or zip archive
/// streamed from `source`.
///
/// Members are named "archive:member/path"; members of other types are skipped silently, as in
/// directories. Nothing is extracted to disk.
/// @return false when the stream is no readable archive at all.
bool read_archive(std::unique_ptr<ByteSource> source, const std::string& archive_name, const ReadHandlers& handlers,
                  int depth);

}  // namespace bodo::readers
