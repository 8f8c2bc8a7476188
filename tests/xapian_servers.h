#pragma once
// Test helpers for remote shards: xapian-tcpsrv servers on loopback ports, and a "slow" server
// that accepts connections and never answers. Every process started here is stopped by the
// destructor (its whole process group: xapian-tcpsrv forks a child per connection).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace bodo::test {

/// The full path of a program on $PATH, or "" when there is none.
inline std::string find_program(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = dirs.find(':', start);
        const std::string dir = dirs.substr(start, end == std::string::npos ? std::string::npos : end - start);
        const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return "";
}

/// A loopback socket bound to a port the kernel chose; listening when `listen_now`.
inline int bound_socket(unsigned& port, bool listen_now) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket() failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0 || (listen_now && ::listen(fd, 16) != 0)) {
        ::close(fd);
        throw std::runtime_error("cannot bind a loopback port");
    }
    port = ntohs(addr.sin_port);
    return fd;
}

/// A port that was free a moment ago (bound to port 0, then released).
inline unsigned free_port() {
    unsigned port = 0;
    ::close(bound_socket(port, false));
    return port;
}

inline bool can_connect(unsigned port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

/// `xapian-tcpsrv --port P --interface 127.0.0.1 DB...`, in a process group of its own (its
/// SIGTERM handler signals its whole group), stopped at the end of the scope.
class TcpServer {
  public:
    static std::string program() { return find_program("xapian-tcpsrv"); }

    explicit TcpServer(const std::vector<std::string>& databases) {
        const std::string prog = program();
        if (prog.empty()) throw std::runtime_error("xapian-tcpsrv not found (Debian package xapian-tools)");
        for (int attempt = 0; attempt < 8; ++attempt) {
            port_ = free_port();
            if (start(prog, databases)) return;
        }
        throw std::runtime_error("xapian-tcpsrv did not start");
    }
    ~TcpServer() { stop(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    unsigned port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

    /// Stops the server and the children serving open connections.
    void stop() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGTERM);
        siginfo_t info{};
        for (int i = 0; i < 200; ++i) {  // up to 2 s for it to exit (looked at, not yet reaped)
            info.si_pid = 0;
            if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        // The unreaped leader keeps the group id ours: anything left in the group goes now.
        ::kill(-pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = 0;
    }

  private:
    bool start(const std::string& prog, const std::vector<std::string>& databases) {
        std::vector<std::string> args{prog, "--port", std::to_string(port_), "--interface", "127.0.0.1"};
        args.insert(args.end(), databases.begin(), databases.end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
        pid_t pid = 0;
        const int rc = ::posix_spawn(&pid, prog.c_str(), &actions, &attr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
        if (rc != 0) throw std::runtime_error("cannot start " + prog);
        pid_ = pid;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // exited: port taken, most likely
                pid_ = 0;
                return false;
            }
            if (can_connect(port_)) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        stop();
        return false;
    }

    unsigned port_ = 0;
    pid_t pid_ = 0;
};

/// A server that accepts connections (the kernel does, from its backlog) and never says a
/// word: a shard that hangs.
class SilentServer {
  public:
    SilentServer() : fd_(bound_socket(port_, true)) {}
    ~SilentServer() { ::close(fd_); }
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;
    unsigned port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  private:
    unsigned port_ = 0;
    int fd_;
};

}  // namespace bodo::test
