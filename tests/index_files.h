#pragma once
// Input files and index checks shared by the indexing tests (test_indexer_cli, test_index_run,
// test_shards).
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <xapian.h>

#include "schema/masks.h"
#include "schema/schema.h"

namespace bodo::test {

/// Writes `text` to `path`, creating its directories.
inline void write_file(const std::string& path, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

/// One JSON Lines record (with its newline) of a release dated 2024-03-05 by 교육부.
inline std::string jsonl_record(const std::string& id, const std::string& title, const std::string& body = "본문") {
    return R"({"id": ")" + id + R"(", "title": ")" + title + R"(", "date": "2024-03-05", "ministry": "교육부", "body": ")" +
           body + "\"}\n";
}

/// The document of the release `id` in `d`, leaving out versions masked in a base (masks.h).
inline std::optional<Xapian::Document> live_document(const Xapian::Database& d, const std::string& id) {
    const Masks masks = Masks::read(d);
    const std::string term = boolean_term(Field::Id, id);
    for (auto p = d.postlist_begin(term); p != d.postlist_end(term); ++p)
        if (Xapian::Document doc = d.get_document(*p); !masks.masks(doc)) return doc;
    return std::nullopt;
}

/// Whether the index at `db` holds the release `id`.
inline bool has_id(const std::string& db, const std::string& id) {
    return live_document(Xapian::Database(db), id).has_value();
}

/// Releases in the index at `db` (masked versions left out).
inline Xapian::doccount releases_in(const std::string& db) {
    const Xapian::Database d(db);
    return d.get_doccount() - Xapian::doccount(Masks::read(d).size());
}

}  // namespace bodo::test
