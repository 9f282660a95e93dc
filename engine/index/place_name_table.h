// engine/index/place_name_table.h: the index's own table of the places its articles name (metadata
// `newsq.place-name.ID`, engine/index/schema.md): each place's name, level, position, country and
// region, copied from the gazetteer when a writer commits an article naming it.
//
// Why: the location facet names the places a search counted, a few hundred per search, and each
// is a lookup in a gazetteer of tens of megabytes that a `newsq search` process maps fresh: a page
// fault per place (about 25 us on our VM), a third of a command-line search's time (perf: 180 of
// 583 faults, 6.5 of 22 ms for "shelling kyiv" on 16k articles). The same names from the index are
// a few B-tree leaves. The table is only a faster copy: an id it lacks (an index written before it
// existed, a cluster) is looked up in the gazetteer, with the same answer, and it is trusted only
// when written with the gazetteer the index records (`newsq.place-names.gazetteer`, its checksum).
// It may name places no article names any more (articles replaced or removed): never read for
// anything but names.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "indexer/places/gazetteer.h"

namespace newsq::places {

// A place as the table keeps it: what the location facet shows of it.
struct PlaceName {
  std::string name;
  Level level = Level::city;
  bool has_coordinates = false;
  double lat = 0, lon = 0;
  std::uint32_t country = 0, region = 0;  // As in places::Place (a country is its own country).
};

// What the table keeps of a gazetteer place.
PlaceName place_name_of(const Place& place);

std::string place_name_key(std::uint32_t id);
std::string encode_place_name(const PlaceName& place);
// Nothing when `value` is not a whole entry (empty, truncated, an unknown level).
std::optional<PlaceName> decode_place_name(std::string_view value);

// Whether `db`'s table was written with the gazetteer of checksum `gazetteer_checksum`.
bool place_names_match(const Xapian::Database& db, const std::string& gazetteer_checksum);

// Collects the places of the documents a writer stores and writes their entries before it commits.
// One per database written; not thread-safe.
class PlaceNameWriter {
 public:
  // The places of `doc` (its schema::kPlacesSlot value: places and the areas around them).
  void note(const Xapian::Document& doc);
  // Writes the entries of the places noted since the last call that `db` lacks, from `gazetteer`.
  // The first call clears a table written with another gazetteer. Throws Xapian errors.
  void write(Xapian::WritableDatabase& db, const Gazetteer& gazetteer);

 private:
  std::unordered_set<std::uint32_t> noted_, written_;
  bool table_checked_ = false;
};

}  // namespace newsq::places
