// bodo-search: ranked search of a bodo index, with snippets, filters and facets.
#include <unistd.h>

#include <fstream>
#include <iostream>

#include <xapian.h>

#include "cli/options.h"
#include "cli/search_messages.h"
#include "output/result_writer.h"
#include "output/terminal.h"
#include "query/errors.h"
#include "search/batch.h"
#include "search/searcher.h"

namespace {

enum Exit { kOk = 0, kNoResults = 1, kUsage = 2, kNoIndex = 3 };

constexpr const char* kExamples = R"(Examples:
  bodo-search 반도체 전략
  bodo-search '"탄소중립 기본계획"' --since 2021 --until 2021-06
  bodo-search --ministry 과학기술정보통신부 --since 2020 --until 2020 --facets
  bodo-search 'title:5G -LTE' --format json --limit 20
  bodo-search --batch queries.tsv --format trec > run.trec
  bodo-search --db /srv/bodo/remote.stub --timeout 2 --allow-partial 반도체   (shards)

Query syntax: words (all words rank above some), "a phrase", -excluded, a OR b,
title:word, ministry:NAME, dept:NAME, date:2020-01..2020-06 (either end may be open).
--db may name a Xapian stub file listing shards ("glass PATH", "remote HOST:PORT") or a
directory holding bodo.stub (bodo-index --shards N).
Exit codes: 0 results found, 1 no results, 2 bad usage or query, 3 no index or a shard
unavailable.)";

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Search a bodo index of press releases (보도자료)."};
    app.footer(kExamples);
    bodo::cli::add_version(app, "bodo-search");
    std::string db, colour, format = "text", sort = "relevance", batch;
    std::vector<std::string> words;
    bodo::SearchRequest req;
    bodo::cli::add_db_option(app, db);
    app.add_option("query", words, "Query words (see Query syntax below); may be empty when filters are given");
    app.add_option("--since", req.since, "Only releases on or after this date: YYYY, YYYY-MM or YYYY-MM-DD (e.g. --since 2021-03)");
    app.add_option("--until", req.until, "Only releases on or before this date; --until 2020 includes all of 2020");
    // One value a use (--ministry A --ministry B): a query word after it is no second ministry.
    app.add_option("--ministry", req.ministries, "Only this ministry (repeatable: any of them), e.g. --ministry 과학기술정보통신부")
        ->allow_extra_args(false);
    app.add_option("--dept", req.departments, "Only this department in charge (repeatable), e.g. --dept 전파정책기획과")
        ->allow_extra_args(false);
    app.add_option("--sort", sort, "Order: relevance, newest or oldest (e.g. --sort newest)")
        ->check(CLI::IsMember({"relevance", "newest", "oldest"}))->capture_default_str();
    app.add_option("--limit", req.limit, "Number of results (e.g. --limit 20)")->capture_default_str()->check(CLI::Range(0, 10000));
    app.add_option("--offset", req.offset, "Skip this many results first (paging, e.g. --offset 10)")->capture_default_str();
    app.add_flag("--facets", req.facets, "Exact counts over all matches by ministry, department, year and month");
    app.add_option("--format", format, "Output: text (default), json or trec")
        ->check(CLI::IsMember({"text", "json", "trec"}))->capture_default_str();
    app.add_option("--batch", batch, "Answer every 'qid<TAB>query' line of FILE (- for stdin), e.g. --batch queries.tsv");
    app.add_flag("--no-collapse", [&](std::int64_t) { req.collapse = false; },
                 "Show every release, also those with the same title as a better one (re-issues)");
    app.add_flag("--no-snippets", [&](std::int64_t) { req.snippets = false; }, "Leave snippets out (faster batch runs)");
    bodo::ShardOptions shard_options;
    std::string timings;
    app.add_option("--timeout", shard_options.timeout_seconds,
                   "Seconds allowed to connect to a remote shard and for each request to it (0: no limit)")
        ->capture_default_str()->check(CLI::Range(0.0, 3600.0));
    app.add_flag("--allow-partial", shard_options.allow_partial,
                 "Answer from the shards that respond when some are down or time out; the answer is marked partial");
    app.add_option("--timings", timings, "With --batch: write 'qid<TAB>milliseconds' per query to FILE (benchmarks)");
    bodo::cli::add_colour_option(app, colour);
    if (const int code = bodo::cli::parse_positionals_last(app, argc, argv, kUsage); code >= 0) return code;

    req.sort = bodo::parse_sort_order(sort);
    for (const auto& w : words) req.query += (req.query.empty() ? "" : " ") + w;

    std::unique_ptr<bodo::Searcher> searcher;
    try {
        searcher = std::make_unique<bodo::Searcher>(db, shard_options);
    } catch (const bodo::IndexUnavailable& e) {
        std::cerr << "bodo-search: " << bodo::cli::describe(e) << '\n';
        return kNoIndex;
    }
    bodo::WriterOptions wopts;
    wopts.colour = format == "text" && bodo::use_colour(STDOUT_FILENO, bodo::parse_colour_mode(colour));
    const bool is_batch = !batch.empty();
    auto writer = bodo::make_writer(bodo::parse_output_format(format), wopts, is_batch);
    req.details = format != "trec";  // a TREC line has the id, rank and score only

    auto answer = [&](bodo::SearchRequest& r) -> int {
        try {
            const bodo::SearchResponse res = searcher->search(r);
            writer->write(res, std::cout);
            return res.hits.empty() && res.total == 0 ? kNoResults : kOk;
        } catch (const bodo::QuerySyntaxError& e) {
            std::cerr << "bodo-search: " << (r.qid.empty() ? "" : r.qid + ": ") << "query error: " << e.what() << '\n';
        } catch (const bodo::BadRequest& e) {
            std::cerr << "bodo-search: " << (r.qid.empty() ? "" : r.qid + ": ") << bodo::cli::describe(e) << '\n';
        } catch (const bodo::ShardUnavailable& e) {
            std::cerr << "bodo-search: " << (r.qid.empty() ? "" : r.qid + ": ") << bodo::cli::describe(e) << '\n';
            return kNoIndex;
        } catch (const bodo::IndexUnavailable& e) {
            std::cerr << "bodo-search: " << (r.qid.empty() ? "" : r.qid + ": ") << bodo::cli::describe(e) << '\n';
            return kNoIndex;
        } catch (const Xapian::Error& e) {
            std::cerr << "bodo-search: " << (r.qid.empty() ? "" : r.qid + ": ") << "index error: " << e.get_description() << '\n';
            return kNoIndex;
        }
        return kUsage;
    };

    if (!is_batch) {
        const int rc = answer(req);
        writer->finish(std::cout);
        if (rc == kNoResults && format == "text") std::cerr << "bodo-search: no results\n";
        return rc;
    }

    std::ifstream file;
    if (batch != "-") {
        file.open(batch);
        if (!file) {
            std::cerr << "bodo-search: cannot read batch file " << batch << '\n';
            return kUsage;
        }
    }
    std::istream& in = batch == "-" ? std::cin : file;
    std::ofstream timing_file;
    if (!timings.empty()) {
        timing_file.open(timings, std::ios::trunc);
        if (!timing_file) {
            std::cerr << "bodo-search: cannot write timings file " << timings << '\n';
            return kUsage;
        }
    }
    bodo::BatchReader queries(in);
    queries.on_malformed = [&](std::size_t line) {
        std::cerr << "bodo-search: " << batch << ":" << line << ": expected 'qid<TAB>query'\n";
    };
    bodo::BatchTimer timer;
    std::size_t failed = 0;
    bool index_failed = false;
    while (const auto q = queries.next()) {
        bodo::SearchRequest r = req;
        r.qid = q->qid;
        r.query = q->query;
        timer.start_query();
        const int rc = answer(r);
        timer.end_query(r.qid, timing_file.is_open() ? &timing_file : nullptr);
        if (rc == kUsage || rc == kNoIndex) ++failed;
        if (rc == kNoIndex) index_failed = true;
    }
    writer->finish(std::cout);
    std::cerr << "bodo: " << timer.summary(failed + queries.malformed()) << '\n';
    return index_failed ? kNoIndex : failed + queries.malformed() ? kUsage : kOk;
}
