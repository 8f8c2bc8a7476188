#include "query/query_builder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "analysis/english_words.h"
#include "analysis/korean.h"
#include "analysis/korean_words.h"
#include "analysis/word_tokenizer.h"
#include "metadata/ministries.h"
#include "schema/ranking.h"
#include "schema/schema.h"

namespace bodo {
namespace {

using Q = Xapian::Query;
using namespace ranking;

constexpr std::size_t kSyllable = 3;  // bytes of a Hangul syllable in UTF-8

/// A query of this many content words or more is read as a question (most words, not all).
constexpr std::size_t kLongQueryWords = 6;
/// A run-together word's spaced spelling counts when titles write it apart at least this many
/// times as often as together (과학 기술 is no spelling of the compound 과학기술; 관리 강화 is one
/// of 관리강화). bench/matchset: at 0.5 / 1.0 / 2.0, "together" F1 .953 / .978 / .969, "two"
/// .968 / .994 / .994, "particle" .981 / .985 / .995 (counting bodies at 0.5 / 1 / 2 first).
constexpr double kSpacedShare = 1.0;
/// A word inside longer words is matched by the index's words that contain it, at most this
/// many: those that most releases hold (up to Lexicon::kMaxWords of them; past that, by its
/// bigrams, which may also match them in two words). Every word a query names opens its posting
/// list, so these two caps decide the slowest queries. bench/matchset F1 and dev ms/query (TREC,
/// no snippets), full corpus, session 10, caps inside / pieces, keeping the most frequent, on a
/// quiet machine: 300 / 1000 compound 0.995, "together" 0.978, 2.24–2.26 ms; 100 / 1000: 0.989,
/// 0.978, 2.00–2.11; 75 / 800: 0.986, 0.977, 1.86–2.03; 50 / 1000: 0.980, 0.976, 1.91–2.00;
/// 100 / 600: 0.989, 0.971, 1.97–2.01; 50 / 200: 0.980, 0.966 (bench/HISTORY.md). Before, past
/// the cap a word fell back to its bigrams and a piece to itself: 300 / 1000 so gave compound
/// 0.983, "together" 0.954, and the caps were 1000 / 4000.
constexpr std::size_t kMaxInsideWords = 100;
/// The pieces of a spaced spelling likewise: the first piece as the end of a word, the second
/// as the start of one, at most this many, the most frequent; past Lexicon::kMaxWords, the
/// piece itself (the second with its particles).
constexpr std::size_t kMaxPieceWords = 1000;
/// A question is answered from the releases holding at least this share of its content words
/// (rounded up): "most of them". Chosen on bench/questions' dev half (bench/HISTORY.md).
constexpr double kQuestionShare = 0.5;

Q combine(Q::op op, const std::vector<Q>& parts) {
    std::vector<Q> kept;
    for (const Q& q : parts)
        if (!q.empty()) kept.push_back(q);
    if (kept.empty()) return Q();
    if (kept.size() == 1) return kept.front();
    return Q(op, kept.begin(), kept.end());
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
        // A ministry by another of its names (과기정통부, MSIT, 저출산·고령사회위원회): the
        // readers store the Korean name.
        if (field == Field::Ministry)
            if (auto korean = metadata::government_body(v); !korean.empty() && korean != v)
                terms.emplace_back(boolean_term(field, korean));
    }
    return combine(Q::OP_OR, terms);
}

/// Splits a word after its first number and counter (제6차메가 → 제6차 + 메가) when at least two
/// Hangul syllables follow, or before a number that ends it (예방접종0시 → 예방접종 + 0시);
/// {word, ""} otherwise.
std::pair<std::string, std::string> split_after_counter(const std::string& word) {
    const std::size_t first_digit = word.find_first_of("0123456789");
    if (first_digit == std::string::npos) return {word, ""};
    const std::size_t end = std::min(word.find_first_not_of("0123456789", first_digit), word.size());
    if (end + kSyllable > word.size()) return {word, ""};
    if (!korean::is_counter(std::string_view(word).substr(end, kSyllable))) return {word, ""};
    // A word run into a number and counter at its end: 예방접종0시, 정례브리핑8일 (not 코로나19).
    if (end + kSyllable == word.size())
        return first_digit >= 2 * kSyllable && korean::all_syllables(std::string_view(word).substr(0, first_digit))
                   ? std::pair{word.substr(0, first_digit), word.substr(first_digit)}
                   : std::pair{word, std::string()};
    const std::string tail = word.substr(end + kSyllable);
    if (tail.size() < 2 * kSyllable || !korean::all_syllables(tail)) return {word, ""};
    return {word.substr(0, end + kSyllable), tail};
}

/// A query word as the word lists spell it: normalized, without trailing ?!.,~.
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

/// The text a word's tokens came from.
std::string_view typed(std::string_view text, const std::vector<Token>& word) {
    return text.substr(word.front().start, word.front().end - word.front().start);
}

/// What a plain query word is for.
enum class Role {
    Content,   ///< a word to find
    Function,  ///< ties the sentence together: weighs little, never counted
    Question,  ///< asks (언제, 인가요): neither found nor counted in a question
};

}  // namespace

// ---- expansions -------------------------------------------------------------------------------

/// Makes the concepts of clauses: each reading of a word is one small function below.
class QueryBuilder::Expander {
  public:
    Expander(const Xapian::Database& db, const AbbreviationTable* abbreviations, const Lexicon* lexicon)
        : db_(db), abbreviations_(abbreviations), lexicon_(lexicon) {}

    /// The concept of a clause. `expand`: also match what an abbreviation stands for (one level
    /// only: long forms may themselves contain defined abbreviations).
    Concept clause(const Clause& c, bool expand = true) const {
        Concept out = c.kind == ClauseKind::Phrase ? phrase(c.text, c.field == Field::Title, expand)
                                                   : word_clause(c.text, c.field == Field::Title, expand);
        out.text = c.text;
        settle(out);
        return out;
    }

    /// Only what a clause adds to the score (for bonuses): no match set to settle.
    Q ranking_of(const Clause& c) const {
        rank_only_ = true;
        const Concept out = c.kind == ClauseKind::Phrase ? phrase(c.text, c.field == Field::Title, true)
                                                         : word_clause(c.text, c.field == Field::Title, false);
        rank_only_ = false;
        return out.ranking();
    }

    /// The two words run together, as one word or as the joined term of a title that has them
    /// side by side (with or without a particle on the second): a proximity signal that needs
    /// no positions.
    Q adjacent_words(const std::string& first, const std::string& second, Highlight& hl) const {
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

    /// Releases dated on the year, day or month a word names, also inside run-together words:
    /// "2020년", "16일", "3월", "3.17", "3/17", "(3.17)", "7일0시", "정례브리핑8일". The first one
    /// found counts.
    Q date_word(std::string_view text) const {
        std::string term;
        auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
        for (std::size_t i = 0; i < text.size() && term.empty(); ++i) {
            if (!digit(i) || (i > 0 && digit(i - 1))) continue;
            std::size_t j = i;
            while (digit(j)) ++j;
            const std::string_view rest = text.substr(j);
            // A year of this century (2020년, 2020년도; not 2025학년도, a school year).
            if (j - i == 4 && text.substr(i, 2) == "20" && rest.starts_with("년")) {
                term = boolean_term(Field::Year, text.substr(i, 4));
                break;
            }
            const int n = small_number(text.substr(i, j - i));
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

  private:
    // A clause that is one word may still analyse into several (수출·입, a/b): all of them.
    Concept word_clause(const std::string& text, bool title, bool expand) const {
        const auto words = split_words(analyzer_.analyze(text));
        if (words.size() == 1) return word(words.front(), text, title, expand);
        Concept out;
        std::vector<Q> ranks, matches;
        Expansion each{"each of its words", Q(), 1.0, Q(), Counts::Always, {}};
        for (const auto& w : words) {
            Concept c = word(w, typed(text, w), title, expand);
            settle(c);
            ranks.push_back(c.ranking());
            matches.push_back(c.matcher());
            each.highlight.add(c.highlight());
        }
        each.rank = combine(Q::OP_OR, ranks);
        each.match = combine(Q::OP_AND, matches);
        if (!each.rank.empty() || !each.match.empty()) out.expansions.push_back(std::move(each));
        return out;
    }

    /// The concept of one analysed word of `typed`, its expansions strongest first.
    Concept word(const std::vector<Token>& tokens, std::string_view typed, bool title, bool expand) const {
        WordTokens w;
        w.typed = typed;
        w.capitals = std::none_of(typed.begin(), typed.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
        std::uint32_t last_part_at = 0;
        for (const Token& t : tokens) {
            switch (t.kind) {
                case TermKind::Word: w.word = t.term; break;
                case TermKind::Part:
                    // A Latin-and-digit run (5g of 5G를) follows the parts at its first part's position.
                    if (!w.parts.empty() && t.position <= last_part_at) break;
                    w.parts.push_back(t.term);
                    last_part_at = t.position;
                    break;
                case TermKind::Stem: w.stems.push_back(t.term); break;
                case TermKind::EnglishStem: w.english = t.term; break;
                case TermKind::Bigram: w.bigrams.push_back(t.term); break;
                case TermKind::Joined: break;  // the query's own words are matched one by one
            }
        }
        // A mixed word's stems are the word without its particle (48진을 → 48진, AI를 → ai), not
        // its Hangul part's (방역 of K-방역을, which is no spelling of K-방역).
        if (w.parts.size() > 1) w.stems = korean::mixed_stem_candidates(w.word, w.parts.back());
        w.title = title;
        Concept c;
        if (w.word.empty()) {
            too_long(w, c);
            return c;
        }
        w.trusted = trusted_stems(w);
        w.bare = w.core = w.word;
        for (const std::string& s : w.trusted) {
            if (w.bare == w.word || s.size() > w.bare.size()) w.bare = s;
            if (w.core == w.word || s.size() < w.core.size()) w.core = s;
        }
        split_at_counter(w, c);
        as_written(w, c);
        spaced(w, c);
        if (!without_particle(w, c, expand)) stem(w, c);
        parts(w, c);
        english_stem(w, c);
        inside_a_word(w, c);
        if (expand) abbreviation(w, c);
        if (expand) other_name(w, c);
        return c;
    }

    struct WordTokens {
        std::string word, english, typed;
        std::vector<std::string> parts, stems, bigrams, trusted;
        /// Without its particle: the longest trusted stem (민생범죄에 → 민생범죄, what a run-together
        /// word is split from) and the shortest (what must stand inside a word); else the word.
        std::string bare, core;
        bool title = false;
        bool capitals = false;  ///< typed with no lower-case Latin letter (AI, FAO)
        Field field() const { return title ? Field::Title : Field::Text; }
    };

    /// A word too long to be a term (over Analyzer::kMaxTermBytes) keeps its bigrams in the
    /// index: a pasted run of Hangul without spaces is still found by them.
    void too_long(const WordTokens& w, Concept& c) const {
        if (w.bigrams.size() < 2) return;
        std::vector<Q> seq;
        for (const std::string& b : w.bigrams) seq.emplace_back(text_term(w.field(), TermKind::Bigram, b));
        Q all = combine(Q::OP_AND, seq);
        c.expansions.push_back({"bigrams", all, 1.0, all, Counts::Always, {{}, {w.bigrams}}});
    }

    /// The typed word's particle-stripped stems that the index shows standing alone at least as
    /// often as the word (뉴질랜드와 → 뉴질랜드, but 전문가 stays), or, after an ending no noun ends
    /// with (안정을 → 안정, 수준으로 → 수준), that it knows as a word.
    std::vector<std::string> trusted_stems(const WordTokens& w) const {
        std::vector<std::string> out;
        const Xapian::doccount freq = word_freq(w.word);
        for (const std::string& s : w.stems) {
            const Xapian::doccount f = word_freq(s);
            const bool clear = korean::is_clear_ending(std::string_view(w.word).substr(s.size())) && f >= kSegmentEvidence;
            if ((f >= kStemEvidence && f >= freq) || clear) out.push_back(s);
        }
        return out;
    }

    /// A number with its counter run into the next word (제6차메가, 2일정례브리핑, 85개시험지구),
    /// or a word run into a number (예방접종0시): also as the two words, the way releases write them.
    void split_at_counter(const WordTokens& w, Concept& c) const {
        if (w.parts.size() <= 1) return;
        const auto [head, tail] = split_after_counter(w.word);
        if (tail.empty()) return;
        const auto head_words = split_words(analyzer_.analyze(head));
        const auto tail_words = split_words(analyzer_.analyze(tail));
        if (head_words.size() != 1 || tail_words.size() != 1) return;
        Concept h = word(head_words.front(), head, w.title, false), t = word(tail_words.front(), tail, w.title, false);
        settle(h);
        settle(t);
        if (h.ranking().empty() || t.ranking().empty()) return;
        Expansion e{"split at a counter", Q(Q::OP_AND, h.ranking(), t.ranking()), 1.0, combine(Q::OP_AND, {h.matcher(), t.matcher()}),
                    Counts::Always, h.highlight()};
        e.highlight.add(t.highlight());
        if (h.matcher().empty() || t.matcher().empty()) e.match = Q();
        c.expansions.push_back(std::move(e));
    }

    /// The word as typed or with a particle (one term: the index files 뉴질랜드와 under 뉴질랜드
    /// too); a run-together word (전기차배터리) also as its pieces side by side, in one synonym so
    /// that both spellings weigh alike; and, as a last resort, all its pieces anywhere.
    void as_written(const WordTokens& w, Concept& c) const {
        Highlight hl;
        std::vector<Q> forms{Q(text_term(w.field(), TermKind::Word, w.word)), Q(text_term(w.field(), TermKind::Stem, w.word))};
        hl.terms.push_back(text_term(Field::Text, TermKind::Word, w.word));
        hl.terms.push_back(text_term(Field::Text, TermKind::Stem, w.word));
        Highlight pieces_hl;
        Q all_pieces;
        const Q exact(Q::OP_SYNONYM, forms.begin(), forms.end());
        // Its pieces near each other rank as the word, but count only when nothing else matches:
        // 이임 주한태국대사 접견 is no spelling of 이임접견 (the "spaced" expansion counts the
        // pieces side by side).
        Q loose = segmented(w.bare, w.title, w.trusted.empty(), hl, pieces_hl, all_pieces);
        if (!loose.empty()) forms.push_back(loose);
        c.expansions.push_back({"word", Q(Q::OP_SYNONYM, forms.begin(), forms.end()), 1.0, exact, Counts::Always, hl, true});
        if (!loose.empty()) c.expansions.push_back({"pieces near", Q(), 0.0, loose, Counts::IfNothingElse, {}});
        if (!all_pieces.empty())
            c.expansions.push_back({"pieces anywhere", all_pieces, kSegmentWeight, all_pieces, Counts::IfNothingElse, pieces_hl});
    }

    /// A run-together word written with spaces, as the archive may write it (반도체전략 as "반도체
    /// 전략을", "차세대반도체 전략"): split in two anywhere (pieces of two syllables or more), the
    /// first piece at the end of a word and the second at the start of one (the lexicon's words),
    /// side by side; and split into its known words, in a row. It counts when the archive writes
    /// the word so at least kSpacedShare as often as together: a compound in its own right
    /// (과학기술) is not the two words 과학 기술.
    void spaced(const WordTokens& w, Concept& c) const {
        const std::string& word = w.bare;
        const std::size_t n = word.size() / kSyllable;
        if (rank_only_ || n < 4 || n > 12 || !korean::all_syllables(word)) return;
        const Field field = w.field();
        auto any_of_words = [&](Lexicon::Words found, const std::string& piece) {
            std::vector<Q> terms{Q(text_term(field, TermKind::Word, piece))};
            if (!found.too_many) {
                keep_most_frequent(found, kMaxPieceWords);
                for (const std::string& t : found.words) terms.emplace_back(text_term(field, TermKind::Word, t));
            } else {
                for (const std::string& form : korean::inflected_forms(piece))
                    if (word_freq(form) > 0) terms.emplace_back(text_term(field, TermKind::Word, form));
            }
            return Q(Q::OP_OR, terms.begin(), terms.end());
        };
        // The splits with a spelling: each piece some word's end or start (a lexicon that names
        // too many counts as none), or a word itself. Counted first, without the words: most
        // words never count as spaced, and then no match query is needed (building one for
        // nothing, thousands of terms for some words, cost dev 5% of its time).
        std::vector<std::size_t> splits;
        Highlight hl;
        const auto named = [](std::size_t words) { return words > 0 && words <= Lexicon::kMaxWords; };
        for (std::size_t at = 2 * kSyllable; at + 2 * kSyllable <= word.size(); at += kSyllable) {
            const std::string first = word.substr(0, at), second = word.substr(at);
            if ((!(lexicon_ && named(lexicon_->count_ending_with(first))) && word_freq(first) == 0) ||
                (!(lexicon_ && named(lexicon_->count_starting_with(second))) && word_freq(second) == 0))
                continue;
            splits.push_back(at);
            hl.bigram_runs.push_back(bigrams_of(first));
            hl.bigram_runs.push_back(bigrams_of(second));
        }
        // Three pieces or more: the known words in a row (반도체수출전략 → 반도체 수출 전략).
        const auto pieces = known_pieces(word, kSegmentEvidence, false);
        if (splits.empty() && pieces.size() <= 2) return;
        const Counts counts = written_apart(word) ? Counts::Always : Counts::Never;
        // A spelling that never counts has no match query: it would never run.
        if (counts == Counts::Never) {
            c.expansions.push_back({"spaced", Q(), 0.0, Q(), counts, hl});
            return;
        }
        std::vector<Q> spellings;
        for (const std::size_t at : splits) {
            const std::string first = word.substr(0, at), second = word.substr(at);
            // Without a lexicon (a remote shard): the pieces as words, the second with its particles.
            const Lexicon::Words none{{}, true, {}};
            Lexicon::Words ends = lexicon_ ? lexicon_->ending_with(first) : none;
            Lexicon::Words starts = lexicon_ ? lexicon_->starting_with(second) : none;
            const std::vector<Q> pair{any_of_words(std::move(ends), first), any_of_words(std::move(starts), second)};
            spellings.emplace_back(Q::OP_PHRASE, pair.begin(), pair.end(), 2);
        }
        if (pieces.size() > 2) {
            std::vector<Q> seq;
            for (const std::string& p : pieces) seq.emplace_back(text_term(field, TermKind::Word, p));
            spellings.emplace_back(Q::OP_PHRASE, seq.begin(), seq.end(), seq.size());
        }
        c.expansions.push_back({"spaced", Q(), 0.0, combine(Q::OP_OR, spellings), counts, hl});
    }

    /// Whether titles write `word` (Hangul) apart at least kSpacedShare times as often as together.
    /// Titles show how the archive spells a word, and their terms say it without a search: a
    /// title word is the word together (with or without a particle); a title's joined term is
    /// two of its words side by side run together, but shares its K marker with the stems of its
    /// words, so those of the word written together are taken off. Term frequencies only: a
    /// search here cost a third of a query.
    bool written_apart(const std::string& word) const {
        auto [it, added] = written_apart_.try_emplace(word, false);
        if (!added) return it->second;
        auto title_freq = [&](TermKind kind, const std::string& w) { return db_.get_termfreq(text_term(Field::Title, kind, w)); };
        double together = title_freq(TermKind::Word, word), with_particle = 0;
        for (const std::string& form : korean::inflected_forms(word))
            if (word_freq(form) > 0) with_particle += title_freq(TermKind::Word, form);
        together += with_particle;
        const double apart = std::max(0.0, title_freq(TermKind::Joined, word) - with_particle);
        it->second = apart > 0 && apart >= kSpacedShare * together;
        return it->second;
    }

    /// A mixed word with a particle (AI를, R&D와, 48진을): everything the word typed without it
    /// matches (R&D's parts in a row too, 48진 with other particles, what ATM stands for), as its
    /// stem. False when the typed word does not end in the particle (the stems then stand for it).
    bool without_particle(const WordTokens& w, Concept& c, bool expand) const {
        if (w.parts.size() <= 1 || w.trusted.empty()) return false;
        const std::string particle = w.word.substr(w.bare.size());
        if (particle.empty() || !w.typed.ends_with(particle)) return false;
        const std::string typed = w.typed.substr(0, w.typed.size() - particle.size());
        const auto words = split_words(analyzer_.analyze(typed));
        if (words.size() != 1) return false;
        Concept bare = word(words.front(), typed, w.title, expand);
        settle(bare);
        if (bare.matcher().empty()) return false;
        c.expansions.push_back({"without its particle", bare.ranking(), kStemWeight, bare.matcher(), Counts::Always,
                                bare.highlight()});
        return true;
    }

    /// The trusted stems, as words or with other particles.
    void stem(const WordTokens& w, Concept& c) const {
        if (w.trusted.empty()) return;
        std::vector<Q> forms;
        Highlight hl;
        for (const std::string& s : w.trusted) {
            forms.emplace_back(text_term(w.field(), TermKind::Word, s));
            forms.emplace_back(text_term(w.field(), TermKind::Stem, s));
            hl.terms.push_back(text_term(Field::Text, TermKind::Word, s));
            hl.terms.push_back(text_term(Field::Text, TermKind::Stem, s));
        }
        const Q synonym = combine(Q::OP_SYNONYM, forms);
        c.expansions.push_back({"stem", synonym, kStemWeight, synonym, Counts::Always, hl, true});
    }

    /// A mixed word (COVID-19, K-방역, 1조원): its parts in a row count (COVID 19, covid-19); all
    /// its parts anywhere rank, and count only when nothing else matches.
    void parts(const WordTokens& w, Concept& c) const {
        if (w.parts.size() <= 1) return;
        std::vector<Q> in_row, anywhere, match_anywhere;
        for (const std::string& p : w.parts) {
            in_row.emplace_back(text_term(w.field(), TermKind::Word, p));
            Q part(Q::OP_SYNONYM, Q(text_term(w.field(), TermKind::Word, p)), Q(text_term(w.field(), TermKind::Stem, p)));
            Q part_match = part;
            // A Hangul run is a Korean word of its own, perhaps run together (원안위신고리 of
            // 원안위신고리3호기, where the release writes "원안위, 신고리3호기"): split and in bigrams too.
            if (p.size() >= 2 * kSyllable && korean::all_syllables(p))
                if (const auto part_words = split_words(analyzer_.analyze(p)); part_words.size() == 1) {
                    Concept pc = word(part_words.front(), p, w.title, false);
                    settle(pc);
                    if (Q q = pc.ranking(); !q.empty()) part = q;
                    if (Q m = pc.matcher(); !m.empty()) part_match = m;
                }
            anywhere.push_back(part);
            match_anywhere.push_back(part_match);
        }
        // Not highlighted one by one: a lone "19" or "일" elsewhere is no match of COVID-19 or 11일.
        // A token of Latin letters and digits alone (H5, 5G) matches whole, as the index keeps
        // such runs (5g of 5G용): its parts in a row would find it inside H5N8.
        const bool one_run = std::all_of(w.typed.begin(), w.typed.end(), [](char ch) {
            return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        });
        if (!one_run)
            c.expansions.push_back({"parts in a row", Q(), 0.0, Q(Q::OP_PHRASE, in_row.begin(), in_row.end(), in_row.size()),
                                    Counts::Always, {}});
        c.expansions.push_back({"parts anywhere", combine(Q::OP_AND, anywhere), kPartsWeight,
                                combine(Q::OP_AND, match_anywhere), Counts::IfNothingElse, {}});
    }

    /// A Latin word's Snowball stem (meeting → meet, so meetings): an English word's endings are
    /// its particles and count; a token typed in capitals (AI, ODA, MEETINGS) is an acronym or
    /// a name and matches as a whole token only, its stem ranking.
    void english_stem(const WordTokens& w, Concept& c) const {
        if (w.english.empty()) return;
        Highlight hl{{text_term(Field::Text, TermKind::EnglishStem, w.english)}, {}};
        const Q stem(text_term(w.field(), TermKind::EnglishStem, w.english));
        c.expansions.push_back({"english stem", stem, kEnglishStemWeight, stem, w.capitals ? Counts::Never : Counts::Always, hl});
    }

    /// The word inside longer words (정보통신 in 과학기술정보통신부는; 녹음 in 진술녹음제도): ranked
    /// by all the bigrams of what must stand inside (the stem when a particle was stripped:
    /// 거절 of 거절되는 in 부분거절제도); matched by the words of the index that contain it (the
    /// lexicon), or, for two syllables, by its one bigram. Without a lexicon, by all its bigrams
    /// (which also match them apart).
    void inside_a_word(const WordTokens& w, Concept& c) const {
        if (w.bigrams.empty() || w.parts.size() > 1) return;
        const std::vector<std::string> core_bigrams = w.core != w.word ? bigrams_of(w.core) : w.bigrams;
        std::vector<Q> seq;
        for (const std::string& b : core_bigrams) seq.emplace_back(text_term(w.field(), TermKind::Bigram, b));
        // A two-syllable word's one bigram is the word itself inside a compound: it counts double.
        const double weight = (seq.size() == 1 ? 2.0 : 1.0) * kBigramWeight / static_cast<double>(seq.size());
        Expansion e{"inside a word", combine(Q::OP_AND, seq), weight, Q(), Counts::Always, {{}, {w.bigrams}}};
        // What must stand inside a word: the stem when a particle was stripped (뉴질랜드와 →
        // 뉴질랜드), else the word.
        if (w.core != w.word) e.highlight.bigram_runs.push_back(bigrams_of(w.core));
        if (rank_only_) {  // no match set: no lexicon lookup
            c.expansions.push_back(std::move(e));
            return;
        }
        e.match = containing(w.core, w.field());
        e.any_term = e.match.get_type() == Q::LEAF_TERM || e.match.get_type() == Q::OP_OR;
        c.expansions.push_back(std::move(e));
    }

    /// Keeps the `n` words of `found` that most releases hold. Words the lexicon has no count
    /// for (added since it was written whole) are counted in the index.
    void keep_most_frequent(Lexicon::Words& found, std::size_t n) const {
        if (found.words.size() <= n) return;
        for (std::size_t i = 0; i < found.words.size(); ++i)
            if (found.releases[i] == 0) found.releases[i] = word_freq(found.words[i]);
        found.keep_most_frequent(n);
    }

    /// The releases holding `piece` (Hangul syllables) inside a word of `field`.
    Q containing(const std::string& piece, Field field) const {
        if (!korean::all_syllables(piece) || piece.size() < 2 * kSyllable) return Q();
        if (piece.size() == 2 * kSyllable) return Q(text_term(field, TermKind::Bigram, piece));
        if (lexicon_) {
            Lexicon::Words found = lexicon_->containing(piece);
            if (!found.too_many) {
                keep_most_frequent(found, kMaxInsideWords);
                std::vector<Q> terms;
                for (const std::string& word : found.words) terms.emplace_back(text_term(field, TermKind::Word, word));
                // Title words run together across a space (반도체 전략 → 체전) are found by
                // joined terms (the "word" expansion), not here.
                return terms.empty() ? Q(Q::MatchNothing) : Q(Q::OP_OR, terms.begin(), terms.end());
            }
        }
        std::vector<Q> seq;
        for (const std::string& b : bigrams_of(piece)) seq.emplace_back(text_term(field, TermKind::Bigram, b));
        return combine(Q::OP_AND, seq);
    }

    /// The Hangul bigrams of a piece, as the index has them.
    std::vector<std::string> bigrams_of(const std::string& piece) const {
        std::vector<std::string> out;
        for (const Token& t : analyzer_.analyze(piece))
            if (t.kind == TermKind::Bigram) out.push_back(t.term);
        return out;
    }

    /// What an abbreviation stands for (과기정통부 → 과학기술정보통신부), as the releases define it,
    /// when the abbreviation itself is rare: a common one (ODA, FTA) finds enough as typed, and
    /// its long form would only lift releases that spell both out above the one that was meant.
    void abbreviation(const WordTokens& w, Concept& c) const {
        if (!abbreviations_ || word_freq(w.word) >= kAbbreviationRare) return;
        const std::string long_form = abbreviations_->expand(w.word);
        if (long_form.empty()) return;
        Clause lc;
        lc.kind = ClauseKind::Phrase;
        lc.field = w.title ? Field::Title : Field::Text;
        lc.text = long_form;
        const Concept l = clause(lc, false);
        if (l.ranking().empty()) return;
        c.expansions.push_back({"abbreviation", l.ranking(), kAbbreviationWeight, l.matcher(), Counts::Always, l.highlight()});
    }

    /// A ministry's other name (과기정통부, MSIT, 산업부): the releases that write its Korean name,
    /// and every release it issued.
    void other_name(const WordTokens& w, Concept& c) const {
        const std::string_view korean = metadata::government_body(w.typed);
        if (korean.empty() || normalize(korean) == w.word) return;
        Clause lc;
        lc.field = w.title ? Field::Title : Field::Text;
        lc.text = std::string(korean);
        const Concept l = clause(lc, false);
        c.expansions.push_back({"ministry's other name", l.ranking(), kAbbreviationWeight,
                                combine(Q::OP_OR, {l.matcher(), Q(boolean_term(Field::Ministry, korean))}), Counts::Always,
                                l.highlight()});
    }

    /// A phrase: its words in order, each as typed or with a particle (stems have no positions;
    /// words and parts of mixed words do); or written without the spaces, inside a word.
    /// `expand` as for clause(): a one-word phrase is that word, and the long form of an
    /// abbreviation (㈜SKT for SKT) must not expand the abbreviation again.
    Concept phrase(const std::string& text, bool title, bool expand) const {
        Concept c;
        const Field field = title ? Field::Title : Field::Text;
        const std::vector<Token> tokens = analyzer_.analyze(text);
        const auto words = split_words(tokens);
        if (words.empty()) return c;
        if (words.size() == 1) return word(words.front(), text, title, expand);
        Highlight hl;
        std::vector<Q> seq;
        std::string joined;
        const std::uint32_t first = words.front().front().position;
        std::uint32_t last = first;
        for (const auto& w : words)
            for (const Token& t : w) {
                if (t.kind != TermKind::Word) continue;
                seq.push_back(positional_word(t.term, field, hl));
                hl.terms.push_back(text_term(Field::Text, TermKind::Stem, t.term));
                joined += t.term;
                last = t.position;
            }
        const Q in_order(Q::OP_PHRASE, seq.begin(), seq.end(), last - first + 1);
        c.expansions.push_back({"phrase", in_order, 1.0, in_order, Counts::Always, hl});
        std::vector<Q> bigrams;
        std::vector<std::string> run;
        for (const Token& t : tokens)
            if (t.kind == TermKind::Bigram) {
                bigrams.emplace_back(text_term(field, TermKind::Bigram, t.term));
                run.push_back(t.term);
            }
        if (bigrams.size() > 1)
            c.expansions.push_back({"phrase run together", combine(Q::OP_AND, bigrams), 1.0,
                                    lexicon_ && !rank_only_ && korean::all_syllables(joined) ? containing(joined, field) : Q(),
                                    Counts::Always, {{}, {run}}});
        return c;
    }

    /// A word at its position in a phrase: as typed, or with a particle or ending the index has
    /// seen it with (전략 → 전략을, 전략의): stems have no positions.
    Q positional_word(const std::string& word, Field field, Highlight& hl) const {
        std::vector<Q> forms{Q(text_term(field, TermKind::Word, word))};
        hl.terms.push_back(text_term(Field::Text, TermKind::Word, word));
        for (const std::string& form : korean::inflected_forms(word))
            if (word_freq(form) > 0) {
                forms.emplace_back(text_term(field, TermKind::Word, form));
                hl.terms.push_back(text_term(Field::Text, TermKind::Word, form));
            }
        return combine(Q::OP_OR, forms);
    }

    /// `word` split into the fewest words the index has seen in `evidence` releases each, the most
    /// frequent split among those; none when there is no such split.
    /// `whole`: the word itself may be the one piece (then a known word is not split).
    std::vector<std::string> known_pieces(const std::string& word, Xapian::doccount evidence, bool whole = true) const {
        const std::size_t n = word.size() / kSyllable;
        struct Best { int pieces = 1 << 20; double score = 0; std::size_t prev = 0; };
        std::vector<Best> best(n + 1);
        best[0].pieces = 0;
        for (std::size_t end = 2; end <= n; ++end)
            for (std::size_t start = 0; start + 2 <= end; ++start) {
                if (best[start].pieces >= (1 << 20) || (!whole && start == 0 && end == n)) continue;
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
        for (std::size_t end = n; end > 0; end = best[end].prev)
            pieces.insert(pieces.begin(), word.substr(best[end].prev * kSyllable, (end - best[end].prev) * kSyllable));
        return pieces;
    }

    /// A run-together word (반도체전략 where releases write 반도체 전략): its spellings with a space
    /// (returned, for the word's synonym) and all its pieces anywhere (`all_pieces`). `loose_ok`:
    /// no particle explains the word, so rarer pieces may do (all_pieces only).
    Q segmented(const std::string& word, bool title, bool loose_ok, Highlight& hl, Highlight& pieces_hl, Q& all_pieces) const {
        const std::size_t n = word.size() / kSyllable;
        if (n < 4 || n > 12 || !korean::all_syllables(word)) return Q();
        const Xapian::doccount freq = word_freq(word);
        const Field field = title ? Field::Title : Field::Text;
        std::vector<Q> spaced = freq < kLooseEvidence ? one_space_spellings(word, field, hl) : std::vector<Q>{};
        std::vector<std::string> pieces = known_pieces(word, kSegmentEvidence);
        // A compound in its own right (도시재생) is not split: only a word much rarer than its pieces.
        for (const std::string& p : pieces)
            if (freq * kSegmentRatio >= word_freq(p)) return Q();
        bool loose = false;
        if (pieces.empty()) {
            if (freq > 0 || !loose_ok) return combine(Q::OP_SYNONYM, spaced);
            // Nothing known well enough, and the word itself unknown (천마뇌신경, 몬스타엑스위촉):
            // pieces seen a few times only, for "all the pieces anywhere" alone.
            pieces = known_pieces(word, kLooseEvidence);
            if (pieces.empty()) return combine(Q::OP_SYNONYM, spaced);
            loose = true;
        }
        // All the pieces, each as a word, with a particle or inside a compound (전자지도플랫폼 finds
        // "전자지도 … 플랫폼"); and the pieces as whole words side by side (only whole words have
        // positions).
        std::vector<Q> all, side_by_side;
        for (const std::string& p : pieces) {
            Q as_word(Q::OP_SYNONYM, Q(text_term(field, TermKind::Word, p)), Q(text_term(field, TermKind::Stem, p)));
            std::vector<std::string> runs = bigrams_of(p);
            std::vector<Q> grams;
            for (const std::string& b : runs) grams.emplace_back(text_term(field, TermKind::Bigram, b));
            as_word = Q(Q::OP_OR, as_word, scaled(kBigramWeight, combine(Q::OP_AND, grams)));
            pieces_hl.bigram_runs.push_back(std::move(runs));
            all.push_back(as_word);
            side_by_side.emplace_back(text_term(field, TermKind::Word, p));
            for (Highlight* h : {&hl, &pieces_hl}) {
                h->terms.push_back(text_term(Field::Text, TermKind::Word, p));
                h->terms.push_back(text_term(Field::Text, TermKind::Stem, p));
            }
        }
        all_pieces = combine(Q::OP_AND, all);
        if (loose) return combine(Q::OP_SYNONYM, spaced);
        // A split in two is one of the spellings already.
        if (pieces.size() > 2 || spaced.empty())
            spaced.emplace_back(Q::OP_PHRASE, side_by_side.begin(), side_by_side.end(), side_by_side.size() + kPiecesGap);
        return combine(Q::OP_SYNONYM, spaced);
    }

    /// A word of Hangul syllables written with one space in it (two halves of two syllables or
    /// more, perhaps kPiecesGap words between them), as phrases: 협업기반플랫폼 in "협업기반(플랫폼)",
    /// where 협업 never stands alone, so that no split into common words finds it.
    std::vector<Q> one_space_spellings(const std::string& word, Field field, Highlight& hl) const {
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

    /// Decides which last-resort expansion counts: when nothing else of the concept matches any
    /// release, the first of them that does (the pieces near each other before anywhere).
    void settle(Concept& c) const {
        c.last_resort = static_cast<std::size_t>(-1);
        if (rank_only_) return;
        if (!c.has(Counts::IfNothingElse)) return;
        // Term frequencies first; a search only for phrases and the like.
        for (const Expansion& e : c.expansions)
            if (e.counts == Counts::Always && e.any_term && any_term_occurs(e.match)) return;
        // Any one search that matches settles it: the cheapest first (fewest terms), the
        // alternatives of an OR each on its own (dev: a spaced spelling of 5,000 words searched
        // before the parts of 사업대상30개 in a row cost 40 ms).
        std::vector<std::pair<std::size_t, Q>> searches;
        for (const Expansion& e : c.expansions)
            if (e.counts == Counts::Always && !e.any_term && !e.match.empty()) alternatives(e.match, searches);
        std::stable_sort(searches.begin(), searches.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [terms, q] : searches)
            if (matches_any(q)) return;
        for (std::size_t i = 0; i < c.expansions.size(); ++i) {
            const Expansion& e = c.expansions[i];
            if (e.counts == Counts::IfNothingElse && !e.match.empty() && matches_any(e.match)) {
                c.last_resort = i;
                return;
            }
        }
    }

    /// The alternatives of `q` (itself unless an OR, weighted or not) with their leaf counts.
    static void alternatives(const Q& q, std::vector<std::pair<std::size_t, Q>>& out) {
        if (q.get_type() == Q::OP_SCALE_WEIGHT) {
            alternatives(q.get_subquery(0), out);
        } else if (q.get_type() == Q::OP_OR) {
            for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) alternatives(q.get_subquery(i), out);
        } else {
            out.emplace_back(leaves(q), q);
        }
    }

    static std::size_t leaves(const Q& q) {
        if (q.get_type() == Q::LEAF_TERM) return 1;
        std::size_t n = 0;
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) n += leaves(q.get_subquery(i));
        return n;
    }

    bool any_term_occurs(const Q& q) const {
        for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
            if (db_.get_termfreq(*t) > 0) return true;
        return false;
    }

    bool matches_any(const Q& q) const {
        Xapian::Enquire enquire(db_);
        enquire.set_query(q);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        return !enquire.get_mset(0, 1).empty();
    }

    /// Releases with `word` as a word. Memoised: the split searches ask for the same substrings
    /// again and again, and on remote shards every lookup is a round trip.
    Xapian::doccount word_freq(const std::string& word) const {
        auto [it, added] = word_freqs_.try_emplace(word, 0);
        if (added) it->second = db_.get_termfreq(text_term(Field::Text, TermKind::Word, word));
        return it->second;
    }

    const Xapian::Database& db_;
    const AbbreviationTable* abbreviations_;
    const Lexicon* lexicon_;
    Analyzer analyzer_;
    mutable std::unordered_map<std::string, Xapian::doccount> word_freqs_;
    mutable std::unordered_map<std::string, bool> written_apart_;
    mutable bool rank_only_ = false;  ///< making a ranking only: no match queries needed
};

// ---- the built query ----------------------------------------------------------------------------

double BuiltQuery::relevance(double weight) { return weight - static_cast<double>(concepts_matched(weight)) * kTier; }

std::size_t BuiltQuery::concepts_matched(double weight) {
    return weight < kTier ? 0 : static_cast<std::size_t>(std::floor(weight / kTier + 1e-9));
}

Xapian::Query BuiltQuery::restrict(Xapian::Query q) const {
    if (!required.empty()) q = Q(Q::OP_FILTER, q, required);
    if (!filter.empty()) q = Q(Q::OP_FILTER, q, filter);
    if (!excluded.empty()) q = Q(Q::OP_AND_NOT, q, excluded);
    return q;
}

Xapian::Query BuiltQuery::by_concepts() const {
    // Each concept a release holds adds kTier; a weight cutoff of tier_cutoff(k) keeps those with
    // k or more (Xapian turns the OR into ANDs where the cutoff needs them).
    std::vector<Q> tiers;
    for (const Q& m : concept_matchers) {
        auto* source = new Xapian::FixedWeightPostingSource(kTier);
        tiers.push_back(Q(Q::OP_AND, Q(source->release()), m));
    }
    const Q any = combine(Q::OP_OR, tiers);
    return restrict(ranking.empty() ? any : Q(Q::OP_AND_MAYBE, any, ranking));
}

// ---- the builder --------------------------------------------------------------------------------

QueryBuilder::QueryBuilder(const Xapian::Database& db, const AbbreviationTable* abbreviations, const Lexicon* lexicon)
    : expander_(std::make_unique<Expander>(db, abbreviations, lexicon)) {}

QueryBuilder::~QueryBuilder() = default;

Concept QueryBuilder::concept_of(const Clause& clause) const { return expander_->clause(clause); }

BuiltQuery QueryBuilder::build(const ParsedQuery& parsed, const QueryFilters& filters) const {
    BuiltQuery out;
    QueryFilters all = filters;
    all.dates.insert(all.dates.end(), parsed.dates.begin(), parsed.dates.end());
    all.excluded_dates.insert(all.excluded_dates.end(), parsed.excluded_dates.begin(), parsed.excluded_dates.end());
    std::vector<std::string> excluded_ministries, excluded_departments;

    // What each group is: a plain word's role decides whether the query is a question.
    std::vector<Role> roles;
    std::vector<std::string> plain_words;  // the bare word of a plain group, else ""
    std::size_t content_words = 0;
    bool asks = false;
    for (const QueryGroup& group : parsed.groups) {
        const Clause* c = group.alternatives.size() == 1 ? &group.alternatives.front() : nullptr;
        const bool plain = c && c->kind == ClauseKind::Word && !c->excluded && c->field == Field::Text;
        const std::string word = plain ? bare_word(c->text) : std::string();
        // An English word typed with a lower-case letter (the, The; not IT, US: acronyms).
        const bool lower_case = plain && std::any_of(c->text.begin(), c->text.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
        Role role = Role::Content;
        if (plain && (korean::is_question_word(word) || korean::is_question_verb(word) ||
                      (lower_case && english::is_question_word(word))))
            role = Role::Question;
        else if (plain && (korean::is_function_word(word) || (lower_case && english::is_function_word(word))))
            role = Role::Function;
        if (plain && (role == Role::Question || !korean::question_ending(word).empty() || c->text.ends_with("?") ||
                      c->text.ends_with("？")))
            asks = true;
        if (role == Role::Content && plain) ++content_words;
        roles.push_back(role);
        plain_words.push_back(plain ? word : std::string());
    }
    out.question = asks || content_words >= kLongQueryWords;
    if (out.question)
        for (std::size_t g = 0; g < roles.size(); ++g)
            if (roles[g] == Role::Content && !plain_words[g].empty()) out.asked.push_back(plain_words[g]);

    std::vector<Q> units, question_units, adjacent, title_units, excluded, required;
    std::vector<Q> question_matchers;
    std::vector<Q> predicate_matchers;  // a question's predicate: counted only when nothing else is
    std::string previous_word;  // the last plain content word, for adjacency
    Highlight adjacent_highlight;
    bool all_plain = true;
    for (std::size_t g = 0; g < parsed.groups.size(); ++g) {
        const QueryGroup& group = parsed.groups[g];
        const Role role = roles[g];
        std::string word = plain_words[g];
        bool stripped = false;  // a question's ending taken off the word: its predicate
        // A question's verb keeps its stem (승인했나요 → 승인): the ending asks, the stem ranks.
        if (out.question && role == Role::Content && !word.empty())
            if (const std::string_view ending = korean::question_ending(word); !ending.empty()) {
                word.resize(word.size() - ending.size());
                stripped = true;
                for (std::string_view light : {"하", "되", "했", "됐", "받"})
                    if (word.size() >= 3 * kSyllable && word.ends_with(light)) word.resize(word.size() - light.size());
                if (word.size() < 2 * kSyllable) continue;
            }
        const bool plain_content = !word.empty() && role == Role::Content;
        // Two plain content words in a row (question and function words are never paired).
        if (plain_content && !previous_word.empty())
            if (Q q = expander_->adjacent_words(previous_word, word, adjacent_highlight); !q.empty()) adjacent.push_back(q);
        previous_word = plain_content ? word : std::string();
        if (plain_content) {
            Clause in_title{ClauseKind::Word, Field::Title, word};
            if (Q q = expander_->ranking_of(in_title); !q.empty()) title_units.push_back(q);
        } else if (role == Role::Content) {
            all_plain = false;
        }

        std::vector<Q> ranks, matches;
        Highlight group_highlight;
        for (const Clause& c : group.alternatives) {
            if (c.field == Field::Ministry || c.field == Field::Department) {
                auto& list = c.field == Field::Ministry ? (c.excluded ? excluded_ministries : all.ministries)
                                                              : (c.excluded ? excluded_departments : all.departments);
                list.push_back(c.text);
                continue;
            }
            Clause analysed = c;
            if (stripped) analysed.text = word;
            const Concept meaning = expander_->clause(analysed);
            if (c.excluded) {
                if (Q m = meaning.matcher(); !m.empty()) excluded.push_back(m);
                continue;
            }
            Q rank = meaning.ranking();
            // A day or month named in the query also ranks releases of that date.
            if (c.kind == ClauseKind::Word)
                if (Q d = expander_->date_word(c.text); !d.empty()) rank = rank.empty() ? d : Q(Q::OP_OR, rank, d);
            if (role == Role::Function) rank = scaled(kFunctionWordWeight, rank);
            if (stripped) rank = scaled(kQuestionPredicateWeight, rank);
            ranks.push_back(rank);
            matches.push_back(meaning.matcher());
            if (c.required && !meaning.matcher().empty()) required.push_back(meaning.matcher());
            group_highlight.add(meaning.highlight());
        }
        const Q rank = combine(Q::OP_OR, ranks);
        // Every alternative must have something that counts, or the group cannot require it.
        const bool counted = role == Role::Content && !matches.empty() &&
                             std::none_of(matches.begin(), matches.end(), [](const Q& m) { return m.empty(); });
        if (role == Role::Question) {
            if (!rank.empty()) question_units.push_back(rank);
            if (!matches.empty()) question_matchers.push_back(combine(Q::OP_OR, matches));
            if (out.question) continue;
        } else if (role == Role::Function && out.question) {
            continue;  // neither matches nor counts in a question
        }
        if (rank.empty() && !counted) continue;
        if (!rank.empty()) units.push_back(rank);
        // The predicate does not count toward "most of the words": the answer often says it
        // another way (11곳 선정 for 선정됐나요, 뽑혀).
        if (counted && stripped) predicate_matchers.push_back(combine(Q::OP_OR, matches));
        else if (counted) out.concept_matchers.push_back(combine(Q::OP_OR, matches));
        if (role != Role::Question) out.highlight.concepts.push_back(std::move(group_highlight));
    }
    // A question of its predicate alone ("승인했나요?") counts it.
    if (out.concept_matchers.empty()) out.concept_matchers = std::move(predicate_matchers);
    // A query of question words alone ("언제?") searches for them.
    if (units.empty() && !question_units.empty()) {
        units = std::move(question_units);
        out.concept_matchers = std::move(question_matchers);
    }

    const Profile& weights = profile(out.question);
    Q ranking;
    if (units.size() > 1) {
        // Releases with every group score the AND on top of the OR: all words above some.
        ranking = combine(Q::OP_OR, units);
        if (weights.all_words_bonus > 0)
            ranking = Q(Q::OP_OR, scaled(weights.all_words_bonus, combine(Q::OP_AND, units)), ranking);
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
            ranking = Q(Q::OP_OR, ranking, scaled(kAllButOneBonus, combine(Q::OP_OR, all_but_one)));
        }
        if (!adjacent.empty()) ranking = Q(Q::OP_OR, ranking, scaled(weights.adjacent_weight, combine(Q::OP_OR, adjacent)));
        if (all_plain && title_units.size() == units.size())
            ranking = Q(Q::OP_OR, ranking, scaled(kTitleBonus, combine(Q::OP_AND, title_units)));
    } else if (units.size() == 1) {
        ranking = units.front();
    }
    if (!adjacent.empty() && !out.highlight.concepts.empty()) out.highlight.concepts.front().add(adjacent_highlight);

    out.concepts = out.concept_matchers.size();
    out.question_min = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(kQuestionShare * static_cast<double>(out.concepts))));
    out.selects = !units.empty() || !out.concept_matchers.empty() || !required.empty() || !excluded.empty() ||
                  !all.ministries.empty() || !all.departments.empty() || !all.dates.empty() ||
                  !all.excluded_dates.empty() || !excluded_ministries.empty() || !excluded_departments.empty();

    std::vector<Q> filter_parts;
    if (!all.ministries.empty()) filter_parts.push_back(any_of(Field::Ministry, all.ministries));
    if (!all.departments.empty()) filter_parts.push_back(any_of(Field::Department, all.departments));
    for (const DateRange& r : all.dates) filter_parts.push_back(date_range_query(r));
    if (!excluded_ministries.empty()) excluded.push_back(any_of(Field::Ministry, excluded_ministries));
    if (!excluded_departments.empty()) excluded.push_back(any_of(Field::Department, excluded_departments));
    for (const DateRange& r : all.excluded_dates) excluded.push_back(date_range_query(r));

    out.ranking = ranking;
    out.required = combine(Q::OP_AND, required);
    out.filter = combine(Q::OP_AND, filter_parts);
    out.excluded = combine(Q::OP_OR, excluded);

    // Every counted concept required; the ranking scores what they match.
    Q query;
    const Q every = combine(Q::OP_AND, out.concept_matchers);
    if (!every.empty()) query = ranking.empty() ? every : Q(Q::OP_AND_MAYBE, every, ranking);
    else query = ranking.empty() ? Q(Q::MatchAll) : ranking;
    out.all = out.restrict(query);
    return out;
}

}  // namespace bodo
