#pragma once
/// @file
/// The pages of bodo-serve, rendered on the server: they work without JavaScript (there is
/// none), carry their whole state in the URL, and escape every text that comes from a release
/// or a request.
///
/// - the search page (`/?q=…&since=…&until=…&ministry=…&dept=…&sort=…&offset=…`): the form,
///   the active filters (each with a link that removes it), "did you mean", the note when no
///   release has every word, results with highlighted snippets, paging, sort, the month
///   histogram (a bar narrows to its month, the bar of the month already chosen widens again),
///   and facets by ministry, department and year with counts (a value narrows, a chosen one
///   widens);
/// - the release page (`/release/ID`, with the search's state to return to it);
/// - the start page and error pages.

#include <optional>
#include <string>
#include <string_view>

#include "release/release.h"
#include "search/response.h"
#include "search/searcher.h"
#include "serve/http_types.h"
#include "serve/index_pool.h"

namespace bodo::serve {

/// `text` safe in HTML text and in quoted attribute values: & < > " ' escaped; bytes that are
/// not UTF-8 become U+FFFD; control characters other than tab and newline are dropped.
std::string html_escape(std::string_view text);

/// `text` percent-encoded for a URL's query or path segment (unreserved characters kept).
std::string url_encode(std::string_view text);

/// The parameters of the page URL that shows `request` ("" values and defaults left out).
Params page_params(const SearchRequest& request);

/// "?a=1&b=2" (not HTML-escaped), or "" when there are none.
std::string query_string(const Params& params);

/// What pages show about the index.
struct PageContext {
    IndexInfo index;
};

/// The search page: `response` is null on the start page (nothing asked yet) or when `error`
/// (a message shown above the results) says why nothing was searched.
std::string render_search_page(const SearchRequest& request, const SearchResponse* response,
                               const std::string& error, const PageContext& context);

/// A release: its whole text, its metadata and the link to the original (http and https only).
/// `back` is the search it was opened from (its state returns to it).
std::string render_release_page(const Release& release, const SearchRequest& back);

/// A page that says only what went wrong (404, 503) with a link home.
std::string render_message_page(const std::string& title, const std::string& message);

}  // namespace bodo::serve
