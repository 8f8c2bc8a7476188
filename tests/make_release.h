#pragma once
// A release for tests, with a URL and source derived from its id.
#include <string>

#include "readers/release.h"

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

}  // namespace bodo::test
