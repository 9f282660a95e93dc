// engine/index/place_terms.h: what the index keeps of an article's places (engine/index/schema.md):
// "XP" + place id terms for each place and its district, region, country and the continents and
// macro-regions of its country (so "in Ukraine" and "in Europe" match a Kyiv article), "XC" geographic cell terms at two resolutions (a fast pre-filter for radius search),
// the list of place ids (with those ancestors) in a value slot for the location facet, the coordinates
// in a value slot for exact distances, and the places in the stored data.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/varint.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/archive_prior.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/place_distance.h"  // distance_km, for the callers of these terms.
#include "indexer/places/place_extractor.h"

namespace newsq::places {

std::string place_term(std::uint32_t id);
// The cell of (lat, lon) at `degrees` resolution (1 or 10).
std::string cell_term(int degrees, double lat, double lon);
// Cell terms whose cells together cover the circle of `radius_km` around (lat, lon), at the
// finest resolution needing at most `max_cells` terms; empty when even 10-degree cells need more
// (the caller then checks distances alone).
std::vector<std::string> cells_covering(double lat, double lon, double radius_km, std::size_t max_cells = 400);

// The facet slot's value: ids as sorted unique varints, and back.
std::string encode_ids(std::vector<std::uint32_t> ids);
std::vector<std::uint32_t> decode_ids(std::string_view value);
// decode_ids without building a vector: take(id) for each id, in order (for match spies).
// A corrupt value (truncated, or an id of more than 5 bytes) stops at the last whole id before it.
template <class Take>
void for_each_id(std::string_view value, Take&& take) {
  std::uint32_t id = 0;
  for (std::size_t at = 0; at < value.size();) {
    if (!common::get_varint(value, at, id)) return;
    take(id);
  }
}

// Whether a place's coordinates are a point for radius search (cities and seas; the coordinates
// of regions and countries are only their centre's).
inline bool has_point(const Place& p) { return p.has_coordinates && (p.level == Level::city || p.level == Level::sea); }

// Collects an article's fields during DocumentBuilder::build and writes its places into the
// document. One per builder (not thread-safe); the gazetteer is shared read-only.
class PlaceIndexer {
 public:
  explicit PlaceIndexer(std::shared_ptr<const Gazetteer> gazetteer);
  const Gazetteer& gazetteer() const { return *gazetteer_; }

  void add_field(std::string_view text, std::span<const analysis::Token> tokens, bool headline);
  // The archive prior ambiguous names are weighed with (indexer/places/archive_prior.h), or null.
  void set_prior(std::shared_ptr<const ArchivePrior> prior);
  // The places of the fields added, without a document (a rebuild's counting pass).
  Extraction extract() { return extractor_.finish(); }
  // Adds the terms and values to `doc`; returns the stored-data array of places
  // [{"id","name","level","lat","lon","count"}] (lat/lon absent without coordinates).
  nlohmann::json finish(Xapian::Document& doc);

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const ArchivePrior> prior_;
  PlaceExtractor extractor_;
};

}  // namespace newsq::places
