#include "search/searcher.h"

#include <algorithm>
#include <stdexcept>

#include <xapian.h>

#include "query/query_builder.h"
#include "query/query_syntax.h"
#include "schema/schema.h"
#include "schema/stored_release.h"
#include "snippet/snippet.h"

namespace bodo {
namespace {

Xapian::Database open_index(const std::string& path) {
    try {
        return Xapian::Database(path);
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexUnavailable("no index at " + path + " (build one with bodo-index --db " + path + " INPUT...): " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw IndexUnavailable("cannot open index " + path + ": " + e.get_msg());
    }
}

Facet facet_from(const std::string& name, const Xapian::ValueCountMatchSpy& spy, bool chronological) {
    Facet f{name, {}};
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) f.counts.emplace_back(*it, it.get_termfreq());
    if (chronological) {
        std::sort(f.counts.begin(), f.counts.end());
    } else {
        std::stable_sort(f.counts.begin(), f.counts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    }
    return f;
}

}  // namespace

SortOrder parse_sort_order(const std::string& name) {
    if (name == "relevance") return SortOrder::Relevance;
    if (name == "newest") return SortOrder::Newest;
    if (name == "oldest") return SortOrder::Oldest;
    throw std::invalid_argument("unknown sort order '" + name + "' (relevance, newest or oldest)");
}

Searcher::Searcher(const std::string& path) : path_(path), db_(open_index(path)) { load_abbreviations(); }

void Searcher::load_abbreviations() {
    abbreviations_ = AbbreviationTable();
    abbreviations_.merge(db_.get_metadata(AbbreviationTable::kMetadataKey));
}

SearchResponse Searcher::search(const SearchRequest& request) {
    for (int attempt = 0;; ++attempt) {
        try {
            return run(request);
        } catch (const Xapian::DatabaseModifiedError&) {
            // A writer committed while we read: reopen on the new revision and try again.
            if (attempt >= 5) throw;
            db_.reopen();
            load_abbreviations();
        }
    }
}

SearchResponse Searcher::run(const SearchRequest& request) {
    const ParsedQuery parsed = parse_query(request.query);
    QueryFilters filters;
    filters.ministries = request.ministries;
    filters.departments = request.departments;
    if (!request.since.empty() || !request.until.empty()) {
        DateRange r;
        if (!request.since.empty()) r.from = date_lower_bound(request.since);
        if (!request.until.empty()) r.to = date_upper_bound(request.until);
        filters.dates.push_back(r);
    }
    const bool has_filter = !filters.ministries.empty() || !filters.departments.empty() || !filters.dates.empty();
    if (parsed.empty() && !has_filter)
        throw BadRequest("empty query: give words to search for, or a filter (--since, --ministry, ...) to browse");

    QueryBuilder builder(db_, &abbreviations_);
    const BuiltQuery built = builder.build(parsed, filters);

    Xapian::Enquire enquire(db_);
    enquire.set_query(built.query);
    // One BM25 field (title words weigh 4x by wdf); k1 and b as measured on the dev set.
    enquire.set_weighting_scheme(Xapian::BM25Weight(0.8, 0, 1, 0.5, 0.5));
    // Releases with the same title (re-issues, corrections) show once: the best of them.
    // Browsing (no query words) lists every release.
    if (request.collapse && !parsed.groups.empty()) enquire.set_collapse_key(slot(Field::TitleKey));
    switch (request.sort) {
        case SortOrder::Relevance: break;
        case SortOrder::Newest: enquire.set_sort_by_value_then_relevance(slot(Field::Date), true); break;
        case SortOrder::Oldest: enquire.set_sort_by_value_then_relevance(slot(Field::Date), false); break;
    }
    Xapian::ValueCountMatchSpy ministry(slot(Field::Ministry)), department(slot(Field::Department)),
        year(slot(Field::Year)), month(slot(Field::Month));
    // The year spy always runs: it sees every match the matcher looks at, collapsed or not, so
    // its total is the exact number of matching releases whenever all of them were looked at —
    // always with --facets, and for all but broad queries (check_at_least).
    enquire.add_matchspy(&year);
    Xapian::doccount check_at_least = 1000;
    if (request.facets) {
        for (auto* spy : {&ministry, &department, &month}) enquire.add_matchspy(spy);
        check_at_least = db_.get_doccount();
    }
    const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);

    SearchResponse response;
    response.qid = request.qid;
    response.query = request.query;
    const Xapian::doccount seen = year.get_total();
    if (request.facets || seen < check_at_least) {
        response.total = seen;
        response.total_exact = true;
    } else {
        response.total = std::max<Xapian::doccount>(seen, mset.get_uncollapsed_matches_estimated());
        response.total_exact = false;
    }
    if (request.facets) {
        response.facets.push_back(facet_from("ministry", ministry, false));
        response.facets.push_back(facet_from("department", department, false));
        response.facets.push_back(facet_from("year", year, true));
        response.facets.push_back(facet_from("month", month, true));
    }
    const SnippetMaker snippets(built.highlight);
    unsigned rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const Release r = decode_release(it.get_document().get_data());
        Hit hit;
        hit.id = r.id;
        hit.rank = ++rank;
        hit.score = it.get_weight();
        hit.title = r.title;
        hit.date = r.date;
        hit.ministry = r.ministry;
        hit.department = r.department;
        hit.url = r.url;
        if (request.snippets) hit.snippet = snippets.make(r.body.empty() ? r.title : r.body, request.snippet_chars);
        response.hits.push_back(std::move(hit));
    }
    return response;
}

}  // namespace bodo
