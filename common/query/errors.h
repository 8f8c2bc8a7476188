#pragma once
/// @file
/// The one error the query layer throws.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace bodo {

/// A query, or a date given to --since/--until, that cannot be understood.
///
/// Only deliberate syntax can fail (a bad `date:` value, an empty field value); ordinary text never does.
/// The message names the offending part and, within a query, its character position.
class QuerySyntaxError : public std::runtime_error {
  public:
    explicit QuerySyntaxError(const std::string& message, std::size_t position = 0)
        : std::runtime_error(message), position_(position) {}

    /// 1-based position (in Unicode characters) of the offending clause in the query; 0 when the
    /// error is not tied to a query (a date given on its own).
    std::size_t position() const noexcept { return position_; }

  private:
    std::size_t position_;
};

}  // namespace bodo
