#include "output/result_writer.h"

#include <stdexcept>

#include "output/json_writer.h"
#include "output/text_writer.h"
#include "output/trec_writer.h"
#include "text/ascii.h"

namespace bodo {

OutputFormat parse_output_format(const std::string& name) {
    const std::string lower = text::ascii_lower(name);
    if (lower == "text") return OutputFormat::Text;
    if (lower == "json") return OutputFormat::Json;
    if (lower == "trec") return OutputFormat::Trec;
    throw std::invalid_argument("unknown output format '" + name + "' (expected text, json or trec)");
}

std::string partial_note(const std::vector<std::string>& missing_shards) {
    std::string names;
    for (const std::string& name : missing_shards) names += (names.empty() ? "" : ", ") + name;
    if (names.empty()) names = "(unknown)";
    return std::string("partial results: shard") + (missing_shards.size() > 1 ? "s " : " ") + names + " unavailable";
}

std::unique_ptr<ResultWriter> make_writer(OutputFormat format, const WriterOptions& options, bool batch) {
    switch (format) {
        case OutputFormat::Text:
            return std::make_unique<TextWriter>(options, batch);
        case OutputFormat::Json:
            return std::make_unique<JsonWriter>();
        case OutputFormat::Trec:
            return std::make_unique<TrecWriter>(options.run_tag);
    }
    throw std::invalid_argument("unknown output format");
}

}  // namespace bodo
