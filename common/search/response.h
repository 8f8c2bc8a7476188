#pragma once
/// @file
/// What a search returns, independent of how it is printed.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "snippet/snippet_part.h"

namespace bodo {

/// One ranked release.
struct Hit {
    std::string id;
    unsigned rank = 0;      ///< 1-based, counting from the first result of the request (offset included).
    double score = 0.0;
    std::string title;
    std::string date;       ///< "YYYY-MM-DD" or empty.
    std::string ministry;
    std::string department;
    std::string url;
    std::vector<SnippetPart> snippet;
};

/// Exact counts of one facet over all matches, most frequent first.
struct Facet {
    std::string name;  ///< "ministry", "department", "year" or "month".
    std::vector<std::pair<std::string, std::uint64_t>> counts;
};

/// Which releases a query's answer is made of.
enum class MatchKind {
    All,   ///< Releases that match every query word (or only filters were given).
    Most,  ///< No release matches every word: releases that match most of them (a fallback).
};

/// The answer to one query.
struct SearchResponse {
    std::string qid;        ///< Query id in batch mode ("" otherwise).
    std::string query;      ///< The query text as given.
    std::uint64_t total = 0;   ///< Number of matching releases.
    /// All: the hits, total and facets are the releases matching every word; Most: none did,
    /// and they are the releases matching most of them (a question is always answered so).
    MatchKind match = MatchKind::All;
    std::size_t concepts = 0;          ///< The query's counted words (groups of alternatives count once).
    std::size_t concepts_matched = 0;  ///< Each release of the answer has at least this many of them.
    bool question = false;             ///< Read as a natural-language question (always `Most`).
    bool total_exact = false;  ///< True when `total` is exact (always when facets were asked for).
    std::vector<Hit> hits;
    std::vector<Facet> facets;  ///< Empty unless asked for.
    std::string suggestion;     ///< A "did you mean" query, or empty.
    /// True when shards of a sharded index were left out (`--allow-partial`): the hits, total
    /// and facets count only the shards that answered.
    bool partial = false;
    std::vector<std::string> missing_shards;  ///< The shards left out ("shard-02", "HOST:PORT").
};

}  // namespace bodo
