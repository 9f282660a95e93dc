// engine/cli/json_output.cc: newsq results and understood queries as JSON.
#include "engine/cli/json_output.h"

#include "engine/cli/terminal.h"

namespace newsq::cli {

nlohmann::json understood_json(const UnderstoodQuery& u) {
  nlohmann::json synonyms = nlohmann::json::object();
  for (const auto& [word, alternatives] : u.synonyms) synonyms[word] = alternatives;
  nlohmann::json out = {{"text", u.text},         {"terms", u.terms},
                        {"synonyms", synonyms},    {"places", nlohmann::json::array()},
                        {"sources", u.sources}};
  if (!u.from.empty() || !u.to.empty()) {
    nlohmann::json date = nlohmann::json::object();
    if (!u.from.empty()) date["from"] = u.from;
    if (!u.to.empty()) date["to"] = u.to;
    out["date"] = date;
  }
  return out;
}

nlohmann::json results_json(const SearchResults& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits)
    hits.push_back({{"id", h.id},       {"date", h.date},   {"source", h.source},
                    {"title", h.title}, {"url", h.url},     {"score", h.score},
                    {"snippet", html_highlights(h.snippet)}, {"similar", h.similar_ids}});
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, values] : r.facets) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = std::move(list);
  }
  nlohmann::json out = {{"total", r.total}, {"hits", std::move(hits)}, {"facets", std::move(facets)}};
  if (!r.date_granularity.empty()) out["date_granularity"] = r.date_granularity;
  if (!r.suggestion.empty()) out["suggestion"] = r.suggestion;
  return out;
}

}  // namespace newsq::cli
