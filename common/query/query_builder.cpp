#include "query/query_builder.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/korean.h"
#include "analysis/word_tokenizer.h"
#include "readers/ministries.h"
#include "schema/schema.h"

namespace bodo {
namespace {

using Q = Xapian::Query;

constexpr std::size_t kSyllable = 3;  // bytes of a Hangul syllable in UTF-8

Q combine(Q::op op, const std::vector<Q>& parts) {
    if (parts.empty()) return Q();
    if (parts.size() == 1) return parts.front();
    return Q(op, parts.begin(), parts.end());
}

Q scaled(double factor, const Q& q) { return q.empty() ? q : Q(Q::OP_SCALE_WEIGHT, q, factor); }

/// The tokens of each word of an analysed text, in order (tokens of one word share its start).
std::vector<std::vector<Token>> split_words(const std::vector<Token>& tokens) {
    std::map<std::uint32_t, std::vector<Token>> by_start;
    for (const Token& t : tokens) by_start[t.start].push_back(t);
    std::vector<std::vector<Token>> words;
    for (auto& [start, toks] : by_start) words.push_back(std::move(toks));
    return words;
}

Q date_range_query(const DateRange& r) {
    return Q(Q::OP_VALUE_RANGE, slot(Field::Date), r.from.empty() ? std::string("00000000") : r.from,
             r.to.empty() ? std::string("99999999") : r.to);
}

Q any_of(Field field, const std::vector<std::string>& values) {
    std::vector<Q> terms;
    for (const auto& v : values) {
        terms.emplace_back(boolean_term(field, v));
        // A ministry by another of its names (과기정통부, MSIT, Ministry of Science and ICT,
        // 저출산·고령사회위원회): the readers store the Korean name.
        if (field == Field::Ministry)
            if (auto korean = readers::government_body(v); !korean.empty() && korean != v)
                terms.emplace_back(boolean_term(field, korean));
    }
    return combine(Q::OP_OR, terms);
}

/// Question words and the like ("언제", "누구인가요", "하나요"): they say what is asked, not what to find.
bool is_question_word(std::string_view word) {
    static const std::vector<std::string_view> stems{"언제", "누구", "누가", "무엇", "뭐", "어디", "어떻게", "어떤",
                                                     "얼마", "몇", "어느", "무슨", "왜"};
    for (auto s : stems)
        if (word.starts_with(s)) return true;
    // A bare verb that only carries the question: 하나요, 있나요, 됩니까.
    static const std::vector<std::string_view> verbs{"하나요", "되나요", "있나요", "없나요", "인가요", "건가요", "할까요",
                                                     "될까요", "합니까", "됩니까", "입니까", "있습니까", "했나요", "됐나요"};
    return std::find(verbs.begin(), verbs.end(), word) != verbs.end();
}

/// Words that only tie the sentence together ("…을 위해", "…에 대한", "할 수 있는", "몇 곳이"): a
/// part-of-speech tagger would drop them; they weigh little and are never paired.
bool is_function_word(std::string_view word) {
    static const std::vector<std::string_view> words{
        "위해", "위한", "위하여", "통해", "통한", "통하여", "대한", "대해", "대하여", "관한", "관해", "관하여",
        "따른", "따라", "의한", "인한", "있는", "없는", "하는", "되는", "같은", "있다", "한다", "된다",
        "수", "것", "등", "및", "또는", "그", "이", "저", "더", "또", "좀", "잘"};
    if (std::find(words.begin(), words.end(), word) != words.end()) return true;
    // A dependent noun or counter with its particle (곳이, 것을, 수가, 때는, 명이).
    static const std::vector<std::string_view> nouns{"곳", "것", "수", "때", "중", "데", "바", "줄", "명", "개", "건"};
    static const std::vector<std::string_view> particles{"이", "가", "은", "는", "을", "를", "에", "의", "도", "로", "만"};
    return word.size() == 2 * kSyllable &&
           std::find(nouns.begin(), nouns.end(), word.substr(0, kSyllable)) != nouns.end() &&
           std::find(particles.begin(), particles.end(), word.substr(kSyllable)) != particles.end();
}

/// Splits a word after its first number and counter (제6차메가 → 제6차 + 메가) when at least two
/// Hangul syllables follow, or before a number that ends it (예방접종0시 → 예방접종 + 0시);
/// {word, ""} otherwise.
std::pair<std::string, std::string> split_after_counter(const std::string& word) {
    static const std::vector<std::string_view> counters{"차", "회", "호", "일", "월", "년", "개", "명", "시", "분",
                                                        "기", "번", "건", "종", "권", "곳", "주"};
    const std::size_t first_digit = word.find_first_of("0123456789");
    if (first_digit == std::string::npos) return {word, ""};
    const std::size_t end = std::min(word.find_first_not_of("0123456789", first_digit), word.size());
    if (end + kSyllable > word.size()) return {word, ""};
    const std::string_view counter = std::string_view(word).substr(end, kSyllable);
    if (std::find(counters.begin(), counters.end(), counter) == counters.end()) return {word, ""};
    // A word run into a number and counter at its end: 예방접종0시, 정례브리핑8일 (not 코로나19).
    if (end + kSyllable == word.size())
        return first_digit >= 2 * kSyllable && korean::all_syllables(std::string_view(word).substr(0, first_digit))
                   ? std::pair{word.substr(0, first_digit), word.substr(first_digit)}
                   : std::pair{word, std::string()};
    const std::string tail = word.substr(end + kSyllable);
    if (tail.size() < 2 * kSyllable || !korean::all_syllables(tail)) return {word, ""};
    return {word.substr(0, end + kSyllable), tail};
}

/// A query word as the word lists above spell it: normalized, without trailing ?!.,~.
std::string bare_word(std::string_view text) {
    std::string word = normalize(text);
    while (!word.empty() && std::string_view("?!.,~").find(word.back()) != std::string_view::npos) word.pop_back();
    return word;
}

int small_number(std::string_view digits) {
    if (digits.empty() || digits.size() > 2) return -1;
    int n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

std::string two_digits(int n) { return {static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)}; }

}  // namespace

Xapian::doccount QueryBuilder::word_freq(const std::string& word) const {
    auto [it, added] = word_freqs_.try_emplace(word, 0);
    if (added) it->second = db_.get_termfreq(text_term(Field::Text, TermKind::Word, word));
    return it->second;
}

Xapian::Query QueryBuilder::date_word(std::string_view text) const {
    // Finds a day or month in the word, also inside run-together words: "16일", "3월", "3.17",
    // "3/17", "(3.17)", "7일0시", "정례브리핑8일". The first one found counts.
    std::string term;
    auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
    for (std::size_t i = 0; i < text.size() && term.empty(); ++i) {
        if (!digit(i) || (i > 0 && digit(i - 1))) continue;
        std::size_t j = i;
        while (digit(j)) ++j;
        const int n = small_number(text.substr(i, j - i));
        const std::string_view rest = text.substr(j);
        if (n < 1) continue;
        if (rest.starts_with("일") && n <= 31) {
            term = boolean_term(Field::DayOfMonth, two_digits(n));
        } else if (rest.starts_with("월") && n <= 12) {
            term = boolean_term(Field::MonthOfYear, two_digits(n));
        } else if ((rest.starts_with(".") || rest.starts_with("/")) && n <= 12 && digit(j + 1)) {
            std::size_t k = j + 1;
            while (digit(k)) ++k;
            const int d = small_number(text.substr(j + 1, k - j - 1));
            if (d >= 1 && d <= 31) term = boolean_term(Field::MonthDay, two_digits(n) + two_digits(d));
        }
    }
    if (term.empty()) return Q();
    // A fixed weight for releases of that date (the term itself is boolean); the query owns it.
    auto* source = new Xapian::FixedWeightPostingSource(kDateWeight);
    return Q(Q::OP_AND, Q(source->release()), Q(term));
}

std::vector<std::string> QueryBuilder::known_pieces(const std::string& word, Xapian::doccount evidence) const {
    // The fewest pieces of two or more syllables that the index knows as words (each seen in
    // `evidence` releases), the most frequent split among those; none when there is no such split.
    const std::size_t n = word.size() / kSyllable;
    struct Best { int pieces = 1 << 20; double score = 0; std::size_t prev = 0; };
    std::vector<Best> best(n + 1);
    best[0].pieces = 0;
    for (std::size_t end = 2; end <= n; ++end)
        for (std::size_t start = 0; start + 2 <= end; ++start) {
            if (best[start].pieces >= (1 << 20)) continue;
            const std::string piece = word.substr(start * kSyllable, (end - start) * kSyllable);
            const Xapian::doccount f = word_freq(piece);
            if (f < evidence) continue;
            const int pieces = best[start].pieces + 1;
            const double score = best[start].score + std::log(static_cast<double>(f));
            if (pieces < best[end].pieces || (pieces == best[end].pieces && score > best[end].score))
                best[end] = {pieces, score, start};
        }
    std::vector<std::string> pieces;
    if (best[n].pieces < 2 || best[n].pieces >= (1 << 20)) return pieces;
    for (std::size_t end = n; end > 0; end = best[end].prev) pieces.insert(pieces.begin(), word.substr(best[end].prev * kSyllable, (end - best[end].prev) * kSyllable));
    return pieces;
}

Xapian::Query QueryBuilder::segmented(const std::string& word, bool title, bool loose_ok, HighlightSpec& hl, Xapian::Query& all_pieces) const {
    // 반도체전략 written together where releases write 반도체 전략: split the word into known
    // words and look for the pieces in a row.
    const std::size_t n = word.size() / kSyllable;
    if (n < 4 || n > 12 || !korean::all_syllables(word)) return Q();
    const Xapian::doccount freq = word_freq(word);
    const Field field = title ? Field::Title : Field::Text;
    std::vector<Q> spaced = freq < kLooseEvidence ? one_space_spellings(word, title, hl) : std::vector<Q>{};
    std::vector<std::string> pieces = known_pieces(word, kSegmentEvidence);
    // A compound in its own right (도시재생) is not split: only a word much rarer than its pieces.
    for (const std::string& p : pieces)
        if (freq * kSegmentRatio >= word_freq(p)) return Q();
    bool loose = false;
    if (pieces.empty()) {
        if (freq > 0 || !loose_ok) return combine(Q::OP_SYNONYM, spaced);
        // Nothing known well enough, and the word itself unknown (천마뇌신경, 몬스타엑스위촉): pieces
        // seen a few times only, for "all the pieces anywhere" alone.
        pieces = known_pieces(word, kLooseEvidence);
        if (pieces.empty()) return combine(Q::OP_SYNONYM, spaced);
        loose = true;
    }
    // All the pieces, each as a word, with a particle or inside a compound (전자지도플랫폼 finds
    // "전자지도 … 플랫폼"); and, scoring on top, the pieces as whole words side by side (only
    // whole words have positions).
    std::vector<Q> all, side_by_side;
    for (const std::string& p : pieces) {
        Q as_word(Q::OP_SYNONYM, Q(text_term(field, TermKind::Word, p)), Q(text_term(field, TermKind::Stem, p)));
        std::vector<Q> grams;
        std::vector<std::string> runs;
        for (const Token& t : analyzer_.analyze(p))  // the piece's bigrams, as the index has them
            if (t.kind == TermKind::Bigram) {
                runs.push_back(t.term);
                grams.emplace_back(text_term(field, TermKind::Bigram, t.term));
            }
        as_word = Q(Q::OP_OR, as_word, scaled(kBigramWeight, combine(Q::OP_AND, grams)));
        hl.bigram_runs.push_back(runs);
        all.push_back(as_word);
        side_by_side.emplace_back(text_term(field, TermKind::Word, p));
        hl.terms.push_back(text_term(Field::Text, TermKind::Word, p));
        hl.terms.push_back(text_term(Field::Text, TermKind::Stem, p));
    }
    all_pieces = combine(Q::OP_AND, all);
    if (loose) return combine(Q::OP_SYNONYM, spaced);
    // A split in two is one of the spellings already.
    if (pieces.size() > 2 || spaced.empty())
        spaced.emplace_back(Q::OP_PHRASE, side_by_side.begin(), side_by_side.end(), side_by_side.size() + kPiecesGap);
    return combine(Q::OP_SYNONYM, spaced);
}

std::vector<Xapian::Query> QueryBuilder::one_space_spellings(const std::string& word, bool title, HighlightSpec& hl) const {
    // Both halves words the index has seen: 협업기반플랫폼 in "협업기반(플랫폼)", where 협업 never
    // stands alone, so that no split into common words finds it.
    const Field field = title ? Field::Title : Field::Text;
    std::vector<Q> spellings;
    for (std::size_t i = 2 * kSyllable; i + 2 * kSyllable <= word.size(); i += kSyllable) {
        const std::string a = word.substr(0, i), b = word.substr(i);
        if (word_freq(a) == 0 || word_freq(b) == 0) continue;
        const std::vector<Q> halves{Q(text_term(field, TermKind::Word, a)), Q(text_term(field, TermKind::Word, b))};
        spellings.push_back(Q(Q::OP_PHRASE, halves.begin(), halves.end(), 2 + kPiecesGap));
        hl.terms.push_back(text_term(Field::Text, TermKind::Word, a));
        hl.terms.push_back(text_term(Field::Text, TermKind::Word, b));
    }
    return spellings;
}

Xapian::Query QueryBuilder::positional_word(const std::string& word, bool title, HighlightSpec& hl) const {
    const Field field = title ? Field::Title : Field::Text;
    std::vector<Q> forms{Q(text_term(field, TermKind::Word, word))};
    hl.terms.push_back(text_term(Field::Text, TermKind::Word, word));
    for (const std::string& form : korean::inflected_forms(word))
        if (word_freq(form) > 0) {
            forms.emplace_back(text_term(field, TermKind::Word, form));
            hl.terms.push_back(text_term(Field::Text, TermKind::Word, form));
        }
    return combine(Q::OP_OR, forms);
}

Xapian::Query QueryBuilder::adjacent_words(const std::string& first, const std::string& second, HighlightSpec& hl) const {
    // The two words run together, as one word or as the joined term of a title that has them
    // side by side (with or without a particle on the second): a proximity signal that needs
    // no positions.
    std::vector<Q> forms;
    for (const Token& t : analyzer_.analyze(first + " " + second)) {
        if (t.kind != TermKind::Joined) continue;
        forms.emplace_back(text_term(Field::Text, TermKind::Joined, t.term));
        forms.emplace_back(text_term(Field::Text, TermKind::Word, t.term));
        hl.terms.push_back(text_term(Field::Text, TermKind::Joined, t.term));
        hl.terms.push_back(text_term(Field::Text, TermKind::Word, t.term));
    }
    return combine(Q::OP_SYNONYM, forms);
}

Xapian::Query QueryBuilder::word_query(const std::vector<Token>& tokens, bool title, HighlightSpec& hl, bool expand) const {
    const Field field = title ? Field::Title : Field::Text;
    auto term = [&](TermKind kind, const std::string& text) {
        std::string t = text_term(field, kind, text);
        if (!title) hl.terms.push_back(t);
        else hl.terms.push_back(text_term(Field::Text, kind, text));
        return t;
    };
    std::string word;
    std::vector<std::string> parts, stems, bigrams;
    std::string english;
    for (const Token& t : tokens) {
        switch (t.kind) {
            case TermKind::Word: word = t.term; break;
            case TermKind::Part: parts.push_back(t.term); break;
            case TermKind::Stem: stems.push_back(t.term); break;
            case TermKind::EnglishStem: english = t.term; break;
            case TermKind::Bigram: bigrams.push_back(t.term); break;
            case TermKind::Joined: break;  // the query's own words are matched one by one
        }
    }
    if (word.empty()) {
        // A word too long to be a term (over Analyzer::kMaxTermBytes) keeps its bigrams in the
        // index: a pasted run of Hangul without spaces is still found by them.
        if (bigrams.size() < 2) return Q();
        std::vector<Q> seq;
        for (const std::string& b : bigrams) seq.emplace_back(term(TermKind::Bigram, b));
        hl.bigram_runs.push_back(bigrams);
        return combine(Q::OP_AND, seq);
    }

    std::vector<Q> alternatives;
    // A number with its counter run into the next word (제6차메가, 2일정례브리핑, 85개시험지구),
    // or a word run into a number (예방접종0시): also as the two words, the way releases write them.
    if (parts.size() > 1) {
        if (auto [head, tail] = split_after_counter(word); !tail.empty()) {
            const auto head_words = split_words(analyzer_.analyze(head));
            const auto tail_words = split_words(analyzer_.analyze(tail));
            if (head_words.size() == 1 && tail_words.size() == 1) {
                Q h = word_query(head_words.front(), title, hl, false), t = word_query(tail_words.front(), title, hl, false);
                if (!h.empty() && !t.empty()) alternatives.push_back(Q(Q::OP_AND, h, t));
            }
        }
    }
    // The typed word's own stem, when the index shows the stem standing alone at least as often.
    std::vector<Q> trusted;
    std::string to_split = word;  // a run-together word is split without its particle (민생범죄에)
    if (!stems.empty()) {
        const Xapian::doccount freq = word_freq(word);
        for (const std::string& s : stems) {
            const Xapian::doccount f = word_freq(s);
            if (f >= kStemEvidence && f >= freq) {
                trusted.emplace_back(term(TermKind::Word, s));
                trusted.emplace_back(term(TermKind::Stem, s));
                if (to_split == word || s.size() > to_split.size()) to_split = s;
            }
        }
    }
    // The word as typed or with a particle; a run-together word (전기차배터리) also as its pieces
    // side by side, in one synonym, so that both spellings weigh alike.
    {
        std::vector<Q> forms{Q(term(TermKind::Word, word)), Q(term(TermKind::Stem, word))};
        Q all_pieces;
        if (Q pieces = segmented(to_split, title, trusted.empty(), hl, all_pieces); !pieces.empty()) forms.push_back(pieces);
        alternatives.push_back(Q(Q::OP_SYNONYM, forms.begin(), forms.end()));
        if (!all_pieces.empty()) alternatives.push_back(scaled(kSegmentWeight, all_pieces));
    }
    if (!trusted.empty()) alternatives.push_back(scaled(kStemWeight, combine(Q::OP_SYNONYM, trusted)));
    // A mixed word (COVID-19, K-방역, 1조원) also matches all its parts, anywhere.
    if (parts.size() > 1) {
        std::vector<Q> seq;
        // Not highlighted one by one: a lone "19" or "일" elsewhere is no match of COVID-19 or 11일.
        for (const std::string& p : parts) {
            Q part(Q::OP_SYNONYM, Q(text_term(field, TermKind::Word, p)), Q(text_term(field, TermKind::Stem, p)));
            // A Hangul run is a Korean word of its own, perhaps run together (원안위신고리 of
            // 원안위신고리3호기, where the release writes "원안위, 신고리3호기"): split and in bigrams too.
            if (p.size() >= 2 * kSyllable && korean::all_syllables(p))
                if (const auto part_words = split_words(analyzer_.analyze(p)); part_words.size() == 1) {
                    HighlightSpec unused;
                    if (Q q = word_query(part_words.front(), title, unused, false); !q.empty()) part = q;
                }
            seq.push_back(part);
        }
        alternatives.push_back(scaled(kStemWeight * 0.5, combine(Q::OP_AND, seq)));
    }
    if (!english.empty()) alternatives.push_back(scaled(kEnglishStemWeight, Q(term(TermKind::EnglishStem, english))));
    // Inside compounds and across spaces in titles: all the word's bigrams (bigrams have no positions).
    if (!bigrams.empty() && parts.size() <= 1) {
        std::vector<Q> seq;
        for (const std::string& b : bigrams) seq.emplace_back(text_term(field, TermKind::Bigram, b));
        // A two-syllable word's one bigram is the word itself inside a compound (녹음 in
        // 진술녹음제도): it counts double.
        const double w = (seq.size() == 1 ? 2.0 : 1.0) * kBigramWeight / static_cast<double>(seq.size());
        alternatives.push_back(scaled(w, combine(Q::OP_AND, seq)));
        hl.bigram_runs.push_back(bigrams);
    }
    // What an abbreviation stands for (과기정통부 → 과학기술정보통신부), as the releases define it,
    // when the abbreviation itself is rare: a common one (ODA, FTA) finds enough as typed, and
    // its long form would only lift releases that spell both out above the one that was meant.
    if (abbreviations_ && expand && word_freq(word) < kAbbreviationRare) {
        if (const std::string long_form = abbreviations_->expand(word); !long_form.empty()) {
            Clause c;
            c.kind = ClauseKind::Phrase;
            c.field = title ? ClauseField::Title : ClauseField::Any;
            c.text = long_form;
            if (Q q = clause_query(c, hl, false); !q.empty()) alternatives.push_back(scaled(kAbbreviationWeight, q));
        }
    }
    return combine(Q::OP_OR, alternatives);
}

Xapian::Query QueryBuilder::clause_query(const Clause& clause, HighlightSpec& hl, bool expand) const {
    const bool title = clause.field == ClauseField::Title;
    const Field field = title ? Field::Title : Field::Text;
    const std::vector<Token> tokens = analyzer_.analyze(clause.text);
    const auto words = split_words(tokens);
    if (words.empty()) return Q();

    if (clause.kind == ClauseKind::Word || words.size() == 1) {
        std::vector<Q> qs;
        for (const auto& w : words) {
            Q q = word_query(w, title, hl, expand);
            if (!q.empty()) qs.push_back(q);
        }
        return combine(Q::OP_OR, qs);
    }

    // A phrase: its words in order, each as typed or with a particle (stems have no positions;
    // words and parts of mixed words do), or all its bigrams, which also finds it written
    // without the spaces.
    std::vector<Q> seq;
    std::uint32_t first = words.front().front().position, last = first;
    for (const auto& w : words) {
        for (const Token& t : w) {
            if (t.kind != TermKind::Word) continue;
            seq.push_back(positional_word(t.term, title, hl));
            hl.terms.push_back(text_term(Field::Text, TermKind::Stem, t.term));
            last = t.position;
        }
    }
    std::vector<Q> alternatives{Q(Q::OP_PHRASE, seq.begin(), seq.end(), last - first + 1)};
    std::vector<Q> bigram_seq;
    std::vector<std::string> bigram_terms;
    for (const Token& t : tokens)
        if (t.kind == TermKind::Bigram) {
            bigram_seq.emplace_back(text_term(field, TermKind::Bigram, t.term));
            bigram_terms.push_back(t.term);
        }
    if (bigram_seq.size() > 1) {
        alternatives.push_back(combine(Q::OP_AND, bigram_seq));
        hl.bigram_runs.push_back(bigram_terms);
    }
    return combine(Q::OP_OR, alternatives);
}

BuiltQuery QueryBuilder::build(const ParsedQuery& parsed, const QueryFilters& filters) const {
    BuiltQuery out;
    std::vector<Q> units, required, excluded;
    QueryFilters all = filters;
    all.dates.insert(all.dates.end(), parsed.dates.begin(), parsed.dates.end());
    all.excluded_dates.insert(all.excluded_dates.end(), parsed.excluded_dates.begin(), parsed.excluded_dates.end());
    std::vector<std::string> excluded_ministries, excluded_departments;

    HighlightSpec ignored;  // excluded words are not highlighted
    std::vector<Q> question_units;  // used only when the query has nothing else
    std::vector<Q> adjacent;        // two query words side by side in a release, run together or apart
    const Clause* previous_word = nullptr;
    std::vector<Q> title_units;  // every plain word again, in the title only
    bool all_plain = true;
    for (const QueryGroup& group : parsed.groups) {
        const Clause* plain = group.alternatives.size() == 1 ? &group.alternatives.front() : nullptr;
        const std::string word = plain ? bare_word(plain->text) : std::string();
        if (plain && (plain->kind != ClauseKind::Word || plain->excluded || plain->field != ClauseField::Any ||
                      is_question_word(word) || is_function_word(word)))
            plain = nullptr;
        if (plain && previous_word)
            if (Q q = adjacent_words(previous_word->text, plain->text, out.highlight); !q.empty()) adjacent.push_back(q);
        previous_word = plain;
        if (plain) {
            Clause in_title = *plain;
            in_title.field = ClauseField::Title;
            HighlightSpec unused;
            if (Q q = clause_query(in_title, unused, false); !q.empty()) title_units.push_back(q);
        } else {
            all_plain = false;
        }
        std::vector<Q> alternatives;
        bool question = false;
        for (const Clause& c : group.alternatives) {
            if (c.field == ClauseField::Ministry || c.field == ClauseField::Department) {
                auto& list = c.field == ClauseField::Ministry ? (c.excluded ? excluded_ministries : all.ministries)
                                                              : (c.excluded ? excluded_departments : all.departments);
                list.push_back(c.text);
                continue;
            }
            Q q = clause_query(c, c.excluded ? ignored : out.highlight);
            if (c.kind == ClauseKind::Word && !c.excluded) {
                // A day or month named in the query also matches releases of that date.
                if (Q d = date_word(c.text); !d.empty()) q = q.empty() ? d : Q(Q::OP_OR, q, d);
                const bool alone = group.alternatives.size() == 1;  // then `word` is this clause's
                question = alone && !c.required && is_question_word(word);
                if (alone && is_function_word(word)) q = scaled(kFunctionWordWeight, q);
            }
            if (q.empty()) continue;
            if (c.excluded) excluded.push_back(q);
            else alternatives.push_back(q);
            if (c.required) required.push_back(q);
        }
        if (!alternatives.empty()) (question ? question_units : units).push_back(combine(Q::OP_OR, alternatives));
    }
    if (units.empty()) units = std::move(question_units);

    Q query;
    if (units.size() > 1) {
        // Releases with every group score the AND on top of the OR: all words above some.
        query = Q(Q::OP_OR, scaled(kAllWordsBonus, combine(Q::OP_AND, units)), combine(Q::OP_OR, units));
        // A question's verb or connective (앞두고, 했나요) is often not in the release that has
        // every other word: all but one of four or more words also earns a little.
        if (units.size() >= kAllButOneMinWords && units.size() <= kAllButOneMaxWords) {
            std::vector<Q> all_but_one;
            for (std::size_t skip = 0; skip < units.size(); ++skip) {
                std::vector<Q> rest;
                for (std::size_t i = 0; i < units.size(); ++i)
                    if (i != skip) rest.push_back(units[i]);
                all_but_one.push_back(combine(Q::OP_AND, rest));
            }
            query = Q(Q::OP_OR, query, scaled(kAllButOneBonus, combine(Q::OP_OR, all_but_one)));
        }
        if (!adjacent.empty()) query = Q(Q::OP_OR, query, scaled(kAdjacentWeight, combine(Q::OP_OR, adjacent)));
        if (all_plain && title_units.size() == units.size())
            query = Q(Q::OP_OR, query, scaled(kTitleBonus, combine(Q::OP_AND, title_units)));
    } else if (units.size() == 1) {
        query = units.front();
    } else {
        query = Q::MatchAll;
    }
    out.selects = !units.empty() || !required.empty() || !excluded.empty() || !all.ministries.empty() ||
                  !all.departments.empty() || !all.dates.empty() || !all.excluded_dates.empty() ||
                  !excluded_ministries.empty() || !excluded_departments.empty();
    if (!required.empty()) query = Q(Q::OP_FILTER, query, combine(Q::OP_AND, required));

    std::vector<Q> filter_parts;
    if (!all.ministries.empty()) filter_parts.push_back(any_of(Field::Ministry, all.ministries));
    if (!all.departments.empty()) filter_parts.push_back(any_of(Field::Department, all.departments));
    for (const DateRange& r : all.dates) filter_parts.push_back(date_range_query(r));
    if (!filter_parts.empty()) query = Q(Q::OP_FILTER, query, combine(Q::OP_AND, filter_parts));

    if (!excluded_ministries.empty()) excluded.push_back(any_of(Field::Ministry, excluded_ministries));
    if (!excluded_departments.empty()) excluded.push_back(any_of(Field::Department, excluded_departments));
    for (const DateRange& r : all.excluded_dates) excluded.push_back(date_range_query(r));
    if (!excluded.empty()) query = Q(Q::OP_AND_NOT, query, combine(Q::OP_OR, excluded));

    out.query = query;
    std::sort(out.highlight.terms.begin(), out.highlight.terms.end());
    out.highlight.terms.erase(std::unique(out.highlight.terms.begin(), out.highlight.terms.end()), out.highlight.terms.end());
    return out;
}

}  // namespace bodo
