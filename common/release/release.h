#pragma once
/// @file
/// The one record every reader yields and the indexer consumes.

#include <cstddef>
#include <string>

namespace bodo {

/// One press release, whatever format it was read from.
///
/// Strings are valid UTF-8 (readers repair or reject invalid input).
struct Release {
    std::string id;          ///< Unique id (the policy-briefing news item id, or one derived by the reader).
    std::string title;       ///< Headline.
    std::string body;        ///< Release text.
    std::string date;        ///< "YYYY-MM-DD", or empty when no date could be established.
    std::string ministry;    ///< Issuing ministry or agency (부처); may be empty.
    std::string department;  ///< Department in charge (담당부서); empty when not known.
    std::string url;         ///< Original page, may be empty.
    std::string source;      ///< Where it was read: a file path, "archive.tar.zst:member", or "-".
    std::size_t line = 0;    ///< Line in `source` where the record starts (1-based; 0 when not line-based).
};

}  // namespace bodo
