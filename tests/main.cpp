#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

namespace bodo::test {

namespace {
int failures_in_test_case = 0;

/// Counts the failed assertions of the running test case, for skip() in skip.h: a test case
/// that has failed is reported as failed, never as skipped.
struct FailureCounter : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseStarting(Catch::TestCaseInfo const& info) override {
        failures_in_test_case = 0;
        TestEventListenerBase::testCaseStarting(info);
    }
    bool assertionEnded(Catch::AssertionStats const& stats) override {
        if (!stats.assertionResult.isOk()) ++failures_in_test_case;
        return TestEventListenerBase::assertionEnded(stats);
    }
};
CATCH_REGISTER_LISTENER(FailureCounter)
}  // namespace

int failed_assertions() { return failures_in_test_case; }

}  // namespace bodo::test
