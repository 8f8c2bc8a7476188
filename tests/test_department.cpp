// Tests of the department-in-charge recogniser on text shaped like real release bodies.
#include <catch2/catch.hpp>

#include <string>

#include "metadata/department.h"

using bodo::metadata::recognise_department;

TEST_CASE("department: labelled contact lines", "[department]") {
    CHECK(recognise_department("□ 디지털 포용 정책을 추진한다.\n\n담당 부서: 디지털포용정책팀 (044-202-6150)") ==
          "디지털포용정책팀");
    CHECK(recognise_department("내용\n담당부서 정보보호기획과\n") == "정보보호기획과");
    CHECK(recognise_department("내용\n【담당부서】 디지털인재양성과 (044-202-6300)") == "디지털인재양성과");
    CHECK(recognise_department("내용\n\n<담당 부서> 네트워크정책과 사무관 김철수(044-202-6600)") == "네트워크정책과");
    // 기획재정부: ministry, bureau and division: the division is the desk in charge.
    CHECK(recognise_department("자세한 사항은 첨부파일을 참고하시기 바랍니다.\n\n"
                               "문의. 기획재정부 경제정책국 거시정책과 황철환 (044-215-2836)") == "거시정책과");
    // 고용노동부 writes "문 의", with a contact list.
    CHECK(recognise_department("밝혔다.\n\n문 의: 안전보건감독기획과 이철호 (044-202-8904), 산재예방정책과 박신원") ==
          "안전보건감독기획과");
    CHECK(recognise_department("참고하시기 바랍니다.\n\n* 담당 : 재정정책과 권순현(044-205-3705)") == "재정정책과");
    CHECK(recognise_department("당부했다.\n\n담당: 경찰청 수사과 경정 김우석(02-3150-2626)") == "수사과");
    CHECK(recognise_department("바랍니다.\n\n* 담당자 : 스마트복지안전공동체추진단 위기가구발굴지원팀 최진경(044-205-6415)") ==
          "위기가구발굴지원팀");
    // A leading topic in parentheses and a sub-team after the division.
    CHECK(recognise_department("밝혔다.\n\n문 의: (임금체불)근로감독기획과 박경희(044-202-7552)") == "근로감독기획과");
    CHECK(recognise_department("\n담당부서\n 민원조사기획과(이동신문고팀)\n\n 팀장\n 이해준 ☏ 044-200-7321\n") ==
          "민원조사기획과");
    // The spokesperson's office ranks below the division named after it.
    CHECK(recognise_department("\n문의. 기획재정부 대변인 홍보담당관 이훈용 (044-215-2432)") == "홍보담당관");
}

TEST_CASE("department: flattened contact tables", "[department]") {
    // 국민권익위원회: the header table at the top of the release.
    CHECK(recognise_department("보도자료\n\n 자료배포\n 2021. 6. 28. (월)\n\n 담당부서\n 재정세무민원과\n\n 과장\n"
                               " 김창원 ☏ 044-200-7401\n\n 담당자\n 정승용 ☏ 044-200-7402\n\n국민권익위원회는 …") ==
          "재정세무민원과");
    // 산업통상자원부: the bureau first, the division after the head's cells.
    CHECK(recognise_department("밝혔다.\n\n담당 부서\n\n무역정책관\n\n책임자\n\n과 장\n\n박재정\n\n044-203-4030\n\n"
                               "무역진흥과\n\n담당자\n\n사무관\n\n이한솔\n\n044-203-4033") == "무역진흥과");
    CHECK(recognise_department("전했다.\n\n담당 부서\n\n소방청\n\n책임자\n\n과 장\n\n이오숙\n\n(044-205-7010)\n\n"
                               "대변인\n\n담당자\n\n소방위\n\n문현주") == "대변인");
    // 관세청: a heading row before the cells.
    CHECK(recognise_department("조치사항\n\n담당부서 및 연락처\n\n 1. 안전관리 강화\n\n관세국경감시과\n\n성용욱 과장\n\n"
                               "042-481-7820") == "관세국경감시과");
}

TEST_CASE("department: the closing contact sentence", "[department]") {
    CHECK(recognise_department("참고 1\n\n 이 보도자료와 관련하여 보다 자세한 내용이나 취재를 원하시면 중소벤처기업부 "
                               "정책평가과 임상철 사무관(☎ 044-204-7462)에게 연락주시기 바랍니다.") == "정책평가과");
    CHECK(recognise_department("취재를 원하시면 중소벤처기업부\n\n 지역기업육성과 이철한 사무관(☎ 042-481-1678)에게 "
                               "연락주시기 바랍니다.") == "지역기업육성과");
    CHECK(recognise_department("자세한 내용이나 취재를 원하시면\n\n행복청 비알티(BRT)기획팀 윤병상 사무관"
                               "(☎044-200-3297)에게 연락바랍니다.") == "비알티(BRT)기획팀");
}

TEST_CASE("department: a head named with the unit", "[department]") {
    CHECK(recognise_department("▲과수과장 김명수\n") == "과수과");
    CHECK(recognise_department("산림청 이용권 산림교육치유과장은 “산림교육 전문과정 운영지침의 개정으로 …”이라고 밝혔다.") ==
          "산림교육치유과");
    CHECK(recognise_department("중기부 박상용 벤처혁신정책과장은 “제2벤처열기가 자리잡았다”며") == "벤처혁신정책과");
    CHECK(recognise_department("정원화 국립환경과학원 생물안전연구팀장은 “폐사체 수색을 강화하겠다”라고 말했다.") ==
          "생물안전연구팀");
    CHECK(recognise_department("보건복지부 이형훈 연금정책국장은 “기초연금 신청을 안내하겠다”고 밝혔다.") == "연금정책국");
    // A division beats a bureau wherever they appear.
    CHECK(recognise_department("김용석 도로국장은 말했다. 한편 박종민 사업총괄과장은 덧붙였다.") == "사업총괄과");
}

TEST_CASE("department: English releases", "[department]") {
    CHECK(recognise_department("The JCST was jointly headed by Jung Hee Kwon, Director-General of the International "
                               "Cooperation Bureau at the MSIT and Prue Williams.") ==
          "International Cooperation Bureau");
    CHECK(recognise_department("said Kim, Director of the Information and Communications Policy Division.") ==
          "Information and Communications Policy Division");
    // A bureau named with no head is no contact ("Bureau International des Expositions").
    CHECK(recognise_department("the visit of the Bureau International des Expositions (BIE) to Busan").empty());
}

TEST_CASE("department: no guess when nothing matches", "[department]") {
    CHECK(recognise_department("").empty());
    CHECK(recognise_department("(본문 없음)").empty());
    CHECK(recognise_department("첨부파일 참고").empty());
    // "과장" as in exaggeration, and "국·과장" (directors and heads) are no unit.
    CHECK(recognise_department("허위·과장 광고를 금지하고 국·과장 참석 회의를 열었다.").empty());
    // A department label inside a sentence is prose.
    CHECK(recognise_department("시·군·구 보육 담당 부서, 어린이집 이용불편·부정신고센터에 신고할 수 있다.").empty());
    CHECK(recognise_department("위반 신고를 받은 담당부서에서 사실진위 여부를 조사한다.").empty());
    // Ordinary words that end like units do not count.
    CHECK(recognise_department("문의: 결과 통보 예정 (02-123-4567)").empty());
    CHECK(recognise_department("문의) 콜센터 1522-6487").empty());
    // A title next to a word that is no name.
    CHECK(recognise_department("소비자정책과장 등을 포함한 관계자가 참석했다.").empty());
    // A personnel list names many heads: none of them is the contact.
    CHECK(recognise_department("□ 과장급 전보\n▲기획총괄과장 김철수\n▲운영지원과장 이영희\n▲감사담당과장 박민수\n").empty());
    // The empty header row of an English page's contact table.
    CHECK(recognise_department("담당부서 작성자 연락처\n\n- The Fifth Korea-New Zealand Joint Committee held").empty());
}
