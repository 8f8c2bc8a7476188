#include "search/batch.h"

#include <sstream>

#include "text/utf8.h"

namespace bodo {

std::optional<BatchQuery> BatchReader::next() {
    std::string line;
    while (std::getline(in_, line)) {
        ++line_;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line_ == 1) line.erase(0, line.size() - text::without_byte_order_mark(line).size());
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos) {
            ++malformed_;
            if (on_malformed) on_malformed(line_);
            continue;
        }
        return BatchQuery{line.substr(0, tab), line.substr(tab + 1), line_};
    }
    return std::nullopt;
}

void BatchTimer::end_query(const std::string& qid, std::ostream* timings) {
    ++queries_;
    if (timings)
        *timings << qid << '\t' << std::chrono::duration<double, std::milli>(Clock::now() - query_start_).count() << '\n';
}

std::string BatchTimer::summary(std::size_t failed) const {
    const double secs = std::chrono::duration<double>(Clock::now() - start_).count();
    std::ostringstream out;
    out << queries_ << " queries, total query time " << secs << " s ("
        << (queries_ ? secs * 1000 / double(queries_) : 0.0) << " ms/query)";
    if (failed) out << ", " << failed << " failed";
    return out.str();
}

}  // namespace bodo
