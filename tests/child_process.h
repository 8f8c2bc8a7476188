#pragma once
// Runs a program (bodo-index, bodo-search, tar) as a child process, without a shell: arguments
// as given, standard output and error captured in files, optional working directory, standard
// error on a pseudo-terminal, kill and wait, and the child's peak memory.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace bodo::test {

struct ChildResult {
    int exit_code = -1;  ///< -1 when killed by a signal
    int signal = 0;      ///< the signal that ended it, or 0
    std::string out, err;
    long max_rss_kb = 0;  ///< peak resident memory of the child
};

struct ChildOptions {
    std::string cwd;             ///< working directory ("" = this process's)
    std::string stdin_file;      ///< "" = /dev/null
    std::string stderr_tty;      ///< path of a pseudo-terminal for standard error ("" = a file)
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A running child process.
class Child {
  public:
    Child(const std::vector<std::string>& args, const ChildOptions& options = {}) {
        static std::atomic<int> counter{0};
        const std::string stem = (std::filesystem::temp_directory_path() /
                                  ("bodo-child-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
                                     .string();
        out_path_ = stem + ".out";
        err_path_ = stem + ".err";
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        const std::string in = options.stdin_file.empty() ? "/dev/null" : options.stdin_file;
        posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (options.stderr_tty.empty()) {
            posix_spawn_file_actions_addopen(&actions, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, options.stderr_tty.c_str(), O_RDWR | O_NOCTTY, 0);
        }
        if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        const int rc = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    }
    ~Child() {
        if (pid_ > 0 && !finished_) {
            ::kill(pid_, SIGKILL);
            wait();
        }
        ::unlink(out_path_.c_str());
        ::unlink(err_path_.c_str());
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return pid_; }

    /// Whether the child is still running (reaps it when it has ended).
    bool running() {
        if (finished_) return false;
        int status = 0;
        rusage usage{};
        const pid_t r = ::wait4(pid_, &status, WNOHANG, &usage);
        if (r == pid_) {
            record(status, usage);
            return false;
        }
        return true;
    }

    void kill(int sig) { ::kill(pid_, sig); }

    /// Waits for the end and collects what it wrote.
    ChildResult wait() {
        if (!finished_) {
            int status = 0;
            rusage usage{};
            while (::wait4(pid_, &status, 0, &usage) < 0 && errno == EINTR) {
            }
            record(status, usage);
        }
        result_.out = slurp(out_path_);
        result_.err = slurp(err_path_);
        return result_;
    }

  private:
    void record(int status, const rusage& usage) {
        finished_ = true;
        if (WIFEXITED(status)) result_.exit_code = WEXITSTATUS(status);
        if (WIFSIGNALED(status)) result_.signal = WTERMSIG(status);
        result_.max_rss_kb = usage.ru_maxrss;
    }

    pid_t pid_ = -1;
    bool finished_ = false;
    std::string out_path_, err_path_;
    ChildResult result_;
};

/// Runs a program to its end.
inline ChildResult run_child(const std::vector<std::string>& args, const ChildOptions& options = {}) {
    Child child(args, options);
    return child.wait();
}

}  // namespace bodo::test
