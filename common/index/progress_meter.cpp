#include "index/progress_meter.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace bodo {
namespace {

namespace fs = std::filesystem;

/// The read position of this process's open file `path` (0 when it is not open).
std::uint64_t position_of(const std::string& path) {
    std::error_code ec;
    for (auto it = fs::directory_iterator("/proc/self/fd", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::error_code link_error;
        if (fs::read_symlink(it->path(), link_error) != path || link_error) continue;
        std::ifstream info("/proc/self/fdinfo/" + it->path().filename().string());
        std::string key;
        std::uint64_t pos = 0;
        while (info >> key >> pos)
            if (key == "pos:") return pos;
    }
    return 0;
}

}  // namespace

ProgressMeter::ProgressMeter(const std::vector<std::string>& inputs) {
    for (const auto& input : inputs) {
        struct stat info {};
        std::error_code ec;
        if (input == "-" || ::stat(input.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return;
        paths_.push_back(fs::canonical(input, ec).string());
        sizes_.push_back(static_cast<std::uint64_t>(info.st_size));
        total_ += static_cast<std::uint64_t>(info.st_size);
    }
    known_ = total_ > 0 && fs::exists("/proc/self/fdinfo");
}

void ProgressMeter::start_input(std::size_t index) {
    done_ = 0;
    for (std::size_t i = 0; i < index && i < sizes_.size(); ++i) done_ += sizes_[i];
    current_ = index;
}

double ProgressMeter::share_read() const {
    if (!known_ || current_ >= paths_.size()) return 0;
    return double(std::min(total_, done_ + position_of(paths_[current_]))) / double(total_);
}

bool ProgressMeter::due(double seconds) {
    if (seconds - last_line_ <= kInterval) return false;
    last_line_ = seconds;
    return true;
}

std::string ProgressMeter::line(std::uint64_t releases, double seconds, bool final) const {
    std::string eta;
    if (const double f = share_read(); !final && f > 0.001 && seconds > 2)
        eta = fmt::format(", {:.0f}% read, ETA {}", 100 * f, duration_text(seconds * (1 - f) / f));
    return fmt::format("{} releases, {:.0f}/s, {}{}", releases, seconds > 0 ? double(releases) / seconds : 0.0,
                       duration_text(seconds), eta);
}

std::string duration_text(double seconds) {
    const auto s = static_cast<long>(seconds + 0.5);
    if (s >= 3600) return fmt::format("{}h{:02d}m", s / 3600, (s / 60) % 60);
    if (s >= 60) return fmt::format("{}m{:02d}s", s / 60, s % 60);
    return fmt::format("{}s", s);
}

}  // namespace bodo
