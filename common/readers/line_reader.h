#pragma once
/// @file
/// Splits a byte stream into lines in a bounded buffer, ready for in-place JSON parsing.

#include <cstddef>
#include <memory>
#include <string_view>

#include "readers/byte_source.h"

namespace bodo::readers {

/// One line of input.
struct Line {
    std::string_view text;   ///< Without the line end ("\n" or "\r\n"); empty when `too_long`.
    std::size_t number = 0;  ///< 1-based line number.
    bool too_long = false;   ///< The line exceeded the limit and was skipped unread.
};

/// Reads lines from a source, keeping memory bounded by the longest accepted line.
///
/// Each returned view stays valid until the next call, and at least `padding` readable bytes
/// follow it in memory (simdjson parses in place and reads a little past the end).
class LineReader {
public:
    LineReader(ByteSource& source, std::size_t max_line, std::size_t padding);

    /// Fetches the next line; false at the end of the stream.
    /// @throws SourceError when the source fails (lines already returned stay valid input).
    bool next(Line& line);

    /// Number of the last line returned (0 before the first).
    std::size_t line_number() const noexcept { return number_; }

private:
    bool fill();  ///< Reads more input after `end_`; false at the end of the stream.
    void make_room();

    ByteSource& source_;
    std::size_t max_line_;
    std::size_t padding_;
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;  ///< Usable bytes (the padding comes after).
    std::size_t begin_ = 0;     ///< Start of unconsumed data.
    std::size_t end_ = 0;       ///< End of data read so far.
    std::size_t scanned_ = 0;   ///< Bytes after `begin_` known to hold no newline.
    std::size_t number_ = 0;
    bool eof_ = false;
};

}  // namespace bodo::readers
