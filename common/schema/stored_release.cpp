#include "schema/stored_release.h"

#include <zdict.h>
#include <zstd.h>

#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>
#include <xapian.h>

namespace bodo {
namespace {

/// The fields, length-prefixed (below).
constexpr char kVersion = '\x01';
/// A zstd frame of a kVersion encoding, compressed with a ReleaseDictionary.
constexpr char kCompressed = '\x02';

/// Bytes of a release dictionary: zstd's default (its CLI's --maxdict). Measured on 4,000
/// releases of the corpus (trained on 4,000 others), compressed one by one: zlib -6 (glass)
/// 4,900,882 bytes; zstd level 9 with this dictionary 3,047,063 (-38%); with 256 KiB, level 3:
/// 3,225,303 (level 9 not measured).
constexpr std::size_t kDictionaryBytes = 112640;
/// zstd level of stored releases. Measured on the full corpus (167,533 releases, same dictionary
/// trained on the first 4,000), docdata.glass of the compacted index and the CPU time of
/// compressing every release: glass's zlib (before) 238,125,056 bytes, and zlib's own work on
/// them, about 11 s, goes away; level 3 173,350,912 (-27.2%) in 4.2 s; level 6 162,824,192
/// (-31.6%) in 13.9 s; level 9 157,949,952 (-33.7%) in 25.2 s. Level 6: nearly all of the saving
/// for about the CPU time glass's zlib took (a build no slower); level 9 cost 14 s more.
constexpr int kLevel = 6;
/// A stored release larger than this is refused as corrupt rather than decompressed.
constexpr unsigned long long kMaxRelease = 256ULL << 20;

std::shared_mutex registry_mutex;
std::unordered_map<unsigned, std::shared_ptr<const ReleaseDictionary>>& registry() {
    static std::unordered_map<unsigned, std::shared_ptr<const ReleaseDictionary>> dictionaries;
    return dictionaries;
}

std::shared_ptr<const ReleaseDictionary> registered(unsigned id) {
    std::shared_lock lock(registry_mutex);
    const auto it = registry().find(id);
    return it == registry().end() ? nullptr : it->second;
}

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

struct ReleaseDictionary::Private {
    ZSTD_CDict* cdict = nullptr;
    ZSTD_DDict* ddict = nullptr;
    ~Private() {
        ZSTD_freeCDict(cdict);
        ZSTD_freeDDict(ddict);
    }
};

ReleaseDictionary::ReleaseDictionary(std::string bytes) : bytes_(std::move(bytes)), z_(std::make_unique<Private>()) {
    id_ = ZDICT_getDictID(bytes_.data(), bytes_.size());
    if (id_ == 0) throw std::runtime_error("release dictionary: not a zstd dictionary");
    z_->cdict = ZSTD_createCDict(bytes_.data(), bytes_.size(), kLevel);
    z_->ddict = ZSTD_createDDict(bytes_.data(), bytes_.size());
    if (!z_->cdict || !z_->ddict) throw std::runtime_error("release dictionary: zstd cannot load it");
}

ReleaseDictionary::~ReleaseDictionary() = default;

std::shared_ptr<const ReleaseDictionary> ReleaseDictionary::train(const std::vector<std::string>& samples) {
    std::string joined;
    std::vector<std::size_t> sizes;
    for (const std::string& s : samples) {
        joined += s;
        sizes.push_back(s.size());
    }
    std::string dict(kDictionaryBytes, '\0');
    const std::size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), joined.data(), sizes.data(),
                                                static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(n)) return nullptr;
    dict.resize(n);
    return std::shared_ptr<const ReleaseDictionary>(new ReleaseDictionary(std::move(dict)));
}

std::shared_ptr<const ReleaseDictionary> ReleaseDictionary::load(std::string bytes) {
    return std::shared_ptr<const ReleaseDictionary>(new ReleaseDictionary(std::move(bytes)));
}

std::string ReleaseDictionary::metadata_key() const { return fmt::format("{}{}", kReleaseDictionaryPrefix, id_); }

std::string ReleaseDictionary::compress(std::string_view encoded) const {
    thread_local std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), &ZSTD_freeCCtx);
    std::string out(1 + ZSTD_compressBound(encoded.size()), '\0');
    out[0] = kCompressed;
    const std::size_t n =
        ZSTD_compress_usingCDict(cctx.get(), out.data() + 1, out.size() - 1, encoded.data(), encoded.size(), z_->cdict);
    if (ZSTD_isError(n)) throw std::runtime_error(std::string("stored release: zstd: ") + ZSTD_getErrorName(n));
    out.resize(1 + n);
    return out;
}

std::string ReleaseDictionary::decompress(std::string_view compressed) const {
    if (compressed.empty() || compressed.front() != kCompressed) throw std::runtime_error("stored release: not compressed");
    compressed.remove_prefix(1);
    const unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
    if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > kMaxRelease)
        throw std::runtime_error("stored release: bad zstd frame");
    thread_local std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
    std::string out(static_cast<std::size_t>(size), '\0');
    const std::size_t n =
        ZSTD_decompress_usingDDict(dctx.get(), out.data(), out.size(), compressed.data(), compressed.size(), z_->ddict);
    if (ZSTD_isError(n) || n != out.size()) throw std::runtime_error("stored release: bad zstd frame");
    return out;
}

void register_release_dictionary(std::shared_ptr<const ReleaseDictionary> dictionary) {
    if (!dictionary) return;
    std::unique_lock lock(registry_mutex);
    registry().try_emplace(dictionary->id(), std::move(dictionary));
}

std::shared_ptr<const ReleaseDictionary> register_release_dictionaries(const Xapian::Database& db) {
    const std::string prefix(kReleaseDictionaryPrefix);
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        unsigned id = 0;
        try {
            id = static_cast<unsigned>(std::stoul((*k).substr(prefix.size())));
        } catch (const std::exception&) {
            continue;
        }
        if (registered(id)) continue;
        try {
            register_release_dictionary(ReleaseDictionary::load(db.get_metadata(*k)));
        } catch (const std::runtime_error&) {
            // Not a dictionary: the releases that name it fail to decode, and say so.
        }
    }
    const std::string current = db.get_metadata(kCurrentDictionaryKey);
    if (current.empty()) return nullptr;
    try {
        return registered(static_cast<unsigned>(std::stoul(current)));
    } catch (const std::exception&) {
        return nullptr;
    }
}

std::string encode_release(const Release& r, const ReleaseDictionary* dictionary) {
    std::string out;
    out.reserve(r.title.size() + r.body.size() + r.source.size() + r.url.size() + 64);
    out.push_back(kVersion);
    for (const std::string* f : {&r.id, &r.title, &r.body, &r.date, &r.ministry, &r.department, &r.url, &r.source})
        put(out, *f);
    put(out, std::to_string(r.line));
    return dictionary ? dictionary->compress(out) : out;
}

Release decode_release(std::string_view in) {
    std::string plain;
    if (!in.empty() && in.front() == kCompressed) {
        const unsigned id = ZSTD_getDictID_fromFrame(in.data() + 1, in.size() - 1);
        const auto dictionary = registered(id);
        if (!dictionary)
            throw std::runtime_error(fmt::format("stored release: compressed with dictionary {}, which is not loaded", id));
        plain = dictionary->decompress(in);
        in = plain;
    }
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
