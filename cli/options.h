#pragma once
/// @file
/// CLI11 option groups shared by bodo-index and bodo-search.

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <string>
#include <vector>

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

/// The arguments (without the program name) with the options and their values first, then
/// "--" and every other argument in its order. CLI11 takes an argument that starts with '-' for
/// an option; after "--" it is a positional: `bodo-search 반도체 -삼성` excludes a word instead of
/// failing on an unknown option "-삼성". An unknown "--word" throws CLI::ExtrasError (a mistyped
/// --limit is no query word). Every option with a value must take one value a use, given as
/// `--name value` or `--name=value` (a short option with its value attached, -j4, is not known).
inline std::vector<std::string> positionals_last(const CLI::App& app, const std::vector<std::string>& args) {
    std::vector<std::string> options, positionals;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            positionals.insert(positionals.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            break;
        }
        const std::string name = arg.substr(0, arg.find('='));
        const CLI::Option* option = arg.size() > 1 && arg[0] == '-' ? app.get_option_no_throw(name) : nullptr;
        if (!option && !arg.starts_with("--")) {
            positionals.push_back(arg);
            continue;
        }
        if (!option) throw CLI::ExtrasError({arg});
        options.push_back(arg);
        if (name == arg && option->get_items_expected_min() > 0 && i + 1 < args.size()) options.push_back(args[++i]);
    }
    if (!positionals.empty()) {
        options.emplace_back("--");
        options.insert(options.end(), positionals.begin(), positionals.end());
    }
    return options;
}

/// Parses with positionals_last(); returns the exit code when parsing ends the program (0 after
/// --help or --version, `usage_error` after a usage error, which CLI11 has printed), else -1.
inline int parse_positionals_last(CLI::App& app, int argc, char** argv, int usage_error) {
    app.name(argv[0]);  // as CLI11's parse(argc, argv) would, for the usage line
    try {
        std::vector<std::string> args = positionals_last(app, std::vector<std::string>(argv + 1, argv + argc));
        std::reverse(args.begin(), args.end());  // CLI11's parse(vector) takes them last first
        app.parse(args);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : usage_error;
    }
    return -1;
}

}  // namespace bodo::cli
