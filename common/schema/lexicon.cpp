#include "schema/lexicon.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <stdexcept>

#include "text/hangul.h"
#include "text/utf8.h"

namespace bodo {
namespace {

constexpr char kMagic[8] = {'B', 'O', 'D', 'O', 'L', 'E', 'X', '3'};
/// A lexicon written before it kept how many releases hold each word: read as one that knows none.
constexpr char kMagicWithoutReleases[8] = {'B', 'O', 'D', 'O', 'L', 'E', 'X', '2'};
constexpr char kAddedMagic[8] = {'B', 'O', 'D', 'O', 'L', 'E', 'X', 'A'};

/// A Hangul bigram as a number, from both syllables' offsets from 가.
std::uint32_t bigram_key(char32_t first, char32_t second) {
    return (first - text::kFirstHangulSyllable) * text::kHangulSyllableCount + (second - text::kFirstHangulSyllable);
}

/// The keys of every pair of Hangul syllables in a row in `word`.
std::vector<std::uint32_t> keys_of(std::string_view word) {
    std::vector<std::uint32_t> keys;
    std::size_t i = 0;
    char32_t prev = text::kNotUtf8;
    while (i < word.size()) {
        const char32_t c = text::next_code_point(word, i);
        if (text::is_hangul_syllable(c) && text::is_hangul_syllable(prev)) keys.push_back(bigram_key(prev, c));
        prev = c;
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

/// Then: word offsets, the words, key table, key starts, postings and (kMagic) each word's releases.
struct Header {
    char magic[8];
    std::uint64_t revision;  ///< the database revision it covers
    std::uint32_t word_count, key_count, words_bytes, postings_count;
};

/// The added words: a header like the base's, then the words, each ended by '\n'.
struct AddedHeader {
    char magic[8];
    std::uint64_t revision;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The added words of `dir` and the revision they cover (0 when none, or damaged).
std::pair<std::vector<std::string>, std::uint64_t> read_added(const std::string& dir) {
    const std::string data = read_file(dir + "/" + Lexicon::kAddedFileName);
    AddedHeader h{};
    if (data.size() < sizeof h) return {{}, 0};
    std::memcpy(&h, data.data(), sizeof h);
    if (std::memcmp(h.magic, kAddedMagic, sizeof kAddedMagic) != 0) return {{}, 0};
    std::vector<std::string> words;
    for (std::size_t at = sizeof h; at < data.size();) {
        const std::size_t end = data.find('\n', at);
        if (end == std::string::npos) return {{}, 0};  // cut short: not to be trusted
        words.emplace_back(data.substr(at, end - at));
        at = end + 1;
    }
    return {std::move(words), h.revision};
}

/// Writes `pieces`, one after the other, to `path` through a temporary file and a rename.
void write_atomically(const std::string& path, std::initializer_list<std::string_view> pieces) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        for (std::string_view piece : pieces) out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot replace " + path);
}

/// `w` sorted by word, each once, or too_many past kMaxWords. A word listed twice holds the
/// releases of both listings when they come from shards (`sum`), else the larger count.
Lexicon::Words sorted_distinct(Lexicon::Words w, bool sum) {
    std::vector<std::size_t> order(w.words.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return w.words[a] < w.words[b]; });
    Lexicon::Words out;
    for (std::size_t i : order) {
        if (!out.words.empty() && out.words.back() == w.words[i]) {
            out.releases.back() = sum ? out.releases.back() + w.releases[i] : std::max(out.releases.back(), w.releases[i]);
            continue;
        }
        out.words.push_back(std::move(w.words[i]));
        out.releases.push_back(w.releases[i]);
    }
    if (out.words.size() > Lexicon::kMaxWords) return Lexicon::Words{{}, true, {}};
    return out;
}

class MappedLexicon final : public Lexicon {
  public:
    MappedLexicon(void* base, std::size_t size, std::vector<std::string> added)
        : base_(base), size_(size), added_(std::move(added)) {
        const auto* p = static_cast<const char*>(base);
        if (size < sizeof(Header)) throw std::runtime_error("truncated");
        std::memcpy(&h_, p, sizeof h_);
        const bool with_releases = std::memcmp(h_.magic, kMagic, sizeof kMagic) == 0;
        if (!with_releases && std::memcmp(h_.magic, kMagicWithoutReleases, sizeof kMagicWithoutReleases) != 0)
            throw std::runtime_error("not a bodo lexicon");
        const std::size_t words_end = sizeof(Header) + 4 * (std::size_t{h_.word_count} + 1) + h_.words_bytes;
        const std::size_t need = words_end + (4 - words_end % 4) % 4 + 4 * std::size_t{h_.key_count} +
                                 4 * (std::size_t{h_.key_count} + 1) + 4 * std::size_t{h_.postings_count} +
                                 (with_releases ? 4 * std::size_t{h_.word_count} : 0);
        if (size < need) throw std::runtime_error("truncated");
        p += sizeof(Header);
        offsets_ = reinterpret_cast<const std::uint32_t*>(p);
        p += 4 * (std::size_t{h_.word_count} + 1);
        words_ = p;
        p += h_.words_bytes;
        p += (4 - reinterpret_cast<std::uintptr_t>(p) % 4) % 4;
        keys_ = reinterpret_cast<const std::uint32_t*>(p);
        p += 4 * std::size_t{h_.key_count};
        starts_ = reinterpret_cast<const std::uint32_t*>(p);
        p += 4 * (std::size_t{h_.key_count} + 1);
        postings_ = reinterpret_cast<const std::uint32_t*>(p);
        p += 4 * std::size_t{h_.postings_count};
        if (with_releases) releases_ = reinterpret_cast<const std::uint32_t*>(p);
    }
    ~MappedLexicon() override { munmap(base_, size_); }

    Words containing(std::string_view piece) const override {
        return scan(piece, [&](std::string_view w) { return w.find(piece) != std::string_view::npos; });
    }
    Words ending_with(std::string_view piece) const override {
        return scan(piece, [&](std::string_view w) { return w.ends_with(piece); });
    }
    Words starting_with(std::string_view piece) const override {
        Words out;
        for (std::uint32_t i = first_not_below(piece); i < h_.word_count && word(i).starts_with(piece); ++i) {
            if (out.words.size() >= kMaxWords) return Words{{}, true, {}};
            add(out, i);
        }
        return with_added(std::move(out), [&](std::string_view w) { return w.starts_with(piece); });
    }

    std::size_t count_ending_with(std::string_view piece) const override {
        const auto keep = [&](std::string_view w) { return w.ends_with(piece); };
        std::size_t n = 0;
        const std::vector<std::uint32_t> keys = keys_of(piece);
        if (keys.empty()) return n;  // as scan(): no lookup at all
        if (const std::uint32_t* key = rarest_key(keys))
            for (std::uint32_t j = starts_[key - keys_]; j < starts_[key - keys_ + 1]; ++j)
                if (keep(word(postings_[j])) && ++n > kMaxWords) return n;
        return n + added_outside_base(keep);
    }
    std::size_t count_starting_with(std::string_view piece) const override {
        std::size_t n = 0;
        for (std::uint32_t i = first_not_below(piece); i < h_.word_count && word(i).starts_with(piece); ++i)
            if (++n > kMaxWords) return n;
        return n + added_outside_base([&](std::string_view w) { return w.starts_with(piece); });
    }

  private:
    std::string_view word(std::uint32_t i) const { return {words_ + offsets_[i], offsets_[i + 1] - offsets_[i]}; }
    void add(Words& out, std::uint32_t i) const {
        out.words.emplace_back(word(i));
        out.releases.push_back(releases_ ? releases_[i] : 0);
    }

    /// The first base word not sorting below `w`.
    std::uint32_t first_not_below(std::string_view w) const {
        std::uint32_t lo = 0, hi = h_.word_count;
        while (lo < hi) {
            const std::uint32_t mid = lo + (hi - lo) / 2;
            if (word(mid) < w) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// Of `keys` (a piece's bigrams), the one with the fewest base words; null when the base
    /// has none of some of them.
    const std::uint32_t* rarest_key(const std::vector<std::uint32_t>& keys) const {
        const std::uint32_t* best = nullptr;
        std::size_t best_len = SIZE_MAX;
        for (std::uint32_t k : keys) {
            const auto* at = std::lower_bound(keys_, keys_ + h_.key_count, k);
            if (at == keys_ + h_.key_count || *at != k) return nullptr;
            const std::size_t i = static_cast<std::size_t>(at - keys_);
            if (const std::size_t len = starts_[i + 1] - starts_[i]; len < best_len) best_len = len, best = at;
        }
        return best;
    }

    /// The added words that `keep` accepts and the base lacks, distinct.
    template <class Keep>
    std::size_t added_outside_base(Keep keep) const {
        std::vector<std::string_view> extra;
        for (const std::string& w : added_) {
            if (!keep(w)) continue;
            const std::uint32_t i = first_not_below(w);
            if (i < h_.word_count && word(i) == w) continue;
            extra.push_back(w);
        }
        std::sort(extra.begin(), extra.end());
        return static_cast<std::size_t>(std::unique(extra.begin(), extra.end()) - extra.begin());
    }

    template <class Keep>
    Words scan(std::string_view piece, Keep keep) const {
        Words out;
        const std::vector<std::uint32_t> keys = keys_of(piece);
        if (keys.empty()) return out;
        // The rarest bigram's words, checked one by one.
        const std::uint32_t* key = rarest_key(keys);
        if (!key) return with_added(std::move(out), keep);  // none of the base
        const std::size_t best = static_cast<std::size_t>(key - keys_);
        for (std::uint32_t j = starts_[best]; j < starts_[best + 1]; ++j) {
            if (!keep(word(postings_[j]))) continue;
            if (out.words.size() >= kMaxWords) return Words{{}, true, {}};
            add(out, postings_[j]);
        }
        return with_added(std::move(out), keep);
    }

    /// `out` and the added words that `keep` accepts, sorted and distinct.
    template <class Keep>
    Words with_added(Words out, Keep keep) const {
        if (out.too_many) return out;
        for (const std::string& w : added_)
            if (keep(w)) {
                out.words.push_back(w);
                out.releases.push_back(0);
            }
        return sorted_distinct(std::move(out), false);
    }

    void* base_;
    std::size_t size_;
    Header h_{};
    const std::uint32_t* offsets_ = nullptr;
    const char* words_ = nullptr;
    const std::uint32_t* keys_ = nullptr;
    const std::uint32_t* starts_ = nullptr;
    const std::uint32_t* postings_ = nullptr;
    const std::uint32_t* releases_ = nullptr;  ///< null in a lexicon that does not keep them
    std::vector<std::string> added_;
};

/// Shards' lexicons: the union of their answers.
class CombinedLexicon final : public Lexicon {
  public:
    explicit CombinedLexicon(std::vector<std::unique_ptr<Lexicon>> parts) : parts_(std::move(parts)) {}
    Words containing(std::string_view piece) const override {
        return merge([&](const Lexicon& l) { return l.containing(piece); });
    }
    Words ending_with(std::string_view piece) const override {
        return merge([&](const Lexicon& l) { return l.ending_with(piece); });
    }
    Words starting_with(std::string_view piece) const override {
        return merge([&](const Lexicon& l) { return l.starting_with(piece); });
    }
    std::size_t count_ending_with(std::string_view piece) const override {
        return count([&](const Lexicon& l) { return l.count_ending_with(piece); },
                     [&] { return count_of(ending_with(piece)); });
    }
    std::size_t count_starting_with(std::string_view piece) const override {
        return count([&](const Lexicon& l) { return l.count_starting_with(piece); },
                     [&] { return count_of(starting_with(piece)); });
    }

  private:
    /// The parts' counts, when at most one part names any word (else shards may share words,
    /// and `merged` counts their union).
    template <class Count, class Merged>
    std::size_t count(Count part_count, Merged merged) const {
        std::size_t total = 0, naming = 0;
        for (const auto& part : parts_) {
            const std::size_t n = part_count(*part);
            if (n > kMaxWords) return n;
            if (n > 0) ++naming, total = n;
        }
        return naming <= 1 ? total : merged();
    }

    template <class Lookup>
    Words merge(Lookup lookup) const {
        Words out;
        for (const auto& part : parts_) {
            Words w = lookup(*part);
            if (w.too_many) return Words{{}, true, {}};
            out.words.insert(out.words.end(), w.words.begin(), w.words.end());
            out.releases.insert(out.releases.end(), w.releases.begin(), w.releases.end());
        }
        return sorted_distinct(std::move(out), true);
    }
    std::vector<std::unique_ptr<Lexicon>> parts_;
};

}  // namespace

void Lexicon::Words::keep_most_frequent(std::size_t n) {
    if (words.size() <= n) return;
    std::vector<std::size_t> order(words.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return releases[a] > releases[b]; });
    order.resize(n);
    std::sort(order.begin(), order.end());
    Words kept;
    for (std::size_t i : order) {
        kept.words.push_back(std::move(words[i]));
        kept.releases.push_back(releases[i]);
    }
    *this = std::move(kept);
}

bool Lexicon::holds(std::string_view term) {
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) return false;
    return !keys_of(term).empty();
}

std::unique_ptr<Lexicon> Lexicon::open(const std::string& db_dir) {
    const std::string path = db_dir + "/" + kFileName;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        ::close(fd);
        return nullptr;
    }
    void* base = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (base == MAP_FAILED) return nullptr;
    try {
        auto [added, added_revision] = read_added(db_dir);
        (void)added_revision;
        return std::make_unique<MappedLexicon>(base, static_cast<std::size_t>(st.st_size), std::move(added));
    } catch (const std::runtime_error&) {
        munmap(base, static_cast<std::size_t>(st.st_size));
        return nullptr;  // damaged: searched without it (by bigrams), rewritten by the next run
    }
}

std::unique_ptr<Lexicon> Lexicon::combine(std::vector<std::unique_ptr<Lexicon>> parts) {
    if (parts.empty() || std::any_of(parts.begin(), parts.end(), [](const auto& p) { return !p; })) return nullptr;
    if (parts.size() == 1) return std::move(parts.front());
    return std::make_unique<CombinedLexicon>(std::move(parts));
}

void Lexicon::write(const Xapian::Database& db, const std::string& db_dir) {
    // The words go straight into one blob, in allterms order (sorted, each once), with their
    // release counts: no string per word. Two million words held as strings, twice, made this the
    // peak of a full build (394 MB for the lexicon alone; now about a third of it).
    std::string blob;
    std::vector<std::uint32_t> offsets{0}, releases;
    const auto word = [&](std::size_t id) { return std::string_view(blob).substr(offsets[id], offsets[id + 1] - offsets[id]); };
    bool sorted = true;
    // Unprefixed terms start with a digit, a lower-case letter or a non-ASCII byte (schema.h:
    // prefixes are upper case).
    for (auto it = db.allterms_begin(); it != db.allterms_end();) {
        const std::string term = *it;
        const auto c = static_cast<unsigned char>(term.empty() ? 0 : term[0]);
        if (c >= 'A' && c <= 'Z') {  // a prefixed field: skip all of it
            it.skip_to(std::string(1, static_cast<char>(c + 1)));
            continue;
        }
        if (holds(term)) {
            if (!releases.empty() && term <= word(releases.size() - 1)) sorted = false;
            blob += term;
            offsets.push_back(static_cast<std::uint32_t>(blob.size()));
            releases.push_back(it.get_termfreq());
        }
        ++it;
    }
    // Xapian lists terms in byte order, each once; the lookups rely on it.
    if (!sorted) throw std::logic_error("lexicon: the index listed its terms out of order");
    const auto word_count = static_cast<std::uint32_t>(releases.size());

    std::vector<std::uint32_t> keys, starts, postings;
    {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (bigram key, word id)
        for (std::uint32_t id = 0; id < word_count; ++id)
            for (std::uint32_t k : keys_of(word(id))) pairs.emplace_back(k, id);
        std::sort(pairs.begin(), pairs.end());
        postings.reserve(pairs.size());
        for (const auto& [k, id] : pairs) {
            if (keys.empty() || keys.back() != k) {
                keys.push_back(k);
                starts.push_back(static_cast<std::uint32_t>(postings.size()));
            }
            postings.push_back(id);
        }
    }  // the pairs freed before the file is written
    starts.push_back(static_cast<std::uint32_t>(postings.size()));

    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.revision = db.get_revision();
    h.word_count = word_count;
    h.key_count = static_cast<std::uint32_t>(keys.size());
    h.words_bytes = static_cast<std::uint32_t>(blob.size());
    h.postings_count = static_cast<std::uint32_t>(postings.size());
    const auto bytes = [](const auto& v) {
        return std::string_view(reinterpret_cast<const char*>(v.data()), sizeof(v[0]) * v.size());
    };
    const std::size_t before_keys = sizeof h + 4 * offsets.size() + blob.size();
    const std::string padding((4 - before_keys % 4) % 4, '\0');
    write_atomically(db_dir + "/" + kFileName,
                     {std::string_view(reinterpret_cast<const char*>(&h), sizeof h), bytes(offsets), blob, padding,
                      bytes(keys), bytes(starts), bytes(postings), bytes(releases)});
    std::remove((db_dir + "/" + kAddedFileName).c_str());
}

Xapian::rev Lexicon::revision(const std::string& db_dir) {
    Header h{};
    std::ifstream in(db_dir + "/" + kFileName, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(&h), sizeof h)) return 0;
    // An older lexicon is written anew by the next run (it has no release counts).
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) return 0;
    const auto [added, added_revision] = read_added(db_dir);
    return added_revision != 0 ? added_revision : h.revision;
}

void Lexicon::update(const Xapian::Database& db, const std::string& db_dir, Xapian::rev before,
                     const std::vector<std::string>& words) {
    if (revision(db_dir) != before || before == 0) {
        write(db, db_dir);
        return;
    }
    auto [added, added_revision] = read_added(db_dir);
    for (const std::string& w : words)
        if (holds(w)) added.push_back(w);
    std::sort(added.begin(), added.end());
    added.erase(std::unique(added.begin(), added.end()), added.end());
    if (added.size() > kMaxAddedWords) {
        write(db, db_dir);
        return;
    }
    AddedHeader h{};
    std::memcpy(h.magic, kAddedMagic, sizeof kAddedMagic);
    h.revision = db.get_revision();
    std::string data(reinterpret_cast<const char*>(&h), sizeof h);
    for (const std::string& w : added) data.append(w).push_back('\n');
    write_atomically(db_dir + "/" + kAddedFileName, {data});
}

}  // namespace bodo
