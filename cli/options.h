#pragma once
/// @file
/// CLI11 option groups shared by bodo-index and bodo-search.

#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>

namespace bodo::cli {

/// Where the index lives unless --db says otherwise: $BODO_DB, else ~/.local/share/bodo/index.
inline std::string default_db() {
    if (const char* env = std::getenv("BODO_DB"); env && *env) return env;
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/bodo/index";
    return "bodo-index";
}

/// --db DIR.
inline CLI::Option* add_db_option(CLI::App& app, std::string& db) {
    db = default_db();
    return app.add_option("--db", db,
                          "Index directory (default: $BODO_DB, else ~/.local/share/bodo/index).\n"
                          "Example: --db ~/press/index")
        ->capture_default_str();
}

/// --version, printing "NAME VERSION".
inline void add_version(CLI::App& app, const std::string& name) {
    app.set_version_flag("--version", name + " " + BODO_VERSION, "Print the version and exit");
}

/// --colour auto|always|never (alias --color).
inline CLI::Option* add_colour_option(CLI::App& app, std::string& mode) {
    mode = "auto";
    return app.add_option("--colour,--color", mode,
                          "Colour: auto (only on a terminal, never with NO_COLOR set), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
}

}  // namespace bodo::cli
