#include "analysis/korean.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "text/hangul.h"
#include "text/utf8.h"

namespace bodo::korean {
namespace {

constexpr std::size_t kSyllableBytes = 3;  // every Hangul syllable is 3 bytes in UTF-8

// Particles (조사) and plural 들 with particles: what may follow any noun, also a mixed word
// (AI를, 48진을, K-방역에서).
constexpr std::array kParticles = {
    // case and auxiliary particles
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만", "께", "나", "며",
    "으로", "에서", "에게", "께서", "한테", "까지", "부터", "보다", "처럼", "만큼", "마다", "이나",
    "이며", "이고", "라고", "라는", "이란", "에는", "에도", "로는", "로서", "로써", "와의", "과의",
    "에의", "조차", "마저", "이라", "이든", "든지", "밖에", "대로", "으로는", "으로서", "으로써",
    "에서는", "에서도", "에서의", "에게는", "에게도", "까지는", "부터는", "이라고", "이라는",
    "으로의", "로의", "에서부터", "에게서",
    // plural 들 alone and with particles
    "들", "들이", "들은", "들을", "들의", "들에", "들과", "들도", "들로", "들에게", "들이", "들께",
    "들에서", "들로부터",
};
// The commonest verbal endings of -하다/-되다 nouns and copulas, and question endings: these
// follow Hangul nouns only (a number's 인 of 10인 is a counter, not the copula).
constexpr std::array kEndings = {
    "하다", "한다", "했다", "하며", "하고", "하는", "하여", "해서", "하기", "하게", "하면", "했고",
    "했으며", "합니다", "했습니다", "하였다", "하였으며", "하였고", "하겠다", "하겠습니다", "한",
    "할", "함", "된다", "됐다", "되는", "되어", "되고", "되며", "되면", "되기", "되었다", "되었으며",
    "됩니다", "됐으며", "된", "될", "됨", "입니다", "이다", "였다", "이었다", "인", "적", "적인",
    "적으로", "화", "화를", "화의", "화에", "화된", "화한",
    // question endings, as in "발표됐나요", "대상인가요"
    "나요", "했나요", "됐나요", "인가요", "인지", "는지", "습니까", "합니까", "됩니까", "할까", "될까",
};

/// Suffixes grouped by their last syllable, longest first: a word is compared only with the few
/// suffixes that end like it (this runs for every Korean word indexed).
using SuffixIndex = std::unordered_map<std::string_view, std::vector<std::string_view>>;
template <typename... Lists>
SuffixIndex index_suffixes(const Lists&... lists) {
    SuffixIndex m;
    auto add = [&](std::string_view suffix) {
        auto& list = m[suffix.substr(suffix.size() - kSyllableBytes)];
        if (std::find(list.begin(), list.end(), suffix) == list.end()) list.push_back(suffix);
    };
    (std::for_each(lists.begin(), lists.end(), add), ...);
    for (auto& [last, list] : m) std::sort(list.begin(), list.end(), [](auto a, auto b) { return a.size() > b.size(); });
    return m;
}
const std::vector<std::string_view>& suffixes_ending_like(const SuffixIndex& index, std::string_view word) {
    static const std::vector<std::string_view> none;
    const auto it = index.find(word.substr(word.size() - kSyllableBytes));
    return it == index.end() ? none : it->second;
}

std::size_t syllables(std::string_view s) { return s.size() / kSyllableBytes; }

}  // namespace

bool all_syllables(std::string_view utf8) {
    if (utf8.empty() || utf8.size() % kSyllableBytes != 0) return false;
    for (std::size_t i = 0; i < utf8.size();) {
        if (!text::is_hangul_syllable(text::next_code_point(utf8, i))) return false;
    }
    return true;
}

std::vector<std::string> stem_candidates(std::string_view word) {
    std::vector<std::string> out;
    const std::size_t n = syllables(word);
    if (n < 3 || !all_syllables(word)) return out;
    static const SuffixIndex suffixes = index_suffixes(kParticles, kEndings);
    for (std::string_view suffix : suffixes_ending_like(suffixes, word)) {
        if (syllables(suffix) + 2 > n || !word.ends_with(suffix)) continue;
        std::string stem(word.substr(0, word.size() - suffix.size()));
        if (std::find(out.begin(), out.end(), stem) == out.end()) out.push_back(std::move(stem));
    }
    return out;
}

std::vector<std::string> mixed_stem_candidates(std::string_view whole, std::string_view last_part) {
    std::vector<std::string> out;
    if (last_part.size() >= whole.size() || !whole.ends_with(last_part) || !all_syllables(last_part)) return out;
    static const SuffixIndex particles = index_suffixes(kParticles);
    for (std::string_view suffix : suffixes_ending_like(particles, last_part)) {
        if (!last_part.ends_with(suffix)) continue;
        std::string stem(whole.substr(0, whole.size() - suffix.size()));
        if (std::find(out.begin(), out.end(), stem) == out.end()) out.push_back(std::move(stem));
    }
    return out;
}

std::vector<std::string> inflected_forms(std::string_view stem) {
    std::vector<std::string> out;
    if (syllables(stem) < 2 || !all_syllables(stem)) return out;
    auto add = [&](std::string_view suffix) {
        std::string form = std::string(stem).append(suffix);
        if (std::find(out.begin(), out.end(), form) == out.end()) out.push_back(std::move(form));
    };
    std::for_each(kParticles.begin(), kParticles.end(), add);
    std::for_each(kEndings.begin(), kEndings.end(), add);
    return out;
}

}  // namespace bodo::korean
