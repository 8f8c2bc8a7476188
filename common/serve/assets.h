#pragma once
/// @file
/// The files the pages use, compiled into the program: nothing is read from disk or fetched
/// from elsewhere.

#include <optional>
#include <string_view>

namespace bodo::serve {

struct Asset {
    std::string_view content_type;
    std::string_view body;
};

/// The asset at `path` ("/static/style.css"), if there is one.
std::optional<Asset> find_asset(std::string_view path);

}  // namespace bodo::serve
