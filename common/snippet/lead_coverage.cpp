#include "snippet/lead_coverage.h"

#include <cmath>
#include <unordered_set>

#include "schema/ranking.h"
#include "schema/schema.h"
#include "text/hangul.h"
#include "text/utf8.h"

namespace bodo {

LeadCoverage::LeadCoverage(const Xapian::Database& db, const std::vector<std::string>& words) {
    const double releases = db.get_doccount();
    for (const std::string& word : words)
        for (std::string& term : terms_of(word)) {
            if (weight_.count(term)) continue;
            // BM25's inverse document frequency, never negative.
            const double df = db.get_termfreq(term);
            const double idf = std::log((releases - df + 0.5) / (df + 0.5) + 1.0);
            total_ += idf;
            weight_.emplace(std::move(term), idf);
        }
}

std::vector<std::string> LeadCoverage::terms_of(std::string_view text) const {
    std::vector<Token> tokens;
    Positions positions;
    positions.body_rules();  // bigrams within words, as in a body
    analyzer_.analyze(text, tokens, positions);
    std::vector<std::string> out;
    for (const Token& t : tokens) {
        if (t.kind == TermKind::Bigram) {
            out.push_back(text_term(Field::Text, TermKind::Bigram, t.term));
        } else if (t.kind == TermKind::Word || (t.kind == TermKind::Part && t.term.size() > 1)) {
            // Latin and digit tokens (g7, ai; k2 of K2를, not its k and 2), not Hangul words:
            // their bigrams stand for them.
            bool hangul = false;
            for (std::size_t i = 0; i < t.term.size() && !hangul;)
                hangul = text::is_hangul_syllable(text::next_code_point(t.term, i));
            if (!hangul) out.push_back(text_term(Field::Text, TermKind::Word, t.term));
        }
    }
    return out;
}

double LeadCoverage::of(std::string_view body) const {
    if (empty()) return 0;
    // The first kLeadChars characters (code points), cut at a character boundary.
    std::size_t end = 0;
    for (std::size_t chars = 0; end < body.size() && chars < ranking::kLeadChars; ++chars) text::next_code_point(body, end);
    std::unordered_set<std::string> seen;
    double held = 0;
    for (std::string& term : terms_of(body.substr(0, end))) {
        const auto it = weight_.find(term);
        if (it != weight_.end() && seen.insert(std::move(term)).second) held += it->second;
    }
    return held / total_;
}

}  // namespace bodo
