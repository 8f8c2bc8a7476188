#include "schema/stored_release.h"

#include <stdexcept>

#include <fmt/format.h>

namespace bodo {
namespace {

constexpr char kVersion = '\x01';

void put(std::string& out, std::string_view s) {
    std::uint64_t n = s.size();
    do {  // varint length, then the bytes
        auto byte = static_cast<unsigned char>(n & 0x7F);
        n >>= 7;
        if (n) byte |= 0x80;
        out.push_back(static_cast<char>(byte));
    } while (n);
    out.append(s);
}

std::string_view get(std::string_view& in) {
    std::uint64_t n = 0;
    int shift = 0;
    for (;;) {
        if (in.empty() || shift > 56) throw std::runtime_error("stored release: truncated length");
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        n |= std::uint64_t(byte & 0x7F) << shift;
        if (!(byte & 0x80)) break;
        shift += 7;
    }
    if (n > in.size()) throw std::runtime_error("stored release: truncated field");
    std::string_view s = in.substr(0, n);
    in.remove_prefix(n);
    return s;
}

}  // namespace

std::string encode_release(const Release& r) {
    std::string out;
    out.reserve(r.title.size() + r.body.size() + r.source.size() + r.url.size() + 64);
    out.push_back(kVersion);
    for (const std::string* f : {&r.id, &r.title, &r.body, &r.date, &r.ministry, &r.department, &r.url, &r.source})
        put(out, *f);
    put(out, std::to_string(r.line));
    return out;
}

Release decode_release(std::string_view in) {
    if (in.empty() || in.front() != kVersion) throw std::runtime_error("stored release: unknown format");
    in.remove_prefix(1);
    Release r;
    for (std::string* f : {&r.id, &r.title, &r.body, &r.date, &r.ministry, &r.department, &r.url, &r.source})
        *f = std::string(get(in));
    r.line = std::stoull(std::string(get(in)));
    return r;
}

std::uint64_t stable_hash(std::string_view data, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (unsigned char c : data) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string fingerprint(const Release& r) {
    std::uint64_t h = stable_hash(kAnalysisVersion);
    for (const std::string* f : {&r.id, &r.title, &r.body, &r.date, &r.ministry, &r.department, &r.url, &r.source}) {
        h = stable_hash(*f, h);
        h = stable_hash(std::string_view("\x1f", 1), h);
    }
    return fmt::format("{:016x}", h);
}

}  // namespace bodo
