#pragma once
/// @file
/// Runs one search request against an index: query, filters, sorting, facets and snippets.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "metadata/abbreviations.h"
#include "schema/lexicon.h"
#include "search/response.h"
#include "search/shard_set.h"

namespace bodo {

/// The order of results.
enum class SortOrder { Relevance, Newest, Oldest };

/// Parses "relevance", "newest" or "oldest"; throws std::invalid_argument otherwise.
SortOrder parse_sort_order(const std::string& name);

/// One search: the query text in bodo's query language plus options.
struct SearchRequest {
    std::string qid;
    std::string query;
    std::vector<std::string> ministries;   ///< --ministry (any of them)
    std::vector<std::string> departments;  ///< --dept (any of them)
    std::string since;                     ///< --since: YYYY, YYYY-MM or YYYY-MM-DD, or empty
    std::string until;                     ///< --until: same forms, inclusive of the whole period
    SortOrder sort = SortOrder::Relevance;
    std::uint32_t limit = 10;
    std::uint32_t offset = 0;
    bool facets = false;
    bool snippets = true;
    /// Each hit's title, date, ministry, department, URL and snippet; false: its id and score
    /// only (a TREC run), without reading the stored release.
    bool details = true;
    bool collapse = true;  ///< Show one release per title (re-issues, series); false: show all.
    std::size_t snippet_chars = 200;
    /// Seconds after which Xapian stops looking at matches beyond the page asked for
    /// (Xapian::Enquire::set_time_limit): the total and facet counts then cover the matches seen.
    /// 0: no limit. bodo-serve sets it; bodo-search does not.
    double time_limit = 0;
};

/// Raised when the index cannot be opened: missing, not an index, unreadable, a shard down.
/// The message says what, in the library's words; a program may add how to fix it in its own
/// (bodo-search: "build one with bodo-index --db …", "--allow-partial …").
class IndexUnavailable : public std::runtime_error {
  public:
    enum class Reason {
        NoIndex,      ///< nothing at `path` is a database
        Unreadable,   ///< a database that cannot be opened
        ShardDown,    ///< a shard cannot be opened, and partial answers were not allowed
        NoShardLeft,  ///< no shard could be opened, or a stub file is bad
        NoTermLists,  ///< a remote server serves an index whose base has no term lists: it cannot send releases
    };
    /// `message` says it all; `cause` is the part of it that comes from below (Xapian's reason).
    IndexUnavailable(Reason why, std::string index_path, const std::string& message, std::string cause = {})
        : std::runtime_error(message), reason(why), path(std::move(index_path)), detail(std::move(cause)) {}

    Reason reason;
    std::string path;
    std::string detail;
};

/// Raised for a request that cannot be answered as asked. The message says why in the
/// library's words; a program names its own options (bodo-search: "--since … is after --until …").
class BadRequest : public std::runtime_error {
  public:
    enum class Reason {
        DatesOutOfOrder,  ///< since is after until
        NothingToSearch,  ///< no words and no filter
        OnlyPunctuation,  ///< words that are all punctuation, and no filter
    };
    BadRequest(Reason why, const std::string& message) : std::runtime_error(message), reason(why) {}

    Reason reason;
    std::string since, until;  ///< DatesOutOfOrder: the request's dates, as given
};

/// Searches one index (a database directory, or a Xapian stub file listing shards, or a
/// directory holding bodo.stub; see ShardSet).
class Searcher {
  public:
    /// Opens the index. Throws IndexUnavailable with a clear message (naming the shard when a
    /// shard cannot be opened).
    explicit Searcher(const std::string& path, const ShardOptions& options = {});

    /// Answers a request. Throws QuerySyntaxError for bad syntax and BadRequest for an empty
    /// request. Reopens the index and retries when a writer changed it under us. When a shard
    /// fails during the search, reopens the shards and retries (without it when partial answers
    /// are allowed, marking the response partial); throws ShardUnavailable otherwise.
    SearchResponse search(const SearchRequest& request);

    /// Number of releases in the index.
    std::uint64_t size() const { return shards_.releases(); }

    /// Totals are exact up to this many matches; above, an estimate marked as one.
    static constexpr Xapian::doccount kExactTotal = 10000;

  private:
    /// Retries after Xapian::DatabaseModifiedError before giving up (each reopens the index).
    static constexpr int kModifiedRetries = 20;

    SearchResponse run(const SearchRequest& request);

    /// What the query side reads from the index besides the database: the abbreviations each
    /// shard defines and each shard's lexicon.
    void load_extras();

    std::string path_;
    ShardSet shards_;
    Xapian::Database db_;  ///< shards_.database(): every shard as one database
    AbbreviationTable abbreviations_;
    std::unique_ptr<Lexicon> lexicon_;  ///< null when a shard has none (then bigrams stand in)
};

}  // namespace bodo
