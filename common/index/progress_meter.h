#pragma once
/// @file
/// bodo-index's progress line: releases read, their rate, the time so far and, when the inputs
/// are plain files, how much of them is read and when it will be done.

#include <cstdint>
#include <string>
#include <vector>

namespace bodo {

/// Where the reading of a list of inputs stands, as one line of text.
///
/// The share read is known only when every input is a regular file (no directory, no standard
/// input): the position is read from /proc/self/fdinfo of the file being read, which costs the
/// readers nothing (for compressed files it counts compressed bytes, as does the total).
class ProgressMeter {
  public:
    /// Lines come at most this often (seconds), except the final one.
    static constexpr double kInterval = 0.5;

    explicit ProgressMeter(const std::vector<std::string>& inputs);

    /// Whether the share of the inputs read is known.
    bool share_known() const { return known_; }
    /// Input `index` is being read: the ones before it are done.
    void start_input(std::size_t index);
    /// The share of all input bytes read so far, 0 to 1 (0 when unknown).
    double share_read() const;

    /// Whether a line is due at `seconds` since the start (kInterval after the last one).
    bool due(double seconds);
    /// "1,234 releases, 410/s, 3s, 12% read, ETA 22s": `releases` read in `seconds`; the share
    /// and ETA only when known, after 2 s, and not on the `final` line.
    std::string line(std::uint64_t releases, double seconds, bool final) const;

  private:
    std::vector<std::string> paths_;
    std::vector<std::uint64_t> sizes_;
    std::uint64_t total_ = 0, done_ = 0;
    std::size_t current_ = 0;
    bool known_ = false;
    double last_line_ = 0;
};

/// A duration as "42s", "3m05s" or "1h07m".
std::string duration_text(double seconds);

}  // namespace bodo
