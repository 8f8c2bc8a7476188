#pragma once
/// @file
/// Deciding whether to print ANSI colour.
///
/// Rules (https://no-color.org):
/// - `Never`  never colours.
/// - `Always` always colours, whatever the environment says (an explicit request wins).
/// - `Auto`   colours only when `fd` is a terminal and the environment variable NO_COLOR is
///            unset or empty; NO_COLOR set to any non-empty value turns colour off.

#include <string>

namespace bodo {

/// The user's colour choice (`--colour auto|always|never`).
enum class ColourMode { Auto, Always, Never };

/// Parses "auto", "always" or "never" (ASCII case-insensitive; "yes"/"no" are not accepted).
/// Throws std::invalid_argument otherwise.
ColourMode parse_colour_mode(const std::string& name);

/// True when output written to the file descriptor `fd` should carry ANSI colour under `mode`.
bool use_colour(int fd, ColourMode mode);

}  // namespace bodo
