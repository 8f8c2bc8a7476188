#include "query/concept.h"

namespace bodo {

using Q = Xapian::Query;

void Highlight::add(const Highlight& other) {
    terms.insert(terms.end(), other.terms.begin(), other.terms.end());
    bigram_runs.insert(bigram_runs.end(), other.bigram_runs.begin(), other.bigram_runs.end());
}

const Expansion* Concept::find(std::string_view name) const {
    for (const Expansion& e : expansions)
        if (e.name == name) return &e;
    return nullptr;
}

Xapian::Query Concept::ranking() const {
    std::vector<Q> parts;
    for (const Expansion& e : expansions) {
        if (e.rank.empty() || e.weight <= 0) continue;
        parts.push_back(e.weight == 1.0 ? e.rank : Q(Q::OP_SCALE_WEIGHT, e.rank, e.weight));
    }
    if (parts.empty()) return Q();
    return parts.size() == 1 ? parts.front() : Q(Q::OP_OR, parts.begin(), parts.end());
}

Xapian::Query Concept::matcher() const {
    std::vector<Q> parts;
    for (std::size_t i = 0; i < expansions.size(); ++i) {
        const Expansion& e = expansions[i];
        if ((e.counts == Counts::Always || i == last_resort) && !e.match.empty()) parts.push_back(e.match);
    }
    if (parts.empty()) return Q();
    const Q any = parts.size() == 1 ? parts.front() : Q(Q::OP_OR, parts.begin(), parts.end());
    return Q(Q::OP_SCALE_WEIGHT, any, 0.0);
}

bool Concept::has(Counts counts) const {
    for (const Expansion& e : expansions)
        if (e.counts == counts && !e.match.empty()) return true;
    return false;
}

Highlight Concept::highlight() const {
    Highlight h;
    // A spelling that never counts is no way of holding the word: 돌려받을's pieces apart (돌려,
    // 받을) would mark 받을 of 지원받을.
    for (const Expansion& e : expansions)
        if (e.counts != Counts::Never) h.add(e.highlight);
    return h;
}

}  // namespace bodo
