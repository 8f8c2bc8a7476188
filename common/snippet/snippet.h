#pragma once
/// @file
/// The best passage of a text for a query, with the matched words highlighted.

#include <cstddef>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "query/query_builder.h"
#include "search/response.h"

namespace bodo {

/// Makes snippets by analysing the text with the same Analyzer as the index, so what is
/// highlighted is exactly what was indexed and matched. Whole words are highlighted, never a
/// syllable at a time; the result is valid UTF-8 with white space folded.
class SnippetMaker {
  public:
    explicit SnippetMaker(HighlightSpec spec);

    /// About `max_chars` characters around the densest cluster of matches (the start of the
    /// text when nothing matches), with "…" where text was cut.
    /// `body`: the text is a release's body, analysed by the body's rules (Positions::body_rules).
    std::vector<SnippetPart> make(std::string_view text, bool body, std::size_t max_chars = 200) const;

    /// The byte spans [start, end) of the words of `text` that match, sorted and merged.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> matches(std::string_view text, bool body) const;

  private:
    HighlightSpec spec_;
    Analyzer analyzer_;
};

}  // namespace bodo
