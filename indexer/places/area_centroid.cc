// indexer/places/area_centroid.cc: shoelace area centroids on the cylindrical equal-area projection.
#include "indexer/places/area_centroid.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace newsq::places {
namespace {

double wrap_lon(double lon) { return lon >= 180 ? lon - 360 : lon < -180 ? lon + 360 : lon; }

struct Moments {
  double area = 0, x = 0, y = 0;  // Signed area and its first moments.
};

// The shoelace sums of one ring, x = longitude relative to lon0 (unwrapped), y = sin latitude.
Moments ring_moments(const Ring& ring, double lon0) {
  Moments m;
  const std::size_t n = ring.size();
  for (std::size_t i = 0; i < n; ++i) {
    const LonLat& a = ring[i];
    const LonLat& b = ring[(i + 1) % n];
    const double x1 = wrap_lon(a.lon - lon0), y1 = std::sin(a.lat * std::numbers::pi / 180);
    const double x2 = wrap_lon(b.lon - lon0), y2 = std::sin(b.lat * std::numbers::pi / 180);
    const double f = x1 * y2 - x2 * y1;
    m.area += f;
    m.x += (x1 + x2) * f;
    m.y += (y1 + y2) * f;
  }
  m.area /= 2;
  return m;
}

}  // namespace

std::optional<AreaCentroid> area_centroid(const Polygon& polygon) {
  if (polygon.empty() || polygon.front().size() < 3) return std::nullopt;
  const double lon0 = polygon.front().front().lon;
  double area = 0, x = 0, y = 0;
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    if (polygon[i].size() < 3) continue;
    Moments m = ring_moments(polygon[i], lon0);
    if (m.area == 0) continue;
    // The ring's own centroid is (m.x, m.y) / (6 m.area); weighted by its absolute area, added
    // for the outer ring and taken away for a hole, whatever the rings' orientation.
    const double weight = (i == 0 ? 1 : -1) * std::abs(m.area);
    area += weight;
    x += weight * m.x / (6 * m.area);
    y += weight * m.y / (6 * m.area);
  }
  if (!(area > 0)) return std::nullopt;
  AreaCentroid c;
  c.area = area;
  c.lon = wrap_lon(lon0 + x / area);
  c.lat = std::asin(std::clamp(y / area, -1.0, 1.0)) * 180 / std::numbers::pi;
  return c;
}

std::optional<AreaCentroid> main_polygon_centroid(const std::vector<Polygon>& polygons) {
  std::optional<AreaCentroid> best;
  double total = 0;
  for (const Polygon& p : polygons) {
    auto c = area_centroid(p);
    if (!c) continue;
    total += c->area;
    if (!best || c->area > best->area) best = c;
  }
  if (best) best->share = best->area / total;
  return best;
}

}  // namespace newsq::places
