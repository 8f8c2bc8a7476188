#pragma once
/// @file
/// The best passages of a text for a query, with the matched words highlighted.

#include <cstddef>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "query/concept.h"
#include "snippet/snippet_part.h"

namespace bodo {

/// Makes snippets by analysing the text with the same Analyzer as the index, so what is
/// highlighted is exactly what was indexed and matched. Whole words are highlighted, never a
/// syllable at a time; the result is valid UTF-8 with white space folded.
class SnippetMaker {
  public:
    explicit SnippetMaker(HighlightSpec spec);

    /// About `max_chars` characters that show every query concept the text holds: the passage
    /// with the most distinct concepts (then the most matches), and, when it lacks some, up to
    /// kMaxPassages passages in text order joined by "…" (as Lucene's UnifiedHighlighter joins
    /// its best passages). The start of the text when nothing matches; "…" where text was cut.
    /// `body`: the text is a release's body, analysed by the body's rules (Positions::body_rules).
    std::vector<SnippetPart> make(std::string_view text, bool body, std::size_t max_chars = 200) const;

    /// The byte spans [start, end) of the words of `text` that match, sorted and merged.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> matches(std::string_view text, bool body) const;

    /// At most this many passages in a snippet.
    static constexpr std::size_t kMaxPassages = 3;

  private:
    /// A matched word and the concept it belongs to.
    struct Match {
        std::uint32_t start, end;
        std::size_t group;  ///< index into HighlightSpec::concepts
    };
    std::vector<Match> concept_matches(std::string_view text, bool body) const;

    HighlightSpec spec_;
    Analyzer analyzer_;
};

}  // namespace bodo
