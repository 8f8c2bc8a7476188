#include "output/json_writer.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace bodo {

namespace {

using Json = nlohmann::ordered_json;

Json hit_to_json(const Hit& hit) {
    std::string snippet;
    Json highlights = Json::array();
    // The snippet in order, each piece marked: where a highlighted word also occurs plain,
    // only the parts say which occurrence is the match.
    Json parts = Json::array();
    for (const SnippetPart& part : hit.snippet) {
        snippet += part.text;
        if (part.highlighted) highlights.push_back(part.text);
        parts.push_back(Json{{"text", part.text}, {"highlight", part.highlighted}});
    }
    Json j = Json::object();
    j["id"] = hit.id;
    j["rank"] = hit.rank;
    j["score"] = hit.score;
    j["title"] = hit.title;
    j["date"] = hit.date;
    j["ministry"] = hit.ministry;
    j["department"] = hit.department;
    j["url"] = hit.url;
    j["snippet"] = std::move(snippet);
    j["highlights"] = std::move(highlights);
    j["snippet_parts"] = std::move(parts);
    return j;
}

}  // namespace

std::string to_json_line(const SearchResponse& response) {
    Json j = Json::object();
    if (!response.qid.empty()) j["qid"] = response.qid;
    j["query"] = response.query;
    j["total"] = response.total;
    j["total_exact"] = response.total_exact;
    j["match"] = response.match == MatchKind::All ? "all" : "most";
    j["words"] = response.concepts;
    j["words_matched"] = response.concepts_matched;
    if (response.question) j["question"] = true;
    Json hits = Json::array();
    for (const Hit& hit : response.hits) hits.push_back(hit_to_json(hit));
    j["hits"] = std::move(hits);
    if (!response.facets.empty()) {
        Json facets = Json::object();
        for (const Facet& facet : response.facets) {
            Json& values = facets[facet.name];
            if (!values.is_array()) values = Json::array();
            for (const auto& [value, count] : facet.counts) {
                Json entry = Json::object();
                entry["value"] = value;
                entry["count"] = count;
                values.push_back(std::move(entry));
            }
        }
        j["facets"] = std::move(facets);
    }
    if (!response.suggestion.empty()) j["suggestion"] = response.suggestion;
    if (response.partial) {
        j["partial"] = true;
        j["missing_shards"] = response.missing_shards;
    }
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void JsonWriter::write(const SearchResponse& response, std::ostream& out) {
    out << to_json_line(response) << '\n';
}

}  // namespace bodo
