// bench/geoparse_score.h: the scoring rules of the public geoparsing benchmarks (../shared/geoparse/README.md),
// apart from any I/O so that tests/geoparse_test.cc checks them on tiny inputs and bench/geoparse_eval.cc and the
// [shared] test score with the very same code.
//
// Spans are code point offsets, half open; newsq's byte offsets are converted with CodePointIndex first.
// Recognition: a found (accepted) mention matches a gold toponym when their spans share a code point, one to one,
// greedily by longest overlap. Resolution: over matched pairs whose gold has coordinates, the great-circle error
// (acc@161 counts an error of at most 161 km). Per article: distinct places found vs distinct gold places, matched
// one to one within 161 km.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsq::geoparse {

// 100 miles, the usual tolerance of the geoparsing papers; an error of exactly this many km is right.
inline constexpr double kAccuracyKm = 161.0;

struct Span {
  std::uint32_t start = 0, end = 0;  // Code points, [start, end).
};

// Code points the two spans share; 0 when they do not overlap (empty spans never do).
std::uint32_t overlap(Span a, Span b);

// Byte offsets of one UTF-8 text to code point offsets and back. A byte inside a multi-byte character
// maps to the next character (newsq's offsets always fall on character boundaries).
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view utf8);
  std::uint32_t code_point(std::size_t byte) const;  // byte <= text size.
  std::size_t byte(std::uint32_t code_point) const;  // code_point <= size(); the text's end past it.
  std::uint32_t size() const { return static_cast<std::uint32_t>(starts_.size()) - 1; }  // Code points.

 private:
  std::vector<std::uint32_t> before_;  // before_[b]: code points starting before byte b.
  std::vector<std::uint32_t> starts_;  // starts_[c]: byte where code point c starts; starts_.back() = size.
};

struct Pair {
  std::size_t found = 0, gold = 0;  // Indices into the two lists given.
  std::uint32_t overlap = 0;
};

// One-to-one matching of found spans to gold spans: among all overlapping pairs, the longest overlap is taken
// first, then the next longest among spans still free, and so on. Ties go to the earlier found span, then the
// earlier gold span (deterministic). Pairs come back sorted by found index.
std::vector<Pair> match_spans(std::span<const Span> found, std::span<const Span> gold);

struct Point {
  double lat = 0, lon = 0;  // WGS84 degrees.
};

// Great-circle km: newsq's own metric (places::distance_km, Xapian's GreatCircleMetric), the one its radius
// search uses.
double distance_km(Point a, Point b);

// How many of `found` and `gold` pair up one to one within `radius_km`, taking the closest pairs first.
std::size_t match_points(std::span<const Point> found, std::span<const Point> gold, double radius_km = kAccuracyKm);

// True positives, false positives, false negatives, and the ratios (0 when a denominator is 0).
struct Counts {
  std::uint64_t tp = 0, fp = 0, fn = 0;
  double precision() const;
  double recall() const;
  double f1() const;
  Counts& operator+=(const Counts& o);
};

// A toponym of the gold standard.
struct GoldToponym {
  Span span;
  std::optional<Point> point;  // None where the corpus gives no coordinates.
  std::string place_key;       // Identity for the per-article set (a GeoNames id); empty: its point decides.
  std::string fcode;           // GeoNames "class.code" where the corpus gives it ("A.PCLI", "P.PPL"); else empty.
};

// A name occurrence newsq considered, accepted or rejected.
struct FoundMention {
  Span span;
  bool accepted = false;
  std::uint32_t place = 0;     // The place chosen (accepted only).
  std::optional<Point> point;  // Its coordinates, if it has any.
};

// What kind of place a gold toponym is, where the corpus says (its GeoNames feature code).
enum class GoldKind { country_or_region, city, other_feature, not_given };
GoldKind gold_kind(std::string_view fcode);

enum class ErrorKind {
  missed_no_candidate,    // No name occurrence of newsq touches the toponym.
  missed_rejected,        // newsq saw a candidate there and rejected it.
  missed_taken,           // An accepted mention overlaps it, but was matched to another toponym.
  false_place,            // An accepted mention matching no toponym.
  far_country_or_region,  // Matched, more than 161 km off; the gold is a country, region or continent.
  far_city,               // ... the gold is a populated place.
  far_other,              // ... the gold is some other feature (airport, river, park, ...).
  far_kind_not_given,     // ... the corpus does not say what the gold is.
  no_coordinates,         // Matched, but the place newsq chose has no coordinates.
};
inline constexpr std::size_t kErrorKinds = 9;
std::string_view error_kind_name(ErrorKind kind);

struct Error {
  ErrorKind kind{};
  std::size_t gold = SIZE_MAX, found = SIZE_MAX;  // The toponym and / or the mention concerned.
  double km = -1;                                 // For far_*: the error.
};

struct ArticleScore {
  Counts mentions;                // Recognition.
  std::uint64_t resolvable = 0;   // Matched pairs whose gold has coordinates (acc@161's denominator).
  std::vector<double> errors_km;  // Their errors, where newsq's place has coordinates.
  Counts places;                  // The per-article sets.
  std::vector<Pair> pairs;
  std::vector<Error> errors;
};

// Scores one article. `found` holds every candidate newsq considered, accepted or not; only accepted ones count
// as found mentions and places, rejected ones only explain misses.
ArticleScore score_article(std::span<const GoldToponym> gold, std::span<const FoundMention> found);

// Sums of article scores, and the corpus-level figures.
struct Totals {
  std::uint64_t articles = 0;
  Counts mentions, places;
  std::uint64_t resolvable = 0;
  std::vector<double> errors_km;
  std::uint64_t errors[kErrorKinds] = {};

  void add(const ArticleScore& a);
  double accuracy() const;   // Share of resolvable pairs within kAccuracyKm; 0 when there are none.
  double median_km() const;  // Over errors_km (mean of the two middle ones for an even count); 0 when empty.
  double mean_km() const;
};

}  // namespace newsq::geoparse
