#pragma once
/// @file
/// A request and a response as bodo-serve's handlers see them, apart from the HTTP library
/// (server/ adapts cpp-httplib to these; tests call the handlers directly).

#include <string>
#include <utility>
#include <vector>

namespace bodo::serve {

/// Query parameters in the order given, names and values already URL-decoded (repeats kept).
using Params = std::vector<std::pair<std::string, std::string>>;

/// One GET request.
struct HttpRequest {
    std::string path;  ///< URL-decoded path ("/api/search", "/release/156462096")
    Params params;
};

/// The answer: status, content type and body; the security headers are added by the server
/// to every response (security_headers()).
struct HttpResponse {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers (Cache-Control, …)
};

/// Headers sent with every response: a Content-Security-Policy that allows no script at all
/// (the pages need none), styles and images only from this server, no framing; nosniff; no
/// referrer sent to the original sites a release links to.
const std::vector<std::pair<std::string, std::string>>& security_headers();

}  // namespace bodo::serve
