#include "output/trec_writer.h"

#include <fmt/format.h>

#include <iostream>
#include <ostream>
#include <utility>

namespace bodo {

namespace {

/// Makes `s` one non-empty TREC column: whitespace becomes '_', empty becomes `fallback`.
std::string column(const std::string& s, const char* fallback) {
    if (s.empty()) return fallback;
    std::string out = s;
    for (char& c : out) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') c = '_';
    }
    return out;
}

}  // namespace

std::string format_trec_line(const std::string& qid, const Hit& hit, const std::string& run_tag) {
    return fmt::format("{} Q0 {} {} {:.6f} {}", column(qid, "1"), column(hit.id, "-"), hit.rank, hit.score,
                       column(run_tag, "bodo"));
}

TrecWriter::TrecWriter(std::string run_tag, std::ostream* notes)
    : run_tag_(std::move(run_tag)), notes_(notes ? notes : &std::cerr) {}

void TrecWriter::write(const SearchResponse& response, std::ostream& out) {
    if (response.partial) {
        *notes_ << "# qid " << column(response.qid, "1") << ": " << partial_note(response.missing_shards) << '\n';
    }
    for (const Hit& hit : response.hits) {
        out << format_trec_line(response.qid, hit, run_tag_) << '\n';
    }
}

}  // namespace bodo
