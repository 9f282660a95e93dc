// cli/json_output.cc: newsq results and understood queries as JSON.
#include "cli/json_output.h"

#include "cli/terminal.h"

namespace newsq::cli {

// Keys are written in byte order, as nlohmann::json orders an object's (cli/json_text.h).

void write_understood(JsonText& out, const UnderstoodQuery& u) {
  out.begin_object();
  if (!u.from.empty() || !u.to.empty()) {
    out.key("date").begin_object();
    if (!u.from.empty()) out.key("from").value(u.from);
    if (!u.to.empty()) out.key("to").value(u.to);
    out.end_object();
  }
  if (!u.date_not_understood.empty()) out.key("date_not_understood").value(u.date_not_understood);
  out.key("places").begin_array();
  for (const auto& p : u.places) {
    out.begin_object().key("id").value(p.id).key("mode").value(mode_name(p.mode)).key("name").value(p.name);
    if (p.mode == UnderstoodPlace::Mode::near) out.key("radius_km").value(p.radius_km);
    out.key("text").value(p.text).end_object();
  }
  out.end_array();
  out.key("sources").value(u.sources);
  out.key("spans").begin_array();
  for (const auto& span : u.spans)
    out.begin_object()
        .key("as").value(span.as)
        .key("end").value(span.end)
        .key("start").value(span.start)
        .key("text").value(span.text)
        .end_object();
  out.end_array();
  out.key("synonyms").begin_object();
  for (const auto& [word, alternatives] : u.synonyms) out.key(word).value(alternatives);
  out.end_object();
  out.key("terms").value(u.terms);
  out.key("text").value(u.text);
  out.end_object();
}

std::string understood_json(const UnderstoodQuery& u) {
  JsonText out;
  write_understood(out, u);
  return out.take();
}

void write_places(JsonText& out, const std::vector<HitPlace>& places) {
  out.begin_array();
  for (const auto& p : places) {
    out.begin_object().key("count").value(p.mentions).key("id").value(p.id);
    if (p.has_coordinates) out.key("lat").value(p.lat);
    out.key("level").value(p.level);
    if (p.has_coordinates) out.key("lon").value(p.lon);
    out.key("name").value(p.name).end_object();
  }
  out.end_array();
}

namespace {

void write_hit(JsonText& out, const Hit& h) {
  out.begin_object().key("date").value(h.date);
  if (h.distance_km >= 0) out.key("distance_km").value(h.distance_km);
  out.key("id").value(h.id);
  out.key("places");
  write_places(out, h.places);
  out.key("score").value(h.score);
  out.key("similar").value(h.similar_ids);
  out.key("snippet").value(html_highlights(h.snippet));
  out.key("source").value(h.source).key("title").value(h.title).key("url").value(h.url);
  out.end_object();
}

void write_facet_value(JsonText& out, const FacetValue& v) {
  const bool location = !v.level.empty();
  out.begin_object().key("count").value(v.count);
  if (location) {
    if (!v.country.empty()) out.key("country").value(v.country);
    out.key("id").value(v.id);
    if (v.has_coordinates) out.key("lat").value(v.lat);
    out.key("level").value(v.level);
    if (v.has_coordinates) out.key("lon").value(v.lon);
    if (!v.region.empty()) out.key("region").value(v.region);
  }
  out.key("value").value(v.value).end_object();
}

}  // namespace

std::string search_json(const SearchResults& r, const UnderstoodQuery& understood) {
  JsonText out;
  out.begin_object();
  if (!r.date_granularity.empty()) out.key("date_granularity").value(r.date_granularity);
  out.key("facets").begin_object();
  for (const auto& [name, values] : r.facets) {
    out.key(name).begin_array();
    for (const auto& v : values) write_facet_value(out, v);
    out.end_array();
  }
  out.end_object();
  out.key("hits").begin_array();
  for (const auto& h : r.hits) write_hit(out, h);
  out.end_array();
  // Only a cluster missing shards says so: the total and counts are then lower bounds.
  if (r.partial) out.key("missing_shards").value(r.missing_shards).key("partial").value(true);
  // "query" is the understood query's name since the first version, kept beside "understood".
  out.key("query");
  write_understood(out, understood);
  if (!r.suggestion.empty()) out.key("suggestion").value(r.suggestion);
  out.key("total").value(r.total);
  out.key("understood");
  write_understood(out, understood);
  out.end_object();
  return out.take();
}

std::string dump_json(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

nlohmann::json stats_json(const IndexStats& s) {
  nlohmann::json sources = nlohmann::json::object();
  for (const auto& [name, count] : s.sources) sources[name] = count;
  return {{"articles", s.articles},   {"terms", s.terms},           {"first_date", s.first_date},
          {"last_date", s.last_date}, {"disk_bytes", s.disk_bytes}, {"sources", sources}};
}

std::string article_json(const StoredArticle& a) {
  JsonText out;
  out.begin_object().key("date").value(a.date).key("id").value(a.id).key("places");
  write_places(out, a.places);
  out.key("source").value(a.source).key("text").value(a.text).key("title").value(a.title).key("url").value(a.url);
  out.end_object();
  return out.take();
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
