// indexer/places/area_centroid.h: the area centroid of a country's outline, the representative
// point the gazetteer builder gives a country whose outline it has (gazetteer_parsers.cc reads the
// outlines, GeoJSON polygons of world-countries' data/*.geo.json).
#pragma once

#include <optional>
#include <vector>

namespace newsq::places {

struct LonLat {
  double lon = 0, lat = 0;  // Degrees, as GeoJSON orders them.
};
using Ring = std::vector<LonLat>;   // Closed or not; either orientation.
using Polygon = std::vector<Ring>;  // The outer ring, then its holes.

struct AreaCentroid {
  double lat = 0, lon = 0;
  double area = 0;   // In square degrees of the equal-area projection below (only for comparing).
  double share = 1;  // main_polygon_centroid: the polygon's share of all the polygons' area.
};

// The area centroid of one polygon (holes subtracted), computed on Lambert's cylindrical
// equal-area projection (x = longitude, y = sin latitude), so that every square kilometre weighs
// the same wherever it lies: on plain longitude/latitude the sparse high north of Canada or Russia
// would weigh several times its share and pull the point north. Longitudes are taken relative to
// the outer ring's first point, so a polygon across the 180th meridian is measured right. Nothing
// for an empty or degenerate polygon (no area).
std::optional<AreaCentroid> area_centroid(const Polygon& polygon);

// The area centroid of the largest polygon: a country's main landmass (the contiguous United
// States without Alaska and Hawaii, mainland France without its overseas departments), whose
// geographic centre is what the geoparsing benchmarks score a country at; with its share of the
// area of all the polygons (an archipelago's largest island may hold a small part of it). Nothing
// when no polygon has an area.
std::optional<AreaCentroid> main_polygon_centroid(const std::vector<Polygon>& polygons);

}  // namespace newsq::places
