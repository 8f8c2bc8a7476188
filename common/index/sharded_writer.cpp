#include "index/sharded_writer.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "schema/stub_file.h"
#include "schema/schema.h"
#include "schema/stored_release.h"

namespace bodo {
namespace {

namespace fs = std::filesystem;

bool is_year(std::string_view s) {
    if (s.size() != 4) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

/// Shard directories of a by-year index: y2020, y2021, ..., undated.
bool is_year_shard(const std::string& name) {
    return name == "undated" || (name.size() == 5 && name[0] == 'y' && is_year(std::string_view(name).substr(1)));
}

std::string where(const Release& r) {
    return r.line ? r.source + ":" + std::to_string(r.line) : r.source;
}

void save_layout(const std::string& dir, const ShardLayout& layout) {
    const std::string file = (fs::path(dir) / kShardLayoutFileName).string();
    const std::string tmp = file + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "# bodo shard layout, written by bodo-index and read by every later run on this directory.\n"
               "# Changing it does not move releases: build a new index to change the layout.\n"
            << layout.serialize() << '\n';
        if (!out) throw IndexOpenError("cannot write " + tmp);
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) throw IndexOpenError("cannot write " + file + ": " + ec.message());
}

}  // namespace

std::string ShardLayout::shard_of(const Release& release) const {
    if (by == By::Year) {
        const std::string_view y = std::string_view(release.date).substr(0, 4);
        return is_year(y) ? "y" + std::string(y) : "undated";
    }
    return fmt::format("shard-{:02d}", stable_hash(release.id) % shards);
}

std::string ShardLayout::describe() const {
    if (by == By::Year) return "one shard per year";
    return fmt::format("{} shard{} by id hash", shards, shards == 1 ? "" : "s");
}

std::string ShardLayout::serialize() const {
    return by == By::Year ? "by year" : fmt::format("by hash {}", shards);
}

std::optional<ShardLayout> ShardLayout::load(const std::string& dir) {
    const std::string file = (fs::path(dir) / kShardLayoutFileName).string();
    std::error_code ec;
    if (!fs::exists(file, ec)) return std::nullopt;
    std::ifstream in(file);
    if (!in) throw IndexOpenError("cannot read " + file);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string by, kind;
        unsigned n = 0;
        words >> by >> kind;
        if (by == "by" && kind == "year") return ShardLayout::year();
        if (by == "by" && kind == "hash" && (words >> n) && n >= 1 && n <= kMaxShards) return ShardLayout::hash(n);
        break;
    }
    throw IndexOpenError(file + ": not a bodo shard layout (expected 'by hash N' or 'by year')");
}

ShardedWriter::ShardedWriter(const std::string& dir, const std::optional<ShardLayout>& requested, std::uint32_t batch_size,
                             std::shared_ptr<BuildPool> pool)
    : dir_(dir), batch_size_(batch_size), pool_(std::move(pool)) {
    if (requested && requested->by == ShardLayout::By::Hash && (requested->shards < 1 || requested->shards > kMaxShards))
        throw IndexOpenError(fmt::format("a sharded index has between 1 and {} shards", kMaxShards),
                             IndexOpenError::Reason::ShardCount);
    std::error_code ec;
    const std::optional<ShardLayout> existing = ShardLayout::load(dir);
    // One database: DIR itself (iamglass), or the generation DIR/bodo.stub names (generations.h).
    const bool one_database = fs::exists(fs::path(dir) / "iamglass", ec) || live_generation(dir).has_value();
    if (!existing && !one_database &&
        (fs::exists(fs::path(dir) / kStubFileName, ec) || fs::exists(fs::path(dir) / kXapianStubFileName, ec)))
        throw IndexOpenError(dir + " holds a stub file but no " + kShardLayoutFileName +
                             ": not an index bodo-index made (restore the layout file, or build a new index)");
    if (!existing && !requested) {  // one database, as always
        // Locked before anything is read: a compaction may be switching generations.
        lock_ = std::make_unique<IndexDirLock>(dir);
        remove_generation_leftovers(dir);
        live_ = live_database_path(dir);
        writers_.emplace("", std::make_unique<IndexWriter>(live_, batch_size, pool_, IndexWriter::Sync::Durable, dir));
        return;
    }
    if (existing && requested && !(*existing == *requested))
        throw IndexOpenError(dir + " is an index of " + existing->describe() + ", not " + requested->describe() +
                             ": the layout of an index cannot change (build a new one into another directory)");
    if (!existing) {
        if (one_database)
            throw IndexOpenError(dir + " is an index of one database: shards are built into a new directory",
                                 IndexOpenError::Reason::OneDatabase);
        fs::create_directories(dir, ec);
        if (ec) throw IndexOpenError("cannot create " + dir + ": " + ec.message());
        save_layout(dir, *requested);
    }
    layout_ = existing ? existing : requested;

    // Open every shard there is (which also locks them against a second bodo-index) and, by
    // hash, make the missing ones: the stub must list only databases that exist.
    std::vector<std::string> names;
    if (layout_->by == ShardLayout::By::Hash) {
        for (unsigned i = 0; i < layout_->shards; ++i) names.push_back(fmt::format("shard-{:02d}", i));
    } else {
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const std::string name = entry.path().filename().string();
            if (entry.is_directory() && is_year_shard(name)) names.push_back(name);
        }
        if (ec) throw IndexOpenError("cannot list " + dir + ": " + ec.message());
    }
    for (const std::string& name : names) {
        IndexWriter& w = shard(name);
        if (layout_->by == ShardLayout::By::Year && w.database().get_doccount() > 0) had_releases_.push_back(&w);
    }
    write_stub();
}

IndexWriter& ShardedWriter::shard(const std::string& name) {
    auto it = writers_.find(name);
    if (it != writers_.end()) return *it->second;
    auto w = std::make_unique<IndexWriter>((fs::path(dir_) / name).string(), batch_size_, pool_);
    w->commit();  // an empty database on disk before the stub names it
    return *writers_.emplace(name, std::move(w)).first->second;
}

void ShardedWriter::write_stub() const {
    std::vector<StubEntry> entries;
    for (const auto& [name, w] : writers_) entries.push_back({StubEntry::Kind::Glass, name, "", 0, "", ""});
    try {
        const std::string comment = "bodo index of " + layout_->describe() + " (written by bodo-index; see bodo-shards.conf)";
        bodo::write_stub((fs::path(dir_) / kStubFileName).string(), entries, comment);
        // The same list under the name Xapian looks for in a directory: xapian-delve DIR,
        // xapian-tcpsrv DIR and Xapian::Database(DIR) open every shard.
        bodo::write_stub((fs::path(dir_) / kXapianStubFileName).string(), entries, comment);
    } catch (const StubError& e) {
        throw IndexOpenError(e.what());
    }
}

IndexWriter::Outcome ShardedWriter::add(const Release& release, std::string* first_source) {
    if (!layout_) return writers_.begin()->second->add(release, first_source);

    const bool by_year = layout_->by == ShardLayout::By::Year;
    if (by_year) {
        // The same id with another date in this run would go to another shard: catch it here.
        auto [it, inserted] = seen_.try_emplace(release.id, where(release));
        if (!inserted) {
            if (first_source) *first_source = it->second;
            ++counts_.skipped;
            return IndexWriter::Outcome::Duplicate;
        }
    }
    const std::size_t shards_before = writers_.size();
    IndexWriter& target = shard(layout_->shard_of(release));
    if (by_year && writers_.size() != shards_before) write_stub();

    bool moved = false;
    if (by_year && !had_releases_.empty()) {
        // A release indexed before under another year: delete it there first (and commit), so
        // that a crash leaves it missing until the next run rather than in two shards.
        const std::string id_term = boolean_term(Field::Id, release.id);
        if (!target.database().term_exists(id_term)) {
            for (IndexWriter* other : had_releases_) {
                if (other == &target || !other->database().term_exists(id_term)) continue;
                other->database().delete_document(id_term);
                other->commit();
                moved = true;
            }
        }
    }

    IndexWriter::Outcome outcome = target.add(release, first_source);
    if (moved && outcome == IndexWriter::Outcome::Added) outcome = IndexWriter::Outcome::Replaced;
    switch (outcome) {
        case IndexWriter::Outcome::Added: ++counts_.added; break;
        case IndexWriter::Outcome::Replaced: ++counts_.replaced; break;
        case IndexWriter::Outcome::Unchanged: ++counts_.unchanged; break;
        case IndexWriter::Outcome::Duplicate: ++counts_.skipped; break;
    }
    return outcome;
}

void ShardedWriter::commit() {
    for (auto& [name, w] : writers_) w->commit();
}

std::optional<Growth> ShardedWriter::growth() {
    if (layout_) return std::nullopt;
    const IndexWriter& w = *writers_.begin()->second;
    return estimate_growth(w.whole(), w.database_dirs());
}

Compaction ShardedWriter::compact() {
    if (layout_) throw std::logic_error("ShardedWriter::compact: a sharded index");
    IndexWriter& w = *writers_.begin()->second;
    w.commit();
    const Compaction c = compact_generation(dir_, w.database());
    w.detach();
    live_ = live_database_path(dir_);
    return c;
}

const IndexCounts& ShardedWriter::counts() const {
    return layout_ ? counts_ : writers_.begin()->second->counts();
}

Xapian::doccount ShardedWriter::doccount() {
    Xapian::doccount n = 0;
    for (auto& [name, w] : writers_) n += w->doccount();
    return n;
}

}  // namespace bodo
