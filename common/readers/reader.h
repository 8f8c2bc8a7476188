#pragma once
/// @file
/// Reading releases from files, directories, archives and standard input.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "release/release.h"

namespace bodo {

/// Something in the input that could not be read or indexed: reported as `file:line: reason`.
struct ReadProblem {
    std::string file;      ///< Path (or "archive:member", or "-").
    std::size_t line = 0;  ///< 1-based line, 0 when the problem concerns the whole file.
    std::string reason;    ///< What is wrong, in a few words.
    bool warning = false;  ///< The release was still read (e.g. kept without a date); not a skip.

    /// "file:line: reason" (or "file: reason" when line is 0); "warning: " before a warning's reason.
    std::string to_string() const;
};

/// Receives what the readers produce, in input order.
struct ReadHandlers {
    std::function<void(Release&&)> on_release;
    std::function<void(const ReadProblem&)> on_problem;
};

/// Reads every input in turn and hands each release (or problem) to the handlers.
///
/// An input is a file, a directory (read recursively, symlink loops detected), an archive
/// (.tar, .tar.gz, .tar.zst, .tar.xz, .tar.bz2, .zip) or "-" for JSON Lines on standard input. The format of a file
/// is chosen by its name: .jsonl / .jsonl.zst / .jsonl.gz / .jsonl.xz / .jsonl.bz2, .md, .txt.
/// Problems never stop the reading of other records or inputs.
/// @return the number of inputs that could not be opened at all.
std::size_t read_inputs(const std::vector<std::string>& inputs, const ReadHandlers& handlers);

}  // namespace bodo
