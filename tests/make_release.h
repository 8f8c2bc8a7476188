#pragma once
// A release for tests, with a URL and source derived from its id.
#include <string>
#include <vector>

#include "release/release.h"

namespace bodo::test {

inline Release make_release(std::string id, std::string title, std::string body, std::string date,
                            std::string ministry, std::string department = "") {
    Release r;
    r.id = std::move(id);
    r.title = std::move(title);
    r.body = std::move(body);
    r.date = std::move(date);
    r.ministry = std::move(ministry);
    r.department = std::move(department);
    r.url = "https://example.org/" + r.id;
    r.source = "test";
    return r;
}

/// Adds `count` releases titled "<title> <n>" for each title: fillers that make the title's words
/// known to the index (a run-together word is split only at words seen often enough).
inline void add_fillers(std::vector<Release>& releases, const std::vector<std::string>& titles, int count = 20) {
    for (std::size_t t = 0; t < titles.size(); ++t)
        for (int i = 0; i < count; ++i) {
            const std::string n = std::to_string(i);
            releases.push_back(make_release("filler" + std::to_string(t) + "-" + n, titles[t] + " " + n, "본문",
                                            "2022-01-01", "외교부"));
        }
}

}  // namespace bodo::test
