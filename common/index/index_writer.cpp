#include "index/index_writer.h"
#include "schema/lexicon.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <iterator>
#include <map>
#include <mutex>
#include <utility>

#include <fmt/format.h>
#include <xapian.h>

#include "index/generations.h"
#include "index/index_stats.h"
#include "schema/schema.h"
#include "schema/stored_release.h"

namespace bodo {

/// What the pool's tasks of a first build share with the writer.
struct IndexWriter::BulkState {
    std::mutex mutex;
    std::condition_variable idle;
    std::size_t running = 0;  ///< chunks submitted and not finished
    std::exception_ptr error;
    AbbreviationTable abbreviations;  ///< gathered from the parts' metadata
};

namespace {

namespace fs = std::filesystem;

/// Sources compacted at once (each holds a few files open).
constexpr std::size_t kCompactFanIn = 64;

/// Compaction that splits items whenever it saves space (xapian-compact's default; the API's
/// default does not): 0.8% smaller (term lists 3.5%), at the same speed.
constexpr unsigned kCompactFlags = Xapian::Compactor::FULL;

/// The last chunk of a first build is shared among the pool's threads when each would get at
/// least this many releases: alone on one thread, it kept the others idle at the end.
constexpr std::size_t kMinTailShare = 1000;

/// The index path without a trailing slash, for naming things beside it.
fs::path index_path(const std::string& path) {
    fs::path p = fs::path(path).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    return p;
}

/// `name`: how messages name the index (its directory, for the delta of a generation index).
Xapian::WritableDatabase open_writable(const std::string& path, IndexWriter::Sync sync = IndexWriter::Sync::Durable,
                                       const std::string& name = {}) {
    const std::string& index = name.empty() ? path : name;
    // The default ~/.local/share/bodo/index may not have a parent yet; Xapian makes only the last level.
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    try {
        const int no_sync = sync == IndexWriter::Sync::None ? Xapian::DB_NO_SYNC : 0;
        return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | no_sync);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexOpenError("index " + index + " is locked: another bodo-index is writing to it");
    } catch (const Xapian::Error& e) {
        throw IndexOpenError("cannot open index " + index + ": " + e.get_msg());
    }
}

std::string where(const Release& r) {
    return r.line ? r.source + ":" + std::to_string(r.line) : r.source;
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, std::uint32_t batch_size, std::shared_ptr<BuildPool> pool, Sync sync,
                         std::string index_dir)
    : path_(path), db_(open_writable(path, sync, index_dir)), pool_(std::move(pool)), batch_size_(batch_size ? batch_size : 1),
      index_dir_(std::move(index_dir)) {
    std::error_code ec;
    // The directory itself, when the path is a symbolic link to it (a first build swaps it).
    if (const auto real = fs::canonical(path_, ec); !ec) path_ = real.string();
    if (!index_dir_.empty()) {
        if (const std::string base = live_index(index_dir_).base; !base.empty()) {
            try {
                base_ = Xapian::Database(base, Xapian::DB_BACKEND_GLASS);
            } catch (const Xapian::Error& e) {
                throw IndexOpenError("cannot open the base " + base + " of index " + index_dir_ + ": " + e.get_msg());
            }
            has_base_ = true;
            masks_ = Masks::read(db_);
        }
    }
    remove_stale_parts();
    // What this writer commits is analysed by this bodo. An index of an earlier analysis is
    // marked current only by a whole run (record_run): until then it still holds old releases.
    outdated_analysis_ = bodo::outdated_analysis(whole());
    if (outdated_analysis_.empty()) db_.set_metadata(kAnalysisKey, std::string(kAnalysisVersion));
    dictionary_ = register_release_dictionaries(db_);
    if (!dictionary_ && doccount() >= kDictionarySamples) sample_existing_releases();
    if (pool_ && pool_->threads() > 1 && db_.get_doccount() == 0 && !has_base_) start_bulk();
    lexicon_revision_ = db_.get_doccount() == 0 ? 0 : db_.get_revision();
}

Xapian::doccount IndexWriter::doccount() const {
    if (!has_base_) return db_.get_doccount();
    return db_.get_doccount() + base_.get_doccount() - Xapian::doccount(masks_.size());
}

Xapian::Database IndexWriter::whole() const {
    Xapian::Database all(db_);
    if (has_base_) all.add_database(base_);
    return all;
}

std::vector<std::string> IndexWriter::database_dirs() const {
    std::vector<std::string> dirs{path_};
    if (has_base_) dirs.push_back(live_index(index_dir_).base);
    return dirs;
}

void IndexWriter::mask(const std::string& version_term) {
    if (masks_.add(version_term)) masks_changed_ = true;
}

void IndexWriter::train_dictionary(const std::vector<std::string>& samples) {
    auto dictionary = ReleaseDictionary::train(samples);
    if (!dictionary) {
        dictionary_failed_ = true;  // releases stay as they are; an index of more releases tries again
        return;
    }
    register_release_dictionary(dictionary);
    dictionary_ = std::move(dictionary);
    // Committed with (or before) the first release compressed with it.
    store_dictionary();
}

void IndexWriter::train_dictionary_on(const std::vector<Release>& releases) {
    if (dictionary_ || dictionary_failed_ || releases.size() < kDictionarySamples) return;
    // The index's dictionary, from its first releases, before any part is written.
    std::vector<std::string> samples;
    for (std::size_t i = 0; i < kDictionarySamples; ++i) samples.push_back(encode_release(releases[i]));
    train_dictionary(samples);
}

void IndexWriter::sample_existing_releases() {
    // An index made before dictionaries: its first releases, as they are encoded without one.
    std::vector<std::string> samples;
    const Xapian::Database all = whole();
    for (auto p = all.postlist_begin(""); p != all.postlist_end("") && samples.size() < kDictionarySamples; ++p) {
        try {
            samples.push_back(encode_release(decode_release(all.get_document(*p).get_data())));
        } catch (const std::runtime_error&) {
            // not a release of ours: left out of the sample
        }
    }
    train_dictionary(samples);
}

void IndexWriter::remove_stale_parts() {
    // We hold the index's lock: parts beside it are left over from a first build that was killed.
    const fs::path index = index_path(path_);
    const std::string stem = index.filename().string() + ".parts-";
    const fs::path parent = index.has_parent_path() ? index.parent_path() : fs::path(".");
    std::error_code ec;
    for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > stem.size() && name.compare(0, stem.size(), stem) == 0 &&
            name.find_first_not_of("0123456789", stem.size()) == std::string::npos) {
            std::error_code rm;
            fs::remove_all(it->path(), rm);
        }
    }
}

IndexWriter::~IndexWriter() {
    try {
        if (!closed_) commit();
    } catch (...) {
        // Destructors must not throw; an explicit commit() reports errors.
    }
    if (bulk_) {
        wait_bulk_idle();
        std::error_code ec;
        fs::remove_all(bulk_->dir, ec);
    }
}

void IndexWriter::start_bulk() {
    std::error_code ec;
    const fs::path index = index_path(path_);
    const std::string stem = index.filename().string() + ".parts-";
    const fs::path parent = index.has_parent_path() ? index.parent_path() : fs::path(".");
    auto bulk = std::make_unique<Bulk>();
    bulk->dir = (parent / (stem + std::to_string(::getpid()))).string();
    fs::remove_all(bulk->dir, ec);
    if (!fs::create_directory(bulk->dir, ec) || ec) return;  // no room beside the index: write it as usual
    // The built index is moved into place: the parts must be on the index's file system (not so
    // when the index directory is a mount point of its own).
    struct stat a {}, b {};
    if (::stat(bulk->dir.c_str(), &a) != 0 || ::stat(path_.c_str(), &b) != 0 || a.st_dev != b.st_dev) {
        fs::remove_all(bulk->dir, ec);
        return;
    }
    bulk->state = std::make_shared<BulkState>();
    bulk->chunk.reserve(kBulkChunk);
    bulk_ = std::move(bulk);
}

void IndexWriter::submit_chunk() {
    Bulk& b = *bulk_;
    const std::string part = fmt::format("{}/part-{:06d}", b.dir, b.parts.size());
    b.parts.push_back(part);
    {
        // A few chunks in flight keep every thread busy; more would only take memory.
        std::unique_lock lock(b.state->mutex);
        b.state->idle.wait(lock, [&] { return b.state->running <= pool_->threads(); });
        if (b.state->error) std::rethrow_exception(b.state->error);
        ++b.state->running;
    }
    train_dictionary_on(b.chunk);
    pool_->submit([state = b.state, part, releases = std::move(b.chunk), dictionary = dictionary_] {
        std::exception_ptr error;
        std::string abbreviations;
        try {
            // Small batches keep Xapian's in-memory postings small (its per-term map is the hot
            // spot); the part itself stays large so that compaction leaves few, full chunks.
            {
                IndexWriter writer(part, kPartBatch, nullptr, Sync::None);
                writer.use_dictionary(dictionary);
                writer.dictionary_failed_ = true;  // no dictionary of its own: the index's, or none
                for (const Release& r : releases) writer.add(r);
                writer.commit();
                abbreviations = writer.database().get_metadata(AbbreviationTable::kMetadataKey);
            }
            // So many commits leave the part's blocks half empty (about 2.7 times the space it
            // needs): compacted now, the parts on disk stay about the size of the index they make.
            const std::string compacted = part + ".compact";
            Xapian::Database(part).compact(compacted, kCompactFlags);
            fs::remove_all(part);
            fs::rename(compacted, part);
        } catch (...) {
            error = std::current_exception();
        }
        {
            std::lock_guard lock(state->mutex);
            if (error && !state->error) state->error = error;
            state->abbreviations.merge(abbreviations);
            --state->running;
        }
        state->idle.notify_all();
    });
    b.chunk = std::vector<Release>();
    b.chunk.reserve(kBulkChunk);
}

void IndexWriter::wait_bulk_idle() noexcept {
    std::unique_lock lock(bulk_->state->mutex);
    bulk_->state->idle.wait(lock, [&] { return bulk_->state->running == 0; });
}

void IndexWriter::finish_bulk() {
    Bulk& b = *bulk_;
    train_dictionary_on(b.chunk);  // before the tail is shared out
    if (const std::size_t shares = std::min<std::size_t>(pool_->threads(), b.chunk.size() / kMinTailShare); shares > 1) {
        // In order, so that the parts keep the releases' ids.
        std::vector<Release> tail = std::move(b.chunk);
        for (std::size_t i = 0; i < shares; ++i) {
            const std::size_t from = tail.size() * i / shares, to = tail.size() * (i + 1) / shares;
            b.chunk.assign(std::make_move_iterator(tail.begin() + from), std::make_move_iterator(tail.begin() + to));
            submit_chunk();
        }
    } else if (!b.chunk.empty()) {
        submit_chunk();
    }
    wait_bulk_idle();
    if (b.state->error) std::rethrow_exception(b.state->error);
    if (b.parts.empty()) return;  // nothing added yet: stay ready for a first build

    // Compact the parts, in order (document ids follow the input), at most kCompactFanIn at a time.
    std::vector<std::string> sources = b.parts;
    for (int pass = 0; sources.size() > 1 || pass == 0; ++pass) {
        std::vector<std::string> merged;
        for (std::size_t i = 0; i < sources.size(); i += kCompactFanIn) {
            Xapian::Database group;
            for (std::size_t j = i; j < std::min(sources.size(), i + kCompactFanIn); ++j)
                group.add_database(Xapian::Database(sources[j]));
            merged.push_back(fmt::format("{}/pass{}-{:06d}", b.dir, pass, i / kCompactFanIn));
            group.compact(merged.back(), kCompactFlags, kBaseBlockSize);
        }
        for (const auto& source : sources) fs::remove_all(source);
        sources = std::move(merged);
    }

    // Metadata given to the empty index before now (uncommitted too) goes with it.
    std::map<std::string, std::string> metadata;
    for (auto k = db_.metadata_keys_begin(); k != db_.metadata_keys_end(); ++k) metadata[*k] = db_.get_metadata(*k);
    AbbreviationTable abbreviations;
    abbreviations.merge(metadata[AbbreviationTable::kMetadataKey]);
    abbreviations.merge(b.state->abbreviations.serialize());
    abbreviations.merge(abbreviations_.serialize());
    abbreviations_ = AbbreviationTable();
    metadata[AbbreviationTable::kMetadataKey] = abbreviations.serialize();

    if (!index_dir_.empty()) {
        install_bulk_base(sources.front(), metadata);
        std::error_code ec;
        fs::remove_all(b.dir, ec);
        bulk_.reset();
        return;
    }

    // Swap the built index in for the empty one. We still hold the old one's lock while the new
    // one takes its place, and lock the new one straight after.
    // Compacted: later runs measure its growth against this (generations.h).
    const std::uint64_t compacted_bytes = table_bytes(sources.front());
    const fs::path index = index_path(path_);
    const fs::path replaced = fs::path(b.dir) / "replaced-empty-index";
    fs::rename(index, replaced);
    fs::rename(sources.front(), index);
    db_ = open_writable(path_);
    for (const auto& [key, value] : metadata)
        if (!value.empty()) db_.set_metadata(key, value);
    record_compaction(db_, compacted_bytes);
    if (dictionary_) store_dictionary();
    db_.commit();
    pending_ = 0;
    for (Xapian::docid id = 1; id <= db_.get_lastdocid(); ++id) mark_seen(id);
    std::error_code ec;
    fs::remove_all(b.dir, ec);
    bulk_.reset();  // from now on: the index has releases
}

void IndexWriter::install_bulk_base(const std::string& built, const std::map<std::string, std::string>& metadata) {
    // The parts compacted are the index's base, written once and without term lists; the
    // metadata goes to an empty delta beside it, and the stubs switch to both (generations.h).
    // A crash before the switch leaves the index empty, as before.
    const LiveIndex old = live_index(index_dir_);
    const unsigned generation = live_generation(index_dir_).value_or(0) + 1;
    const fs::path base = fs::path(index_dir_) / generation_name(generation);
    std::error_code ec;
    fs::remove_all(base, ec);
    fs::rename(built, base);
    if (const auto kept = metadata.find(kTermlistsKey); kept == metadata.end() || kept->second.empty())
        drop_termlist(base.string());
    Lexicon::write(Xapian::Database(base.string(), Xapian::DB_BACKEND_GLASS), base.string());
    std::vector<std::pair<std::string, std::string>> md(metadata.begin(), metadata.end());
    if (dictionary_)
        for (auto& entry : dictionary_metadata()) md.push_back(std::move(entry));
    const std::string delta = install_generation(index_dir_, generation, md, table_bytes(base.string()));
    db_.close();
    remove_databases(index_dir_, old);
    db_ = open_writable(delta);
    path_ = delta;
    base_ = Xapian::Database(base.string(), Xapian::DB_BACKEND_GLASS);
    has_base_ = true;
    masks_ = Masks();
    masks_changed_ = false;
    pending_ = 0;
    seen_base_.assign(std::size_t(base_.get_lastdocid()) + 1, true);
    lexicon_words_.clear();
    lexicon_revision_ = db_.get_revision();
}

IndexWriter::Outcome IndexWriter::add(const Release& release, std::string* first_source) {
    auto [it, inserted] = seen_.try_emplace(release.id, where(release));
    if (!inserted) {
        if (first_source) *first_source = it->second;
        ++counts_.skipped;
        return Outcome::Duplicate;
    }
    if (bulk_) {
        if (bulk_->state->error) std::rethrow_exception(bulk_->state->error);
        bulk_->chunk.push_back(release);
        if (bulk_->chunk.size() >= kBulkChunk) submit_chunk();
        ++counts_.added;
        return Outcome::Added;
    }
    std::string id_term = boolean_term(Field::Id, release.id);
    std::string print = fingerprint(release);

    bool exists = false;
    Xapian::PostingIterator p = db_.postlist_begin(id_term);
    if (p != db_.postlist_end(id_term)) {
        exists = true;
        if (db_.get_document(*p).get_value(slot(Field::Fingerprint)) == print) {
            mark_seen(*p);
            ++counts_.unchanged;
            return Outcome::Unchanged;
        }
    }
    // The base's versions of the release: at most one not masked (none when the delta has it).
    std::string live_version;
    if (has_base_) {
        const std::string version = Masks::version_term(print);
        for (auto b = base_.postlist_begin(id_term); b != base_.postlist_end(id_term); ++b) {
            const std::string v = Masks::version_of(base_.get_document(*b));
            if (v == version) {
                // This very version is in the base: unchanged, or back to what the base holds
                // (masked), which is shown again in place of the version that replaced it.
                if (!masks_.contains(v)) {
                    mark_base_seen(*b);
                    ++counts_.unchanged;
                    return Outcome::Unchanged;
                }
                if (masks_.remove(v)) masks_changed_ = true;
                for (auto o = base_.postlist_begin(id_term); o != base_.postlist_end(id_term); ++o)
                    if (const std::string ov = Masks::version_of(base_.get_document(*o)); ov != v) mask(ov);
                if (exists) db_.delete_document(id_term);
                mark_base_seen(*b);
                if (++pending_ >= batch_size_) commit_now();
                ++counts_.replaced;
                return Outcome::Replaced;
            }
            if (!masks_.contains(v)) live_version = v;
        }
    }
    Xapian::Document doc = builder_.build(release, print);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        if (Lexicon::holds(*t)) lexicon_words_.push_back(*t);
    if (dictionary_) doc.set_data(dictionary_->compress(doc.get_data()));
    const Xapian::docid docid = db_.replace_document(id_term, doc);
    mark_seen(docid);
    if (!live_version.empty()) {
        mask(live_version);  // committed with the version that replaces it
        exists = true;
    }
    if (!dictionary_ && !dictionary_failed_) {
        dictionary_samples_.push_back(doc.get_data());
        sampled_docids_.push_back(docid);
        if (dictionary_samples_.size() >= kDictionarySamples) {
            train_dictionary(std::exchange(dictionary_samples_, {}));
            // The samples themselves compressed too, as a first build in parts stores them: the
            // index is the same whatever --jobs.
            if (dictionary_) {
                for (const Xapian::docid id : sampled_docids_) {
                    Xapian::Document sampled = db_.get_document(id);
                    sampled.set_data(dictionary_->compress(sampled.get_data()));
                    db_.replace_document(id, sampled);
                }
            }
            sampled_docids_ = std::vector<Xapian::docid>();
        }
    }
    for (const Abbreviation& a : find_abbreviations(release.body)) abbreviations_.add(a);
    if (++pending_ >= batch_size_) commit_now();
    if (exists) {
        ++counts_.replaced;
        return Outcome::Replaced;
    }
    ++counts_.added;
    return Outcome::Added;
}

void IndexWriter::flush() {
    if (bulk_) finish_bulk();
}

void IndexWriter::commit() {
    flush();
    commit_now();
    // The lexicon follows the commit: the words of the releases written (or all words, when it
    // does not cover the revision before them). Its failure loses nothing committed: searches
    // fall back to bigrams for the newest words, and the next run writes it whole.
    if (lexicon_words_.empty() && lexicon_revision_ != 0 && Lexicon::revision(path_) == db_.get_revision()) return;
    try {
        Lexicon::update(db_, path_, lexicon_revision_, lexicon_words_);
        lexicon_error_.clear();
    } catch (const std::exception& e) {
        lexicon_error_ = e.what();
    }
    lexicon_words_.clear();
    lexicon_revision_ = db_.get_revision();
}

void IndexWriter::commit_now() {
    if (masks_changed_) {
        db_.set_metadata(kMasksKey, masks_.serialize());
        masks_changed_ = false;
    }
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

void IndexWriter::close() {
    if (closed_) return;
    commit();
    db_.close();
    closed_ = true;
}

std::vector<std::pair<std::string, std::string>> IndexWriter::dictionary_metadata() const {
    return {{dictionary_->metadata_key(), dictionary_->bytes()}, {kCurrentDictionaryKey, std::to_string(dictionary_->id())}};
}

void IndexWriter::store_dictionary() {
    for (const auto& [key, value] : dictionary_metadata()) db_.set_metadata(key, value);
}

void IndexWriter::mark_base_seen(Xapian::docid id) {
    if (id >= seen_base_.size()) seen_base_.resize(std::size_t(id) + 1);
    seen_base_[id] = true;
}

void IndexWriter::mark_seen(Xapian::docid id) {
    if (id >= seen_docids_.size()) seen_docids_.resize(std::max<std::size_t>(id + 1, seen_docids_.size() * 2));
    seen_docids_[id] = true;
}

std::uint64_t IndexWriter::prune(const std::vector<PruneScope>& scopes) {
    flush();
    std::uint64_t pruned =
        prune_documents(db_, scopes, [this](Xapian::docid id) { return id < seen_docids_.size() && seen_docids_[id]; });
    if (!has_base_) return pruned;
    // The base's releases are masked, not deleted; those masked already are gone as it is.
    std::vector<std::string> doomed;
    const auto keep = [this, &doomed](Xapian::docid id) {
        if (id < seen_base_.size() && seen_base_[id]) return true;
        return masks_.contains(Masks::version_of(base_.get_document(id)));
    };
    for (const Xapian::docid id : find_pruned(base_, scopes, keep)) doomed.push_back(Masks::version_of(base_.get_document(id)));
    for (const std::string& v : doomed) {
        if (v.empty()) continue;  // no fingerprint: not a release of ours
        mask(v);
        ++pruned;
    }
    return pruned;
}

}  // namespace bodo
