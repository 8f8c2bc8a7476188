#include "search/searcher.h"
#include "search/spelling.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <xapian.h>

#include "query/query_builder.h"
#include "query/query_syntax.h"
#include "schema/ranking.h"
#include "schema/schema.h"
#include "schema/stored_release.h"
#include "snippet/lead_coverage.h"
#include "snippet/snippet.h"

namespace bodo {
namespace {

/// The matches a response shows: an MSet and which of its items, in order.
struct Page {
    Xapian::MSet mset;
    std::vector<Xapian::doccount> shown;  ///< indexes into mset
    /// Each item's score when the page re-scored them (a question's leads), else empty.
    std::vector<double> score;
    /// The releases the page decoded on the way (a question's leads), by document id: its hits
    /// take them from here instead of decoding them again.
    std::unordered_map<Xapian::docid, Release> decoded;
};

/// How a page orders the matches Xapian returns.
enum class PageOrder {
    Xapian,     ///< as returned (sorted by date)
    Relevance,  ///< by weight; weights equal but for rounding are ties
    /// By relevance alone, over the best of a "most of the words" answer (BuiltQuery::
    /// by_concepts: Xapian ranks by how many words a release holds, then relevance; its
    /// kRerankDepth best are re-sorted by relevance, so that a rare word counts for more than a
    /// common one. bench/questions, dev: by words held 0.708; by relevance over every release
    /// with a word 0.735; this 0.727).
    RelevanceOverMost,
};

/// Matches re-sorted at least this deep in a "most of the words" answer.
constexpr Xapian::doccount kRerankDepth = 1000;
/// Near-ties just past the page that may belong on it, in another database's rounding.
constexpr Xapian::doccount kTieMargin = 10;

/// Weights equal but for rounding (a database and its shards sum a release's weights in
/// different orders).
bool tied(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)); }

/// Indexes into `mset` in `order`. Weights equal but for rounding are ties broken by the sort key
/// (the Order value, newest first): Xapian sums a release's term weights in an order that depends
/// on each shard's statistics, so one database and its shards could order near-ties apart, also
/// across the edge of a page.
std::vector<Xapian::doccount> page_order(const Xapian::MSet& mset, PageOrder order) {
    std::vector<Xapian::doccount> out(mset.size());
    for (Xapian::doccount i = 0; i < out.size(); ++i) out[i] = i;
    if (order == PageOrder::Xapian) return out;
    std::vector<double> weight(out.size());
    std::vector<std::string> key(out.size());
    for (Xapian::doccount i = 0; i < out.size(); ++i) {
        weight[i] = order == PageOrder::RelevanceOverMost ? BuiltQuery::relevance(mset[i].get_weight()) : mset[i].get_weight();
        key[i] = mset[i].get_sort_key();
    }
    std::stable_sort(out.begin(), out.end(), [&](auto a, auto b) {
        if (!tied(weight[a], weight[b])) return weight[a] > weight[b];
        return key[a] > key[b];
    });
    return out;
}

/// Re-sorts a question's ranking::kLeadDepth best (the start of `ranked`, items of `mset`) with
/// the lead bonus (ranking.h): each gains kLeadWeight times the best one's relevance times its
/// lead coverage. Every item's score goes to `score`; the rest keep their places below, as a
/// bonus never lowers one. Ties go by the sort key, as in page_order.
void favour_leads(const Xapian::MSet& mset, std::vector<Xapian::doccount>& ranked, const LeadCoverage& lead, Page& page) {
    std::vector<double>& score = page.score;
    score.assign(mset.size(), 0.0);
    for (Xapian::doccount i = 0; i < mset.size(); ++i) score[i] = BuiltQuery::relevance(mset[i].get_weight());
    if (ranked.empty() || lead.empty()) return;
    const double best = score[ranked.front()];
    const auto depth = static_cast<std::ptrdiff_t>(std::min<std::size_t>(ranking::kLeadDepth, ranked.size()));
    for (auto r = ranked.begin(); r != ranked.begin() + depth; ++r) {
        const Xapian::MSetIterator it = mset[*r];
        auto [entry, added] = page.decoded.try_emplace(*it);
        if (added) entry->second = decode_release(it.get_document().get_data());
        score[*r] += ranking::kLeadWeight * best * lead.of(entry->second.body);
    }
    std::stable_sort(ranked.begin(), ranked.begin() + depth, [&](auto a, auto b) {
        if (!tied(score[a], score[b])) return score[a] > score[b];
        return mset[a].get_sort_key() > mset[b].get_sort_key();
    });
}

/// Matches `offset` .. `offset + limit` of the ranking, in `order`; with `collapse`, of the
/// ranking that keeps only the first (best) release of each title key, as Xapian's collapse would
/// (an empty key never collapses). Ranks from the top until enough distinct titles are seen,
/// fetching twice as many (up to `max_fetch`, the releases in the index) when a page of them was
/// not enough. Match spies count the first pass only. `remote`: some shards are remote, where
/// reading each key would be a round trip.
Page select_page(Xapian::Enquire& enquire, Xapian::doccount offset, Xapian::doccount limit,
                 Xapian::doccount check_at_least, Xapian::doccount max_fetch, bool collapse, bool remote,
                 PageOrder order, const LeadCoverage* lead) {
    Page page;
    const std::uint64_t wanted = std::uint64_t{offset} + limit;
    const std::uint64_t least = order == PageOrder::RelevanceOverMost ? kRerankDepth : 0;
    for (std::uint64_t ask = std::max(least, collapse ? 2 * wanted + 10 : wanted + kTieMargin);; ask *= 2) {
        const auto fetch = static_cast<Xapian::doccount>(std::min<std::uint64_t>(ask, max_fetch));
        page.mset = enquire.get_mset(0, fetch, check_at_least);
        if (collapse && remote) page.mset.fetch();  // all the documents in one round trip, not one each
        std::vector<Xapian::doccount> kept;
        std::unordered_set<std::string> keys;
        std::vector<Xapian::doccount> ranked = page_order(page.mset, order);
        if (lead) favour_leads(page.mset, ranked, *lead, page);
        for (const Xapian::doccount i : ranked) {
            if (kept.size() >= wanted) break;
            if (collapse) {
                const std::string key = page.mset[i].get_document().get_value(slot(Field::TitleKey));
                if (!key.empty() && !keys.insert(key).second) continue;
            }
            kept.push_back(i);
        }
        if (!collapse || kept.size() >= wanted || page.mset.size() < fetch || fetch == max_fetch) {
            page.shown.assign(kept.begin() + std::min<std::size_t>(offset, kept.size()), kept.end());
            return page;
        }
        enquire.clear_matchspies();  // they have seen every candidate once
    }
}

ShardSet open_index(const std::string& path, const ShardOptions& options) {
    try {
        return ShardSet(path, options);
    } catch (const ShardUnavailable& e) {
        throw IndexUnavailable(e.others_could_answer() ? IndexUnavailable::Reason::ShardDown
                                                       : IndexUnavailable::Reason::NoShardLeft,
                               path, e.what());
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexUnavailable(IndexUnavailable::Reason::NoIndex, path, "no index at " + path + ": " + e.get_msg(), e.get_msg());
    } catch (const Xapian::Error& e) {
        throw IndexUnavailable(IndexUnavailable::Reason::Unreadable, path, "cannot open index " + path + ": " + e.get_msg());
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

/// One run of a built query and what it found.
struct Attempt {
    Page page;
    std::uint64_t total = 0;
    bool total_exact = false;
    std::vector<Facet> facets;
    bool nothing = false;  ///< No release matches at all (not merely none on this page).
};

/// Runs `built`: the releases matching every concept (`at_least` 0), or at least `at_least` of
/// them, ranked by how many first. Facets are counted when asked for. `lead`: a question's, whose
/// best answers are re-sorted by how much of it their openings hold (when ranked by relevance).
Attempt attempt(const Xapian::Database& db, bool remote, const ShardSet& shards, const BuiltQuery& built,
                std::size_t at_least, const SearchRequest& request, bool collapse, bool browsing,
                Xapian::doccount check_at_least, const LeadCoverage* lead) {
    // Releases replaced or pruned in a read-only base are left out of everything: page, total,
    // facets, every order (masks.h).
    Xapian::Query query = shards.without_masked(at_least > 0 ? built.by_concepts() : built.all);
    double cutoff = at_least > 0 ? BuiltQuery::tier_cutoff(at_least) : 0.0;

    const ranking::Profile& weights = ranking::profile(built.question);
    const Xapian::BM25Weight bm25(weights.bm25_k1, 0, 1, weights.bm25_b, 0.5);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(bm25);
    if (request.time_limit > 0) enquire.set_time_limit(request.time_limit);
    if (cutoff > 0) enquire.set_cutoff(0, cutoff);
    switch (request.sort) {
        case SortOrder::Relevance: enquire.set_sort_by_relevance_then_value(slot(Field::Order), true); break;
        case SortOrder::Newest:
            if (browsing) enquire.set_sort_by_value(slot(Field::Order), true);
            else enquire.set_sort_by_value_then_relevance(slot(Field::Date), true);
            break;
        case SortOrder::Oldest:
            if (browsing) enquire.set_sort_by_value(slot(Field::Order), false);
            else enquire.set_sort_by_value_then_relevance(slot(Field::Date), false);
            break;
    }
    Xapian::ValueCountMatchSpy ministry(slot(Field::Ministry)), department(slot(Field::Department)),
        year(slot(Field::Year)), month(slot(Field::Month));
    // Facets count every match (check_at_least: the whole index). Over remote shards the spies
    // count in an unsorted pass of their own (ShardSet::has_remote). Without facets no spy runs:
    // reading each candidate's value cost 15% of a query.
    std::optional<Xapian::Enquire> counting;
    if (request.facets) {
        if (remote) {
            counting.emplace(db);
            counting->set_query(query);
            // The cutoff needs the tiers' weights; the relevance part is not needed to count.
            if (cutoff > 0) counting->set_cutoff(0, cutoff);
            else counting->set_weighting_scheme(Xapian::BoolWeight());
        }
        Xapian::Enquire& spied = counting ? *counting : enquire;
        for (auto* spy : {&year, &ministry, &department, &month}) spied.add_matchspy(spy);
        if (counting) counting->get_mset(0, 0, check_at_least);
    }
    Attempt out;
    const PageOrder order = request.sort != SortOrder::Relevance ? PageOrder::Xapian
                            : at_least > 0                       ? PageOrder::RelevanceOverMost
                                                                 : PageOrder::Relevance;
    out.page = select_page(enquire, request.offset, request.limit, check_at_least, db.get_doccount(), collapse, remote,
                           order, order == PageOrder::RelevanceOverMost ? lead : nullptr);
    const Xapian::MSet& mset = out.page.mset;
    out.nothing = mset.get_matches_upper_bound() == 0;
    if (request.facets) {
        out.total = year.get_total();
        out.total_exact = true;
        out.facets.push_back(facet_from("ministry", ministry, false));
        out.facets.push_back(facet_from("department", department, false));
        out.facets.push_back(facet_from("year", year, true));
        out.facets.push_back(facet_from("month", month, true));
        out.nothing = out.total == 0;
    } else {
        out.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        out.total = out.total_exact ? mset.get_matches_lower_bound() : mset.get_uncollapsed_matches_estimated();
    }
    return out;
}

}  // namespace

SortOrder parse_sort_order(const std::string& name) {
    if (name == "relevance") return SortOrder::Relevance;
    if (name == "newest") return SortOrder::Newest;
    if (name == "oldest") return SortOrder::Oldest;
    throw std::invalid_argument("unknown sort order '" + name + "' (relevance, newest or oldest)");
}

Searcher::Searcher(const std::string& path, const ShardOptions& options)
    : path_(path), shards_(open_index(path, options)), db_(shards_.database()) {
    load_extras();
}

void Searcher::load_extras() {
    abbreviations_ = AbbreviationTable();
    // Metadata of a combined database is only its first shard's: merge every shard's own.
    for (const Xapian::Database& shard : shards_.databases())
        abbreviations_.merge(shard.get_metadata(AbbreviationTable::kMetadataKey));
    std::vector<std::unique_ptr<Lexicon>> lexicons;
    for (const std::string& dir : shards_.local_paths()) lexicons.push_back(dir.empty() ? nullptr : Lexicon::open(dir));
    lexicon_ = Lexicon::combine(std::move(lexicons));
}

SearchResponse Searcher::search(const SearchRequest& request) {
    bool reopen = false;
    for (int attempt = 0, shard_failures = 0;; ++attempt) {
        try {
            // bodo-index compacted the index into a new generation (ShardSet::switched): open
            // that. Cheap when nothing changed (a few stat calls).
            if (shards_.reload_if_switched()) {
                db_ = shards_.database();
                load_extras();
                reopen = false;
            }
            // Inside the try: reopening reads the new revision, which a writer may replace too.
            if (reopen) {
                db_.reopen();
                shards_.refresh_masks();
                load_extras();
                reopen = false;
            }
            SearchResponse response = run(request);
            response.missing_shards = shards_.missing();
            response.partial = !response.missing_shards.empty();
            return response;
        } catch (const Xapian::DatabaseModifiedError&) {
            // A writer committed twice while we read: reopen on the newest revision and retry.
            if (attempt >= kModifiedRetries) throw;
            reopen = true;
        } catch (const Xapian::DatabaseOpeningError&) {
            // Reopening found the database gone: a compaction switched the index away from it
            // (and removed it) between the check above and now. The next attempt opens the new one.
            if (attempt >= kModifiedRetries || !shards_.switched()) throw;
            reopen = false;
        } catch (const Xapian::FeatureUnavailableError& e) {
            // xapian-tcpsrv serving an index whose base has no term lists: it cannot send a
            // document (generations.h, kTermlistsKey).
            if (e.get_msg().find("no termlist") == std::string::npos) throw;
            throw IndexUnavailable(IndexUnavailable::Reason::NoTermLists, path_,
                                   "cannot read the releases of " + path_ + ": " + e.get_description() +
                                       " (a remote server serves an index whose base has no term lists)",
                                   e.get_description());
        } catch (const Xapian::NetworkError& e) {
            // A remote shard went down or timed out: reopen the shards and try once more.
            if (++shard_failures > 1 || !shards_.recover(e)) {
                if (!shards_.sharded()) throw;
                throw ShardUnavailable("search of " + path_ + " failed: " + e.get_description());
            }
            db_ = shards_.database();
            load_extras();
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
        // As date:2022..2021 is a syntax error: an empty range is a mistake, not "no results".
        if (r.matches_nothing()) {
            BadRequest e(BadRequest::Reason::DatesOutOfOrder,
                         "the start date " + request.since + " is after the end date " + request.until + ": no release can match");
            e.since = request.since;
            e.until = request.until;
            throw e;
        }
        filters.dates.push_back(r);
    }
    const bool has_filter = !filters.ministries.empty() || !filters.departments.empty() || !filters.dates.empty();
    if (parsed.empty() && !has_filter)
        throw BadRequest(BadRequest::Reason::NothingToSearch, "empty query: give words to search for, or a filter to browse");

    QueryBuilder builder(db_, &abbreviations_, lexicon_.get());
    const BuiltQuery built = builder.build(parsed, filters);
    if (!built.selects)
        throw BadRequest(BadRequest::Reason::OnlyPunctuation,
                         "nothing to search for in «" + request.query + "»: give words (punctuation alone is not searched), or a filter to browse");

    // Releases with the same title (re-issues, corrections) show once: the best of them.
    // Browsing (no query words) lists every release. Done on the ranked list (select_page), not
    // with Xapian's collapse key, which reads every candidate's key and prunes less: a third of
    // the query time.
    const bool collapse = request.collapse && !parsed.groups.empty();
    // Ties (equal weights; every match when browsing) go by a unique key, newest first, not by
    // document ids, which differ between one database and its shards: the same order either way.
    const bool browsing = std::none_of(parsed.groups.begin(), parsed.groups.end(), [](const QueryGroup& g) {
        return std::any_of(g.alternatives.begin(), g.alternatives.end(), [](const Clause& c) {
            return !c.excluded && c.field != Field::Ministry && c.field != Field::Department;
        });
    });
    // Totals are exact up to kExactTotal matches (and always with facets, which count every
    // match). A TREC run prints no total: it stops at the top of the ranking.
    const Xapian::doccount check_at_least = request.facets ? db_.get_doccount() : request.details ? kExactTotal : 0;

    // Every concept, or for a question most of them. When no release has them: all but one, then
    // fewer, down to half (rounded up) for a keyword query and to one for a question (someone who
    // asks deserves the nearest releases, not "no results"; the answer says how many words they
    // hold).
    std::size_t at_least = built.question && built.concepts > 0 ? built.question_min : 0;
    const std::size_t floor = built.question ? 1 : std::max<std::size_t>(1, (built.concepts + 1) / 2);
    // What a question's leads are checked for: its terms' frequencies read once for every attempt.
    std::optional<LeadCoverage> lead;
    if (built.question) lead.emplace(db_, built.asked);
    auto run_at = [&](std::size_t k) {
        return attempt(db_, shards_.has_remote(), shards_, built, k, request, collapse, browsing, check_at_least,
                       lead ? &*lead : nullptr);
    };
    Attempt answer = run_at(at_least);
    for (std::size_t k = at_least == 0 ? built.concepts : at_least; answer.nothing && k > floor;) answer = run_at(at_least = --k);
    const Page& page = answer.page;
    const Xapian::MSet& mset = page.mset;

    SearchResponse response;
    response.qid = request.qid;
    response.query = request.query;
    response.total = answer.total;
    response.total_exact = answer.total_exact;
    response.facets = std::move(answer.facets);
    response.match = at_least > 0 ? MatchKind::Most : MatchKind::All;
    response.concepts = built.concepts;
    response.concepts_matched = at_least > 0 ? at_least : built.concepts;
    response.question = built.question && at_least > 0;
    response.suggestion = SpellingSuggester(db_).suggest(request.query);
    const SnippetMaker snippets(built.highlight);
    for (const Xapian::doccount i : page.shown) {
        const Xapian::MSetIterator it = mset[i];
        const Xapian::Document doc = it.get_document();
        const std::string order_key = doc.get_value(slot(Field::Order));
        Hit hit;
        hit.score = !page.score.empty() ? page.score[i] : at_least > 0 ? BuiltQuery::relevance(it.get_weight()) : it.get_weight();
        // The order key holds the id: enough for a TREC run, and decoding the stored release was
        // 12% of such a query.
        if (const std::string_view id = id_of_order_key(order_key); !request.details && !id.empty()) {
            hit.id = id;
            response.hits.push_back(std::move(hit));
            continue;
        }
        Release decoded_here;
        const auto found = page.decoded.find(*it);
        const Release& r = found != page.decoded.end() ? found->second : (decoded_here = decode_release(doc.get_data()));
        hit.id = r.id;
        hit.title = r.title;
        hit.date = r.date;
        hit.ministry = r.ministry;
        hit.department = r.department;
        hit.url = r.url;
        if (request.snippets) hit.snippet = r.body.empty() ? snippets.make(r.title, false, request.snippet_chars)
                                                : snippets.make(r.body, true, request.snippet_chars);
        response.hits.push_back(std::move(hit));
    }
    unsigned rank = request.offset;
    for (Hit& hit : response.hits) hit.rank = ++rank;
    return response;
}

}  // namespace bodo
