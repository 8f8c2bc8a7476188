#include "schema/schema.h"

#include <fmt/format.h>

#include "schema/stored_release.h"

namespace bodo {

std::string boolean_term(Field field, std::string_view value) {
    std::string term(prefix(field));
    // Xapian terms are limited to 245 bytes; long values (URLs, paths) are hashed.
    constexpr std::size_t kMaxValue = 200;
    if (value.size() > kMaxValue) {
        term += value.substr(0, 100);
        term += fmt::format("#{:016x}", stable_hash(value));
    } else {
        term += value;
    }
    return term;
}

std::string order_key(std::string_view yyyymmdd, std::string_view id) {
    std::string key(yyyymmdd.size() == 8 ? yyyymmdd : "00000000");
    key += id;
    return key;
}

std::string_view id_of_order_key(std::string_view key) noexcept { return key.size() > 8 ? key.substr(8) : std::string_view(); }

std::optional<Field> field_by_query_name(std::string_view name) {
    for (const auto& s : kFields)
        if (!name.empty() && (s.name == name || s.alias == name)) return s.field;
    return std::nullopt;
}

}  // namespace bodo
