#pragma once
/// @file
/// Date ranges for `date:` clauses and the --since/--until options.
///
/// Accepted dates: `2020` (a whole year), `2020-02` (a whole month), `2020-01-05`, with `-`, `.` or `/`
/// between the parts (`2020.1.5`, `2020.01.05.` too), `YYYYMMDD`, `YYYYMM`, and Korean `2020년1월5일`.
/// A range is `FROM..TO` (or `FROM~TO`), either side may be left out: `2020-01..2020-06`, `2020..`,
/// `..2021-03-15`. A single date stands for its whole period.

#include <string>
#include <string_view>

#include "query/errors.h"

namespace bodo {

/// Inclusive bounds as "YYYYMMDD" strings, so plain string comparison orders them; empty = open.
struct DateRange {
    std::string from;
    std::string to;

    /// True when neither bound is set.
    bool unbounded() const { return from.empty() && to.empty(); }
    /// True when both bounds are set and `from` is after `to` (possible only after intersect()).
    bool matches_nothing() const { return !from.empty() && !to.empty() && from > to; }
    /// True when `yyyymmdd` (a "YYYYMMDD" string) lies within the bounds.
    bool contains(std::string_view yyyymmdd) const;

    bool operator==(const DateRange&) const = default;
};

/// Parses a date or a range (see the file comment). A lower bound expands to the first day of its
/// period, an upper bound to the last: `2020-02` → 20200201..20200229.
/// Throws QuerySyntaxError for anything else, a month outside 1–12, a day its month lacks, a range
/// whose start is after its end, or `..` with no bound at all.
DateRange parse_date_range(std::string_view spec);

/// The first day of the period a single date names: `2020` → "20200101" (for --since).
/// Throws QuerySyntaxError like parse_date_range (ranges are not accepted here).
std::string date_lower_bound(std::string_view date);

/// The last day of the period a single date names: `2020` → "20201231", `2020-02` → "20200229" (for --until).
std::string date_upper_bound(std::string_view date);

/// Both conditions at once: the later start and the earlier end. May match nothing.
DateRange intersect(const DateRange& a, const DateRange& b);

/// "FROM..TO" with "YYYYMMDD" bounds, an open side left empty: "20200101..", "..20201231".
std::string to_string(const DateRange& range);

}  // namespace bodo
