#pragma once
/// @file
/// The parameters of /api/search and of the search page, checked before any search runs.
///
/// The API takes bodo-search's options under their names: `q` (the query), `since`, `until`,
/// `ministry` and `dept` (repeatable), `sort`, `limit`, `offset`, `facets`, `collapse`,
/// `snippets`. The page takes `q`, `since`, `until`, `ministry`, `dept`, `sort` and `offset`.
/// An empty value is the same as no value (a form sends `since=` for an empty box). A request
/// is refused (ParamError, HTTP 400) for: a name not in the list, a scalar given twice, a name
/// or value that is not valid UTF-8, a query over kMaxQueryBytes bytes, a date bodo-search would
/// refuse, `since` after `until`, `limit` over kMaxLimit, `offset` over kMaxOffset, a number or
/// flag that is not one, an unknown sort order.

#include <cstddef>
#include <stdexcept>
#include <string>

#include "search/searcher.h"
#include "serve/http_types.h"

namespace bodo::serve {

inline constexpr std::size_t kMaxQueryBytes = 1000;
inline constexpr std::uint32_t kMaxLimit = 100;
inline constexpr std::uint32_t kMaxOffset = 10000;
/// Values of one repeatable parameter (ministry, dept) and parameters in all.
inline constexpr std::size_t kMaxRepeats = 50;
inline constexpr std::size_t kMaxParams = 120;
/// Results per page on the search page.
inline constexpr std::uint32_t kPageSize = 10;

/// A parameter that cannot be accepted: the message says what is wrong and how to fix it.
class ParamError : public std::runtime_error {
  public:
    ParamError(std::string parameter, const std::string& message)
        : std::runtime_error(message), parameter_(std::move(parameter)) {}
    /// The parameter at fault ("" when none in particular).
    const std::string& parameter() const noexcept { return parameter_; }

  private:
    std::string parameter_;
};

/// Who asks: scripts (every option) or the page (the state a URL of the page carries).
enum class ParamSet { Api, Page };

/// The request that `params` ask for. Throws ParamError.
SearchRequest parse_search_params(const Params& params, ParamSet set);

/// True when the request asks for something (words or a filter); the page shows its start
/// screen otherwise, where the API answers 400.
bool has_criteria(const SearchRequest& request);

}  // namespace bodo::serve
