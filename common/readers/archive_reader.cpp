#include "readers/archive_reader.h"

#include <cerrno>
#include <vector>

#include <locale.h>

#include <archive.h>
#include <archive_entry.h>

#include "readers/input_format.h"
#include "readers/libarchive_input.h"
#include "readers/record_support.h"

namespace bodo::readers {

namespace {

/// A UTF-8 character type for this thread while it lives. libarchive converts member names
/// to and from the current locale: in the C locale a zip member named in UTF-8 (보도자료/a.jsonl)
/// comes back with no name at all. Per thread (uselocale), so other threads are untouched.
class ThreadUtf8Locale {
public:
    ThreadUtf8Locale() : utf8_(newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr))) {
        if (utf8_ != static_cast<locale_t>(nullptr)) previous_ = uselocale(utf8_);
    }
    ~ThreadUtf8Locale() {
        if (utf8_ == static_cast<locale_t>(nullptr)) return;
        uselocale(previous_);
        freelocale(utf8_);
    }
    ThreadUtf8Locale(const ThreadUtf8Locale&) = delete;
    ThreadUtf8Locale& operator=(const ThreadUtf8Locale&) = delete;

private:
    locale_t utf8_;
    locale_t previous_ = static_cast<locale_t>(nullptr);
};

/// Owns a libarchive reader fed from a ByteSource.
class ArchiveStream {
public:
    explicit ArchiveStream(std::unique_ptr<ByteSource> source)
        : input_(std::move(source), 256 * 1024), archive_(archive_read_new()) {
        if (archive_ == nullptr) throw SourceError("archive: out of memory");
        archive_read_support_filter_all(archive_);
        archive_read_support_format_tar(archive_);
        archive_read_support_format_gnutar(archive_);
        // Zip read as a stream, from its local headers: a source is never seekable here.
        archive_read_support_format_zip_streamable(archive_);
    }
    ~ArchiveStream() { archive_read_free(archive_); }
    ArchiveStream(const ArchiveStream&) = delete;
    ArchiveStream& operator=(const ArchiveStream&) = delete;

    /// Starts reading; false (with `error()` set) when the data is no archive.
    bool open() { return input_.open(archive_) == ARCHIVE_OK; }

    struct archive* handle() noexcept { return archive_; }

    /// True when the underlying stream held no bytes at all (an empty file, not a broken one).
    bool empty_input() const noexcept { return input_.bytes_in() == 0 && input_.pending_error().empty(); }

    /// libarchive's message, or the inner source's when that failed first.
    std::string error() const {
        if (!input_.pending_error().empty()) return input_.pending_error();
        const char* message = archive_error_string(archive_);
        return message != nullptr ? message : "unreadable archive";
    }

private:
    ThreadUtf8Locale locale_;  // first: in force from archive_read_new to archive_read_free
    LibarchiveInput input_;    // before archive_: libarchive reads through it until archive_ is freed
    struct archive* archive_;
};

/// The data of the current member (borrowed from the archive; valid until its next header).
class MemberSource final : public ByteSource {
public:
    explicit MemberSource(ArchiveStream& stream) : stream_(stream) {}
    std::size_t read(char* buffer, std::size_t size) override {
        const la_ssize_t n = archive_read_data(stream_.handle(), buffer, size);
        if (n < 0) throw SourceError(stream_.error());
        return static_cast<std::size_t>(n);
    }

private:
    ArchiveStream& stream_;
};

}  // namespace

bool read_archive(std::unique_ptr<ByteSource> source, const std::string& archive_name, const ReadHandlers& handlers,
                  int depth) {
    ArchiveStream stream(std::move(source));
    if (!stream.open()) {
        if (stream.empty_input()) {
            report(handlers, archive_name, 0, "empty file");
            return true;
        }
        report(handlers, archive_name, 0, "not a readable archive: " + stream.error());
        return false;
    }
    bool any_entry = false;
    for (;;) {
        archive_entry* entry = nullptr;
        const int status = archive_read_next_header(stream.handle(), &entry);
        if (status == ARCHIVE_EOF) break;
        if (status == ARCHIVE_FATAL) {
            if (!any_entry && stream.empty_input()) {
                report(handlers, archive_name, 0, "empty file");
                return true;
            }
            report(handlers, archive_name, 0,
                   std::string(any_entry ? "archive error: " : "not a readable archive: ") + stream.error());
            return any_entry;
        }
        if (status == ARCHIVE_RETRY) continue;
        any_entry = true;
        if (status == ARCHIVE_WARN) report(handlers, archive_name, 0, "archive warning: " + stream.error());
        if (archive_entry_filetype(entry) != AE_IFREG) continue;
        const char* utf8_path = archive_entry_pathname_utf8(entry);
        const char* raw_path = archive_entry_pathname(entry);
        const std::string path = utf8_path != nullptr ? utf8_path : raw_path != nullptr ? raw_path : "";
        const InputFormat format = format_of(path);
        if (format == InputFormat::unknown) continue;  // as in directories: other files are not ours
        const std::string member_name = archive_name + ":" + path;
        read_stream(format, std::make_unique<MemberSource>(stream), member_name, path, handlers, depth);
    }
    if (!any_entry) report(handlers, archive_name, 0, "empty archive");
    return true;
}

}  // namespace bodo::readers
