#include "readers/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include <sys/stat.h>

#include "readers/byte_source.h"
#include "readers/input_format.h"
#include "readers/jsonl_reader.h"
#include "readers/record_support.h"

namespace bodo {

std::string ReadProblem::to_string() const {
    const std::string what = warning ? "warning: " + reason : reason;
    if (line == 0) return file + ": " + what;
    return file + ":" + std::to_string(line) + ": " + what;
}

namespace {

namespace fs = std::filesystem;
using readers::report;

/// Identity of a directory, to notice a symbolic link leading back into the tree being read.
using DirectoryId = std::pair<dev_t, ino_t>;

/// Why `path` cannot be read, from a failed stat of it (following links).
std::string stat_problem(const std::string& path, int error) {
    if (error == ELOOP) return "symlink loop";
    struct stat link {};
    if (error == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        return "broken symbolic link";
    }
    return std::string("cannot read: ") + std::strerror(error);
}

/// Opens and reads one file; false when it could not be opened or read at all.
bool read_file(const std::string& path, readers::InputFormat format, const ReadHandlers& handlers) {
    std::unique_ptr<readers::ByteSource> source;
    try {
        source = readers::open_file_source(path);
    } catch (const readers::SourceError& e) {
        report(handlers, path, 0, std::string("cannot open: ") + e.what());
        return false;
    }
    return readers::read_stream(format, std::move(source), path, path, handlers, 0);
}

class DirectoryWalker {
public:
    explicit DirectoryWalker(const ReadHandlers& handlers) : handlers_(handlers) {}

    /// Reads the directory `path` (already stat'ed as `info`); false when it cannot be listed.
    bool walk(const std::string& path, const struct stat& info) {
        const DirectoryId id{info.st_dev, info.st_ino};
        if (std::find(open_.begin(), open_.end(), id) != open_.end()) {
            report(handlers_, path, 0, "symlink loop (leads back to a directory being read), skipped");
            return false;
        }
        std::vector<std::string> names;
        std::error_code error;
        fs::directory_iterator it(path, error);
        if (error) {
            report(handlers_, path, 0, "cannot read directory: " + error.message());
            return false;
        }
        for (; it != fs::directory_iterator(); it.increment(error)) {
            if (error) break;
            names.push_back(it->path().filename().string());
        }
        if (error) report(handlers_, path, 0, "cannot read directory: " + error.message());
        // Sorted, so every run reads (and numbers) the same files in the same order.
        std::sort(names.begin(), names.end());

        open_.push_back(id);
        for (const auto& name : names) {
            const std::string child = path.empty() || path.back() == '/' ? path + name : path + "/" + name;
            struct stat child_info {};
            if (::stat(child.c_str(), &child_info) != 0) {
                const int stat_error = errno;
                // A dangling or looping link to something we would not read anyway is no concern.
                if (stat_error == ELOOP || readers::format_of(name) != readers::InputFormat::unknown) {
                    report(handlers_, child, 0, stat_problem(child, stat_error));
                }
                continue;
            }
            if (S_ISDIR(child_info.st_mode)) {
                walk(child, child_info);
            } else if (S_ISREG(child_info.st_mode)) {
                // An archive's own README describes it; it is not a release.
                if (name.rfind("README", 0) == 0) continue;
                const auto format = readers::format_of(name);
                if (format != readers::InputFormat::unknown) read_file(child, format, handlers_);
            }
        }
        open_.pop_back();
        return true;
    }

private:
    const ReadHandlers& handlers_;
    std::vector<DirectoryId> open_;  ///< The directories from the top of the walk down to here.
};

/// Reads one command-line input; false when it could not be opened at all.
bool read_input(const std::string& input, const ReadHandlers& handlers) {
    if (input == "-") {
        auto source = readers::standard_input_source();
        return readers::read_stream(readers::InputFormat::jsonl, std::move(source), "-", "-", handlers, 0);
    }
    struct stat info {};
    if (::stat(input.c_str(), &info) != 0) {
        const int error = errno;
        report(handlers, input, 0, error == ENOENT && stat_problem(input, error) != "broken symbolic link"
                                       ? std::string("no such file or directory")
                                       : stat_problem(input, error));
        return false;
    }
    if (S_ISDIR(info.st_mode)) return DirectoryWalker(handlers).walk(input, info);
    const auto format = readers::format_of(input);
    if (format == readers::InputFormat::unknown) {
        report(handlers, input, 0,
               "unknown file type (expected .jsonl, .jsonl.zst, .jsonl.gz, .jsonl.xz, .jsonl.bz2, .md, .txt or a .tar or .zip archive)");
        return false;
    }
    return read_file(input, format, handlers);
}

}  // namespace

std::size_t read_inputs(const std::vector<std::string>& inputs, const ReadHandlers& handlers) {
    std::size_t failed = 0;
    for (const auto& input : inputs) {
        if (!read_input(input, handlers)) ++failed;
    }
    return failed;
}

}  // namespace bodo
