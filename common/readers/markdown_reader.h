#pragma once
/// @file
/// Markdown releases with a front-matter block, as the MSIT nightly archive stores them.

#include <string>
#include <string_view>

#include "readers/reader.h"

namespace bodo::readers {

/// Reads one release from a Markdown file's text (already checked to be UTF-8 without NULs).
///
/// Front matter: title, ministry, approve_date ("MM/DD/YYYY HH:MM:SS"), news_item_id (the id),
/// original_url, optional department. The body is the text under "## 본문" up to "## 출처".
void read_markdown(std::string_view text, const std::string& source_name, const ReadHandlers& handlers);

}  // namespace bodo::readers
