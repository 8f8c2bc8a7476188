#pragma once
/// @file
/// Turns a release into a Xapian document: terms, positions, filter terms, values and data.

#include <vector>

#include <xapian.h>

#include "schema/ranking.h"
#include "analysis/analyzer.h"
#include "release/release.h"

namespace bodo {

/// Builds documents following the schema table (schema/schema.h). Not thread-safe; use one per thread.
class DocumentBuilder {
  public:
    /// How many times a title word counts against a body word (schema/ranking.h, with the
    /// measurement that chose it).
    static constexpr Xapian::termcount kTitleWdf = ranking::kTitleWdf;

    /// The document for a release (the release must have an id); `fingerprint` is its
    /// schema/stored_release.h fingerprint, stored to skip it when it comes again unchanged.
    Xapian::Document build(const Release& release, const std::string& fingerprint);

  private:
    Analyzer analyzer_;
    std::vector<Token> tokens_;
};

}  // namespace bodo
