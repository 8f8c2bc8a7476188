#pragma once
/// @file
/// What bodo-search and bodo-serve say of the library's typed errors, in the words of their
/// command lines: the library names no option, the programs do.

#include <string>

#include "search/searcher.h"
#include "search/shard_set.h"

namespace bodo::cli {

/// What answers when a shard is down.
inline constexpr const char* kAllowPartialHint = " (--allow-partial answers from the other shards)";

/// An index that cannot be opened, with the command that makes one, or the option that
/// answers from the shards left.
inline std::string describe(const IndexUnavailable& e) {
    switch (e.reason) {
        case IndexUnavailable::Reason::NoIndex:
            return "no index at " + e.path + " (build one with bodo-index --db " + e.path + " INPUT...): " + e.detail;
        case IndexUnavailable::Reason::ShardDown: return std::string(e.what()) + kAllowPartialHint;
        case IndexUnavailable::Reason::NoTermLists:
            return "cannot read the releases of " + e.path + ": " + e.detail +
                   " (a remote server serves an index whose base has no term lists; build that index with "
                   "bodo-index --keep-termlists to serve it with xapian-tcpsrv)";
        case IndexUnavailable::Reason::Unreadable:
        case IndexUnavailable::Reason::NoShardLeft: break;
    }
    return e.what();
}

/// A shard that failed during a search.
inline std::string describe(const ShardUnavailable& e) {
    if (e.others_could_answer()) return std::string(e.what()) + kAllowPartialHint;
    return e.what();
}

/// A request that cannot be answered as asked, naming bodo-search's options.
inline std::string describe(const BadRequest& e) {
    switch (e.reason) {
        case BadRequest::Reason::DatesOutOfOrder:
            return "--since " + e.since + " is after --until " + e.until + ": no release can match";
        case BadRequest::Reason::NothingToSearch:
            return "empty query: give words to search for, or a filter (--since, --ministry, ...) to browse";
        case BadRequest::Reason::OnlyPunctuation: break;
    }
    return e.what();
}

}  // namespace bodo::cli
