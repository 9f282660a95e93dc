// cli/json_output.cc: newsq results and understood queries as JSON.
#include "cli/json_output.h"

#include "cli/terminal.h"

namespace newsq::cli {

nlohmann::json understood_json(const UnderstoodQuery& u) {
  nlohmann::json synonyms = nlohmann::json::object();
  for (const auto& [word, alternatives] : u.synonyms) synonyms[word] = alternatives;
  nlohmann::json places = nlohmann::json::array();
  for (const auto& p : u.places) {
    nlohmann::json place = {{"id", p.id}, {"name", p.name}, {"mode", mode_name(p.mode)}, {"text", p.text}};
    if (p.mode == UnderstoodPlace::Mode::near) place["radius_km"] = p.radius_km;
    places.push_back(std::move(place));
  }
  nlohmann::json out = {
      {"text", u.text}, {"terms", u.terms}, {"synonyms", synonyms}, {"places", places}, {"sources", u.sources}};
  nlohmann::json spans = nlohmann::json::array();
  for (const auto& span : u.spans)
    spans.push_back({{"start", span.start}, {"end", span.end}, {"text", span.text}, {"as", span.as}});
  out["spans"] = std::move(spans);
  if (!u.date_not_understood.empty()) out["date_not_understood"] = u.date_not_understood;
  if (!u.from.empty() || !u.to.empty()) {
    nlohmann::json date = nlohmann::json::object();
    if (!u.from.empty()) date["from"] = u.from;
    if (!u.to.empty()) date["to"] = u.to;
    out["date"] = date;
  }
  return out;
}

nlohmann::json places_json(const std::vector<HitPlace>& places) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : places) {
    nlohmann::json place = {{"id", p.id}, {"name", p.name}, {"level", p.level}};
    if (p.has_coordinates) {
      place["lat"] = p.lat;
      place["lon"] = p.lon;
    }
    place["count"] = p.mentions;
    out.push_back(std::move(place));
  }
  return out;
}

nlohmann::json results_json(const SearchResults& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits) {
    nlohmann::json hit = {{"id", h.id},
                          {"date", h.date},
                          {"source", h.source},
                          {"title", h.title},
                          {"url", h.url},
                          {"score", h.score},
                          {"snippet", html_highlights(h.snippet)},
                          {"similar", h.similar_ids},
                          {"places", places_json(h.places)}};
    if (h.distance_km >= 0) hit["distance_km"] = h.distance_km;
    hits.push_back(std::move(hit));
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, values] : r.facets) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& v : values) {
      nlohmann::json value = {{"value", v.value}};
      if (!v.level.empty()) {  // location
        value["id"] = v.id;
        value["level"] = v.level;
        if (v.has_coordinates) {
          value["lat"] = v.lat;
          value["lon"] = v.lon;
        }
        if (!v.country.empty()) value["country"] = v.country;
        if (!v.region.empty()) value["region"] = v.region;
      }
      value["count"] = v.count;
      list.push_back(std::move(value));
    }
    facets[name] = std::move(list);
  }
  nlohmann::json out = {{"total", r.total}, {"hits", std::move(hits)}, {"facets", std::move(facets)}};
  if (!r.date_granularity.empty()) out["date_granularity"] = r.date_granularity;
  if (!r.suggestion.empty()) out["suggestion"] = r.suggestion;
  // Only a cluster missing shards says so: the total and counts are then lower bounds.
  if (r.partial) {
    out["partial"] = true;
    out["missing_shards"] = r.missing_shards;
  }
  return out;
}

nlohmann::json stats_json(const IndexStats& s) {
  nlohmann::json sources = nlohmann::json::object();
  for (const auto& [name, count] : s.sources) sources[name] = count;
  return {{"articles", s.articles},   {"terms", s.terms},           {"first_date", s.first_date},
          {"last_date", s.last_date}, {"disk_bytes", s.disk_bytes}, {"sources", sources}};
}

nlohmann::json article_json(const StoredArticle& a) {
  return {{"id", a.id},       {"date", a.date}, {"source", a.source},          {"title", a.title},
          {"url", a.url},     {"text", a.text}, {"places", places_json(a.places)}};
}

nlohmann::json place_names_json(const std::vector<PlaceSuggestion>& found) {
  nlohmann::json places = nlohmann::json::array();
  for (const auto& p : found) {
    nlohmann::json place = {{"name", p.name}, {"id", p.id}, {"level", p.level}};
    if (!p.country.empty()) place["country"] = p.country;
    place["count"] = p.count;
    places.push_back(std::move(place));
  }
  return {{"places", std::move(places)}};
}

}  // namespace newsq::cli
