#pragma once
// Shared by the libFuzzer targets: a byte source over the fuzzer's input, and the checks every
// release a reader yields must pass, whatever the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "index/document_builder.h"
#include "readers/byte_source.h"
#include "readers/reader.h"
#include "readers/text_clean.h"
#include "schema/stored_release.h"

namespace bodo::fuzz {

/// The fuzzer's input as a stream, handed out in small uneven pieces so that readers see
/// records split across reads.
class MemorySource : public readers::ByteSource {
  public:
    MemorySource(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::size_t read(char* buffer, std::size_t size) override {
        std::size_t n = std::min({size, size_ - pos_, 1 + (pos_ * 7919) % 4093});
        std::memcpy(buffer, data_ + pos_, n);
        pos_ += n;
        return n;
    }

  private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

inline void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

/// Handlers that check each release (valid UTF-8, an id and a title, a stored form that reads
/// back the same) and build its document, as bodo-index would.
inline ReadHandlers checking_handlers() {
    ReadHandlers h;
    h.on_release = [](Release&& r) {
        check(!r.id.empty(), "a release has an id");
        check(!r.title.empty(), "a release has a title");
        for (const std::string* f : {&r.id, &r.title, &r.body, &r.date, &r.ministry, &r.department, &r.url})
            check(readers::is_valid_utf8(*f), "release fields are valid UTF-8");
        check(r.date.empty() || r.date.size() == 10, "a date is YYYY-MM-DD");
        const Release back = decode_release(encode_release(r));
        check(back.id == r.id && back.title == r.title && back.body == r.body && back.source == r.source,
              "a stored release reads back the same");
        static DocumentBuilder builder;
        builder.build(r, fingerprint(r));
    };
    h.on_problem = [](const ReadProblem& p) {
        check(!p.reason.empty(), "a problem has a reason");
        (void)p.to_string();
    };
    return h;
}

}  // namespace bodo::fuzz
