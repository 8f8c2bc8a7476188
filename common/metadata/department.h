#pragma once
/// @file
/// Finding the department in charge (담당부서) in the free text of a release.

#include <string>
#include <string_view>

namespace bodo::metadata {

/// The department in charge named in a release's text, or "" when the text names none.
///
/// Recognises the shapes releases actually use, most reliable first:
///  - labelled contacts at the start of a line: "담당 부서: 디지털포용정책팀", "<담당부서> …",
///    the header table "담당부서⏎재정세무민원과⏎과장⏎…", "담당: 경찰청 형사과 경정 …",
///    "문의. 기획재정부 경제정책국 거시정책과 …", "문 의: 인적자원개발과 …";
///  - the closing sentence "…취재를 원하시면 중소벤처기업부 정책평가과 … 사무관(☎ …)에게 연락…";
///  - a division head named with the division: "과수과장 김명수", "이용권 산림교육치유과장은";
///    a bureau head likewise ("연금정책국장"), as a last resort; a list naming heads of three or more units
///    (a personnel or guest list) gives none;
///  - English: "Director-General of the International Cooperation Bureau".
/// Among the units a contact names, the most specific wins (과/팀 over 국/실 over the ministry),
/// since that is the desk in charge. Ministry names alone are never returned.
std::string recognise_department(std::string_view text);

}  // namespace bodo::metadata
