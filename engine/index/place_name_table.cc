// engine/index/place_name_table.cc: the index's table of place names (engine/index/place_name_table.h).
#include "engine/index/place_name_table.h"

#include <bit>
#include <vector>

#include "engine/common/varint.h"
#include "engine/index/place_terms.h"
#include "engine/index/schema.h"

namespace newsq::places {

PlaceName place_name_of(const Place& place) {
  return {std::string(place.name), place.level, place.has_coordinates, place.lat, place.lon, place.country, place.region};
}

std::string place_name_key(std::uint32_t id) { return schema::kPlaceNamePrefix + std::to_string(id); }

// varint level, has_coordinates, lat and lon (their IEEE bits), country, region; then the name.
std::string encode_place_name(const PlaceName& place) {
  std::string out;
  common::put_varint(out, static_cast<std::uint8_t>(place.level));
  common::put_varint(out, place.has_coordinates ? 1 : 0);
  common::put_varint(out, std::bit_cast<std::uint64_t>(place.lat));
  common::put_varint(out, std::bit_cast<std::uint64_t>(place.lon));
  common::put_varint(out, place.country);
  common::put_varint(out, place.region);
  out.append(place.name);
  return out;
}

std::optional<PlaceName> decode_place_name(std::string_view value) {
  std::size_t at = 0;
  std::uint32_t level = 0, has_coordinates = 0;
  std::uint64_t lat = 0, lon = 0;
  PlaceName out;
  if (!common::get_varint(value, at, level) || level > kMaxLevel || !common::get_varint(value, at, has_coordinates) ||
      has_coordinates > 1 || !common::get_varint(value, at, lat) || !common::get_varint(value, at, lon) ||
      !common::get_varint(value, at, out.country) || !common::get_varint(value, at, out.region))
    return std::nullopt;
  out.level = static_cast<Level>(level);
  out.has_coordinates = has_coordinates != 0;
  out.lat = std::bit_cast<double>(lat);
  out.lon = std::bit_cast<double>(lon);
  out.name.assign(value.substr(at));
  return out;
}

bool place_names_match(const Xapian::Database& db, const std::string& gazetteer_checksum) {
  return !gazetteer_checksum.empty() && db.get_metadata(schema::kPlaceNamesGazetteerKey) == gazetteer_checksum;
}

void PlaceNameWriter::note(const Xapian::Document& doc) {
  for_each_id(doc.get_value(schema::kPlacesSlot), [&](std::uint32_t id) {
    if (!written_.contains(id)) noted_.insert(id);
  });
}

void PlaceNameWriter::write(Xapian::WritableDatabase& db, const Gazetteer& gazetteer) {
  if (noted_.empty()) return;
  if (!table_checked_) {
    if (!place_names_match(db, gazetteer.checksum())) {
      std::vector<std::string> stale;
      for (auto key = db.metadata_keys_begin(schema::kPlaceNamePrefix); key != db.metadata_keys_end(schema::kPlaceNamePrefix); ++key)
        stale.push_back(*key);
      for (const auto& key : stale) db.set_metadata(key, {});  // An empty value removes the key.
      db.set_metadata(schema::kPlaceNamesGazetteerKey, gazetteer.checksum());
    }
    table_checked_ = true;
  }
  for (std::uint32_t id : noted_) {
    written_.insert(id);
    const std::string key = place_name_key(id);
    Place place;
    if (db.get_metadata(key).empty() && gazetteer.find(id, place)) db.set_metadata(key, encode_place_name(place_name_of(place)));
  }
  noted_.clear();
}

}  // namespace newsq::places
