// indexer/places/place_resolver.cc: names and ids -> places, by prior and qualifier.
#include "indexer/places/place_resolver.h"

#include <algorithm>
#include <charconv>
#include <span>
#include <vector>

#include "indexer/places/name_key.h"
#include "indexer/places/place_scoring.h"

namespace newsq::places {

bool resolve_name(const Gazetteer& gazetteer, std::string_view name, const KeyOf& key_of, Place& out, bool* qualified) {
  if (qualified) *qualified = false;
  std::uint32_t id = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
  if (ec == std::errc() && end == name.data() + name.size()) return gazetteer.find(id, out);
  std::string_view qualifier;
  if (auto comma = name.find(','); comma != std::string_view::npos) {
    qualifier = name.substr(comma + 1);
    name = name.substr(0, comma);
  }
  const std::string key = key_of(name);
  auto candidates = gazetteer.lookup(key);
  std::span<const std::uint32_t> qualifiers;
  if (!qualifier.empty()) qualifiers = gazetteer.lookup(key_of(qualifier));
  std::vector<Place> places;
  for (std::uint32_t candidate : candidates)
    if (Place p; gazetteer.find(candidate, p)) places.push_back(p);
  // As the extractor chooses: a country's or national capital's own name is that place, never a
  // town known by it only as another name ("Islamabad" is no Chattogram).
  const bool own_name_claimed = std::any_of(places.begin(), places.end(), [&](const Place& p) {
    return claims_its_own_name(p) && key_of(p.name) == key;
  });
  double best = -1e9;
  bool found = false;
  for (const Place& p : places) {
    if (own_name_claimed && p.level == Level::city && key_of(p.name) != key) continue;
    const bool in_qualifier = lies_in(p, qualifiers);
    const double score = prior(p) + (in_qualifier ? 20 : 0);
    if (score > best) {
      best = score;
      out = p;
      found = true;
      if (qualified) *qualified = in_qualifier;
    }
  }
  return found;
}

bool resolve_name(const Gazetteer& gazetteer, std::string_view name, analysis::TextAnalyzer& analyzer, Place& out,
                  bool* qualified) {
  return resolve_name(
      gazetteer, name, [&](std::string_view text) { return name_key(text, analyzer); }, out, qualified);
}

}  // namespace newsq::places
