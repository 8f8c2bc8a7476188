#pragma once
// Runs a command line through the shell and captures its standard output and exit code.
#include <array>
#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace bodo::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
};

/// Runs `command` with /bin/sh; stderr goes where `command` redirects it (add 2>&1 to capture).
inline CommandResult run_command(const std::string& command) {
    CommandResult r;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

/// Quotes a string for /bin/sh.
inline std::string sh_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

}  // namespace bodo::test
