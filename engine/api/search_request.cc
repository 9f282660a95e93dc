// engine/api/search_request.cc: newsq::SearchRequest's range checks and its making from an
// understood query (newsq/searcher.h).
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "newsq/error.h"
#include "newsq/searcher.h"

namespace newsq {

void SearchRequest::validate() const {
  auto whole = [](const char* name, std::uint32_t value, std::uint32_t max) {
    if (value > max) throw QueryError(fmt::format("{} {} is out of range (0 to {})", name, value, max));
  };
  whole("limit", limit, kMaxLimit);
  whole("offset", offset, kMaxOffset);
  whole("max_facet_values", max_facet_values, kMaxFacetValues);
  whole("snippet_length", snippet_length, kMaxSnippetLength);
  // Written so that NaN fails too.
  if (!(radius_km > 0 && radius_km <= kMaxRadiusKm))
    throw QueryError(fmt::format("radius {} km is out of range (above 0, up to {:g})", radius_km, kMaxRadiusKm));
  if (!(recency_boost >= 0 && recency_boost <= kMaxRecencyBoost))
    throw QueryError(fmt::format("recency {} is out of range (0 to {:g})", recency_boost, kMaxRecencyBoost));
}

SearchRequest SearchRequest::from_understood(const UnderstoodQuery& understood) {
  SearchRequest r;
  r.query = understood.text;
  r.from = understood.from;
  r.to = understood.to;
  r.sources = understood.sources;
  const auto in_places = std::count_if(understood.places.begin(), understood.places.end(),
                                       [](const UnderstoodPlace& p) { return p.mode == UnderstoodPlace::Mode::in; });
  for (const auto& p : understood.places) {
    std::string id = std::to_string(p.id);
    if (p.mode == UnderstoodPlace::Mode::near && r.near.empty()) {
      r.near = id;
      r.radius_km = p.radius_km > 0 ? p.radius_km : kDefaultRadiusKm;
    } else if (p.mode == UnderstoodPlace::Mode::in) {
      (in_places == 1 ? r.place : r.any_of_places.emplace_back()) = id;
    } else {
      r.prefer_places.push_back(id);
    }
  }
  return r;
}

}  // namespace newsq
