// indexer/places/place_distance.cc: great-circle distance (see place_distance.h).
#include "indexer/places/place_distance.h"

#include <xapian.h>

namespace newsq::places {

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  // The very metric query/place_filter.cc's radius filter uses, so a hit it lets through is
  // reported at a distance within the radius.
  // LatLongCoord refuses a latitude past a pole; one can come only from a damaged stored record,
  // which must not fail the search: it is taken at the pole.
  auto point = [](double lat, double lon) { return Xapian::LatLongCoord(lat < -90 ? -90 : lat > 90 ? 90 : lat, lon); };
  static const Xapian::GreatCircleMetric metric;
  return metric.pointwise_distance(point(lat1, lon1), point(lat2, lon2)) / 1000;
}

}  // namespace newsq::places
