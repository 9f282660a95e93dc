// query/place_filter.cc: place and radius queries.
#include "query/place_filter.h"

#include "engine/index/schema.h"
#include "engine/index/place_terms.h"

namespace newsq::query {

Xapian::Query place_query(const places::Place& place) { return Xapian::Query(places::place_term(place.id)); }

Xapian::Query prefer_query(const places::Place& place, double bonus) {
  auto* weight = new Xapian::FixedWeightPostingSource(bonus);
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(weight->release()), place_query(place));
}

Xapian::Query near_query(const places::Place& centre, double radius_km) {
  // The centre as Xapian serialises coordinates (in steps of about a metre), like the places'
  // coordinates stored in slot 4: a place is then at distance 0 from itself, and a cluster's
  // shards, which receive the source (and so the centre) serialised, weigh every article as one
  // local index does.
  Xapian::LatLongCoord centre_coord;
  centre_coord.unserialise(Xapian::LatLongCoord(centre.lat, centre.lon).serialise());
  Xapian::LatLongCoords coords(centre_coord);
  // The metric's sphere is the one places::distance_km uses; k1 = 1000 m makes the weights of
  // nearby places differ visibly.
  auto* source = new Xapian::LatLongDistancePostingSource(schema::kPlaceCoordsSlot, coords, Xapian::GreatCircleMetric(),
                                                          radius_km * 1000.0, 1000.0, 1.0);
  Xapian::Query exact(source->release());
  std::vector<std::string> cells = places::cells_covering(centre.lat, centre.lon, radius_km);
  if (cells.empty()) return exact;
  return Xapian::Query(Xapian::Query::OP_FILTER, exact,
                       Xapian::Query(Xapian::Query::OP_OR, cells.begin(), cells.end()));
}

}  // namespace newsq::query
