#pragma once
/// @file
/// bodo's query language, split into clauses. Knows nothing of Xapian or of text analysis.
///
/// Syntax (UTF-8; whitespace is any Unicode space, U+3000 and NBSP included):
/// - words: `반도체 전략`, `5G`, `R&D`, `COVID-19`, `K-방역` — any run of non-space characters that is
///   not syntax below. Punctuation inside a word stays in its text; the analyzer deals with it.
/// - phrases: `"a phrase"`, `“a phrase”`, `「...」`, `『...』`; a quote left open runs to the end.
/// - `-clause` excludes, `+clause` requires; only at the start of a clause (`COVID-19` is one word).
///   A `-` or `+` on its own is dropped.
/// - `a OR b OR c` (uppercase OR only) makes one group of alternatives. An OR that does not stand
///   between two includable clauses (at either end, next to an excluded clause or a date) is dropped.
/// - `a AND b` (uppercase) requires both, as `+a +b`, when neither side is a group of alternatives
///   or an exclusion; otherwise it is dropped (all words rank above some anyway). `NOT b` (uppercase)
///   excludes, as `-b`. People used to Lucene or Xapian type these; as words they would be searched.
/// - fields: `title:`, `ministry:`, `dept:` (alias `department:`) with a word or a phrase,
///   and `date:RANGE` (see date_range.h). Names are case-insensitive; `：` works as the colon.
///   `foo:bar`, `http://x`, `10:30` are plain words.
/// - parentheses do not nest anything: `(` opening a clause and unmatched `)` closing a word are
///   dropped, so `(a OR b) c` reads as intended.
///
/// Ordinary text never fails. The only errors (QuerySyntaxError) are a `date:` value that is not a
/// valid range and a field with an empty value (`title:`, `title:""`).

#include <string>
#include <string_view>
#include <vector>

#include "query/date_range.h"
#include "query/errors.h"
#include "schema/schema.h"

namespace bodo {

enum class ClauseKind { Word, Phrase };

/// One word or phrase, possibly restricted to a field.
struct Clause {
    ClauseKind kind = ClauseKind::Word;
    /// The field it searches: Text (title and body), or one a query can name (title:, ministry:,
    /// dept:; schema.h's kFields).
    Field field = Field::Text;
    /// Valid UTF-8, never empty. A word has no spaces; a phrase has single ASCII spaces between its
    /// words and none at the ends. Invalid input bytes become U+FFFD; zero-width spaces, BOMs,
    /// word joiners and soft hyphens are removed. May hold no letter or digit at all (`:`, `&`).
    std::string text;
    bool excluded = false;  ///< `-clause`. Never set on a clause of a group with several alternatives.
    bool required = false;  ///< `+clause`. Never set on a clause of a group with several alternatives.

    bool operator==(const Clause&) const = default;
};

/// One clause, or several joined by OR (any one of them matches).
struct QueryGroup {
    std::vector<Clause> alternatives;  ///< Never empty.

    bool operator==(const QueryGroup&) const = default;
};

/// A whole query: groups in query order, plus date filters lifted out of it.
struct ParsedQuery {
    std::vector<QueryGroup> groups;
    std::vector<DateRange> dates;           ///< `date:` clauses; a release must lie in every one.
    std::vector<DateRange> excluded_dates;  ///< `-date:` clauses; a release must lie in none.

    /// Nothing to search for and nothing to filter on.
    bool empty() const { return groups.empty() && dates.empty() && excluded_dates.empty(); }

    bool operator==(const ParsedQuery&) const = default;
};

/// Splits a query into clauses. Never fails on ordinary text; throws QuerySyntaxError only for a
/// bad `date:` value or an empty field value, naming the clause and its 1-based character position.
ParsedQuery parse_query(std::string_view text);

/// The clause in query syntax: `-title:"a b"`.
std::string to_string(const Clause& clause);

/// The query in canonical query syntax (alternatives joined by OR, dates last), for
/// explanations and tests. Parsing the result gives back an equal ParsedQuery.
std::string to_string(const ParsedQuery& query);

}  // namespace bodo
