#pragma once
/// @file
/// Plain-text dumps of a release's web page (a browser's "save as text").

#include <string>
#include <string_view>

#include "readers/reader.h"

namespace bodo::readers {

/// Reads one release from a page dump's text (already checked to be UTF-8 without NULs).
///
/// Drops the site navigation above the headline and the licence footer, finds the headline
/// (the line ending in a "(Nov. 20)" date, else the first long line), and reads the date, the
/// ministry (English names mapped to Korean) and the department from the text. The id is
/// "txt:" + the file's stem. A date that cannot be established is left empty and reported.
void read_text_page(std::string_view text, const std::string& source_name, std::string_view file_name,
                    const ReadHandlers& handlers);

}  // namespace bodo::readers
