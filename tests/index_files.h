#pragma once
// Input files and index checks shared by the indexing tests (test_indexer_cli, test_index_run,
// test_shards).
#include <filesystem>
#include <fstream>
#include <string>

#include <xapian.h>

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

/// Whether the index at `db` holds the release `id`.
inline bool has_id(const std::string& db, const std::string& id) {
    return Xapian::Database(db).term_exists(boolean_term(Field::Id, id));
}

}  // namespace bodo::test
