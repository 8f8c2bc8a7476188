#pragma once
/// @file
/// What every reader does with a record once its fields are known, and how it reports.

#include <cstddef>
#include <string>
#include <string_view>

#include "readers/reader.h"
#include "release/release.h"

namespace bodo::readers {

/// Largest record (JSON line or whole file) a reader accepts; larger ones are skipped
/// unread so one bad input cannot exhaust memory.
inline constexpr std::size_t max_record_bytes = 10 * 1024 * 1024;

/// Hands a problem to the handlers (if anyone listens).
void report(const ReadHandlers& handlers, std::string file, std::size_t line, std::string reason);

/// Reports a warning: the release is read all the same (for example kept without a date).
void warn(const ReadHandlers& handlers, std::string file, std::size_t line, std::string reason);

/// Cleans a release's text fields, fills in the department from the body when the metadata had
/// none, and hands it to the handlers.
void deliver(const ReadHandlers& handlers, Release&& release);

/// `value` shortened for a problem message ("…" past `limit` bytes, cut on a character boundary).
std::string quote_value(std::string_view value, std::size_t limit = 40);

}  // namespace bodo::readers
