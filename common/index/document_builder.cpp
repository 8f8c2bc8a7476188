#include "index/document_builder.h"

#include "schema/schema.h"
#include "schema/stored_release.h"

namespace bodo {
namespace {

/// Words and the parts of mixed words carry positions (see below); other terms only count.
constexpr bool has_positions(TermKind kind) { return kind == TermKind::Word || kind == TermKind::Part; }

std::string digits_only(std::string_view date) {
    std::string out;
    for (char c : date)
        if (c >= '0' && c <= '9') out += c;
    return out;
}

}  // namespace

// Only words and the parts of mixed words (K-반도체 → 반도체) carry positions, for phrases. Stems
// and bigrams only count: position lists cost one B-tree entry per term and release, and for
// them they more than halved indexing speed (parts cost 3% of the index, bench/HISTORY.md). Phrases
// find words with particles by their inflected forms (QueryBuilder) and run-together words
// through bigrams, which in a title include the bigram across the space (반도체 전략 → 체전).
Xapian::Document DocumentBuilder::build(const Release& r, const std::string& fingerprint) {
    Xapian::Document doc;
    Positions positions;

    tokens_.clear();
    analyzer_.analyze(r.title, tokens_, positions);
    std::string title_key;  // the title's words run together: re-issued releases share it
    for (const Token& t : tokens_) {
        if (t.kind == TermKind::Word) title_key += t.term;
        if (has_positions(t.kind)) {
            doc.add_posting(text_term(Field::Text, t.kind, t.term), t.position, kTitleWdf);
            doc.add_posting(text_term(Field::Title, t.kind, t.term), t.position);
        } else {
            doc.add_term(text_term(Field::Text, t.kind, t.term), kTitleWdf);
            doc.add_term(text_term(Field::Title, t.kind, t.term));
        }
    }
    // The body, after a gap so that no phrase or bigram joins it to the title. The ministry and
    // department are filter terms and values, not words of the text: a word matches the releases
    // whose text holds it (정보통신 is no word of every release filed under 과학기술정보통신부);
    // a ministry's other names (과기정통부, MSIT) find its releases through the query
    // (QueryBuilder's "ministry" expansion).
    positions.body_rules();
    positions.gap();
    tokens_.clear();
    analyzer_.analyze(r.body, tokens_, positions);
    for (const Token& t : tokens_) {
        if (has_positions(t.kind)) doc.add_posting(text_term(Field::Text, t.kind, t.term), t.position);
        else doc.add_term(text_term(Field::Text, t.kind, t.term));
    }

    doc.add_boolean_term(boolean_term(Field::Id, r.id));
    if (!r.ministry.empty()) {
        doc.add_boolean_term(boolean_term(Field::Ministry, r.ministry));
        doc.add_value(slot(Field::Ministry), r.ministry);
    }
    if (!r.department.empty()) {
        doc.add_boolean_term(boolean_term(Field::Department, r.department));
        doc.add_value(slot(Field::Department), r.department);
    }
    const std::string ymd = digits_only(r.date);
    if (ymd.size() == 8) {
        doc.add_boolean_term(boolean_term(Field::Date, ymd));
        doc.add_boolean_term(boolean_term(Field::Month, ymd.substr(0, 6)));
        doc.add_boolean_term(boolean_term(Field::Year, ymd.substr(0, 4)));
        doc.add_value(slot(Field::Date), ymd);
        doc.add_value(slot(Field::Month), r.date.substr(0, 7));
        doc.add_value(slot(Field::Year), ymd.substr(0, 4));
        doc.add_boolean_term(boolean_term(Field::DayOfMonth, ymd.substr(6, 2)));
        doc.add_boolean_term(boolean_term(Field::MonthOfYear, ymd.substr(4, 2)));
        doc.add_boolean_term(boolean_term(Field::MonthDay, ymd.substr(4, 4)));
    }
    doc.add_value(slot(Field::TitleKey), title_key);
    if (!r.url.empty()) doc.add_boolean_term(boolean_term(Field::Url, r.url));
    if (!r.source.empty()) doc.add_boolean_term(boolean_term(Field::Source, r.source));
    doc.add_value(slot(Field::Fingerprint), fingerprint);
    // Which version of the release this is: a base that cannot be written hides it by this term
    // when the release is replaced or pruned (schema/masks.h).
    doc.add_boolean_term(boolean_term(Field::Version, fingerprint));
    // Unique and independent of document ids, which differ between one database and shards.
    doc.add_value(slot(Field::Order), order_key(ymd, r.id));
    doc.set_data(encode_release(r));
    return doc;
}

}  // namespace bodo
