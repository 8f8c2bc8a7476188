#include "search/spelling.h"

#include <algorithm>
#include <vector>

#include "schema/schema.h"
#include "text/ascii.h"

namespace bodo {
namespace {

bool is_operator(std::string_view w) { return w == "AND" || w == "OR" || w == "NOT" || w == "NEAR"; }

}  // namespace

std::size_t SpellingSuggester::distance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    // Three rows suffice for the swap rule.
    std::vector<std::size_t> before(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return limit + 1;
        before.swap(prev);
        prev.swap(cur);
    }
    return std::min(prev[m], limit + 1);
}

std::string SpellingSuggester::correct(const std::string& word) const {
    const Xapian::doccount own = db_.get_termfreq(text_term(Field::Text, TermKind::Word, word));
    if (own >= kRare) return {};
    // An inflected form (cooperations) is no misspelling when its stem is common.
    static thread_local Xapian::Stem english("english");
    if (db_.get_termfreq(text_term(Field::Text, TermKind::EnglishStem, english(word))) >= kRare) return {};
    // One edit for short words, two for longer ones.
    const std::size_t limit = word.size() < 7 ? 1 : 2;
    const Xapian::doccount needed = std::max<Xapian::doccount>(kRare, std::max<Xapian::doccount>(own, 1) * kCommoner);
    std::string best;
    std::size_t best_distance = limit + 1;
    Xapian::doccount best_freq = 0;
    // Words share the text field's empty prefix with other terms; only lower-case Latin words
    // can be corrections.
    const std::string start(1, word[0]);
    for (auto it = db_.allterms_begin(start); it != db_.allterms_end(start); ++it) {
        const std::string& candidate = *it;
        if (candidate.size() + limit < word.size() || candidate.size() > word.size() + limit) continue;
        if (!std::all_of(candidate.begin(), candidate.end(), [](char c) { return c >= 'a' && c <= 'z'; })) continue;
        const Xapian::doccount freq = it.get_termfreq();
        if (freq < needed || candidate == word) continue;
        const std::size_t d = distance(word, candidate, limit);
        if (d < best_distance || (d == best_distance && freq > best_freq)) {
            best = candidate;
            best_distance = d;
            best_freq = freq;
        }
    }
    return best;
}

std::string SpellingSuggester::suggest(std::string_view query) const {
    std::string out;
    bool changed = false;
    std::size_t i = 0;
    while (i < query.size()) {
        if (!text::is_ascii_letter(query[i])) {
            out += query[i++];
            continue;
        }
        std::size_t j = i;
        while (j < query.size() && text::is_ascii_letter(query[j])) ++j;
        const std::string_view run = query.substr(i, j - i);
        // Only whole Latin words: not a field name (title:), an operator, or part of a mixed
        // word such as COVID-19 or 5G (a digit, hyphen or Hangul next to it).
        const bool field_name = j < query.size() && query[j] == ':';
        const auto joins = [&](std::size_t k) {
            const char c = query[k];
            return (c >= '0' && c <= '9') || c == '-' || c == '&' || static_cast<unsigned char>(c) >= 0x80;
        };
        const bool part = (i > 0 && joins(i - 1)) || (j < query.size() && joins(j));
        std::string replacement;
        if (!field_name && !part && !is_operator(run) && run.size() >= kMinLength) {
            replacement = correct(text::ascii_lower(run));
        }
        if (replacement.empty()) {
            out.append(run);
        } else {
            out += replacement;
            changed = true;
        }
        i = j;
    }
    return changed ? out : std::string();
}

}  // namespace bodo
