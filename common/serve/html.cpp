#include "serve/html.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "output/text_writer.h"
#include "serve/params.h"
#include "text/trim.h"
#include "text/utf8.h"

namespace bodo::serve {
namespace {

/// Length of the UTF-8 sequence that starts at `s[i]`, or 0 when it is not a valid one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    std::size_t end = i;
    return text::next_code_point(s, end) == text::kNotUtf8 ? 0 : end - i;
}

std::string link(const Params& params) { return html_escape("/" + query_string(params)); }

/// The state of `request` as parameters, with `change` applied to it first; paging restarts
/// unless `keep_offset`.
template <typename F>
Params changed(const SearchRequest& request, F change, bool keep_offset = false) {
    SearchRequest r = request;
    if (!keep_offset) r.offset = 0;
    change(r);
    return page_params(r);
}

void remove_value(std::vector<std::string>& list, const std::string& value) {
    list.erase(std::remove(list.begin(), list.end(), value), list.end());
}

const Facet* find_facet(const SearchResponse& response, std::string_view name) {
    for (const Facet& f : response.facets)
        if (f.name == name) return &f;
    return nullptr;
}

std::string head(const std::string& title) {
    return "<!doctype html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"referrer\" content=\"no-referrer\">\n<title>" +
           html_escape(title) +
           "</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
           "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n";
}

constexpr std::string_view kFoot =
    "<footer><p>bodo · 보도자료 검색 · <a href=\"/api/search?q=%EB%B0%98%EB%8F%84%EC%B2%B4\">JSON API</a></p></footer>\n"
    "</body>\n</html>\n";

std::string search_form(const SearchRequest& r) {
    std::string h = "<form class=\"search\" role=\"search\" method=\"get\" action=\"/\">\n";
    h += "<div class=\"qrow\"><label for=\"q\">검색어</label>"
         "<input type=\"search\" id=\"q\" name=\"q\" maxlength=\"1000\" autocomplete=\"off\" "
         "placeholder=\"예: 반도체 전략\" value=\"" +
         html_escape(r.query) + "\"><button type=\"submit\">검색</button></div>\n";
    h += "<fieldset class=\"dates\"><legend>기간</legend>"
         "<label for=\"since\">부터</label><input id=\"since\" name=\"since\" size=\"10\" inputmode=\"numeric\" "
         "aria-describedby=\"date-hint\" placeholder=\"2021-03\" value=\"" +
         html_escape(r.since) +
         "\"> <label for=\"until\">까지</label><input id=\"until\" name=\"until\" size=\"10\" inputmode=\"numeric\" "
         "aria-describedby=\"date-hint\" placeholder=\"2021-06\" value=\"" +
         html_escape(r.until) +
         "\"> <span id=\"date-hint\" class=\"hint\">YYYY, YYYY-MM 또는 YYYY-MM-DD</span></fieldset>\n";
    // The filters chosen by clicking facets go with a new query (each can be removed above the results).
    for (const auto& m : r.ministries)
        h += "<input type=\"hidden\" name=\"ministry\" value=\"" + html_escape(m) + "\">\n";
    for (const auto& d : r.departments) h += "<input type=\"hidden\" name=\"dept\" value=\"" + html_escape(d) + "\">\n";
    if (r.sort != SortOrder::Relevance)
        h += std::string("<input type=\"hidden\" name=\"sort\" value=\"") +
             (r.sort == SortOrder::Newest ? "newest" : "oldest") + "\">\n";
    h += "</form>\n";
    return h;
}

std::string header(const SearchRequest& r) {
    return "<a class=\"skip\" href=\"#results\">결과로 건너뛰기</a>\n<header>\n"
           "<p class=\"brand\"><a href=\"/\">bodo</a> <span>보도자료 검색</span></p>\n" +
           search_form(r) + "</header>\n";
}

std::string active_filters(const SearchRequest& r) {
    std::string items;
    auto chip = [&](const std::string& label, const Params& without) {
        items += "<li><a class=\"chip\" href=\"" + link(without) + "\"><span class=\"vh\">필터 해제: </span>" +
                 html_escape(label) + " <span aria-hidden=\"true\">✕</span></a></li>";
    };
    for (const auto& m : r.ministries)
        chip("부처: " + m, changed(r, [&](SearchRequest& x) { remove_value(x.ministries, m); }));
    for (const auto& d : r.departments)
        chip("담당부서: " + d, changed(r, [&](SearchRequest& x) { remove_value(x.departments, d); }));
    if (!r.since.empty() || !r.until.empty())
        chip("기간: " + (r.since.empty() ? std::string("…") : r.since) + " ~ " + (r.until.empty() ? std::string("…") : r.until),
             changed(r, [](SearchRequest& x) { x.since.clear(), x.until.clear(); }));
    if (items.empty()) return "";
    return "<ul class=\"filters\" aria-label=\"적용된 필터\">" + items + "</ul>\n";
}

std::string sort_links(const SearchRequest& r) {
    std::string h = "<nav class=\"sort\" aria-label=\"정렬\"><span>정렬:</span> ";
    const std::pair<SortOrder, const char*> orders[] = {
        {SortOrder::Relevance, "관련도순"}, {SortOrder::Newest, "최신순"}, {SortOrder::Oldest, "오래된순"}};
    for (const auto& [order, label] : orders) {
        if (order == r.sort) {
            h += std::string("<a aria-current=\"true\" class=\"on\" href=\"") +
                 link(changed(r, [](SearchRequest&) {}, true)) + "\">" + label + "</a> ";
        } else {
            const SortOrder o = order;
            h += "<a href=\"" + link(changed(r, [o](SearchRequest& x) { x.sort = o; })) + "\">" + label + "</a> ";
        }
    }
    return h + "</nav>\n";
}

std::string snippet_html(const std::vector<SnippetPart>& parts) {
    std::string h;
    for (const SnippetPart& p : parts) {
        if (p.highlighted) h += "<mark>" + html_escape(p.text) + "</mark>";
        else h += html_escape(p.text);
    }
    return h;
}

std::string hits_html(const SearchRequest& r, const SearchResponse& res) {
    const std::string back = query_string(page_params(r));
    std::string h = "<ol class=\"hits\" start=\"" + std::to_string(r.offset + 1) + "\">\n";
    for (const Hit& hit : res.hits) {
        h += "<li class=\"hit\"><h3><a href=\"" + html_escape("/release/" + url_encode(hit.id) + back) + "\">" +
             html_escape(hit.title.empty() ? "(제목 없음)" : hit.title) + "</a></h3>\n<p class=\"meta\">";
        std::string meta;
        for (const std::string* part : {&hit.date, &hit.ministry, &hit.department})
            if (!part->empty()) meta += (meta.empty() ? "" : " · ") + html_escape(*part);
        h += meta + "</p>\n";
        if (!hit.snippet.empty()) h += "<p class=\"snippet\">" + snippet_html(hit.snippet) + "</p>\n";
        h += "</li>\n";
    }
    return h + "</ol>\n";
}

std::string paging(const SearchRequest& r, const SearchResponse& res) {
    const std::uint64_t reachable = std::min<std::uint64_t>(res.total, std::uint64_t{kMaxOffset} + kPageSize);
    const std::uint64_t pages = (reachable + kPageSize - 1) / kPageSize;
    if (pages <= 1) return "";
    const std::uint64_t current = r.offset / kPageSize;  // 0-based
    auto page_link = [&](std::uint64_t page) {
        return link(changed(r, [page](SearchRequest& x) { x.offset = static_cast<std::uint32_t>(page * kPageSize); }, true));
    };
    std::string h = "<nav class=\"pages\" aria-label=\"페이지\"><ul>";
    if (current > 0) h += "<li><a rel=\"prev\" href=\"" + page_link(current - 1) + "\">‹ 이전</a></li>";
    const std::uint64_t first = current > 4 ? current - 4 : 0;
    const std::uint64_t last = std::min(pages - 1, first + 8);
    for (std::uint64_t p = first; p <= last; ++p) {
        if (p == current)
            h += "<li><a aria-current=\"page\" class=\"on\" href=\"" + page_link(p) + "\"><span class=\"vh\">페이지 </span>" +
                 std::to_string(p + 1) + "</a></li>";
        else
            h += "<li><a href=\"" + page_link(p) + "\"><span class=\"vh\">페이지 </span>" + std::to_string(p + 1) +
                 "</a></li>";
    }
    if (current + 1 < pages) h += "<li><a rel=\"next\" href=\"" + page_link(current + 1) + "\">다음 ›</a></li>";
    return h + "</ul></nav>\n";
}

/// A facet list: each value narrows the search to it (added to those chosen), a chosen value
/// widens it again. The first kShown values show, the rest (up to kMore) under "더 보기".
std::string facet_list(const SearchRequest& r, const Facet& facet, const std::string& title, const std::string& id,
                       std::vector<std::string> SearchRequest::*field) {
    constexpr std::size_t kShown = 10, kMore = 300;
    if (facet.counts.empty()) return "";
    std::string h = "<section class=\"facet\" aria-labelledby=\"" + id + "\"><h2 id=\"" + id + "\">" + title + "</h2>\n<ul>";
    const auto& chosen = r.*field;
    std::size_t n = 0;
    for (const auto& [value, count] : facet.counts) {
        if (n == kShown) h += "</ul>\n<details><summary>더 보기 (" + with_thousands(facet.counts.size() - kShown) + ")</summary><ul>";
        if (n == kShown + kMore) break;
        ++n;
        const bool on = std::find(chosen.begin(), chosen.end(), value) != chosen.end();
        const std::string v = value;
        const Params target = changed(r, [&](SearchRequest& x) {
            if (on) remove_value(x.*field, v);
            else (x.*field).push_back(v);
        });
        h += "<li><a href=\"" + link(target) + "\"" + (on ? " class=\"on\" aria-current=\"true\"" : "") + ">" +
             (on ? "<span class=\"vh\">필터 해제: </span>" : "") + "<span class=\"v\">" +
             html_escape(value.empty() ? "(없음)" : value) + "</span> <span class=\"n\">" + with_thousands(count) +
             "</span></a></li>";
    }
    h += n > kShown ? "</ul></details>" : "</ul>";
    return h + "</section>\n";
}

/// The year facet: a year narrows the dates to it; the year already chosen widens again.
std::string year_list(const SearchRequest& r, const Facet& facet) {
    if (facet.counts.empty()) return "";
    std::string h = "<section class=\"facet\" aria-labelledby=\"f-year\"><h2 id=\"f-year\">연도</h2>\n<ul class=\"years\">";
    for (const auto& [year, count] : facet.counts) {
        const bool on = r.since == year && r.until == year;
        const std::string y = year;
        const Params target = changed(r, [&](SearchRequest& x) {
            x.since = on ? "" : y;
            x.until = on ? "" : y;
        });
        h += "<li><a href=\"" + link(target) + "\"" + (on ? " class=\"on\" aria-current=\"true\"" : "") + ">" +
             "<span class=\"v\">" + html_escape(year) + "</span> <span class=\"n\">" + with_thousands(count) + "</span></a></li>";
    }
    return h + "</ul></section>\n";
}

/// The month histogram: one bar a month from the first to the last month with matches (empty
/// months as gaps), heights in twentieths of the busiest month (CSS classes: no inline style
/// under the Content-Security-Policy). A bar narrows to its month; the chosen month widens.
std::string month_histogram(const SearchRequest& r, const Facet& facet) {
    std::map<std::string, std::uint64_t> counts;
    std::uint64_t max = 0;
    for (const auto& [month, count] : facet.counts) {
        if (month.size() != 7 || month[4] != '-') continue;
        counts[month] = count;
        max = std::max(max, count);
    }
    if (counts.empty() || max == 0) return "";
    int y = std::stoi(counts.begin()->first.substr(0, 4)), m = std::stoi(counts.begin()->first.substr(5, 2));
    const std::string last = counts.rbegin()->first;
    std::string bars;
    for (int guard = 0; guard < 600; ++guard) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
        const std::string month = buf;
        const auto it = counts.find(month);
        const std::uint64_t count = it == counts.end() ? 0 : it->second;
        const unsigned level = count == 0 ? 0 : static_cast<unsigned>(std::max<std::uint64_t>(1, (count * 20 + max - 1) / max));
        std::string cls = "bar h" + std::to_string(level) + (m == 1 ? " jan" : "");
        // The year under its January (and under the first bar), for the eye only: each bar's
        // label says its month.
        const std::string year_label =
            m == 1 || bars.empty() ? "<b aria-hidden=\"true\">" + month.substr(0, 4) + "</b>" : "";
        if (count == 0) {
            bars += "<li class=\"" + cls + "\"><span class=\"vh\">" + month + ": 0건</span><i></i>" + year_label + "</li>";
        } else {
            const bool on = r.since == month && r.until == month;
            const Params target = changed(r, [&](SearchRequest& x) {
                x.since = on ? "" : month;
                x.until = on ? "" : month;
            });
            bars += "<li class=\"" + cls + (on ? " on" : "") + "\"><a href=\"" + link(target) + "\" title=\"" + month + ": " +
                    with_thousands(count) + "건\"" + (on ? " aria-current=\"true\"" : "") + "><span class=\"vh\">" +
                    (on ? "필터 해제: " : "") + month + ": " + with_thousands(count) + "건</span><i></i></a>" + year_label + "</li>";
        }
        if (month == last) break;
        if (++m == 13) m = 1, ++y;
    }
    const std::string first = counts.begin()->first;
    return "<section class=\"months\" aria-labelledby=\"f-month\"><h2 id=\"f-month\">월별 <span class=\"range\">" + first +
           " ~ " + last + "</span></h2>\n<ol class=\"histogram\">" + bars + "</ol></section>\n";
}

std::string summary(const SearchRequest& r, const SearchResponse& res) {
    std::string h = "<p class=\"summary\" role=\"status\">";
    if (!r.query.empty()) h += "<q>" + html_escape(r.query) + "</q> ";
    if (res.total == 0) return h + "검색 결과가 없습니다.</p>\n";
    h += "검색 결과 " + std::string(res.total_exact ? "" : "약 ") + "<strong>" + with_thousands(res.total) + "</strong>건";
    if (!res.hits.empty())
        h += " <span class=\"range\">(" + with_thousands(r.offset + 1) + "–" + with_thousands(r.offset + res.hits.size()) + ")</span>";
    if (res.partial) {
        std::string shards;
        for (const auto& s : res.missing_shards) shards += (shards.empty() ? "" : ", ") + s;
        h += " <span class=\"partial\">일부 샤드 응답 없음: " + html_escape(shards) + "</span>";
    }
    return h + "</p>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD
            ++i;
            continue;
        }
        if (n == 1) {
            const char c = text[i];
            switch (c) {
                case '&': out += "&amp;"; break;
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '"': out += "&quot;"; break;
                case '\'': out += "&#39;"; break;
                default:
                    if ((static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) || c == '\n' || c == '\t') out += c;
            }
        } else if (!(n == 2 && static_cast<unsigned char>(text[i]) == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)) {
            out.append(text.substr(i, n));  // C1 controls (U+0080–U+009F) dropped
        }
        i += n;
    }
    return out;
}

std::string url_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~') {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

Params page_params(const SearchRequest& r) {
    Params p;
    if (!r.query.empty()) p.emplace_back("q", r.query);
    if (!r.since.empty()) p.emplace_back("since", r.since);
    if (!r.until.empty()) p.emplace_back("until", r.until);
    for (const auto& m : r.ministries) p.emplace_back("ministry", m);
    for (const auto& d : r.departments) p.emplace_back("dept", d);
    if (r.sort == SortOrder::Newest) p.emplace_back("sort", "newest");
    if (r.sort == SortOrder::Oldest) p.emplace_back("sort", "oldest");
    if (r.offset > 0) p.emplace_back("offset", std::to_string(r.offset));
    return p;
}

std::string query_string(const Params& params) {
    std::string s;
    for (const auto& [name, value] : params) s += (s.empty() ? "?" : "&") + url_encode(name) + "=" + url_encode(value);
    return s;
}

std::string render_search_page(const SearchRequest& r, const SearchResponse* res, const std::string& error,
                               const PageContext& context) {
    const bool start = res == nullptr && error.empty();
    std::string title = start ? "bodo 보도자료 검색" : (r.query.empty() ? "보도자료 찾아보기" : r.query) + " — bodo 보도자료 검색";
    std::string h = head(title) + header(r);
    h += "<main id=\"results\" tabindex=\"-1\">\n";
    if (start) {
        h += "<h1 class=\"vh\">보도자료 검색</h1>\n<section class=\"intro\">\n<p>정부 보도자료 <strong>" +
             with_thousands(context.index.documents) + "</strong>건을 검색합니다";
        if (!context.index.last_update.empty()) h += " (마지막 색인: " + html_escape(context.index.last_update) + ")";
        h += ".</p>\n<p>예: ";
        for (const char* q : {"반도체 전략", "\"탄소중립 기본계획\"", "5G -LTE", "title:뉴질랜드"}) {
            SearchRequest ex;
            ex.query = q;
            h += "<a href=\"" + link(page_params(ex)) + "\">" + html_escape(q) + "</a> ";
        }
        h += "</p>\n<p class=\"hint\">\"구절\", -제외, A OR B, title:제목, ministry:부처, date:2020-01..2020-06</p>\n</section>\n";
        return h + "</main>\n" + std::string(kFoot);
    }
    h += "<h1 class=\"vh\">검색 결과</h1>\n";
    h += active_filters(r);
    if (!error.empty()) {
        h += "<p class=\"error\" role=\"alert\">" + html_escape(error) + "</p>\n</main>\n";
        return h + std::string(kFoot);
    }
    if (!res->suggestion.empty()) {
        const std::string s = res->suggestion;
        h += "<p class=\"suggest\">혹시 <a href=\"" + link(changed(r, [&](SearchRequest& x) { x.query = s; })) + "\">" +
             html_escape(s) + "</a>을(를) 찾으셨나요?</p>\n";
    }
    if (res->match == MatchKind::Most) {
        if (res->question) {
            h += "<p class=\"note\" role=\"note\">질문으로 읽어, 내용어를 절반 이상 포함한 보도자료를 보여 줍니다. "
                 "<span lang=\"en\">(Read as a question: releases with half its content words or more.)</span></p>\n";
        } else if (res->concepts > 0 && res->concepts_matched > 0) {
            const std::string n = std::to_string(res->concepts), k = std::to_string(res->concepts_matched);
            h += "<p class=\"note\" role=\"note\">단어 " + n + "개가 모두 들어 있는 보도자료가 없어, " + k +
                 "개 이상이 들어 있는 보도자료를 보여 줍니다. <span lang=\"en\">(No release has every word; these have " + k +
                 " of the " + n + " or more.)</span></p>\n";
        } else {
            h += "<p class=\"note\" role=\"note\">모든 단어가 들어 있는 보도자료가 없어, 단어를 가장 많이 포함한 보도자료를 "
                 "보여 줍니다. <span lang=\"en\">(No release has every word; these have most of them.)</span></p>\n";
        }
    }
    h += summary(r, *res);
    if (const Facet* months = find_facet(*res, "month")) h += month_histogram(r, *months);
    h += "<div class=\"cols\">\n<section class=\"list\" aria-labelledby=\"h-hits\"><h2 id=\"h-hits\" class=\"vh\">결과 목록</h2>\n";
    if (res->total > 0) h += sort_links(r);
    h += hits_html(r, *res);
    if (res->hits.empty() && res->total > 0) h += "<p>이 페이지에는 결과가 없습니다.</p>\n";
    h += paging(r, *res);
    h += "</section>\n<aside class=\"facets\" aria-label=\"필터\">\n";
    if (const Facet* f = find_facet(*res, "ministry"))
        h += facet_list(r, *f, "부처", "f-ministry", &SearchRequest::ministries);
    if (const Facet* f = find_facet(*res, "department"))
        h += facet_list(r, *f, "담당부서", "f-dept", &SearchRequest::departments);
    if (const Facet* f = find_facet(*res, "year")) h += year_list(r, *f);
    h += "</aside>\n</div>\n</main>\n";
    return h + std::string(kFoot);
}

std::string render_release_page(const Release& rel, const SearchRequest& back) {
    std::string h = head((rel.title.empty() ? rel.id : rel.title) + " — bodo") + header(back);
    h += "<main id=\"results\" tabindex=\"-1\" class=\"release\">\n";
    const Params state = page_params(back);
    h += "<p class=\"back\"><a href=\"" + (state.empty() ? std::string("/") : link(state)) + "\">‹ 검색 결과로</a></p>\n";
    h += "<article>\n<h1>" + html_escape(rel.title.empty() ? "(제목 없음)" : rel.title) + "</h1>\n<dl class=\"meta\">";
    if (!rel.date.empty()) h += "<dt>날짜</dt><dd>" + html_escape(rel.date) + "</dd>";
    if (!rel.ministry.empty()) {
        SearchRequest m;
        m.ministries.push_back(rel.ministry);
        h += "<dt>부처</dt><dd><a href=\"" + link(page_params(m)) + "\">" + html_escape(rel.ministry) + "</a></dd>";
    }
    if (!rel.department.empty()) {
        SearchRequest d;
        d.departments.push_back(rel.department);
        h += "<dt>담당부서</dt><dd><a href=\"" + link(page_params(d)) + "\">" + html_escape(rel.department) + "</a></dd>";
    }
    h += "<dt>ID</dt><dd>" + html_escape(rel.id) + "</dd>";
    if (!rel.url.empty()) {
        const bool web = rel.url.starts_with("https://") || rel.url.starts_with("http://");
        h += "<dt>원문</dt><dd>";
        h += web ? "<a href=\"" + html_escape(rel.url) + "\" rel=\"noopener noreferrer nofollow\">" + html_escape(rel.url) + "</a>"
                 : html_escape(rel.url);
        h += "</dd>";
    }
    h += "</dl>\n<div class=\"body\">\n";
    std::size_t start = 0;
    while (start <= rel.body.size()) {
        std::size_t end = rel.body.find('\n', start);
        if (end == std::string::npos) end = rel.body.size();
        const std::string_view line = text::trim(std::string_view(rel.body).substr(start, end - start));
        if (!line.empty()) h += "<p>" + html_escape(line) + "</p>\n";
        start = end + 1;
    }
    h += "</div>\n</article>\n</main>\n";
    return h + std::string(kFoot);
}

std::string render_message_page(const std::string& title, const std::string& message) {
    SearchRequest none;
    return head(title + " — bodo") + header(none) + "<main id=\"results\" tabindex=\"-1\">\n<h1>" + html_escape(title) +
           "</h1>\n<p class=\"error\" role=\"alert\">" + html_escape(message) + "</p>\n<p><a href=\"/\">처음으로</a></p>\n</main>\n" +
           std::string(kFoot);
}

}  // namespace bodo::serve
