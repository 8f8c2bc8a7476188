#pragma once
/// @file
/// Streams of bytes the readers pull from: files, standard input, zstd, gzip, xz and bzip2 filters.
///
/// Readers never unpack compressed input to disk: each filter wraps another source and
/// decompresses a chunk at a time, so memory stays constant whatever the input size.

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

namespace bodo::readers {

/// A failure while reading or decoding a stream (I/O error, corrupt or truncated data).
class SourceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A forward-only stream of bytes.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    /// Reads up to `size` bytes into `buffer`; returns 0 only at the end of the stream.
    /// @throws SourceError when the underlying data cannot be read or decoded.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

/// Opens `path` for reading. @throws SourceError (with the system's reason) when it cannot.
std::unique_ptr<ByteSource> open_file_source(const std::string& path);

/// Standard input as a source (not owned: it is never closed).
std::unique_ptr<ByteSource> standard_input_source();

/// Decompresses a zstd stream read from `inner`; a truncated frame is reported as an error.
std::unique_ptr<ByteSource> zstd_source(std::unique_ptr<ByteSource> inner);

/// Decompresses a gzip, xz or bzip2 stream read from `inner` (libarchive's filters on raw data,
/// told apart by the data's own signature); `name` ("gzip", "xz", "bzip2") names it in errors.
std::unique_ptr<ByteSource> decompressing_source(std::unique_ptr<ByteSource> inner, std::string name);

/// Reads all of `source` into a string, stopping with `false` once it exceeds `limit` bytes.
bool read_all(ByteSource& source, std::string& out, std::size_t limit);

}  // namespace bodo::readers
