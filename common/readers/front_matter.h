#pragma once
/// @file
/// The front-matter block at the top of a Markdown file.
///
/// A small parser for flat "key: value" lines rather than yaml-cpp: the real archive holds
/// escapes YAML forbids (a title with "\]"), on which yaml-cpp throws and the release would be lost.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace bodo::readers {

/// One value of the block and the line it sits on.
struct FrontMatterValue {
    std::string value;
    std::size_t line = 0;  ///< 1-based line in the file.
};

/// Result of parsing a front-matter block.
struct FrontMatter {
    bool present = false;          ///< The text starts with a "---" line.
    std::map<std::string, FrontMatterValue, std::less<>> values;
    std::size_t body_offset = 0;   ///< Byte offset of the text after the closing "---".
    std::size_t body_line = 1;     ///< Line number at `body_offset`.
    std::string error;             ///< Why the block is unusable; empty when fine.
    std::size_t error_line = 0;
};

/// Parses the block: flat keys with plain, 'single' or "double" quoted scalar values.
/// Nested or list entries are ignored; an unknown escape keeps the escaped character.
FrontMatter parse_front_matter(std::string_view text);

}  // namespace bodo::readers
