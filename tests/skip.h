#pragma once
// Test cases that cannot check what they are about on this machine (no shared archive, no
// xapian-tcpsrv, running as root, no pseudo-terminal) say so and are reported as skipped, not
// passed:
//
//     BODO_SKIP_UNLESS(test::have_shared(path), "shared corpus not found: " + path);
//
// ctest runs each test case alone with BODO_TEST_SKIP_CODE=77 in the environment and
// SKIP_RETURN_CODE 77 (tests/CMakeLists.txt): the reason is printed and bodo_tests exits with
// 77, so the case is listed under "The following tests did not run" as Skipped. A plain
// `bodo_tests` run (no such variable) prints the reason as a warning and goes on with the next
// test case. Check the precondition first, before any assertion where it can be; a test case
// that has already failed an assertion is never reported as skipped (it returns and fails).
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace bodo::test {

/// Assertions failed so far in the running test case (counted by a listener in main.cpp).
int failed_assertions();

/// Reports the test case as skipped for `reason` (see above). Returns when it is not run alone
/// by ctest or has failed already; the caller then returns from the test case.
inline void skip(const std::string& reason) {
    const char* code = std::getenv("BODO_TEST_SKIP_CODE");
    if (code && *code && failed_assertions() == 0) {
        std::cout << "skipped: " << reason << std::endl;
        std::exit(std::atoi(code));
    }
    WARN("skipped: " << reason);
}

/// The shared data folder (../shared beside the source, or $BODO_SHARED_DIR when set, which
/// lets a run check what it does without it: BODO_SHARED_DIR=/nonexistent ctest).
inline std::string shared_dir() {
    if (const char* dir = std::getenv("BODO_SHARED_DIR"); dir && *dir) return dir;
    return BODO_SHARED_DIR;
}

/// Whether this is a sanitizer build (BODO_SANITIZE, top-level CMakeLists.txt), whose runtime
/// changes what a process measures of itself (its peak memory).
inline bool sanitized() { return std::string(BODO_SANITIZE).size() > 0; }

/// Whether a file with no permissions is unreadable here (not so for root, or with
/// CAP_DAC_OVERRIDE): tried on a file of its own.
inline bool permissions_apply() {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("bodo-test-perm-" + std::to_string(::getpid()))).string();
    const int made = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (made < 0) return false;
    ::close(made);
    ::chmod(path.c_str(), 0);
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd >= 0) ::close(fd);
    std::remove(path.c_str());
    return fd < 0;
}

}  // namespace bodo::test

/// Skips the rest of the test case (see above) unless `condition` holds.
#define BODO_SKIP_UNLESS(condition, reason)     \
    do {                                        \
        if (!(condition)) {                     \
            ::bodo::test::skip(reason);         \
            return;                             \
        }                                       \
    } while (false)
