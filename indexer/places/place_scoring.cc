// indexer/places/place_scoring.cc: priors from level, feature and population.
#include "indexer/places/place_scoring.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/common/text.h"
#include "indexer/places/place_lexicon.h"

namespace newsq::places {
namespace {

double feature_bonus(const Place& p) {
  switch (p.level) {
    case Level::country:
      return 12;
    case Level::region:
      return 2;
    case Level::sea:
      return 8;
    case Level::continent:  // Above any town that has its name as another name ("Africa", Tunisia).
      return 14;
    case Level::district:
      return 1;
    case Level::city:
      break;
  }
  // A seat of government is a capital too ("La Paz", "The Hague").
  if (p.feature == "P.PPLC" || p.feature == "P.PPLG") return 8;
  if (p.feature == "P.PPLA") return p.population >= 100000 ? 6 : 3;  // Not a small seat over a US state.
  if (p.feature == "P.PPLA2") return 2;
  if (p.feature == "P.PPLA3" || p.feature == "P.PPLA4") return 1;
  if (p.feature == "P.PPLX" || p.feature == "P.PPLH" || p.feature == "P.PPLQ") return -3;
  return 0;
}

}  // namespace

// Regions' and districts' populations are their cities' sums: capped, so that "New York" or
// "Kharkiv" is the city.
double prior(const Place& p) {
  double size = std::log10(static_cast<double>(p.population) + 1);
  if (p.level == Level::region || p.level == Level::district) size = std::min(size, 6.0);
  if (p.level == Level::city && p.population >= 1000000) size += 3;
  return feature_bonus(p) + size;
}

// Whether a district's own name ends in a division word ("Harris County", "Bucha Raion"): that
// word makes the mention unambiguous. A district named bare ("Angus", "Cornwall") may be a person's
// name or a word, so it is a major place only as big as a big town.
namespace {
bool named_as_district(const Place& p) {
  const auto space = p.name.rfind(' ');
  if (space == std::string_view::npos) return false;
  return lexicon::district_word(common::ascii_lower(p.name.substr(space + 1)));
}
}  // namespace

bool strong(const Place& p) {
  if (p.level == Level::district) return named_as_district(p) || p.population >= 100000;
  return p.level != Level::city || p.feature == "P.PPLC" || (p.feature == "P.PPLA" && p.population >= 50000) ||
         p.population >= 100000;
}

bool claims_its_own_name(const Place& p) { return p.level == Level::country || p.feature == "P.PPLC"; }

bool lies_in(const Place& p, std::span<const std::uint32_t> areas) {
  return std::find_if(areas.begin(), areas.end(),
                      [&](std::uint32_t area) { return area == p.region || area == p.country || (p.district && area == p.district); }) != areas.end();
}

}  // namespace newsq::places
