#include "metadata/abbreviations.h"

#include <algorithm>
#include <cctype>

#include "analysis/word_tokenizer.h"
#include "text/trim.h"

namespace bodo {
namespace {

constexpr std::string_view kIha = "이하";  // "hereafter"

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// `s` without the white space is_space() names around it.
std::string_view trim(std::string_view s) { return text::trim(s, " \t\n\r"); }

// Quotes and brackets that surround a short form: ' " ‘ ’ “ ” 「 」 『 』 < >
std::string_view strip_quotes(std::string_view s) {
    static const std::vector<std::string_view> quotes{"'", "\"", "‘", "’", "“", "”", "「", "」", "『", "』", "<", ">", "`"};
    bool changed = true;
    while (changed && !s.empty()) {
        changed = false;
        s = trim(s);
        for (auto q : quotes) {
            if (s.starts_with(q)) s.remove_prefix(q.size()), changed = true;
            if (s.ends_with(q)) s.remove_suffix(q.size()), changed = true;
        }
    }
    return trim(s);
}

/// The word (run of non-space bytes) that ends right before `end`.
std::string_view word_before(std::string_view text, std::size_t end) {
    std::size_t start = end;
    while (start > 0 && !is_space(static_cast<unsigned char>(text[start - 1])) && text[start - 1] != ')' &&
           text[start - 1] != '(' && text[start - 1] != ',')
        --start;
    return text.substr(start, end - start);
}

bool is_acronym(std::string_view s) {
    if (s.size() < 2 || s.size() > 10) return false;
    int upper = 0;
    for (unsigned char c : s) {
        if (std::isupper(c)) ++upper;
        else if (!std::islower(c) && !std::isdigit(c) && c != '&' && c != '-') return false;
    }
    return upper >= 2 && std::isupper(static_cast<unsigned char>(s.front()));
}

/// "Ministry of Science and ICT" before "(MSIT)": the shortest run of preceding words that
/// starts with the acronym's first letter and whose capitalised words' initials cover it.
std::string english_long_form(std::string_view text, std::size_t paren, std::string_view acronym) {
    std::vector<std::string_view> words;
    std::size_t end = paren;
    while (words.size() < acronym.size() + 4) {
        while (end > 0 && text[end - 1] == ' ') --end;
        std::size_t start = end;
        while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
        if (start == end) break;
        words.insert(words.begin(), text.substr(start, end - start));
        end = start;
    }
    const char first = static_cast<char>(std::toupper(static_cast<unsigned char>(acronym.front())));
    for (std::size_t i = words.size(); i-- > 0;) {
        if (words[i].front() != first) continue;
        // Initials of the capitalised words from here must spell the acronym's capitals in order.
        std::string initials;
        for (std::size_t k = i; k < words.size(); ++k)
            if (std::isupper(static_cast<unsigned char>(words[k].front()))) initials += words[k].front();
        std::string caps;
        for (char c : acronym)
            if (std::isupper(static_cast<unsigned char>(c))) caps += c;
        std::size_t j = 0;
        for (char c : initials)
            if (j < caps.size() && c == caps[j]) ++j;
        if (j * 2 >= caps.size() && words.size() - i >= 2) {
            const auto from = static_cast<std::size_t>(words[i].data() - text.data());
            return std::string(trim(text.substr(from, paren - from)));
        }
    }
    return {};
}

}  // namespace

std::vector<Abbreviation> find_abbreviations(std::string_view text) {
    std::vector<Abbreviation> out;
    std::size_t at = 0;
    while ((at = text.find('(', at)) != std::string_view::npos) {
        const std::size_t close = text.find(')', at);
        if (close == std::string_view::npos || close - at > 80) {
            ++at;
            continue;
        }
        std::string_view inside = trim(text.substr(at + 1, close - at - 1));
        if (inside.starts_with(kIha)) {
            // Korean: 과학기술정보통신부(이하 '과기정통부') — the long form is the word before "(".
            std::string_view short_form = strip_quotes(inside.substr(kIha.size()));
            if (auto comma = short_form.find(','); comma != std::string_view::npos) short_form = strip_quotes(short_form.substr(0, comma));
            const std::string_view long_form = strip_quotes(word_before(text, at));
            if (!short_form.empty() && !long_form.empty() && short_form.size() < long_form.size() &&
                short_form.find(' ') == std::string_view::npos)
                out.push_back({std::string(short_form), std::string(long_form)});
        } else if (is_acronym(inside)) {
            if (std::string long_form = english_long_form(text, at, inside); !long_form.empty())
                out.push_back({std::string(inside), std::move(long_form)});
        }
        at = close;
    }
    return out;
}

void AbbreviationTable::add(const Abbreviation& a, std::uint32_t count) {
    counts_[normalize(a.short_form)][a.long_form] += count;
}

std::string AbbreviationTable::expand(std::string_view normalized_short) const {
    auto it = counts_.find(normalized_short);
    if (it == counts_.end()) return {};
    const auto best = std::max_element(it->second.begin(), it->second.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    return best->first;
}

std::vector<std::string> AbbreviationTable::shorten(std::string_view normalized_long) const {
    std::vector<std::string> out;
    for (const auto& [short_form, longs] : counts_)
        for (const auto& [long_form, n] : longs)
            if (normalize(long_form) == normalized_long) {
                out.push_back(short_form);
                break;
            }
    return out;
}

std::string AbbreviationTable::serialize() const {
    std::string out;
    for (const auto& [short_form, longs] : counts_)
        for (const auto& [long_form, n] : longs) out += short_form + '\t' + long_form + '\t' + std::to_string(n) + '\n';
    return out;
}

void AbbreviationTable::merge(std::string_view serialized) {
    while (!serialized.empty()) {
        const std::size_t nl = serialized.find('\n');
        std::string_view line = serialized.substr(0, nl);
        serialized = nl == std::string_view::npos ? std::string_view() : serialized.substr(nl + 1);
        const std::size_t t1 = line.find('\t'), t2 = line.rfind('\t');
        if (t1 == std::string_view::npos || t2 == t1) continue;
        std::uint32_t n = 0;
        for (char c : line.substr(t2 + 1)) {
            if (c < '0' || c > '9') { n = 0; break; }
            n = n * 10 + static_cast<std::uint32_t>(c - '0');
        }
        if (n) counts_[std::string(line.substr(0, t1))][std::string(line.substr(t1 + 1, t2 - t1 - 1))] += n;
    }
}

}  // namespace bodo
