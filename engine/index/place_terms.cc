// engine/index/place_terms.cc: place terms, cells, slot encodings and the document hook.
#include "engine/index/place_terms.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "engine/index/schema.h"

namespace newsq::places {
namespace {

constexpr double kPi = std::numbers::pi;

long cell_index(double degrees_value, int degrees) { return static_cast<long>(std::floor(degrees_value / degrees)); }

}  // namespace

std::string place_term(std::uint32_t id) { return std::string(schema::kPlacePrefix) + std::to_string(id); }

std::string cell_term(int degrees, double lat, double lon) {
  return std::string(schema::kCellPrefix) + std::to_string(degrees) + "/" + std::to_string(cell_index(lat, degrees)) +
         "/" + std::to_string(cell_index(lon, degrees));
}

std::vector<std::string> cells_covering(double lat, double lon, double radius_km, std::size_t max_cells) {
  // The circle lies within the box lat +- dlat, lon +- dlon (dlon widened by the latitude
  // nearest a pole); near a pole or for huge radii every longitude.
  const double dlat = radius_km / 111.0;
  const double lat_lo = std::max(-90.0, lat - dlat), lat_hi = std::min(89.999999, lat + dlat);
  const double worst = std::max(std::abs(lat_lo), std::abs(lat_hi));
  const bool all_lon = worst >= 89.0 || radius_km / (111.0 * std::cos(worst * kPi / 180)) >= 180;
  const double dlon = all_lon ? 180 : radius_km / (111.0 * std::cos(worst * kPi / 180));
  for (int degrees : {1, 10}) {
    long y0 = cell_index(lat_lo, degrees), y1 = cell_index(lat_hi, degrees);
    long x0 = all_lon ? cell_index(-180, degrees) : cell_index(lon - dlon, degrees);
    long x1 = all_lon ? cell_index(179.999999, degrees) : cell_index(lon + dlon, degrees);
    const long per_turn = 360 / degrees;
    std::size_t count = static_cast<std::size_t>((y1 - y0 + 1) * std::min(per_turn, x1 - x0 + 1));
    if (count > max_cells) continue;
    std::set<std::string> out;
    for (long y = y0; y <= y1; ++y)
      for (long x = x0; x <= x1 && x < x0 + per_turn; ++x) {
        long wrapped = ((x + per_turn / 2) % per_turn + per_turn) % per_turn - per_turn / 2;  // Across 180 degrees.
        out.insert(std::string(schema::kCellPrefix) + std::to_string(degrees) + "/" + std::to_string(y) + "/" +
                   std::to_string(wrapped));
      }
    return {out.begin(), out.end()};
  }
  return {};
}

std::string encode_ids(std::vector<std::uint32_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string out;
  for (std::uint32_t id : ids) common::put_varint(out, id);
  return out;
}

std::vector<std::uint32_t> decode_ids(std::string_view value) {
  std::vector<std::uint32_t> out;
  for_each_id(value, [&](std::uint32_t id) { out.push_back(id); });
  return out;
}

PlaceIndexer::PlaceIndexer(std::shared_ptr<const Gazetteer> gazetteer)
    : gazetteer_(std::move(gazetteer)), extractor_(*gazetteer_) {
  extractor_.set_explain(false);
}

void PlaceIndexer::set_prior(std::shared_ptr<const ArchivePrior> prior) {
  prior_ = std::move(prior);
  extractor_.set_prior(prior_.get());
}

void PlaceIndexer::add_field(std::string_view text, std::span<const analysis::Token> tokens, bool headline) {
  extractor_.add_field(text, tokens, headline);
}

nlohmann::json PlaceIndexer::finish(Xapian::Document& doc) {
  Extraction found = extractor_.finish();
  nlohmann::json stored = nlohmann::json::array();
  std::vector<std::uint32_t> ids;
  Xapian::LatLongCoords coords;
  std::set<std::string> cells;
  for (const auto& f : found.places) {
    const Place& p = f.place;
    auto add = [&](std::uint32_t id) {
      if (!id) return;
      ids.push_back(id);
      doc.add_boolean_term(place_term(id));
    };
    for (std::uint32_t id : {p.id, p.district, p.region, p.country}) add(id);
    // The continents and macro-regions of its country, so that "in Europe" is one term.
    if (p.level == Level::country) {
      for (std::uint32_t id : p.within) add(id);
    } else if (Place country; p.country && gazetteer_->find(p.country, country)) {
      for (std::uint32_t id : country.within) add(id);
    }
    nlohmann::json entry = {{"id", p.id}, {"name", p.name}, {"level", level_name(p.level)}};
    if (p.has_coordinates) {
      entry["lat"] = p.lat;
      entry["lon"] = p.lon;
    }
    entry["count"] = f.mentions;
    stored.push_back(std::move(entry));
    if (has_point(p)) {
      coords.append(Xapian::LatLongCoord(p.lat, p.lon));
      cells.insert(cell_term(1, p.lat, p.lon));
      cells.insert(cell_term(10, p.lat, p.lon));
    }
  }
  for (const auto& c : cells) doc.add_boolean_term(c);
  if (!ids.empty()) doc.add_value(schema::kPlacesSlot, encode_ids(std::move(ids)));
  if (!coords.empty()) doc.add_value(schema::kPlaceCoordsSlot, coords.serialise());
  return stored;
}

}  // namespace newsq::places
