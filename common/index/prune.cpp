#include "index/prune.h"

#include <algorithm>
#include <exception>

#include "schema/schema.h"
#include "schema/stored_release.h"

namespace bodo {
namespace {

/// boolean_term() keeps the first 100 bytes of a value over 200 bytes, then "#" and 16 hex digits.
constexpr std::size_t kKeptBytes = 100;
constexpr std::size_t kHashedSize = kKeptBytes + 1 + 16;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

/// Whether a term's value may be a shortened (hashed) source rather than the source itself.
bool maybe_hashed(std::string_view value) {
    if (value.size() != kHashedSize || value[kKeptBytes] != '#') return false;
    return std::all_of(value.begin() + kKeptBytes + 1, value.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

enum class Decision { In, Out, Unknown };

}  // namespace

PruneScope PruneScope::directory(std::string dir) {
    PruneScope s;
    s.is_directory_ = true;
    s.name_ = dir;
    s.prefix_ = (dir.empty() || dir.back() == '/') ? dir : dir + "/";
    return s;
}

PruneScope PruneScope::file(std::string path) {
    PruneScope s;
    s.name_ = path;
    s.prefix_ = std::move(path);
    return s;
}

bool PruneScope::contains(std::string_view source) const {
    if (is_directory_) return starts_with(source, prefix_);
    return source == prefix_ || (starts_with(source, prefix_) && source.size() > prefix_.size() &&
                                 source[prefix_.size()] == ':');
}

std::uint64_t prune_documents(Xapian::WritableDatabase& db, const std::vector<PruneScope>& scopes,
                              const std::function<bool(Xapian::docid)>& keep) {
    const std::vector<Xapian::docid> doomed = find_pruned(db, scopes, keep);
    for (Xapian::docid d : doomed) db.delete_document(d);
    return doomed.size();
}

std::vector<Xapian::docid> find_pruned(const Xapian::Database& db, const std::vector<PruneScope>& scopes,
                                       const std::function<bool(Xapian::docid)>& keep) {
    const std::string xp(prefix(Field::Source));
    std::vector<Xapian::docid> doomed;
    for (const PruneScope& scope : scopes) {
        const std::string& p = scope.prefix_;
        // The term of a source in this scope begins with XP and the scope's first 100 bytes,
        // hashed or not.
        const std::string term_prefix = xp + p.substr(0, std::min(p.size(), kKeptBytes));
        for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix); ++t) {
            const std::string term = *t;
            const std::string_view value = std::string_view(term).substr(xp.size());
            Decision decision = scope.contains(value) ? Decision::In : Decision::Out;
            if (maybe_hashed(value)) {
                // The source is longer than the 100 bytes kept: decide on those when they suffice.
                const std::string_view head = value.substr(0, kKeptBytes);
                if (p.size() < kKeptBytes) {
                    decision = scope.is_directory_ ? (starts_with(head, p) ? Decision::In : Decision::Out)
                                                   : (starts_with(head, p + ":") ? Decision::In : Decision::Out);
                } else {
                    decision = Decision::Unknown;
                }
            }
            if (decision == Decision::Out) continue;
            for (auto d = db.postlist_begin(term); d != db.postlist_end(term); ++d) {
                if (keep(*d)) continue;
                if (decision == Decision::Unknown) {
                    try {
                        if (!scope.contains(decode_release(db.get_document(*d).get_data()).source)) continue;
                    } catch (const std::exception&) {
                        continue;  // data this version did not write: never delete what cannot be checked
                    }
                }
                doomed.push_back(*d);
            }
        }
    }
    std::sort(doomed.begin(), doomed.end());
    doomed.erase(std::unique(doomed.begin(), doomed.end()), doomed.end());
    return doomed;
}

}  // namespace bodo
