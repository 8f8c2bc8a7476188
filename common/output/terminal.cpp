#include "output/terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "text/ascii.h"

namespace bodo {

ColourMode parse_colour_mode(const std::string& name) {
    const std::string lower = text::ascii_lower(name);
    if (lower == "auto") return ColourMode::Auto;
    if (lower == "always") return ColourMode::Always;
    if (lower == "never") return ColourMode::Never;
    throw std::invalid_argument("unknown colour mode '" + name + "' (expected auto, always or never)");
}

bool use_colour(int fd, ColourMode mode) {
    switch (mode) {
        case ColourMode::Always:
            return true;
        case ColourMode::Never:
            return false;
        case ColourMode::Auto:
            break;
    }
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour != nullptr && no_colour[0] != '\0') return false;
    return ::isatty(fd) == 1;
}

}  // namespace bodo
