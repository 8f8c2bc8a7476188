#pragma once
/// @file
/// Text output for a person at a terminal.
///
/// Layout of one response:
///
///     12 results for «반도체 전략»              ("about 12 results" when the total is an estimate;
///     Did you mean: «반도체 전략»?               "No results for «…»." when nothing matched)
///
/// When shards were left out (--allow-partial), a line "partial results: shard y2021
/// unavailable" follows the first line.
///
///      1. 과기정통부, 반도체 전략 발표            rank, title
///         2021-03-04 · 과학기술정보통신부 · 전파정책기획과   date · ministry · department (empty parts left out)
///         https://www.korea.kr/...              url (line left out when empty)
///         … 정부는 **반도체** 전략을 …            the snippet on one line (whitespace collapsed)
///
///     By ministry                               facets, when present: top 10 values per facet
///       과학기술정보통신부  12                   with "… and N more"; values aligned by
///       … and 3 more                            display width (Hangul counts two columns)
///     By month                                  the month facet is a bar chart in date order:
///       2020-03  ████████████████████ 8         █ blocks scaled so the largest count gets
///       2020-04  █████ 2                        kBarWidth blocks (at least one per non-zero count)
///
/// Highlights: with colour, highlighted words are ANSI bold yellow and titles bold; without
/// colour, highlighted words are wrapped in `**` (Markdown-style strong) and no escape byte is
/// ever written. Control characters from the data (ESC included) are never written: they are
/// dropped, so releases cannot inject terminal sequences. In batch mode each response is
/// preceded by its query id in brackets ("[q7] 3 results for «…»") and responses are
/// separated by a blank line.

#include <cstdint>
#include <string>
#include <string_view>

#include "output/result_writer.h"

namespace bodo {

/// Blocks given to the largest count in the month bar chart.
inline constexpr unsigned kBarWidth = 40;
/// Values shown per facet (the month chart excepted) before "… and N more".
inline constexpr std::size_t kFacetTop = 10;
/// Months shown in the month chart; older months beyond this are summarised in one line.
inline constexpr std::size_t kMonthChartMax = 36;

/// A bar of '█' blocks for `count` scaled so that `max` gets `width` blocks: rounded to the
/// nearest block, at least one block when count > 0, empty when count or max is 0.
std::string text_bar(std::uint64_t count, std::uint64_t max, unsigned width = kBarWidth);

/// A count as people read it: 18882 → "18,882".
std::string with_thousands(std::uint64_t n);

/// Terminal columns taken by UTF-8 text: East Asian wide/fullwidth characters (Hangul, CJK)
/// count 2, combining marks 0, others 1.
std::size_t display_width(std::string_view utf8);

/// Writes responses as terminal text.
class TextWriter final : public ResultWriter {
  public:
    TextWriter(const WriterOptions& options, bool batch);
    void write(const SearchResponse& response, std::ostream& out) override;

  private:
    bool colour_;
    bool batch_;
    bool first_ = true;
};

}  // namespace bodo
