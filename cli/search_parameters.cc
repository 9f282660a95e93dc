// cli/search_parameters.cc: named search parameters -> SearchRequest (see search_parameters.h).
#include "cli/search_parameters.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "newsq/error.h"

namespace newsq::cli {
namespace {

double parse_number(const std::string& name, const std::string& value) {
  double out = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || value.empty() || !std::isfinite(out))
    throw ParameterError(name + " must be a number, not '" + value + "'");
  return out;
}

SearchRequest::Sort parse_sort(const std::string& sort) {
  if (sort == "relevance" || sort.empty()) return SearchRequest::Sort::relevance;
  if (sort == "date") return SearchRequest::Sort::date;
  if (sort == "distance") return SearchRequest::Sort::distance;
  throw ParameterError("sort must be relevance, date or distance, not '" + sort + "'");
}

}  // namespace

bool parse_flag(const std::string& name, const std::string& value) {
  if (value == "1" || value == "true" || value == "yes" || value == "on") return true;
  if (value == "0" || value == "false" || value == "no" || value == "off") return false;
  throw ParameterError(name + " must be 1 or 0, not '" + value + "'");
}

std::uint32_t parse_count(const std::string& name, const std::string& value) {
  std::uint32_t out = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || value.empty())
    throw ParameterError(name + " must be a whole number from 0 to 4294967295, not '" + value + "'");
  return out;
}

PreparedSearch prepare_search(Searcher& searcher, const SearchParameters& p) {
  const SearchRequest::Sort sort = parse_sort(p.sort);
  check_query_text(p.q);
  PreparedSearch out;
  UnderstoodQuery& understood = out.understood;
  understood.text = p.q;
  if (!p.literal) understood = searcher.understand(p.q, p.now);

  SearchRequest& request = out.request;
  request = SearchRequest::from_understood(understood);
  if (!p.from.empty()) request.from = p.from;
  if (!p.to.empty()) request.to = p.to;
  if (!p.sources.empty()) request.sources = p.sources;
  for (const auto& f : p.facets) {
    // Field names (date, source, location) hold neither separator, so the first one splits.
    auto at = f.find_first_of(":=");
    if (at == std::string::npos || at == 0)
      throw ParameterError("facet takes FIELD:VALUE (or FIELD=VALUE), not '" + f + "'");
    request.facet_filters.emplace_back(f.substr(0, at), f.substr(at + 1));
  }
  request.sort = sort;
  // Place parameters replace what the query said in words; radius alone adjusts a "near X" of q.
  auto dropped = [&](UnderstoodPlace::Mode mode) {
    std::erase_if(understood.places, [&](const UnderstoodPlace& place) { return place.mode == mode; });
  };
  if (!p.place.empty()) {
    request.place = p.place;
    request.any_of_places.clear();
    dropped(UnderstoodPlace::Mode::in);
  }
  if (!p.near.empty()) {
    request.near = p.near;
    request.radius_km = p.radius ? parse_number("radius", *p.radius) : SearchRequest::kDefaultRadiusKm;
    dropped(UnderstoodPlace::Mode::near);
  } else if (p.radius) {
    request.radius_km = parse_number("radius", *p.radius);
    for (auto& place : understood.places)
      if (place.mode == UnderstoodPlace::Mode::near) place.radius_km = request.radius_km;
  }
  if (p.recency) request.recency_boost = parse_number("recency", *p.recency);
  if (p.limit) request.limit = parse_count("limit", *p.limit);
  if (p.offset) request.offset = parse_count("offset", *p.offset);
  if (p.snippet) request.snippet_length = parse_count("snippet", *p.snippet);
  request.count_facets = p.count_facets;
  request.use_thesaurus = p.thesaurus;
  request.collapse_duplicates = p.collapse;
  // The JSON "query" shows what actually ran: understood values with the parameters applied.
  understood.from = request.from;
  understood.to = request.to;
  understood.sources = request.sources;
  if (!request.use_thesaurus) understood.synonyms.clear();
  // Out of range (or a radius in words, "within 99999 km of Kyiv"): a parameter error.
  try {
    request.validate();
  } catch (const QueryError& e) {
    throw ParameterError(e.what());
  }
  return out;
}

}  // namespace newsq::cli
