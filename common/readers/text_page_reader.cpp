#include "readers/text_page_reader.h"

#include <optional>
#include <vector>

#include "metadata/ministries.h"
#include "metadata/prose_dates.h"
#include "readers/dates.h"
#include "readers/record_support.h"
#include "text/ascii.h"
#include "text/trim.h"

namespace bodo::readers {

using text::trim;

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(trim(text.substr(pos, end - pos)));
        pos = end + 1;
    }
    return lines;
}

/// True for a headline ending in a month-and-day parenthesis: "… with New Zealand (Nov. 20)".
bool ends_with_month_day(std::string_view line) {
    if (line.size() < 8 || line.back() != ')') return false;
    const auto open = line.rfind('(');
    if (open == std::string_view::npos) return false;
    const auto inside = trim(line.substr(open + 1, line.size() - open - 2));
    const auto space = inside.find(' ');
    if (space == std::string_view::npos) return false;
    if (!metadata::english_month(inside.substr(0, space))) return false;
    const auto day = trim(inside.substr(space + 1));
    return !day.empty() && day.front() >= '0' && day.front() <= '9';
}

/// The licence footer ("KOGL Korea Open Government License …", 공공누리) starts the page's end.
bool is_footer(std::string_view line) {
    return line.substr(0, 4) == "KOGL" || line.find("Open Government License") != std::string_view::npos ||
           line.find("공공누리") != std::string_view::npos;
}

/// The empty header row of the department/author/contact table ("담당부서 작성자 연락처").
bool is_contact_table_header(std::string_view line) {
    if (line.empty()) return false;
    std::size_t pos = 0;
    while (pos < line.size()) {
        auto end = line.find(' ', pos);
        if (end == std::string_view::npos) end = line.size();
        const auto word = line.substr(pos, end - pos);
        if (!word.empty() && word != "담당부서" && word != "작성자" && word != "연락처" && word != "담당자" &&
            word != "Department" && word != "Writer" && word != "Author" && word != "Contact") {
            return false;
        }
        pos = end + 1;
    }
    return true;
}

/// "The works of the Ministry of Science and ICT can be used …": the publisher, in the footer.
std::string_view footer_publisher(std::string_view footer) {
    static constexpr std::string_view opener = "The works of the ";
    const auto at = footer.find(opener);
    if (at == std::string_view::npos) return {};
    const auto start = at + opener.size();
    const auto end = footer.find(" can be used", start);
    if (end == std::string_view::npos || end - start > 80) return {};
    return footer.substr(start, end - start);
}

/// A year-first date opening `line`, after a label such as "등록일 :" if any: "2024.03.05
/// 산업통상자원부", "등록일 2024. 3. 5.", "배포일시: 2024-03-05 09:00" (a Korean page's date line).
std::optional<std::string> date_opening(std::string_view line) {
    for (std::string_view label : {"보도일시", "배포일시", "등록일", "배포일", "작성일", "게시일", "보도일", "일자", "날짜"}) {
        if (line.starts_with(label)) {
            line.remove_prefix(label.size());
            break;
        }
    }
    line = trim(line);
    if (line.starts_with(":")) line.remove_prefix(1);
    if (line.starts_with("：")) line.remove_prefix(std::string_view("：").size());
    line = trim(line);
    if (line.size() < 8 || line[0] < '0' || line[0] > '9') return std::nullopt;
    // The longest run of the first words that is a date ("2024. 3. 5." is three words).
    std::vector<std::size_t> ends;
    for (std::size_t i = 0; i <= line.size(); ++i)
        if (i == line.size() || line[i] == ' ') ends.push_back(i);
    for (std::size_t k = std::min<std::size_t>(ends.size(), 4); k > 0; --k)
        if (auto date = parse_year_first_date(line.substr(0, ends[k - 1]))) return date;
    return std::nullopt;
}

std::string file_stem(std::string_view file_name) {
    const auto slash = file_name.find_last_of('/');
    if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
    if (text::ends_with_ascii_nocase(file_name, ".txt")) file_name.remove_suffix(4);
    return std::string(file_name);
}

}  // namespace

void read_text_page(std::string_view text, const std::string& source_name, std::string_view file_name,
                    const ReadHandlers& handlers) {
    const auto lines = split_lines(text);

    std::size_t footer = lines.size();
    std::size_t title_line = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (ends_with_month_day(lines[i])) {
            title_line = i;
            break;
        }
    }
    // Without a dated headline, navigation lines are the short ones: take the first long line.
    if (title_line == lines.size()) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].size() >= 40 && !is_footer(lines[i])) {
                title_line = i;
                break;
            }
        }
    }
    if (title_line == lines.size()) {
        report(handlers, source_name, 0, "missing title (no headline found in the page text)");
        return;
    }
    for (std::size_t i = title_line + 1; i < lines.size(); ++i) {
        if (is_footer(lines[i])) {
            footer = i;
            break;
        }
    }

    Release release;
    release.title = std::string(lines[title_line]);
    // Body paragraphs, one blank line between them however many the dump had.
    bool pending_break = false;
    for (std::size_t i = title_line + 1; i < footer; ++i) {
        const auto line = lines[i];
        if (line.empty()) {
            pending_break = !release.body.empty();
            continue;
        }
        if (is_contact_table_header(line)) continue;
        if (!release.body.empty()) release.body += pending_break ? "\n\n" : "\n";
        release.body.append(line);
        pending_break = false;
    }

    const auto date = metadata::date_from_english_text(release.title, release.body);
    release.date = date.date;
    // A Korean page states its date on a line of its own near the headline.
    for (std::size_t i = title_line > 3 ? title_line - 3 : 0; release.date.empty() && i < std::min(footer, title_line + 6); ++i)
        if (i != title_line)
            if (auto stated = date_opening(lines[i])) release.date = *stated;
    if (release.date.empty()) {
        warn(handlers, source_name, 0,
               (date.problem.empty() ? std::string("no date found in the page text") : date.problem) +
                   ": release kept without a date");
    }

    std::string footer_text;
    for (std::size_t i = footer; i < lines.size(); ++i) footer_text.append(lines[i]).append(" ");
    if (const auto publisher = footer_publisher(footer_text); !publisher.empty()) {
        const auto korean = metadata::korean_ministry_name(publisher);
        release.ministry = std::string(korean.empty() ? publisher : korean);
    } else if (const auto mention = metadata::first_ministry_mentioned(release.body); !mention.korean.empty()) {
        release.ministry = std::string(mention.korean);
    }

    release.id = "txt:" + file_stem(file_name);
    release.source = source_name;
    release.line = 0;
    deliver(handlers, std::move(release));
}

}  // namespace bodo::readers
