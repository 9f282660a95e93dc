// bench/geoparse_score.cc: the geoparsing benchmark's scoring rules (see geoparse_score.h).
#include "bench/geoparse_score.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "engine/index/place_terms.h"

namespace newsq::geoparse {

std::uint32_t overlap(Span a, Span b) {
  const std::uint32_t lo = std::max(a.start, b.start), hi = std::min(a.end, b.end);
  return hi > lo ? hi - lo : 0;
}

CodePointIndex::CodePointIndex(std::string_view utf8) {
  before_.reserve(utf8.size() + 1);
  std::uint32_t n = 0;
  for (std::size_t b = 0; b < utf8.size(); ++b) {
    before_.push_back(n);
    // A code point starts at every byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(utf8[b]) & 0xC0) != 0x80) {
      starts_.push_back(static_cast<std::uint32_t>(b));
      ++n;
    }
  }
  before_.push_back(n);
  starts_.push_back(static_cast<std::uint32_t>(utf8.size()));
}

std::uint32_t CodePointIndex::code_point(std::size_t byte) const {
  // Inside a character, before_ counts that character already: the offset rounds up to the next one.
  return byte < before_.size() ? before_[byte] : before_.back();
}

std::size_t CodePointIndex::byte(std::uint32_t code_point) const {
  return code_point < starts_.size() ? starts_[code_point] : starts_.back();
}

std::vector<Pair> match_spans(std::span<const Span> found, std::span<const Span> gold) {
  std::vector<Pair> candidates;
  for (std::size_t f = 0; f < found.size(); ++f)
    for (std::size_t g = 0; g < gold.size(); ++g)
      if (std::uint32_t o = overlap(found[f], gold[g])) candidates.push_back({f, g, o});
  std::sort(candidates.begin(), candidates.end(), [](const Pair& a, const Pair& b) {
    return std::tie(b.overlap, a.found, a.gold) < std::tie(a.overlap, b.found, b.gold);
  });
  std::vector<bool> found_used(found.size()), gold_used(gold.size());
  std::vector<Pair> pairs;
  for (const Pair& p : candidates) {
    if (found_used[p.found] || gold_used[p.gold]) continue;
    found_used[p.found] = gold_used[p.gold] = true;
    pairs.push_back(p);
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.found < b.found; });
  return pairs;
}

double distance_km(Point a, Point b) { return places::distance_km(a.lat, a.lon, b.lat, b.lon); }

std::size_t match_points(std::span<const Point> found, std::span<const Point> gold, double radius_km) {
  std::vector<std::tuple<double, std::size_t, std::size_t>> candidates;
  for (std::size_t f = 0; f < found.size(); ++f)
    for (std::size_t g = 0; g < gold.size(); ++g)
      if (double d = distance_km(found[f], gold[g]); d <= radius_km) candidates.emplace_back(d, f, g);
  std::sort(candidates.begin(), candidates.end());
  std::vector<bool> found_used(found.size()), gold_used(gold.size());
  std::size_t matched = 0;
  for (const auto& [d, f, g] : candidates) {
    if (found_used[f] || gold_used[g]) continue;
    found_used[f] = gold_used[g] = true;
    ++matched;
  }
  return matched;
}

namespace {
double ratio(std::uint64_t a, std::uint64_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }
}  // namespace

double Counts::precision() const { return ratio(tp, tp + fp); }
double Counts::recall() const { return ratio(tp, tp + fn); }
double Counts::f1() const {
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
Counts& Counts::operator+=(const Counts& o) {
  tp += o.tp;
  fp += o.fp;
  fn += o.fn;
  return *this;
}

GoldKind gold_kind(std::string_view fcode) {
  if (fcode.empty() || fcode == ".") return GoldKind::not_given;
  // Administrative divisions (countries "A.PCLI", regions "A.ADM1", districts "A.ADM2") and continents and
  // regions without administration ("L.CONT", "L.RGN") are scored at a representative point.
  if (fcode.starts_with("A.") || fcode == "L.CONT" || fcode == "L.RGN") return GoldKind::country_or_region;
  if (fcode.starts_with("P.")) return GoldKind::city;
  return GoldKind::other_feature;
}

std::string_view error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::missed_no_candidate:
      return "missed: no candidate";
    case ErrorKind::missed_rejected:
      return "missed: candidate rejected";
    case ErrorKind::missed_taken:
      return "missed: its words matched to another toponym";
    case ErrorKind::false_place:
      return "false place";
    case ErrorKind::far_country_or_region:
      return "resolved > 161 km off: gold is a country or region";
    case ErrorKind::far_city:
      return "resolved > 161 km off: gold is a city";
    case ErrorKind::far_other:
      return "resolved > 161 km off: gold is another feature";
    case ErrorKind::far_kind_not_given:
      return "resolved > 161 km off: gold kind not given";
    case ErrorKind::no_coordinates:
      return "resolved to a place without coordinates";
  }
  return "?";
}

ArticleScore score_article(std::span<const GoldToponym> gold, std::span<const FoundMention> found) {
  ArticleScore s;
  std::vector<std::size_t> accepted;  // Indices into `found`.
  std::vector<Span> accepted_spans, gold_spans;
  for (std::size_t i = 0; i < found.size(); ++i)
    if (found[i].accepted) {
      accepted.push_back(i);
      accepted_spans.push_back(found[i].span);
    }
  for (const auto& g : gold) gold_spans.push_back(g.span);

  s.pairs = match_spans(accepted_spans, gold_spans);
  for (auto& p : s.pairs) p.found = accepted[p.found];  // Back to indices into `found`.
  std::vector<bool> gold_matched(gold.size()), found_matched(found.size());
  for (const auto& p : s.pairs) gold_matched[p.gold] = found_matched[p.found] = true;
  s.mentions.tp = s.pairs.size();
  s.mentions.fp = accepted.size() - s.pairs.size();
  s.mentions.fn = gold.size() - s.pairs.size();

  // Resolution, over matched pairs whose gold has coordinates.
  for (const auto& p : s.pairs) {
    const auto& g = gold[p.gold];
    if (!g.point) continue;
    ++s.resolvable;
    const auto& f = found[p.found];
    if (!f.point) {
      s.errors.push_back({ErrorKind::no_coordinates, p.gold, p.found, -1});
      continue;
    }
    const double km = distance_km(*f.point, *g.point);
    s.errors_km.push_back(km);
    if (km <= kAccuracyKm) continue;
    ErrorKind kind = ErrorKind::far_kind_not_given;
    switch (gold_kind(g.fcode)) {
      case GoldKind::country_or_region:
        kind = ErrorKind::far_country_or_region;
        break;
      case GoldKind::city:
        kind = ErrorKind::far_city;
        break;
      case GoldKind::other_feature:
        kind = ErrorKind::far_other;
        break;
      case GoldKind::not_given:
        break;
    }
    s.errors.push_back({kind, p.gold, p.found, km});
  }

  // Misses, by what newsq saw there: an accepted mention taken by another toponym, else a rejected candidate.
  for (std::size_t g = 0; g < gold.size(); ++g) {
    if (gold_matched[g]) continue;
    std::size_t rejected = SIZE_MAX, taken = SIZE_MAX;
    for (std::size_t i = 0; i < found.size(); ++i) {
      if (!overlap(found[i].span, gold[g].span)) continue;
      if (found[i].accepted && taken == SIZE_MAX) taken = i;
      if (!found[i].accepted && rejected == SIZE_MAX) rejected = i;
    }
    if (taken != SIZE_MAX)
      s.errors.push_back({ErrorKind::missed_taken, g, taken, -1});
    else if (rejected != SIZE_MAX)
      s.errors.push_back({ErrorKind::missed_rejected, g, rejected, -1});
    else
      s.errors.push_back({ErrorKind::missed_no_candidate, g, SIZE_MAX, -1});
  }
  for (std::size_t i : accepted)
    if (!found_matched[i]) s.errors.push_back({ErrorKind::false_place, SIZE_MAX, i, -1});

  // Per article: distinct places. newsq's by place id; a place without coordinates is found but matches nothing.
  // Gold places by their key (GeoNames id), else by their point; toponyms without coordinates are left out.
  std::map<std::uint32_t, std::optional<Point>> found_places;
  for (std::size_t i : accepted) found_places.emplace(found[i].place, found[i].point);
  std::vector<Point> found_points;
  for (const auto& [id, point] : found_places)
    if (point) found_points.push_back(*point);
  std::set<std::string> gold_keys;
  std::vector<Point> gold_points;
  for (const auto& g : gold) {
    if (!g.point) continue;
    std::string key = !g.place_key.empty() ? "id:" + g.place_key
                                           : "at:" + std::to_string(g.point->lat) + "," + std::to_string(g.point->lon);
    if (gold_keys.insert(key).second) gold_points.push_back(*g.point);
  }
  s.places.tp = match_points(found_points, gold_points);
  s.places.fp = found_places.size() - s.places.tp;
  s.places.fn = gold_points.size() - s.places.tp;
  return s;
}

void Totals::add(const ArticleScore& a) {
  ++articles;
  mentions += a.mentions;
  places += a.places;
  resolvable += a.resolvable;
  errors_km.insert(errors_km.end(), a.errors_km.begin(), a.errors_km.end());
  for (const auto& e : a.errors) ++errors[static_cast<std::size_t>(e.kind)];
}

double Totals::accuracy() const {
  auto within = std::count_if(errors_km.begin(), errors_km.end(), [](double km) { return km <= kAccuracyKm; });
  return ratio(static_cast<std::uint64_t>(within), resolvable);
}

double Totals::median_km() const {
  if (errors_km.empty()) return 0;
  std::vector<double> v = errors_km;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double Totals::mean_km() const {
  if (errors_km.empty()) return 0;
  return std::accumulate(errors_km.begin(), errors_km.end(), 0.0) / static_cast<double>(errors_km.size());
}

}  // namespace newsq::geoparse
