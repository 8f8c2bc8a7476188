#include "query/query_syntax.h"

#include <unicode/uchar.h>

#include <cstddef>
#include <optional>
#include <utility>

#include "text/ascii.h"
#include "text/utf8.h"

namespace bodo {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

/// One decoded character and its 1-based position in the query (counting every character and every
/// invalid byte, the removed ones included).
struct CodePoint {
    char32_t c;
    std::size_t pos;
};

/// Characters that only get in the way: zero-width space, BOM / zero-width no-break space, word
/// joiner, soft hyphen. They are removed before anything else looks at the text.
bool is_ignorable(char32_t c) { return c == 0x200B || c == 0xFEFF || c == 0x2060 || c == 0x00AD; }

/// Decodes UTF-8; every byte that does not start a well-formed sequence becomes one U+FFFD.
std::vector<CodePoint> decode(std::string_view s) {
    std::vector<CodePoint> out;
    out.reserve(s.size());
    std::size_t pos = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        ++pos;
        char32_t c = text::next_code_point(s, i);
        if (c == text::kNotUtf8) c = kReplacement;
        if (!is_ignorable(c)) out.push_back({c, pos});
    }
    return out;
}

using text::append_utf8;

/// Unicode White_Space (U+3000, NBSP, ...) and control characters separate clauses.
bool is_space(char32_t c) {
    auto u = static_cast<UChar32>(c);
    return u_isUWhiteSpace(u) || u_charType(u) == U_CONTROL_CHAR;
}

bool is_minus(char32_t c) { return c == '-' || c == 0xFF0D || c == 0x2212; }  // -, fullwidth -, minus sign
bool is_plus(char32_t c) { return c == '+' || c == 0xFF0B; }
bool is_sign(char32_t c) { return is_minus(c) || is_plus(c); }
bool is_colon(char32_t c) { return c == ':' || c == 0xFF1A; }

bool is_double_quote(char32_t c) { return c == '"' || c == 0x201C || c == 0x201D || c == 0xFF02; }
bool is_quote_opener(char32_t c) { return is_double_quote(c) || c == 0x300C || c == 0x300E; }

/// Whether `c` closes a phrase opened by `opener`. The double quotes are one family, since people
/// mix them (“...").
bool closes(char32_t opener, char32_t c) {
    if (opener == 0x300C) return c == 0x300D;  // 「 」
    if (opener == 0x300E) return c == 0x300F;  // 『 』
    return c == '"' || c == 0x201D || c == 0xFF02;
}

/// What the scanner produces before OR chains are resolved.
struct Item {
    enum class Type { Clause, Or, And, Not, Date } type = Type::Clause;
    Clause clause;
    DateRange range;  ///< Type::Date
};

class Scanner {
  public:
    explicit Scanner(std::string_view text) : cps_(decode(text)) {}

    std::vector<Item> scan() {
        std::vector<Item> items;
        while (true) {
            while (i_ < cps_.size() && is_space(cps_[i_].c)) ++i_;
            if (i_ == cps_.size()) break;
            if (auto item = scan_clause()) items.push_back(std::move(*item));
        }
        return items;
    }

  private:
    bool boundary(std::size_t k) const { return k >= cps_.size() || is_space(cps_[k].c); }
    char32_t at(std::size_t k) const { return cps_[k].c; }
    void skip_open_parens() {
        while (i_ < cps_.size() && at(i_) == '(') ++i_;
    }

    std::string encode(std::size_t from, std::size_t to) const {
        std::string out;
        for (std::size_t k = from; k < to && k < cps_.size(); ++k) append_utf8(out, cps_[k].c);
        return out;
    }

    /// One clause starting at a non-space character; nothing when it is pure syntax.
    std::optional<Item> scan_clause() {
        skip_open_parens();
        if (boundary(i_)) return std::nullopt;
        const std::size_t start = i_;

        Item item;
        Clause& clause = item.clause;
        if (is_sign(at(i_))) {
            if (boundary(i_ + 1)) {  // a lone - or +
                ++i_;
                return std::nullopt;
            }
            if (!is_sign(at(i_ + 1))) {  // "--x" and "+-x" are words
                clause.excluded = is_minus(at(i_));
                clause.required = !clause.excluded;
                ++i_;
                skip_open_parens();
                // "-(-x": the sign has been taken; further signs are no part of the word.
                while (!boundary(i_) && is_sign(at(i_))) ++i_;
                if (boundary(i_)) return std::nullopt;
            }
        }

        std::optional<Field> field;  // a name the field table (schema.h) gives, then a colon
        std::size_t name_end = i_;
        while (name_end < cps_.size() && text::is_ascii_letter(at(name_end))) ++name_end;
        if (name_end > i_ && name_end < cps_.size() && is_colon(at(name_end))) {
            std::string lower;
            for (std::size_t k = i_; k < name_end; ++k) lower += text::ascii_lower(static_cast<char>(at(k)));
            field = field_by_query_name(lower);
            if (field) {
                i_ = name_end + 1;
                skip_open_parens();
            }
        }

        if (i_ < cps_.size() && is_quote_opener(at(i_))) {
            clause.kind = ClauseKind::Phrase;
            clause.text = read_phrase();
        } else {
            clause.kind = ClauseKind::Word;
            clause.text = read_word();
        }

        if (field && clause.text.empty())
            throw QuerySyntaxError("empty value in '" + encode(start, i_) + "' at character " +
                                       std::to_string(cps_[start].pos) +
                                       ": put a word or a \"phrase\" right after the colon",
                                   cps_[start].pos);
        if (clause.text.empty()) return std::nullopt;
        // Signs alone ("-(-", "--") are syntax with nothing to act on, not words.
        if (clause.kind == ClauseKind::Word && !field &&
            clause.text.find_first_not_of("-+") == std::string::npos)
            return std::nullopt;

        if (!field) {
            if (clause.kind == ClauseKind::Word && !clause.excluded && !clause.required) {
                if (clause.text == "OR") item.type = Item::Type::Or;
                if (clause.text == "AND") item.type = Item::Type::And;
                if (clause.text == "NOT") item.type = Item::Type::Not;
            }
        } else if (*field == Field::Date) {
            std::string spec_text;
            for (char ch : clause.text)
                if (ch != ' ') spec_text += ch;
            try {
                item.range = parse_date_range(spec_text);
            } catch (const QuerySyntaxError& e) {
                throw QuerySyntaxError(std::string(e.what()) + " (in '" + encode(start, i_) + "' at character " +
                                           std::to_string(cps_[start].pos) + ")",
                                       cps_[start].pos);
            }
            item.type = Item::Type::Date;
        } else {
            clause.field = *field;
        }
        return item;
    }

    /// A run of non-space characters, less the unmatched ')' at its end.
    std::string read_word() {
        std::size_t from = i_;
        int open = 0;
        int close = 0;
        while (!boundary(i_)) {
            if (at(i_) == '(') ++open;
            if (at(i_) == ')') ++close;
            ++i_;
        }
        std::size_t to = i_;
        while (to > from && at(to - 1) == ')' && close > open) {
            --to;
            --close;
        }
        return encode(from, to);
    }

    /// From an opening quote to its closing one (or the end), spaces collapsed and trimmed.
    std::string read_phrase() {
        const char32_t opener = at(i_++);
        std::string text;
        bool pending_space = false;
        while (i_ < cps_.size()) {
            char32_t c = at(i_++);
            if (closes(opener, c)) break;
            if (is_space(c)) {
                pending_space = !text.empty();
                continue;
            }
            if (pending_space) text += ' ';
            pending_space = false;
            append_utf8(text, c);
        }
        return text;
    }

    std::vector<CodePoint> cps_;
    std::size_t i_ = 0;
};

std::string quote_phrase(const std::string& text) {
    auto has = [&](std::string_view s) { return text.find(s) != std::string::npos; };
    if (!has("\"") && !has("”") && !has("＂")) return "\"" + text + "\"";
    if (!has("」")) return "「" + text + "」";
    return "『" + text + "』";  // a phrase the parser made cannot hold both 」 and 』 plus a double quote
}

/// A word spelled like an operator (OR, AND, NOT): only a sign makes it a word.
bool is_operator_word(const Clause& c) {
    return c.kind == ClauseKind::Word && c.field == Field::Text && (c.text == "OR" || c.text == "AND" || c.text == "NOT");
}

}  // namespace

ParsedQuery parse_query(std::string_view text) {
    std::vector<Item> items = Scanner(text).scan();

    ParsedQuery query;
    bool pending_or = false;    // an OR follows a clause that can take alternatives
    bool last_joinable = false; // the last item was a clause that an OR may extend
    bool pending_and = false;   // an AND follows a clause of its own (no alternatives)
    bool pending_not = false;   // a NOT precedes the next clause or date
    for (Item& item : items) {
        if (pending_not && (item.type == Item::Type::Clause || item.type == Item::Type::Date)) {
            item.clause.excluded = true;
            item.clause.required = false;
            pending_not = false;
        }
        switch (item.type) {
            case Item::Type::Or:
                pending_or = last_joinable;
                pending_and = false;
                break;
            case Item::Type::And:
                pending_and = last_joinable && query.groups.back().alternatives.size() == 1;
                pending_or = false;
                break;
            case Item::Type::Not:
                pending_not = true;
                break;
            case Item::Type::Date:
                (item.clause.excluded ? query.excluded_dates : query.dates).push_back(std::move(item.range));
                pending_or = last_joinable = pending_and = false;
                break;
            case Item::Type::Clause: {
                Clause& clause = item.clause;
                // "a AND b": both required. An OR joining b later makes b's group optional again.
                if (pending_and && !clause.excluded) {
                    query.groups.back().alternatives.front().required = true;
                    clause.required = true;
                }
                pending_and = false;
                // A signed +OR is a word, but one that canonical syntax can write only with its
                // sign: it takes no alternatives.
                const bool joinable = !clause.excluded && !is_operator_word(clause);
                if (pending_or && joinable) {
                    auto& alternatives = query.groups.back().alternatives;
                    alternatives.push_back(std::move(clause));
                    for (Clause& alternative : alternatives) alternative.required = false;
                    last_joinable = true;
                } else {
                    last_joinable = joinable;
                    query.groups.push_back(QueryGroup{{std::move(clause)}});
                }
                pending_or = false;
                break;
            }
        }
    }
    return query;
}

std::string to_string(const Clause& clause) {
    std::string out;
    if (clause.excluded) out += '-';
    if (clause.required) out += '+';
    if (clause.field != Field::Text) {
        out += spec(clause.field).name;
        out += ':';
    }
    out += clause.kind == ClauseKind::Phrase ? quote_phrase(clause.text) : clause.text;
    return out;
}

std::string to_string(const ParsedQuery& query) {
    std::string out;
    auto add = [&](const std::string& part) {
        if (!out.empty()) out += ' ';
        out += part;
    };
    for (const QueryGroup& group : query.groups) {
        if (group.alternatives.size() == 1) {
            add(to_string(group.alternatives.front()));
            continue;
        }
        // No parentheses: they group nothing in the grammar, and a word may end in "(".
        std::string joined;
        for (const Clause& clause : group.alternatives) {
            if (!joined.empty()) joined += " OR ";
            joined += to_string(clause);
        }
        add(joined);
    }
    for (const DateRange& range : query.dates) add("date:" + to_string(range));
    for (const DateRange& range : query.excluded_dates) add("-date:" + to_string(range));
    return out;
}

}  // namespace bodo
