#include "readers/byte_source.h"

#include "readers/libarchive_input.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <archive.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

namespace bodo::readers {

namespace {

/// A POSIX file descriptor; read(2) avoids stdio's extra copy on large inputs.
class FdSource final : public ByteSource {
public:
    FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
    ~FdSource() override {
        if (owned_) ::close(fd_);
    }
    FdSource(const FdSource&) = delete;
    FdSource& operator=(const FdSource&) = delete;

    std::size_t read(char* buffer, std::size_t size) override {
        for (;;) {
            const ssize_t n = ::read(fd_, buffer, size);
            if (n >= 0) return static_cast<std::size_t>(n);
            if (errno == EINTR) continue;
            throw SourceError(std::strerror(errno));
        }
    }

private:
    int fd_;
    bool owned_;
};

class ZstdSource final : public ByteSource {
public:
    explicit ZstdSource(std::unique_ptr<ByteSource> inner)
        : inner_(std::move(inner)), stream_(ZSTD_createDStream()), in_buffer_(ZSTD_DStreamInSize()) {
        if (stream_ == nullptr) throw SourceError("zstd: out of memory");
        ZSTD_initDStream(stream_);
    }
    ~ZstdSource() override { ZSTD_freeDStream(stream_); }
    ZstdSource(const ZstdSource&) = delete;
    ZstdSource& operator=(const ZstdSource&) = delete;

    std::size_t read(char* buffer, std::size_t size) override {
        ZSTD_outBuffer out{buffer, size, 0};
        while (out.pos == 0) {
            if (in_.pos == in_.size && !inner_done_) {
                const std::size_t n = inner_->read(in_buffer_.data(), in_buffer_.size());
                if (n == 0) {
                    inner_done_ = true;
                } else {
                    in_ = ZSTD_inBuffer{in_buffer_.data(), n, 0};
                }
            }
            const bool input_exhausted = inner_done_ && in_.pos == in_.size;
            if (input_exhausted && !frame_open_) return 0;
            const std::size_t rc = ZSTD_decompressStream(stream_, &out, &in_);
            if (ZSTD_isError(rc)) throw SourceError(std::string("zstd: ") + ZSTD_getErrorName(rc));
            frame_open_ = rc != 0;
            // Without input the decoder can only flush; a frame still open then was cut short.
            if (input_exhausted && out.pos == 0) {
                if (frame_open_) throw SourceError("truncated zstd stream");
                return 0;
            }
        }
        return out.pos;
    }

private:
    std::unique_ptr<ByteSource> inner_;
    ZSTD_DStream* stream_;
    std::vector<char> in_buffer_;
    ZSTD_inBuffer in_{nullptr, 0, 0};
    bool inner_done_ = false;
    bool frame_open_ = false;
};

/// gzip, xz or bzip2 through libarchive's "raw" format, which applies its filters (chosen by
/// the stream's own signature) to a single stream.
class FilteredSource final : public ByteSource {
public:
    FilteredSource(std::unique_ptr<ByteSource> inner, std::string name)
        : input_(std::move(inner), 64 * 1024), archive_(archive_read_new()), name_(std::move(name)) {
        if (archive_ == nullptr) throw SourceError(name_ + ": out of memory");
        archive_read_support_filter_gzip(archive_);
        archive_read_support_filter_xz(archive_);
        archive_read_support_filter_bzip2(archive_);
        archive_read_support_format_raw(archive_);
    }
    ~FilteredSource() override { archive_read_free(archive_); }
    FilteredSource(const FilteredSource&) = delete;
    FilteredSource& operator=(const FilteredSource&) = delete;

    std::size_t read(char* buffer, std::size_t size) override {
        if (!opened_) {
            // Opened on first use, so an empty file reads as empty rather than as broken gzip.
            opened_ = true;
            archive_entry* entry = nullptr;
            if (input_.open(archive_) != ARCHIVE_OK || archive_read_next_header(archive_, &entry) != ARCHIVE_OK) {
                if (input_.pending_error().empty() && input_.bytes_in() == 0) {
                    empty_ = true;
                    return 0;
                }
                fail();
            }
        }
        if (empty_) return 0;
        const la_ssize_t n = archive_read_data(archive_, buffer, size);
        if (n < 0) fail();
        return static_cast<std::size_t>(n);
    }

private:
    [[noreturn]] void fail() {
        // An exception thrown by the inner source inside the callback is kept and rethrown here.
        if (!input_.pending_error().empty()) throw SourceError(input_.pending_error());
        const char* message = archive_error_string(archive_);
        throw SourceError(name_ + ": " + (message != nullptr ? message : "cannot decode"));
    }

    LibarchiveInput input_;  // declared first: libarchive reads through it until archive_ is freed
    struct archive* archive_;
    std::string name_;  // the compression, for messages
    bool opened_ = false;
    bool empty_ = false;
};

}  // namespace

std::unique_ptr<ByteSource> open_file_source(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw SourceError(std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd);
        throw SourceError("is a directory");
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return std::make_unique<FdSource>(fd, true);
}

std::unique_ptr<ByteSource> standard_input_source() {
    return std::make_unique<FdSource>(STDIN_FILENO, false);
}

std::unique_ptr<ByteSource> zstd_source(std::unique_ptr<ByteSource> inner) {
    return std::make_unique<ZstdSource>(std::move(inner));
}

std::unique_ptr<ByteSource> decompressing_source(std::unique_ptr<ByteSource> inner, std::string name) {
    return std::make_unique<FilteredSource>(std::move(inner), std::move(name));
}

bool read_all(ByteSource& source, std::string& out, std::size_t limit) {
    out.clear();
    char chunk[64 * 1024];
    for (;;) {
        const std::size_t n = source.read(chunk, sizeof chunk);
        if (n == 0) return true;
        if (out.size() + n > limit) return false;
        out.append(chunk, n);
    }
}

}  // namespace bodo::readers
