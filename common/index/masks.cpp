#include "index/masks.h"

#include <vector>

#include "schema/schema.h"

namespace bodo {

Masks Masks::read(const Xapian::Database& db) { return parse(db.get_metadata(kMasksKey)); }

Masks Masks::parse(std::string_view text) {
    Masks m;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        if (!line.empty()) m.terms_.emplace(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return m;
}

std::string Masks::serialize() const {
    std::string out;
    for (const std::string& t : terms_) out.append(t).push_back('\n');
    return out;
}

std::string Masks::version_term(std::string_view fingerprint) { return boolean_term(Field::Version, fingerprint); }

std::string Masks::version_of(const Xapian::Document& doc) {
    const std::string fp = doc.get_value(slot(Field::Fingerprint));
    return fp.empty() ? std::string() : version_term(fp);
}

Xapian::Query Masks::apply(const Xapian::Query& query) const {
    if (terms_.empty()) return query;
    const std::vector<std::string> terms(terms_.begin(), terms_.end());
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

}  // namespace bodo
