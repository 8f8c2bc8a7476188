#pragma once
/// @file
/// Every field's term prefix and value slot, in one table (as notmuch's prefix table).

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "analysis/token.h"

namespace bodo {

/// The fields of a release in the index.
enum class Field {
    Text, Title, Ministry, Department, Year, Month, Date, DayOfMonth, MonthOfYear, MonthDay, Id, Url, Source,
    Fingerprint, TitleKey, Order, Version
};

/// How one field is stored.
struct FieldSpec {
    Field field;
    std::string_view name;        ///< Its name in the query language ("title:"), or "" when a query cannot name it.
    std::string_view alias;       ///< Another name the query language accepts ("department:"), or "".
    std::string_view prefix;      ///< Term prefix; "" for free text.
    std::optional<Xapian::valueno> slot;  ///< Value slot, for sorting, ranges and facets.
    bool boolean;                 ///< Filter terms (exact values, no weight) rather than free text.
    std::string_view about;       ///< What it holds.
};

/// The table. No prefix is the start of another (XM ministry vs a date term, say), so that
/// listing the terms of one prefix never meets another field's. Title words are indexed both as free text (with a higher wdf, so one BM25 field
/// keeps body-word queries strong) and under the title prefix for `title:` searches.
inline constexpr std::array<FieldSpec, 17> kFields{{
    {Field::Text, "", "", "", std::nullopt, false, "title and body words, stems and bigrams"},
    {Field::Title, "title", "", "S", std::nullopt, false, "title words, for title: searches"},
    {Field::Ministry, "ministry", "", "XM", 1, true, "issuing ministry (부처); value = its name"},
    {Field::Department, "dept", "department", "XD", 2, true, "department in charge (담당부서); value = its name"},
    {Field::Year, "", "", "Y", 3, true, "year, YYYY"},
    {Field::Month, "", "", "M", 4, true, "month, YYYY-MM in the value, YYYYMM in the term"},
    {Field::Date, "date", "", "D", 0, true, "date YYYYMMDD; the value sorts and ranges"},
    {Field::DayOfMonth, "", "", "XTD", std::nullopt, true, "day of the month DD, for \"16일\" in a query"},
    {Field::MonthOfYear, "", "", "XTM", std::nullopt, true, "month of the year MM, for \"3월\" in a query"},
    {Field::MonthDay, "", "", "XTB", std::nullopt, true, "MMDD, for \"3.17\" or \"3월 17일\" in a query"},
    {Field::Id, "", "", "Q", std::nullopt, true, "unique id: re-indexing a release replaces it"},
    {Field::Url, "", "", "U", std::nullopt, true, "original URL (hashed when long)"},
    {Field::Source, "", "", "XP", std::nullopt, true, "source path, for --prune"},
    {Field::Fingerprint, "", "", "", 5, false, "hash of the release's content, to skip unchanged ones"},
    {Field::TitleKey, "", "", "", 6, false, "normalized title: near-duplicates (re-issues) collapse on it"},
    {Field::Order, "", "", "", 7, false, "date YYYYMMDD then id: a unique key, so that ties sort alike in one database and in shards"},
    {Field::Version, "", "", "XV", std::nullopt, true,
     "the fingerprint again, as a term: masks this version of a release in a read-only base (schema/masks.h)"},
}};

/// The spec of a field.
constexpr const FieldSpec& spec(Field f) {
    for (const auto& s : kFields)
        if (s.field == f) return s;
    return kFields[0];
}

/// The Order value: the date's 8 digits (zeros when undated), then the id.
std::string order_key(std::string_view yyyymmdd, std::string_view id);

/// The id in an Order value ("" when it holds none).
std::string_view id_of_order_key(std::string_view key) noexcept;

/// The prefix of a field's terms.
constexpr std::string_view prefix(Field f) { return spec(f).prefix; }

/// The value slot of a field (only for fields that have one).
constexpr Xapian::valueno slot(Field f) { return *spec(f).slot; }

/// Marks a term's kind after the field prefix. Words carry no marker: normalized text is
/// case-folded, so an upper-case marker can never be confused with a word.
constexpr std::string_view kind_marker(TermKind kind) {
    switch (kind) {
        case TermKind::Word:
        case TermKind::Part: return "";
        // A word with its particle and two words with their space are both spellings of what a
        // query may type as one word (뉴질랜드 in 뉴질랜드와, 반도체전략 in 반도체 전략을): one
        // term, so the query's synonym of word and stem finds either.
        case TermKind::Stem:
        case TermKind::Joined: return "K";
        case TermKind::EnglishStem: return "Z";
        case TermKind::Bigram: return "G";
    }
    return "";
}

/// The index term of an analysed token in a free-text field (Text or Title).
inline std::string text_term(Field field, TermKind kind, std::string_view text) {
    std::string t;
    t.reserve(prefix(field).size() + 1 + text.size());
    t.append(prefix(field)).append(kind_marker(kind)).append(text);
    return t;
}

/// The filter term of a boolean field value: "XM과학기술정보통신부", "Y2020", "QA123".
std::string boolean_term(Field field, std::string_view value);

/// The field a query names ("title", "ministry", "dept", "department", "date"; lower case), if any:
/// the query parser reads the field vocabulary from kFields.
std::optional<Field> field_by_query_name(std::string_view name);

}  // namespace bodo
