#pragma once
/// @file
/// A stretch of snippet text, as SnippetMaker makes it and a hit carries it.

#include <string>

namespace bodo {

/// A stretch of snippet text; `highlighted` marks a matched word.
struct SnippetPart {
    std::string text;
    bool highlighted = false;
};

}  // namespace bodo
