#pragma once
/// @file
/// English names of the main Korean ministries and agencies, mapped to their Korean names,
/// so English-language releases file under the same ministry as Korean ones; and the Korean
/// names of the government bodies that issue releases, to tell a ministry field from debris.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bodo::metadata {

/// The Korean name for an English ministry name ("Ministry of Science and ICT" →
/// "과학기술정보통신부"), or empty when the name is not in the table.
std::string_view korean_ministry_name(std::string_view english) noexcept;

/// Other names of a ministry given by its Korean name: the Korean short name (과기정통부),
/// English names and acronyms (Ministry of Science and ICT, MSIT). Empty when unknown.
std::vector<std::string_view> ministry_aliases(std::string_view korean);

/// The Korean name of a ministry given by any of its names (과기정통부, MSIT, the English
/// name, or the Korean name itself); empty when the name is not known.
std::string_view ministry_by_any_name(std::string_view name);

/// The Korean name of the government body `name` names — a ministry, agency, committee or
/// institute that issues releases (2025's new names included), written with or without · and
/// spaces, or a ministry's other name (과기정통부, MSIT, its English name); empty when none.
std::string_view government_body(std::string_view name);

/// The government body whose Korean name comes first in `text` (the longest at a tie, so that
/// 해양경찰청 is not 경찰청); empty when none is named.
std::string_view first_government_body_named(std::string_view text) noexcept;

/// The government body a release is filed under, from ministry_filing().
struct MinistryFiling {
    std::string_view ministry;    ///< The Korean name to file under; empty: the field stays as it is.
    bool field_replaced = false;  ///< The field was set but named no government body.
};

/// Where a release with this ministry field, title and body is filed. A field that names a
/// government body is set to its Korean name (MSIT, 과기정통부 and 과학기술정보통신부 are one facet
/// value). An empty one is filled with the first body the title or the body's opening names, as
/// the department is filled from the text; one that names no government body — debris of an
/// extraction such as "수천억원", "소재부" or "위안부" in the shared archive (1,296 such values,
/// 2,574 releases) — is replaced by it (`field_replaced`, to be warned about). One named nowhere
/// is kept as it is.
MinistryFiling ministry_filing(std::string_view ministry, std::string_view title, std::string_view body);

/// A ministry named in English prose.
struct MinistryMention {
    std::string_view english;  ///< The name as it appears in the table.
    std::string_view korean;   ///< Its Korean name.
    std::size_t position = std::string_view::npos;  ///< Byte offset in the text; npos when none.
};

/// The earliest mention in `text` of a ministry in the table (the longest name wins at a tie).
MinistryMention first_ministry_mentioned(std::string_view text) noexcept;

}  // namespace bodo::metadata
