// LeadCoverage: how much of a question the opening of a release's body holds.
#include <catch2/catch.hpp>

#include <string>

#include <xapian.h>

#include "schema/ranking.h"
#include "snippet/lead_coverage.h"

using bodo::LeadCoverage;

namespace {

/// `n` characters of text that hold none of the questions' words.
std::string filler(std::size_t n) {
    std::string out;
    while (out.size() < 3 * n) out += "가나 ";  // 3 characters in 7 bytes: more than n characters
    return out;
}

}  // namespace

TEST_CASE("the lead coverage is the share of a question's terms the opening holds", "[lead]") {
    // An empty index weighs every term alike.
    const Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const LeadCoverage lead(db, {"누리호", "발사는", "G7"});  // bigrams 누리, 리호, 발사, 사는; token g7
    CHECK(lead.of("누리호 발사는 G7 회의에서") == Approx(1.0));
    CHECK(lead.of("누리호 소식") == Approx(2.0 / 5.0));
    CHECK(lead.of("누리호를 발사하고") == Approx(3.0 / 5.0));  // 누리, 리호, 발사: inflected forms share bigrams
    CHECK(lead.of("") == Approx(0.0));
    CHECK(lead.of("g7") == Approx(1.0 / 5.0));  // Latin tokens fold case as the index does
}

TEST_CASE("only the first kLeadChars characters of a body are its lead", "[lead]") {
    const Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const LeadCoverage lead(db, {"누리호"});
    CHECK(lead.of("누리호 " + filler(bodo::ranking::kLeadChars)) == Approx(1.0));
    CHECK(lead.of(filler(bodo::ranking::kLeadChars) + " 누리호") == Approx(0.0));
}

TEST_CASE("a question of question words alone has no lead terms", "[lead]") {
    const Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    CHECK(LeadCoverage(db, {}).empty());
    CHECK(LeadCoverage(db, {}).of("누리호") == 0.0);
}
