#pragma once
/// @file
/// Feeding a libarchive reader from a ByteSource (tar archives, and gzip streams).

#include <archive.h>

#include <cerrno>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "readers/byte_source.h"

namespace bodo::readers {

/// The read callback libarchive pulls bytes through. An exception from the source is kept
/// (libarchive only sees EIO), so the caller can report the source's own message.
class LibarchiveInput {
public:
    LibarchiveInput(std::unique_ptr<ByteSource> source, std::size_t chunk_size)
        : source_(std::move(source)), chunk_(chunk_size) {}

    /// archive_read_open() with this object as the reader.
    int open(struct archive* a) { return archive_read_open(a, this, nullptr, &LibarchiveInput::pull, nullptr); }

    /// The source's error message, when reading it failed; empty otherwise.
    const std::string& pending_error() const noexcept { return pending_error_; }
    /// Bytes handed to libarchive so far.
    std::size_t bytes_in() const noexcept { return bytes_in_; }

private:
    static la_ssize_t pull(struct archive* a, void* self_ptr, const void** data) {
        auto* self = static_cast<LibarchiveInput*>(self_ptr);
        try {
            const std::size_t n = self->source_->read(self->chunk_.data(), self->chunk_.size());
            self->bytes_in_ += n;
            *data = self->chunk_.data();
            return static_cast<la_ssize_t>(n);
        } catch (const std::exception& e) {
            self->pending_error_ = e.what();
            archive_set_error(a, EIO, "%s", e.what());
            return -1;
        }
    }

    std::unique_ptr<ByteSource> source_;
    std::vector<char> chunk_;
    std::string pending_error_;
    std::size_t bytes_in_ = 0;
};

}  // namespace bodo::readers
