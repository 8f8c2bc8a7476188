#pragma once
// The sample corpus (corpus/) indexed once by bodo-index, for the tests that run the programs.
#include <string>

#include <catch2/catch.hpp>

#include "run_command.h"
#include "temp_dir.h"

namespace bodo::test {

/// The path of an index of the sample corpus, built on first use for the whole test run.
inline const std::string& sample_index() {
    static TempDir dir;
    static const std::string db = [] {
        const std::string path = dir / "index";
        const auto r = run_command(std::string(BODO_INDEX_BIN) + " --quiet --db " + sh_quote(path) + " " +
                                   sh_quote(std::string(BODO_SOURCE_DIR) + "/corpus") + " 2>&1");
        INFO(r.out);
        REQUIRE(r.exit_code == 0);
        return path;
    }();
    return db;
}

}  // namespace bodo::test
