#include "metadata/ministries.h"

#include <array>
#include <utility>

namespace bodo::metadata {

namespace {

// The government's official English names (as used on korea.kr and ministry sites),
// including a few former names still met in older releases.
constexpr std::array<std::pair<std::string_view, std::string_view>, 46> ministry_table = {{
    {"Ministry of Economy and Finance", "기획재정부"},
    {"Ministry of Strategy and Finance", "기획재정부"},
    {"Ministry of Education", "교육부"},
    {"Ministry of Science and ICT", "과학기술정보통신부"},
    {"Ministry of Foreign Affairs", "외교부"},
    {"Ministry of Unification", "통일부"},
    {"Ministry of Justice", "법무부"},
    {"Ministry of National Defense", "국방부"},
    {"Ministry of the Interior and Safety", "행정안전부"},
    {"Ministry of Interior and Safety", "행정안전부"},
    {"Ministry of Patriots and Veterans Affairs", "국가보훈부"},
    {"Ministry of Culture, Sports and Tourism", "문화체육관광부"},
    {"Ministry of Agriculture, Food and Rural Affairs", "농림축산식품부"},
    {"Ministry of Trade, Industry and Energy", "산업통상자원부"},
    {"Ministry of Health and Welfare", "보건복지부"},
    {"Ministry of Environment", "환경부"},
    {"Ministry of Employment and Labor", "고용노동부"},
    {"Ministry of Gender Equality and Family", "여성가족부"},
    {"Ministry of Land, Infrastructure and Transport", "국토교통부"},
    {"Ministry of Oceans and Fisheries", "해양수산부"},
    {"Ministry of SMEs and Startups", "중소벤처기업부"},
    {"Ministry of Personnel Management", "인사혁신처"},
    {"Ministry of Government Legislation", "법제처"},
    {"Ministry of Food and Drug Safety", "식품의약품안전처"},
    {"Office for Government Policy Coordination", "국무조정실"},
    {"Financial Services Commission", "금융위원회"},
    {"Korea Fair Trade Commission", "공정거래위원회"},
    {"Anti-Corruption and Civil Rights Commission", "국민권익위원회"},
    {"Nuclear Safety and Security Commission", "원자력안전위원회"},
    {"Korea Communications Commission", "방송통신위원회"},
    {"Personal Information Protection Commission", "개인정보보호위원회"},
    {"National Tax Service", "국세청"},
    {"Korea Customs Service", "관세청"},
    {"Public Procurement Service", "조달청"},
    {"Statistics Korea", "통계청"},
    {"Korean Intellectual Property Office", "특허청"},
    {"Korea Meteorological Administration", "기상청"},
    {"Rural Development Administration", "농촌진흥청"},
    {"Korea Forest Service", "산림청"},
    {"Cultural Heritage Administration", "문화재청"},
    {"Korea Heritage Service", "국가유산청"},
    {"Korea Disease Control and Prevention Agency", "질병관리청"},
    {"Korean National Police Agency", "경찰청"},
    {"National Police Agency", "경찰청"},
    {"National Fire Agency", "소방청"},
    {"Korea Coast Guard", "해양경찰청"},
}};

// Short Korean names (약칭) and English acronyms in common use, by Korean name. Acronyms that
// are also ordinary words (MOU for 통일부, ME for 환경부) are left out: they would match every
// memorandum of understanding.
constexpr std::array<std::pair<std::string_view, std::string_view>, 54> alias_table = {{
    {"기획재정부", "기재부"},     {"기획재정부", "MOEF"},       {"과학기술정보통신부", "과기정통부"},
    {"과학기술정보통신부", "MSIT"}, {"외교부", "MOFA"},          {"법무부", "MOJ"},            {"국방부", "MND"},            {"행정안전부", "행안부"},
    {"행정안전부", "MOIS"},        {"국가보훈부", "보훈부"},      {"문화체육관광부", "문체부"},
    {"문화체육관광부", "MCST"},    {"농림축산식품부", "농식품부"}, {"농림축산식품부", "MAFRA"},
    {"산업통상자원부", "산업부"},   {"산업통상자원부", "MOTIE"},   {"보건복지부", "복지부"},
    {"보건복지부", "MOHW"},        {"고용노동부", "고용부"},
    {"고용노동부", "노동부"},       {"고용노동부", "MOEL"},        {"여성가족부", "여가부"},
    {"여성가족부", "MOGEF"},       {"국토교통부", "국토부"},      {"국토교통부", "MOLIT"},
    {"해양수산부", "해수부"},       {"해양수산부", "MOF"},         {"중소벤처기업부", "중기부"},
    {"중소벤처기업부", "MSS"},      {"인사혁신처", "인사처"},      {"식품의약품안전처", "식약처"},
    {"식품의약품안전처", "MFDS"},   {"국무조정실", "국조실"},      {"금융위원회", "금융위"},
    {"금융위원회", "FSC"},         {"공정거래위원회", "공정위"},   {"공정거래위원회", "KFTC"},
    {"국민권익위원회", "권익위"},   {"원자력안전위원회", "원안위"}, {"방송통신위원회", "방통위"},
    {"방송통신위원회", "KCC"},     {"개인정보보호위원회", "개인정보위"}, {"국세청", "NTS"},
    {"통계청", "KOSTAT"},          {"특허청", "KIPO"},           {"기상청", "KMA"},
    {"농촌진흥청", "농진청"},       {"농촌진흥청", "RDA"},         {"산림청", "KFS"},
    {"문화재청", "CHA"},           {"질병관리청", "질병청"},      {"질병관리청", "KDCA"},
    {"경찰청", "KNPA"},            {"해양경찰청", "해경청"},
}};

// Government bodies that issue releases, besides the Korean names of the table above: bodies
// without an English entry there, those created or renamed in the 2025 reorganisation, standing
// committees and headquarters, and institutes that issue their own releases.
constexpr std::array<std::string_view, 46> other_body_table = {{
    "국가보훈처", "병무청", "방위사업청", "새만금개발청", "행정중심복합도시건설청", "재외동포청", "우주항공청",
    "검찰청", "대검찰청", "감사원", "대통령실", "국무총리비서실", "국가정보원", "통상교섭본부",
    "산업통상부", "기후에너지환경부", "재정경제부", "기획예산처", "성평등가족부", "지식재산처", "국가데이터처",
    "방송미디어통신위원회", "저출산고령사회위원회", "경제사회발전노사정위원회", "탄소중립녹색성장위원회",
    "국민통합위원회", "국가물관리위원회", "무역위원회", "국가인권위원회", "중앙선거관리위원회",
    "가습기살균제피해구제위원회", "중앙사고수습본부", "중앙재난안전대책본부", "중앙방역대책본부",
    "국가기술표준원", "국립환경과학원", "국립생태원", "화학물질안전원", "국립야생동물질병관리원",
    "국립생물자원관", "국립낙동강생물자원관", "국립호남권생물자원관", "국립해양생물자원관",
    "국립과학수사연구원", "국립수산과학원", "국립산림과학원",
}};

/// The earliest of the names offered that `text` holds; the longest at a tie, so that 해양경찰청
/// is not 경찰청 and "Ministry of Interior and Safety" not a shorter name at the same place.
class EarliestName {
public:
    explicit EarliestName(std::string_view text) : text_(text) {}
    /// Offers `name`; true when it is now the earliest.
    bool offer(std::string_view name) {
        const auto at = text_.find(name);
        if (at == std::string_view::npos || at > at_ || (at == at_ && name.size() <= name_.size())) return false;
        name_ = name;
        at_ = at;
        return true;
    }
    std::string_view name() const { return name_; }
    std::size_t position() const { return at_; }

private:
    std::string_view text_, name_;
    std::size_t at_ = std::string_view::npos;
};

/// Calls `f` with the Korean name of every government body bodo knows (some more than once).
template <typename F>
void for_each_body(F&& f) {
    for (const auto& [english, korean] : ministry_table) f(korean);
    for (std::string_view korean : other_body_table) f(korean);
}

}  // namespace

std::string_view government_body(std::string_view name) {
    if (name.empty()) return {};
    if (const auto ministry = ministry_by_any_name(name); !ministry.empty()) return ministry;
    // 저출산·고령사회위원회 and 저출산고령사회위원회 are one body.
    std::string bare;
    for (std::size_t i = 0; i < name.size();) {
        if (name.substr(i, 2) == "\xc2\xb7") {  // · U+00B7
            i += 2;
        } else if (name.substr(i, 3) == "\xe3\x83\xbb" || name.substr(i, 3) == "\xe2\x80\xa7") {  // ・ ‧
            i += 3;
        } else if (name[i] == ' ') {
            ++i;
        } else {
            bare += name[i++];
        }
    }
    std::string_view found;
    for_each_body([&](std::string_view korean) {
        if (korean == bare) found = korean;
    });
    return found;
}

std::string_view first_government_body_named(std::string_view text) noexcept {
    EarliestName earliest(text);
    for_each_body([&](std::string_view korean) { earliest.offer(korean); });
    return earliest.name();
}

MinistryFiling ministry_filing(std::string_view ministry, std::string_view title, std::string_view body) {
    // How much of a body is searched for the issuing body: its opening says who speaks.
    constexpr std::size_t kBodyOpening = 2000;
    if (const std::string_view named = government_body(ministry); !named.empty()) return {named, false};
    std::string_view named = first_government_body_named(title);
    if (named.empty()) named = first_government_body_named(body.substr(0, kBodyOpening));
    if (named.empty()) return {};
    return {named, !ministry.empty()};
}

std::vector<std::string_view> ministry_aliases(std::string_view korean) {
    std::vector<std::string_view> out;
    for (const auto& [name, alias] : alias_table)
        if (name == korean) out.push_back(alias);
    for (const auto& [english, name] : ministry_table)
        if (name == korean) out.push_back(english);
    return out;
}

std::string_view ministry_by_any_name(std::string_view name) {
    for (const auto& [english, korean] : ministry_table)
        if (english == name || korean == name) return korean;
    for (const auto& [korean, alias] : alias_table)
        if (alias == name || korean == name) return korean;
    return {};
}

std::string_view korean_ministry_name(std::string_view english) noexcept {
    for (const auto& [name, korean] : ministry_table) {
        if (name == english) return korean;
    }
    return {};
}

MinistryMention first_ministry_mentioned(std::string_view text) noexcept {
    EarliestName earliest(text);
    MinistryMention best;
    for (const auto& [english, korean] : ministry_table)
        if (earliest.offer(english)) best = MinistryMention{english, korean, earliest.position()};
    return best;
}

}  // namespace bodo::metadata
