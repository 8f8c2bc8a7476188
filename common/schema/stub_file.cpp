#include "schema/stub_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/trim.h"

namespace bodo {
namespace {

namespace fs = std::filesystem;

/// `s` without spaces and tabs around it, nor the '\r' of a CRLF line end.
std::string trim(std::string_view s) { return std::string(text::trim_start(text::trim_end(s, " \t\r"), " \t")); }

std::optional<unsigned> parse_port(std::string_view s) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), port);
    if (ec != std::errc() || end != s.data() + s.size() || port == 0 || port > 65535) return std::nullopt;
    return port;
}

/// A regular file whose first bytes contain a NUL is a database (single-file glass), not a stub.
bool looks_like_text(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    char buf[512];
    in.read(buf, sizeof buf);
    return in.gcount() > 0 && std::memchr(buf, '\0', static_cast<std::size_t>(in.gcount())) == nullptr;
}

/// fsync(2) of a file or directory by name (best effort: a stub that names a database must not
/// outlive a power cut that the database itself would not).
void sync_path(const std::string& path, bool directory) {
    const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::string StubEntry::name() const {
    switch (kind) {
        case Kind::Auto:
        case Kind::Glass: return path;
        case Kind::RemoteTcp: return host + ":" + std::to_string(port);
        case Kind::RemoteProgram: return args.empty() ? program : program + " " + args;
    }
    return path;
}

std::string StubEntry::line() const {
    switch (kind) {
        case Kind::Auto: return "auto " + path;
        case Kind::Glass: return "glass " + path;
        case Kind::RemoteTcp:
            return "remote " + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
        case Kind::RemoteProgram: return "remote :" + program + (args.empty() ? "" : " " + args);
    }
    return "";
}

std::string StubEntry::resolved_path(const std::string& stub_file) const {
    const fs::path p(path);
    if (p.is_absolute()) return path;
    return (fs::path(stub_file).parent_path() / p).lexically_normal().string();
}

std::vector<StubEntry> read_stub(const std::string& stub_file) {
    std::ifstream in(stub_file);
    if (!in) throw StubError("cannot read stub file " + stub_file + ": " + std::strerror(errno));
    std::vector<StubEntry> entries;
    std::string raw;
    unsigned line_no = 0;
    while (std::getline(in, raw)) {
        ++line_no;
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#') continue;
        const auto bad = [&](const std::string& why) {
            return StubError(stub_file + ":" + std::to_string(line_no) + ": " + why + " (expected 'glass PATH', "
                             "'auto PATH', 'remote HOST:PORT', 'remote tcp HOST PORT' or 'remote :PROGRAM ARGS')");
        };
        const auto space = line.find(' ');
        const std::string type = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : trim(line.substr(space + 1));
        StubEntry e;
        if (type == "glass" || type == "auto") {
            if (rest.empty()) throw bad("no path");
            e.kind = type == "glass" ? StubEntry::Kind::Glass : StubEntry::Kind::Auto;
            e.path = rest;
        } else if (type == "remote") {
            if (rest.empty()) throw bad("no server");
            if (rest[0] == ':') {
                e.kind = StubEntry::Kind::RemoteProgram;
                const auto sp = rest.find(' ');
                e.program = rest.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
                if (sp != std::string::npos) e.args = trim(rest.substr(sp + 1));
                if (e.program.empty()) throw bad("no program");
            } else {
                e.kind = StubEntry::Kind::RemoteTcp;
                std::istringstream words(rest);
                std::vector<std::string> w;
                for (std::string s; words >> s;) w.push_back(s);
                std::string host, port;
                if (w.size() == 3 && w[0] == "tcp") {  // bodo's `remote tcp HOST PORT`
                    host = w[1];
                    port = w[2];
                } else if (w.size() == 1 && w[0].rfind(':') != std::string::npos) {  // Xapian's HOST:PORT
                    const auto colon = w[0].rfind(':');
                    host = w[0].substr(0, colon);
                    port = w[0].substr(colon + 1);
                    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
                } else {
                    throw bad("bad remote server");
                }
                const auto p = parse_port(port);
                if (host.empty() || !p) throw bad("bad host or port");
                e.host = host;
                e.port = *p;
            }
        } else {
            throw bad("unknown database type '" + type + "'");
        }
        entries.push_back(std::move(e));
    }
    if (in.bad()) throw StubError("cannot read stub file " + stub_file);
    return entries;
}

void write_stub(const std::string& stub_file, const std::vector<StubEntry>& entries, const std::string& comment) {
    const std::string tmp = stub_file + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) throw StubError("cannot write " + tmp + ": " + std::strerror(errno));
        if (!comment.empty()) {
            std::istringstream lines(comment);
            for (std::string l; std::getline(lines, l);) out << "# " << l << '\n';
        }
        for (const StubEntry& e : entries) out << e.line() << '\n';
        out.flush();
        if (!out) throw StubError("cannot write " + tmp);
    }
    sync_path(tmp, false);
    std::error_code ec;
    fs::rename(tmp, stub_file, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw StubError("cannot replace " + stub_file + ": " + ec.message());
    }
    const fs::path parent = fs::path(stub_file).parent_path();
    sync_path(parent.empty() ? "." : parent.string(), true);
}

std::optional<std::string> find_stub(const std::string& db_path) {
    std::error_code ec;
    const fs::file_status st = fs::status(db_path, ec);
    if (ec) return std::nullopt;
    if (fs::is_regular_file(st)) {
        if (looks_like_text(db_path)) return db_path;
        return std::nullopt;
    }
    if (fs::is_directory(st)) {
        if (fs::exists(fs::path(db_path) / "iamglass", ec)) return std::nullopt;  // a database itself
        for (const char* name : {kStubFileName, kXapianStubFileName}) {
            const fs::path stub = fs::path(db_path) / name;
            if (fs::is_regular_file(stub, ec)) return stub.string();
        }
    }
    return std::nullopt;
}

std::optional<unsigned> numbered(std::string_view name, std::string_view prefix) {
    if (name.size() <= prefix.size() || name.size() > prefix.size() + 9 || name.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    unsigned n = 0;
    for (char c : name.substr(prefix.size())) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + unsigned(c - '0');
    }
    return n;
}

std::optional<unsigned> generation_of(const std::vector<StubEntry>& entries) {
    if (entries.empty() || entries.size() > 2 ||
        !std::all_of(entries.begin(), entries.end(), [](const StubEntry& e) { return e.local(); }))
        return std::nullopt;
    const std::optional<unsigned> g = numbered(entries.back().path, kGenerationPrefix);
    if (!g || (entries.size() == 2 && numbered(entries.front().path, kDeltaPrefix) != g)) return std::nullopt;
    return g;
}

}  // namespace bodo
