#include "serve/assets.h"

namespace bodo::serve {
namespace {

// The stylesheet. Korean text in a Korean-capable font stack, kept from breaking inside words
// (keep-all); one column on a phone, results and facets side by side from 50rem; visible focus;
// bar heights as classes, since the Content-Security-Policy allows no inline style.
constexpr std::string_view kStyle = R"css(:root {
  --fg: #1b1f24; --muted: #5a6270; --line: #d8dde4; --accent: #0b57d0; --accent-bg: #e8f0fe;
  --mark: #fff1a8; --bg: #fff; --bar: #7aa7e8;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg); line-height: 1.6;
  font-family: "Pretendard", "Noto Sans KR", "Noto Sans CJK KR", "Source Han Sans K", "Apple SD Gothic Neo",
    "Malgun Gothic", "맑은 고딕", "NanumGothic", "나눔고딕", "NanumBarunGothic", system-ui, sans-serif;
  word-break: keep-all; overflow-wrap: anywhere;
}
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible {
  outline: 3px solid #f29900; outline-offset: 2px;
}
.vh { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 2; }
.skip:focus { left: .5rem; }
header { background: #f5f7fa; border-bottom: 1px solid var(--line); padding: .75rem 1rem; }
.brand { margin: 0 0 .5rem; font-size: 1.25rem; font-weight: 700; }
.brand a { text-decoration: none; color: var(--fg); }
.brand span { color: var(--muted); font-weight: 400; font-size: 1rem; }
form.search { max-width: 60rem; }
.qrow { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
.qrow label { font-weight: 600; }
.qrow input { flex: 1 1 16rem; min-width: 0; font: inherit; font-size: 1.05rem; padding: .45rem .6rem;
  border: 1px solid #9aa4b2; border-radius: 6px; }
button { font: inherit; padding: .45rem 1.1rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff;
  cursor: pointer; min-height: 2.5rem; }
fieldset.dates { border: 0; padding: 0; margin: .5rem 0 0; display: flex; gap: .4rem; align-items: center; flex-wrap: wrap; }
fieldset.dates legend { float: left; margin-right: .5rem; font-weight: 600; }
fieldset.dates input { font: inherit; width: 8.5rem; padding: .3rem .5rem; border: 1px solid #9aa4b2; border-radius: 6px; }
.hint { color: var(--muted); font-size: .85rem; }
main { padding: .75rem 1rem 2rem; max-width: 75rem; }
main:focus { outline: none; }
.summary { margin: .25rem 0 .5rem; }
.summary q { font-weight: 700; }
.summary .range, .partial { color: var(--muted); }
.error { background: #fdecea; border-left: 4px solid #c5221f; padding: .5rem .75rem; }
.note, .suggest { background: #fef7e0; border-left: 4px solid #f29900; padding: .4rem .75rem; }
ul.filters { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .4rem; }
.chip { display: inline-block; padding: .15rem .6rem; border-radius: 999px; background: var(--accent-bg);
  text-decoration: none; }
.months h2, .facet h2 { font-size: 1rem; margin: .75rem 0 .25rem; }
.months .range { color: var(--muted); font-weight: 400; font-size: .85rem; }
ol.histogram { list-style: none; margin: 0; padding: 0 0 1.3rem; display: flex; align-items: flex-end; gap: 2px;
  height: 7.8rem; overflow-x: auto; overflow-y: hidden; border-bottom: 1px solid var(--line); }
.histogram b { position: absolute; left: 0; bottom: -1.25rem; font-size: .75rem; font-weight: 400; color: var(--muted);
  white-space: nowrap; pointer-events: none; }
.histogram li { flex: 1 0 .6rem; max-width: 1.6rem; height: 100%; display: flex; align-items: flex-end; position: relative; }
.histogram li.jan { border-left: 1px dashed var(--line); }
.histogram a { display: flex; align-items: flex-end; width: 100%; height: 100%; }
.histogram i { display: block; width: 100%; background: var(--bar); border-radius: 2px 2px 0 0; min-height: 0; }
.histogram a:hover i, .histogram a:focus-visible i { background: var(--accent); }
.histogram li.on i { background: #f29900; }
.h0 i { height: 0; } .h1 i { height: 5%; } .h2 i { height: 10%; } .h3 i { height: 15%; } .h4 i { height: 20%; }
.h5 i { height: 25%; } .h6 i { height: 30%; } .h7 i { height: 35%; } .h8 i { height: 40%; } .h9 i { height: 45%; }
.h10 i { height: 50%; } .h11 i { height: 55%; } .h12 i { height: 60%; } .h13 i { height: 65%; } .h14 i { height: 70%; }
.h15 i { height: 75%; } .h16 i { height: 80%; } .h17 i { height: 85%; } .h18 i { height: 90%; } .h19 i { height: 95%; }
.h20 i { height: 100%; }
.cols { display: block; }
nav.sort { margin: .5rem 0; color: var(--muted); }
nav.sort a { margin-right: .5rem; }
a.on { font-weight: 700; color: var(--fg); }
ol.hits { padding-left: 1.75rem; margin: 0; }
.hit { margin: 0 0 1.1rem; }
.hit h3 { font-size: 1.1rem; margin: 0; line-height: 1.4; }
.hit .meta { margin: .1rem 0; color: var(--muted); font-size: .9rem; }
.hit .snippet { margin: .1rem 0; }
mark { background: var(--mark); color: inherit; padding: 0 1px; border-radius: 2px; }
nav.pages ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem; }
nav.pages a { display: inline-block; min-width: 2.5rem; min-height: 2.5rem; line-height: 2.5rem; text-align: center;
  border: 1px solid var(--line); border-radius: 6px; text-decoration: none; padding: 0 .5rem; }
nav.pages a.on { background: var(--accent); color: #fff; border-color: var(--accent); }
.facets ul { list-style: none; padding: 0; margin: 0; }
.facets li a { display: flex; justify-content: space-between; gap: .5rem; padding: .3rem .4rem; border-radius: 4px;
  text-decoration: none; min-height: 2rem; }
.facets li a:hover { background: #f1f3f4; }
.facets li a.on { background: var(--accent-bg); }
.facets li a.on .v::after { content: " ✕"; color: var(--muted); }
.facets .n { color: var(--muted); font-variant-numeric: tabular-nums; }
ul.years { display: flex; flex-wrap: wrap; gap: .25rem; }
details summary { cursor: pointer; padding: .3rem .4rem; color: var(--accent); }
.release article h1 { font-size: 1.5rem; line-height: 1.35; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; color: var(--muted); }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.release .body { max-width: 45rem; font-size: 1.05rem; }
.release .body p { margin: 0 0 .8rem; }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; padding: .5rem 1rem; }
@media (min-width: 50rem) {
  .cols { display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 2rem; }
  .histogram li { flex-basis: .5rem; }
}
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8eaed; --muted: #a8b0bb; --line: #3c4043; --accent: #8ab4f8; --accent-bg: #1e3a5f;
    --mark: #6b5d00; --bg: #15181c; --bar: #5b86c4; color-scheme: dark; }
  header { background: #1e2227; }
  .qrow input, fieldset.dates input { background: #1e2227; color: var(--fg); }
  button { color: #15181c; }
  .error { background: #3c1f1e; } .note, .suggest { background: #3a3000; }
  .facets li a:hover { background: #262a30; }
  .skip { background: #15181c; }
}
)css";

constexpr std::string_view kIcon =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b57d0"/><text x="16" y="23" font-size="18" text-anchor="middle" fill="#fff" font-family="sans-serif">보</text></svg>
)svg";

}  // namespace

std::optional<Asset> find_asset(std::string_view path) {
    if (path == "/static/style.css") return Asset{"text/css; charset=utf-8", kStyle};
    if (path == "/static/icon.svg" || path == "/favicon.ico") return Asset{"image/svg+xml", kIcon};
    return std::nullopt;
}

}  // namespace bodo::serve
