#pragma once
// Synthetic press releases as JSON Lines, deterministic, for tests that need many of them.
#include <cstdint>
#include <fstream>
#include <string>

namespace bodo::test {

/// Writes `n` releases with ids "syn-<first+i>" to `path`, one JSON object a line; titles and
/// bodies are drawn from a small Korean and English vocabulary (every body holds 보도).
inline void write_synthetic_jsonl(const std::string& path, std::size_t n, std::size_t first = 0,
                                  std::size_t body_words = 60) {
    static const char* const words[] = {
        "과학기술", "정보통신", "반도체", "전략", "회의", "개최", "지원", "확대", "정부는", "국민의", "안전을",
        "위해", "탄소중립", "기본계획", "발표했다", "인공지능", "디지털", "교육", "일자리", "청년", "지역",
        "경제", "산업", "혁신", "협력", "뉴질랜드와", "5G", "R&D", "COVID-19", "policy", "cooperation",
        "budget", "research", "2021년", "1조원", "추진", "점검", "강화", "대책", "마련"};
    constexpr std::size_t kWords = sizeof words / sizeof words[0];
    static const char* const ministries[] = {"과학기술정보통신부", "교육부", "환경부", "국토교통부", "보건복지부"};
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    std::uint64_t state = 0x9E3779B97F4A7C15ULL ^ first;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>(state >> 33);
    };
    std::string line;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = first + i;
        line = "{\"id\": \"syn-" + std::to_string(k) + "\", \"title\": \"";
        for (int w = 0; w < 5; ++w) line += std::string(w ? " " : "") + words[next() % kWords];
        line += "\", \"date\": \"" + std::to_string(2020 + k % 6) + "-0" + std::to_string(1 + k % 9) + "-1" +
                std::to_string(k % 10) + "\", \"ministry\": \"" + ministries[k % 5] +
                "\", \"url\": \"https://example.kr/syn/" + std::to_string(k) + "\", \"body\": \"보도 ";
        for (std::size_t w = 0; w < body_words; ++w) line += std::string(w ? " " : "") + words[next() % kWords];
        line += "\"}\n";
        out << line;
    }
}

}  // namespace bodo::test
