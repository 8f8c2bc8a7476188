#include "schema/masks.h"

#include <algorithm>
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

namespace {

/// The masked documents of the database being matched (PostingSource::init gets each database
/// of a combined one in turn).
class MaskedSource : public Xapian::PostingSource {
  public:
    explicit MaskedSource(std::shared_ptr<const MaskedDocuments::Table> table) : table_(std::move(table)) {}

    void init(const Xapian::Database& db) override {
        static const std::vector<Xapian::docid> none;
        const auto it = table_->find(db.get_uuid());
        docs_ = it == table_->end() ? &none : &it->second;
        pos_ = 0;
        started_ = false;
    }
    Xapian::doccount get_termfreq_min() const override { return Xapian::doccount(docs_->size()); }
    Xapian::doccount get_termfreq_est() const override { return Xapian::doccount(docs_->size()); }
    Xapian::doccount get_termfreq_max() const override { return Xapian::doccount(docs_->size()); }
    Xapian::docid get_docid() const override { return (*docs_)[pos_]; }
    bool at_end() const override { return started_ && pos_ >= docs_->size(); }
    void next(double) override {
        if (started_) ++pos_;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started_ = true;
        pos_ = std::size_t(std::lower_bound(docs_->begin() + std::ptrdiff_t(pos_), docs_->end(), did) - docs_->begin());
    }
    bool check(Xapian::docid did, double min_wt) override {
        skip_to(did, min_wt);
        return true;
    }
    Xapian::PostingSource* clone() const override { return new MaskedSource(table_); }
    std::string get_description() const override { return "MaskedSource"; }

  private:
    std::shared_ptr<const MaskedDocuments::Table> table_;
    const std::vector<Xapian::docid>* docs_ = nullptr;
    std::size_t pos_ = 0;
    bool started_ = false;
};

}  // namespace

MaskedDocuments::MaskedDocuments(const Masks& masks, const std::vector<Xapian::Database>& databases) {
    auto table = std::make_shared<Table>();
    for (const Xapian::Database& db : databases) {
        const std::string uuid = db.get_uuid();
        if (uuid.empty()) throw Xapian::UnimplementedError("no UUID");
        std::vector<Xapian::docid>& docs = (*table)[uuid];
        for (const std::string& term : masks.terms_)
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) docs.push_back(*p);
        std::sort(docs.begin(), docs.end());
    }
    table_ = std::move(table);
}

Xapian::Query MaskedDocuments::apply(const Xapian::Query& query) const {
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query((new MaskedSource(table_))->release()));
}

Xapian::Query Masks::apply(const Xapian::Query& query) const {
    if (terms_.empty()) return query;
    const std::vector<std::string> terms(terms_.begin(), terms_.end());
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

}  // namespace bodo
