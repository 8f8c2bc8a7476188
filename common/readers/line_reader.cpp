#include "readers/line_reader.h"

#include <algorithm>
#include <cstring>

namespace bodo::readers {

namespace {
constexpr std::size_t initial_capacity = 1 << 20;
}

LineReader::LineReader(ByteSource& source, std::size_t max_line, std::size_t padding)
    : source_(source),
      max_line_(max_line),
      padding_(padding),
      buffer_(new char[initial_capacity + padding]),
      capacity_(initial_capacity) {
    std::memset(buffer_.get(), 0, capacity_ + padding_);
}

bool LineReader::fill() {
    if (eof_) return false;
    // Slide early when little room is left, so reads stay large.
    if (capacity_ - end_ < capacity_ / 4 && begin_ > 0) make_room();
    if (end_ == capacity_) make_room();
    const std::size_t n = source_.read(buffer_.get() + end_, capacity_ - end_);
    if (n == 0) {
        eof_ = true;
        return false;
    }
    end_ += n;
    return true;
}

void LineReader::make_room() {
    if (begin_ > 0) {
        // Slide the partial line to the front rather than growing.
        std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
        return;
    }
    // A single line fills the buffer: grow, bounded by the line limit plus one read chunk.
    const std::size_t grown = std::max(capacity_ * 2, capacity_ + initial_capacity);
    std::unique_ptr<char[]> bigger(new char[grown + padding_]);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    std::memset(bigger.get() + end_, 0, grown + padding_ - end_);
    buffer_ = std::move(bigger);
    capacity_ = grown;
}

bool LineReader::next(Line& line) {
    for (;;) {
        const char* start = buffer_.get() + begin_;
        const std::size_t available = end_ - begin_;
        const void* newline = std::memchr(start + scanned_, '\n', available - scanned_);
        if (newline != nullptr) {
            std::size_t length = static_cast<const char*>(newline) - start;
            begin_ += length + 1;
            scanned_ = 0;
            ++number_;
            if (length > 0 && start[length - 1] == '\r') --length;
            // The buffer grows in steps, so a line a little over the limit can arrive whole.
            if (length > max_line_) {
                line = Line{std::string_view(), number_, true};
            } else {
                line = Line{std::string_view(start, length), number_, false};
            }
            return true;
        }
        scanned_ = available;
        if (available > max_line_) {
            // Too long to keep: drop it and skip input up to the next newline, in bounded memory.
            ++number_;
            const std::size_t skipped_line = number_;
            begin_ = end_ = scanned_ = 0;
            for (;;) {
                if (!fill()) break;
                const void* nl = std::memchr(buffer_.get(), '\n', end_);
                if (nl != nullptr) {
                    begin_ = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.get()) + 1;
                    break;
                }
                end_ = 0;
            }
            line = Line{std::string_view(), skipped_line, true};
            return true;
        }
        if (!fill()) {
            // fill() may have slid the data to the front: locate it again.
            const char* rest = buffer_.get() + begin_;
            std::size_t length = end_ - begin_;
            if (length == 0) return false;
            // The last line has no newline: hand it over as is (a truncated record fails to parse).
            begin_ = end_;
            scanned_ = 0;
            ++number_;
            if (rest[length - 1] == '\r') --length;
            line = length > max_line_ ? Line{std::string_view(), number_, true}
                                      : Line{std::string_view(rest, length), number_, false};
            return true;
        }
    }
}

}  // namespace bodo::readers
