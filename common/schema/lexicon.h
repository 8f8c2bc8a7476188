#pragma once
/// @file
/// The index's vocabulary of Hangul words, to find a word inside longer ones exactly.
///
/// Bigrams in the index carry no positions, so "all the bigrams of 정보통신" also matches 정보 in
/// one word and 통신 in another. The lexicon lists every word the index holds that has two
/// Hangul syllables in a row (과학기술정보통신부는, 5g정보통신), with a bigram → word table, so a
/// query can name exactly the words that contain, start or end with a piece and match them as
/// terms. It lives beside the database, in the database directory: a base (kFileName, written
/// whole after a first build or when it is stale) and the words added since (kAddedFileName,
/// small: a nightly run appends the words of the releases it wrote), as Lucene keeps small new
/// segments beside a large one. Each records the database revision it covers; a lexicon older
/// than the database (a run that crashed after its commit) is rewritten whole by the next run
/// and, until then, misses only the newest words.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace bodo {

/// A read-only vocabulary, memory-mapped from its file.
class Lexicon {
  public:
    static constexpr const char* kFileName = "bodo.lexicon";
    static constexpr const char* kAddedFileName = "bodo.lexicon-added";
    /// When the added words pass this many, the next run writes the lexicon whole.
    static constexpr std::size_t kMaxAddedWords = 100000;
    /// Lookups that would name more words than this report too_many instead: an OR of so many
    /// terms costs more than it saves, and the caller falls back to bigrams.
    static constexpr std::size_t kMaxWords = 4000;

    /// The lexicon of the database directory `db_dir`, or null when it has none (an index
    /// written before lexicons, a remote shard).
    static std::unique_ptr<Lexicon> open(const std::string& db_dir);
    /// Several shards' lexicons as one (null when any shard has none).
    static std::unique_ptr<Lexicon> combine(std::vector<std::unique_ptr<Lexicon>> parts);

    /// Writes the lexicon of `db` (every unprefixed term with two Hangul syllables in a row) into
    /// `db_dir` whole, atomically (a temporary file renamed over the old one), and removes the
    /// added words.
    static void write(const Xapian::Database& db, const std::string& db_dir);
    /// Brings the lexicon of `db` in `db_dir` up to date after a commit that wrote releases
    /// holding `words` (any terms; those without two Hangul syllables in a row are ignored):
    /// appends them when the lexicon covered the revision `before` (the database before the
    /// run), else writes it whole.
    static void update(const Xapian::Database& db, const std::string& db_dir, Xapian::rev before,
                       const std::vector<std::string>& words);
    /// The database revision the lexicon in `db_dir` covers; 0 when it has none.
    static Xapian::rev revision(const std::string& db_dir);
    /// Whether `term` could be in a lexicon (two Hangul syllables in a row, no field prefix).
    static bool holds(std::string_view term);

    virtual ~Lexicon() = default;

    /// Result of a lookup: the words, sorted, or too_many.
    struct Words {
        std::vector<std::string> words;
        bool too_many = false;
        /// How many releases hold each word, beside `words` (0: not known, for words added since
        /// the lexicon was written whole, or in a lexicon written before it kept them).
        std::vector<std::uint32_t> releases;

        /// Keeps the `n` words most releases hold (ties: the first in order), still sorted.
        void keep_most_frequent(std::size_t n);
    };
    /// Words that contain `piece` (Hangul syllables, at least two).
    virtual Words containing(std::string_view piece) const = 0;
    /// Words that end with `piece`.
    virtual Words ending_with(std::string_view piece) const = 0;
    /// Words that start with `piece`.
    virtual Words starting_with(std::string_view piece) const = 0;
    /// How many words ending_with() / starting_with() would name, above kMaxWords when they
    /// would say too_many; without copying or sorting them (most callers only ask whether any).
    virtual std::size_t count_ending_with(std::string_view piece) const { return count_of(ending_with(piece)); }
    virtual std::size_t count_starting_with(std::string_view piece) const { return count_of(starting_with(piece)); }

  protected:
    static std::size_t count_of(const Words& w) { return w.too_many ? kMaxWords + 1 : w.words.size(); }
};

}  // namespace bodo
