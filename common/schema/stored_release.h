#pragma once
/// @file
/// The release as stored in a Xapian document's data, and its content fingerprint.

#include <cstdint>
#include <string>
#include <string_view>

#include "readers/release.h"

namespace bodo {

/// Serializes the fields needed to show and re-check a hit (all of Release).
std::string encode_release(const Release& release);

/// Reverses encode_release. Throws std::runtime_error on data it did not write.
Release decode_release(std::string_view data);

/// 64-bit FNV-1a: stable across runs and builds (unlike std::hash), for fingerprints and terms.
std::uint64_t stable_hash(std::string_view data, std::uint64_t seed = 0xcbf29ce484222325ULL);

/// The version of the analysis. It is part of every fingerprint, so a new version re-indexes
/// every release; each run records it in the index (index_stats.h). Bump it when terms change.
inline constexpr std::string_view kAnalysisVersion = "bodo-analysis-5";

/// Hash of everything that is indexed from a release: equal fingerprints mean nothing to redo.
std::string fingerprint(const Release& release);

}  // namespace bodo
