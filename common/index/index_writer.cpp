#include "index/index_writer.h"

#include <xapian.h>

#include "schema/schema.h"
#include "schema/stored_release.h"

namespace bodo {
namespace {

Xapian::WritableDatabase open_writable(const std::string& path) {
    try {
        return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexOpenError("index " + path + " is locked: another bodo-index is writing to it");
    } catch (const Xapian::Error& e) {
        throw IndexOpenError("cannot open index " + path + ": " + e.get_msg());
    }
}

std::string where(const Release& r) {
    return r.line ? r.source + ":" + std::to_string(r.line) : r.source;
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, std::uint32_t batch_size)
    : db_(open_writable(path)), batch_size_(batch_size ? batch_size : 1) {}

IndexWriter::~IndexWriter() {
    try {
        commit();
    } catch (...) {
        // Destructors must not throw; an explicit commit() reports errors.
    }
}

IndexWriter::Outcome IndexWriter::add(const Release& release, std::string* first_source) {
    auto [it, inserted] = seen_.try_emplace(release.id, where(release));
    if (!inserted) {
        if (first_source) *first_source = it->second;
        ++counts_.skipped;
        return Outcome::Duplicate;
    }
    const std::string id_term = boolean_term(Field::Id, release.id);
    const std::string print = fingerprint(release);

    bool exists = false;
    Xapian::PostingIterator p = db_.postlist_begin(id_term);
    if (p != db_.postlist_end(id_term)) {
        exists = true;
        if (db_.get_document(*p).get_value(slot(Field::Fingerprint)) == print) {
            ++counts_.unchanged;
            return Outcome::Unchanged;
        }
    }
    db_.replace_document(id_term, builder_.build(release, print));
    for (const Abbreviation& a : find_abbreviations(release.body)) abbreviations_.add(a);
    if (++pending_ >= batch_size_) commit();
    if (exists) {
        ++counts_.replaced;
        return Outcome::Replaced;
    }
    ++counts_.added;
    return Outcome::Added;
}

void IndexWriter::commit() {
    if (!abbreviations_.empty()) {
        // Kept in metadata, written with the same commit as the releases that define them.
        AbbreviationTable merged;
        merged.merge(db_.get_metadata(AbbreviationTable::kMetadataKey));
        merged.merge(abbreviations_.serialize());
        db_.set_metadata(AbbreviationTable::kMetadataKey, merged.serialize());
        abbreviations_ = AbbreviationTable();
    }
    db_.commit();
    pending_ = 0;
}

}  // namespace bodo
