// indexer/places/place_distance.h: the one great-circle distance between places, used where the
// gazetteer is built (a region's point), where articles are indexed and searched (radius search,
// a hit's distance) and by the geoparsing benchmark.
#pragma once

namespace newsq::places {

// Great-circle distance in km: Xapian's GreatCircleMetric on its default sphere, the metric of the
// radius filter (query/place_filter.cc). A latitude past a pole counts as the pole.
double distance_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace newsq::places
