#include "query/query_builder.h"

#include <algorithm>
#include <map>

#include "analysis/korean.h"
#include "schema/schema.h"

namespace bodo {
namespace {

using Q = Xapian::Query;

Q combine(Q::op op, const std::vector<Q>& parts) {
    if (parts.empty()) return Q();
    if (parts.size() == 1) return parts.front();
    return Q(op, parts.begin(), parts.end());
}

Q scaled(double factor, const Q& q) { return q.empty() ? q : Q(Q::OP_SCALE_WEIGHT, q, factor); }

/// The tokens of each word of an analysed text, in order (tokens of one word share its start).
std::vector<std::vector<Token>> split_words(const std::vector<Token>& tokens) {
    std::map<std::uint32_t, std::vector<Token>> by_start;
    for (const Token& t : tokens) by_start[t.start].push_back(t);
    std::vector<std::vector<Token>> words;
    for (auto& [start, toks] : by_start) words.push_back(std::move(toks));
    return words;
}

Q date_range_query(const DateRange& r) {
    return Q(Q::OP_VALUE_RANGE, slot(Field::Date), r.from.empty() ? std::string("00000000") : r.from,
             r.to.empty() ? std::string("99999999") : r.to);
}

Q any_of(Field field, const std::vector<std::string>& values) {
    std::vector<Q> terms;
    for (const auto& v : values) terms.emplace_back(boolean_term(field, v));
    return combine(Q::OP_OR, terms);
}

}  // namespace

Xapian::Query QueryBuilder::word_query(const std::vector<Token>& tokens, bool title, HighlightSpec& hl) const {
    const Field field = title ? Field::Title : Field::Text;
    auto term = [&](TermKind kind, const std::string& text) {
        std::string t = text_term(field, kind, text);
        if (!title) hl.terms.push_back(t);
        else hl.terms.push_back(text_term(Field::Text, kind, text));
        return t;
    };
    std::string word;
    std::vector<std::string> parts, stems, bigrams;
    std::string english;
    for (const Token& t : tokens) {
        switch (t.kind) {
            case TermKind::Word: word = t.term; break;
            case TermKind::Part: parts.push_back(t.term); break;
            case TermKind::Stem: stems.push_back(t.term); break;
            case TermKind::EnglishStem: english = t.term; break;
            case TermKind::Bigram: bigrams.push_back(t.term); break;
        }
    }
    if (word.empty()) return Q();

    std::vector<Q> alternatives;
    // The word as typed, or followed by a particle in the release.
    alternatives.push_back(Q(Q::OP_SYNONYM, Q(term(TermKind::Word, word)), Q(term(TermKind::Stem, word))));

    // The typed word's own stem, when the index shows the stem standing alone at least as often.
    if (!stems.empty()) {
        const Xapian::doccount word_freq = db_.get_termfreq(text_term(Field::Text, TermKind::Word, word));
        std::vector<Q> trusted;
        for (const std::string& s : stems) {
            const Xapian::doccount f = db_.get_termfreq(text_term(Field::Text, TermKind::Word, s));
            if (f >= kStemEvidence && f >= word_freq) {
                trusted.emplace_back(term(TermKind::Word, s));
                trusted.emplace_back(term(TermKind::Stem, s));
            }
        }
        if (!trusted.empty()) alternatives.push_back(scaled(kStemWeight, combine(Q::OP_SYNONYM, trusted)));
    }
    // A mixed word (COVID-19, K-방역, 1조원) also matches its parts in a row.
    if (parts.size() > 1) {
        std::vector<Q> seq;
        for (const std::string& p : parts)
            seq.push_back(Q(Q::OP_OR, Q(term(TermKind::Word, p)), Q(term(TermKind::Stem, p))));
        alternatives.push_back(scaled(kStemWeight, Q(Q::OP_PHRASE, seq.begin(), seq.end(), static_cast<Xapian::termcount>(seq.size()))));
    }
    if (!english.empty()) alternatives.push_back(scaled(kEnglishStemWeight, Q(term(TermKind::EnglishStem, english))));
    // Inside compounds and across spaces: all the word's bigrams (bigrams have no positions).
    if (!bigrams.empty() && parts.size() <= 1) {
        std::vector<Q> seq;
        for (const std::string& b : bigrams) seq.emplace_back(text_term(field, TermKind::Bigram, b));
        const double w = kBigramWeight / static_cast<double>(seq.size());
        alternatives.push_back(scaled(w, combine(Q::OP_AND, seq)));
        hl.bigram_runs.push_back(bigrams);
    }
    return combine(Q::OP_OR, alternatives);
}

Xapian::Query QueryBuilder::clause_query(const Clause& clause, HighlightSpec& hl) const {
    const bool title = clause.field == ClauseField::Title;
    const Field field = title ? Field::Title : Field::Text;
    const std::vector<Token> tokens = analyzer_.analyze(clause.text);
    const auto words = split_words(tokens);
    if (words.empty()) return Q();

    if (clause.kind == ClauseKind::Word || words.size() == 1) {
        std::vector<Q> qs;
        for (const auto& w : words) {
            Q q = word_query(w, title, hl);
            if (!q.empty()) qs.push_back(q);
        }
        return combine(Q::OP_OR, qs);
    }

    // A phrase: its words in order (each as typed or with a particle), or all its bigrams,
    // which also finds it written without the spaces.
    std::vector<Q> seq;
    std::uint32_t first = words.front().front().position, last = first;
    for (const auto& w : words) {
        for (const Token& t : w) {
            if (t.kind != TermKind::Word) continue;
            seq.push_back(Q(Q::OP_OR, Q(text_term(field, TermKind::Word, t.term)), Q(text_term(field, TermKind::Stem, t.term))));
            hl.terms.push_back(text_term(Field::Text, TermKind::Word, t.term));
            hl.terms.push_back(text_term(Field::Text, TermKind::Stem, t.term));
            last = t.position;
        }
    }
    std::vector<Q> alternatives{Q(Q::OP_PHRASE, seq.begin(), seq.end(), last - first + 1)};
    std::vector<Q> bigram_seq;
    std::vector<std::string> bigram_terms;
    for (const Token& t : tokens)
        if (t.kind == TermKind::Bigram) {
            bigram_seq.emplace_back(text_term(field, TermKind::Bigram, t.term));
            bigram_terms.push_back(t.term);
        }
    if (bigram_seq.size() > 1) {
        alternatives.push_back(combine(Q::OP_AND, bigram_seq));
        hl.bigram_runs.push_back(bigram_terms);
    }
    return combine(Q::OP_OR, alternatives);
}

BuiltQuery QueryBuilder::build(const ParsedQuery& parsed, const QueryFilters& filters) const {
    BuiltQuery out;
    std::vector<Q> units, required, excluded;
    QueryFilters all = filters;
    all.dates.insert(all.dates.end(), parsed.dates.begin(), parsed.dates.end());
    all.excluded_dates.insert(all.excluded_dates.end(), parsed.excluded_dates.begin(), parsed.excluded_dates.end());
    std::vector<std::string> excluded_ministries, excluded_departments;

    HighlightSpec ignored;  // excluded words are not highlighted
    for (const QueryGroup& group : parsed.groups) {
        std::vector<Q> alternatives;
        for (const Clause& c : group.alternatives) {
            if (c.field == ClauseField::Ministry || c.field == ClauseField::Department) {
                auto& list = c.field == ClauseField::Ministry ? (c.excluded ? excluded_ministries : all.ministries)
                                                              : (c.excluded ? excluded_departments : all.departments);
                list.push_back(c.text);
                continue;
            }
            Q q = clause_query(c, c.excluded ? ignored : out.highlight);
            if (q.empty()) continue;
            if (c.excluded) excluded.push_back(q);
            else alternatives.push_back(q);
            if (c.required) required.push_back(q);
        }
        if (!alternatives.empty()) units.push_back(combine(Q::OP_OR, alternatives));
    }

    Q query;
    if (units.size() > 1) {
        // Releases with every group score the AND on top of the OR: all words above some.
        query = Q(Q::OP_OR, scaled(kAllWordsBonus, combine(Q::OP_AND, units)), combine(Q::OP_OR, units));
    } else if (units.size() == 1) {
        query = units.front();
    } else {
        query = Q::MatchAll;
    }
    if (!required.empty()) query = Q(Q::OP_FILTER, query, combine(Q::OP_AND, required));

    std::vector<Q> filter_parts;
    if (!all.ministries.empty()) filter_parts.push_back(any_of(Field::Ministry, all.ministries));
    if (!all.departments.empty()) filter_parts.push_back(any_of(Field::Department, all.departments));
    for (const DateRange& r : all.dates) filter_parts.push_back(date_range_query(r));
    if (!filter_parts.empty()) query = Q(Q::OP_FILTER, query, combine(Q::OP_AND, filter_parts));

    if (!excluded_ministries.empty()) excluded.push_back(any_of(Field::Ministry, excluded_ministries));
    if (!excluded_departments.empty()) excluded.push_back(any_of(Field::Department, excluded_departments));
    for (const DateRange& r : all.excluded_dates) excluded.push_back(date_range_query(r));
    if (!excluded.empty()) query = Q(Q::OP_AND_NOT, query, combine(Q::OP_OR, excluded));

    out.query = query;
    std::sort(out.highlight.terms.begin(), out.highlight.terms.end());
    out.highlight.terms.erase(std::unique(out.highlight.terms.begin(), out.highlight.terms.end()), out.highlight.terms.end());
    return out;
}

}  // namespace bodo
