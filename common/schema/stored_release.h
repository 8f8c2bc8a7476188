#pragma once
/// @file
/// The release as stored in a Xapian document's data, and its content fingerprint.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "release/release.h"

namespace Xapian {
class Database;
}

namespace bodo {

/// A zstd dictionary trained on an index's first releases, with which its stored releases are
/// compressed (instead of by glass's zlib, release by release, without a dictionary). Kept in
/// the index's metadata under kReleaseDictionaryPrefix + its id; a compressed release names the
/// id in its zstd frame, so a database may hold releases of several dictionaries (shards,
/// releases written before the dictionary existed).
class ReleaseDictionary {
  public:
    /// Trains a dictionary on encoded releases (encode_release without one). Nothing when zstd
    /// cannot (too few or too small samples).
    static std::shared_ptr<const ReleaseDictionary> train(const std::vector<std::string>& samples);
    /// The dictionary of bytes kept in metadata. Throws std::runtime_error on bytes that are none.
    static std::shared_ptr<const ReleaseDictionary> load(std::string bytes);
    ~ReleaseDictionary();
    ReleaseDictionary(const ReleaseDictionary&) = delete;
    ReleaseDictionary& operator=(const ReleaseDictionary&) = delete;

    unsigned id() const { return id_; }
    const std::string& bytes() const { return bytes_; }
    /// Its metadata key: kReleaseDictionaryPrefix + id.
    std::string metadata_key() const;
    /// A release encoded without a dictionary, compressed (any thread).
    std::string compress(std::string_view encoded) const;
    /// Reverses compress (any thread). Throws std::runtime_error on a bad frame.
    std::string decompress(std::string_view compressed) const;

  private:
    struct Private;
    explicit ReleaseDictionary(std::string bytes);
    std::string bytes_;
    unsigned id_ = 0;
    std::unique_ptr<Private> z_;
};

/// Metadata key prefix of release dictionaries ("bodo:zstd-dict:1234567").
inline constexpr std::string_view kReleaseDictionaryPrefix = "bodo:zstd-dict:";
/// Metadata key: the id of the dictionary new releases are compressed with.
inline constexpr const char* kCurrentDictionaryKey = "bodo:zstd-dict";

/// Serializes the fields needed to show and re-check a hit (all of Release), compressed with
/// `dictionary` when given.
std::string encode_release(const Release& release, const ReleaseDictionary* dictionary = nullptr);

/// Reverses encode_release. Throws std::runtime_error on data it did not write, and on data
/// compressed with a dictionary not registered in this process (register_release_dictionaries).
Release decode_release(std::string_view data);

/// Makes a dictionary known to decode_release (every thread of the process).
void register_release_dictionary(std::shared_ptr<const ReleaseDictionary> dictionary);
/// Registers every dictionary kept in `db`'s metadata (each shard's, for a combined database:
/// call it for each). Returns the dictionary new releases of `db` use, if any. Throws
/// Xapian::Error as reading metadata does.
std::shared_ptr<const ReleaseDictionary> register_release_dictionaries(const Xapian::Database& db);

/// 64-bit FNV-1a: stable across runs and builds (unlike std::hash), for fingerprints and terms.
std::uint64_t stable_hash(std::string_view data, std::uint64_t seed = 0xcbf29ce484222325ULL);

/// The version of the analysis. It is part of every fingerprint, so a new version re-indexes
/// every release; each run records it in the index (index_stats.h). Bump it when terms change.
inline constexpr std::string_view kAnalysisVersion = "bodo-analysis-7";

/// Hash of everything that is indexed from a release: equal fingerprints mean nothing to redo.
std::string fingerprint(const Release& release);

}  // namespace bodo
