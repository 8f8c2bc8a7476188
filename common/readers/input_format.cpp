#include "readers/input_format.h"

#include "readers/archive_reader.h"
#include "readers/jsonl_reader.h"
#include "readers/markdown_reader.h"
#include "readers/record_support.h"
#include "readers/text_clean.h"
#include "readers/text_page_reader.h"
#include "text/ascii.h"
#include "text/trim.h"
#include "text/utf8.h"

namespace bodo::readers {

using text::ends_with_ascii_nocase;
using text::trim;

namespace {

/// Archives inside archives are read, but not without end.
constexpr int max_archive_depth = 4;

/// Reads a one-release file into memory and checks what every whole-file format needs.
bool read_whole_file(InputFormat format, ByteSource& source, const std::string& source_name,
                     std::string_view file_name, const ReadHandlers& handlers) {
    std::string text;
    if (!read_all(source, text, max_record_bytes)) {
        report(handlers, source_name, 0, "file over 10 MB (skipped)");
        return true;
    }
    text.erase(0, text.size() - text::without_byte_order_mark(text).size());
    if (trim(text).empty()) {
        report(handlers, source_name, 0, "empty file");
        return true;
    }
    if (has_nul_byte(text)) {
        report(handlers, source_name, 0, "binary file (NUL bytes), skipped");
        return true;
    }
    if (!is_valid_utf8(text)) {
        auto decoded = cp949_to_utf8(text);
        if (!decoded) {
            report(handlers, source_name, 0, "invalid UTF-8 (and not CP949/EUC-KR either)");
            return true;
        }
        warn(handlers, source_name, 0, "not UTF-8: read as CP949 (EUC-KR)");
        text = std::move(*decoded);
    }
    if (format == InputFormat::markdown) {
        read_markdown(text, source_name, handlers);
    } else {
        read_text_page(text, source_name, file_name, handlers);
    }
    return true;
}

/// The compression of a compressed JSON Lines format, for messages.
const char* compression_name(InputFormat format) {
    switch (format) {
        case InputFormat::jsonl_gz: return "gzip";
        case InputFormat::jsonl_xz: return "xz";
        case InputFormat::jsonl_bz2: return "bzip2";
        default: return "compressed data";
    }
}

}  // namespace

InputFormat format_of(std::string_view name) noexcept {
    for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.zstd", ".tzst", ".tar.xz", ".txz",
                                 ".tar.bz2", ".tbz2", ".zip"}) {
        if (ends_with_ascii_nocase(name, ext)) return InputFormat::archive;
    }
    if (ends_with_ascii_nocase(name, ".jsonl") || ends_with_ascii_nocase(name, ".ndjson")) return InputFormat::jsonl;
    if (ends_with_ascii_nocase(name, ".jsonl.zst") || ends_with_ascii_nocase(name, ".jsonl.zstd")) return InputFormat::jsonl_zst;
    if (ends_with_ascii_nocase(name, ".jsonl.gz")) return InputFormat::jsonl_gz;
    if (ends_with_ascii_nocase(name, ".jsonl.xz")) return InputFormat::jsonl_xz;
    if (ends_with_ascii_nocase(name, ".jsonl.bz2")) return InputFormat::jsonl_bz2;
    if (ends_with_ascii_nocase(name, ".md") || ends_with_ascii_nocase(name, ".markdown")) return InputFormat::markdown;
    if (ends_with_ascii_nocase(name, ".txt")) return InputFormat::text_page;
    return InputFormat::unknown;
}

bool read_stream(InputFormat format, std::unique_ptr<ByteSource> source, const std::string& source_name,
                 std::string_view file_name, const ReadHandlers& handlers, int depth) {
    try {
        switch (format) {
            case InputFormat::jsonl:
                read_jsonl(*source, source_name, handlers);
                return true;
            case InputFormat::jsonl_zst: {
                auto plain = zstd_source(std::move(source));
                read_jsonl(*plain, source_name, handlers);
                return true;
            }
            case InputFormat::jsonl_gz:
            case InputFormat::jsonl_xz:
            case InputFormat::jsonl_bz2: {
                auto plain = decompressing_source(std::move(source), compression_name(format));
                read_jsonl(*plain, source_name, handlers);
                return true;
            }
            case InputFormat::markdown:
            case InputFormat::text_page:
                return read_whole_file(format, *source, source_name, file_name, handlers);
            case InputFormat::archive:
                if (depth >= max_archive_depth) {
                    report(handlers, source_name, 0, "archive nested too deeply (skipped)");
                    return false;
                }
                return read_archive(std::move(source), source_name, handlers, depth + 1);
            case InputFormat::unknown:
                break;
        }
        report(handlers, source_name, 0, "unknown file type (skipped)");
        return false;
    } catch (const SourceError& e) {
        // Errors the line-based reader did not catch itself: a whole-file read or a filter setup.
        report(handlers, source_name, 0, std::string("read error: ") + e.what());
        return false;
    }
}

}  // namespace bodo::readers
