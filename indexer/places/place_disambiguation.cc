// indexer/places/place_disambiguation.cc: filters, votes, the final choice, acceptance and its
// explanation, in that order (each step needs the one before over the whole article).
#include "indexer/places/place_disambiguation.h"

#include "engine/common/text.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "indexer/places/place_distance.h"
#include "indexer/places/place_lexicon.h"
#include "indexer/places/place_scoring.h"

namespace newsq::places {
namespace {

bool has_country(const NameSpan& s, PlaceCache& places) {
  return std::any_of(s.candidates.begin(), s.candidates.end(), [&](std::uint32_t id) {
    Place p;
    return places.find(id, p) && p.level == Level::country;
  });
}

// Rejection reasons compared by identity (the verdict returns these pointers).
constexpr const char* kTownByOtherName = "a town by one of its other names, without supporting places";
constexpr const char* kAfterCapitalised = "small place after a capitalised word";
constexpr const char* kPersonElsewhere = "named elsewhere in the article as part of a person's name";

// Whether `key` spells the place's own name `primary` (both name keys): the same but for the
// transliterations' apostrophes (GeoNames writes "Chornomors'k", the news "Chornomorsk"). Not one
// letter apart: "Monster" is no Münster, "Sidney" no Sydney.
// (Keys hold only straight apostrophes: TextAnalyzer unifies the curly ones.)
bool own_spelling(std::string_view key, std::string_view primary) {
  if (key == primary) return true;
  auto plain = [](std::string_view k) {
    std::string out(k);
    std::erase(out, '\'');
    return out;
  };
  return plain(key) == plain(primary);
}

// A qualifier ("Paris, Texas") or a dateline ("BANTAM (AP) —") says the name is a place.
bool qualified(const NameSpan& s) { return s.qualifier >= 0 || s.is_qualifier || s.dateline; }

// 1. Filters that need no disambiguation; returns the keys seen as part of a person's name
// ("Merrick Garland"). The first reason that applies is kept.
// The names of countries named like a given name or a word ("Chad", "Mali", "Jordan") that the
// article lists among other places ("Angola, Chad and Niger": a member that is no everyday word);
// such a name is the country in all its mentions ("the government of Chad"). So is one the article
// names once in place context ("aid programmes in Chad"; not "dedicated to Chad", nor "in Chad
// Smith's car"): one sense per article.
std::set<std::string_view> listed_countries(const std::vector<NameSpan>& spans, PlaceCache& places) {
  std::set<std::string_view> keys;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const NameSpan& s = spans[i];
    if (!everyday_word(s) || !has_country(s, places)) continue;
    // Another name right after it ("Chad Smith") clears next_capitalised: check for it here.
    const bool name_after =
        i + 1 < spans.size() && spans[i + 1].field == s.field && spans[i + 1].first_token == s.end_token;
    if ((s.context_before || s.region_word) && !s.weak_context && !s.in_capitals && !s.next_capitalised &&
        !name_after && s.capitalised && !s.title_case) {
      keys.insert(s.key);
      continue;
    }
    if (s.list < 0) continue;
    for (std::size_t k = static_cast<std::size_t>(s.list); k < spans.size() && spans[k].list == s.list; ++k)
      if (spans[k].key != s.key && !everyday_word(spans[k]) && spans[k].capitalised) {
        keys.insert(s.key);
        break;
      }
  }
  return keys;
}

std::set<std::string_view> reject_non_places(std::vector<NameSpan>& spans, PlaceCache& places) {
  std::set<std::string_view> person_keys;
  const std::set<std::string_view> countries = listed_countries(spans, places);
  for (NameSpan& s : spans) {
    const bool common = everyday_word(s) && !countries.count(s.key);
    const bool short_name = s.key.size() <= 2;
    if (short_name && !s.all_upper)
      s.rejected = "short name not written in capitals";
    else if (!s.capitalised && !s.title_case)
      s.rejected = "not capitalised";
    else if (lexicon::qualifier_only(s.key) && !qualified(s))
      s.rejected = "a month, weekday or adjective without a qualifier";
    else if (s.in_capitals && lexicon::case_only(s.key))
      s.rejected = "in a line of capitals: the everyday word";
    else if (common &&
             (((!s.context_before || s.weak_context || s.in_capitals) && !qualified(s) && !s.region_word) ||
              (s.next_capitalised && !s.title_case)))
      s.rejected = "common word without place context";
    else if (s.abbreviation == AbbreviationUse::not_after_number && s.after_number)
      s.rejected = "after a number: an era (\"300 B.C.\"), not a place";
    else if (s.prev_capitalised && !s.title_case && !has_country(s, places) && s.abbreviation == AbbreviationUse::none) {
      s.rejected = "after a capitalised word: part of a name";
      person_keys.insert(s.key);
    } else if (s.next_org || s.org_of)
      s.rejected = "part of an organisation's name";
    else if (s.currency)
      s.rejected = "a currency (\"US$\"), not a place";
    else if ((s.hyphen_before || s.hyphen_after) && !s.title_case && !has_country(s, places))
      s.rejected = "joined by a hyphen to a capitalised word: part of a name";
    else if (s.district && !s.title_case)
      s.rejected = "the name of a district around it";
    else if (s.abbreviation == AbbreviationUse::qualifier && !s.is_qualifier && !s.context_before && !s.party_state)
      s.rejected = "an abbreviation that is also a word, not after a place it contains";
  }
  return person_keys;
}

// Whether a mention's own words place it, whatever its name means elsewhere in the article: a
// qualifier, or a place context word before it ("the top skaters in Alberta" after "Team Alberta"
// named a team).
bool placed_by_own_words(const NameSpan& s) { return qualified(s) || (s.context_before && !s.weak_context); }

// One sense per article: a name met as part of a person's name is that person elsewhere too
// ("Attorney General Merrick Garland ... Garland said"); so is its hyphenated partner
// ("Linda Thomas-Greenfield"). Not a mention placed by its own words.
void reject_person_names(std::vector<NameSpan>& spans, const std::set<std::string_view>& person_keys,
                         PlaceCache& places) {
  for (NameSpan& s : spans) {
    if (!s.rejected.empty() || placed_by_own_words(s)) continue;
    if (person_keys.count(s.key) && !has_country(s, places) && s.abbreviation == AbbreviationUse::none)
      s.rejected = kPersonElsewhere;
    for (int h : {s.hyphen_prev, s.hyphen_next})
      if (h >= 0 && person_keys.count(spans[static_cast<std::size_t>(h)].key))
        s.rejected = "joined by a hyphen to part of a person's name";
  }
}

// The countries and regions the article's strong places lie in, one vote per distinct name.
class Votes {
 public:
  // A dateline's place counts twice: the article reports from there.
  void add(const NameSpan& s) {
    auto& mine = by_key_[s.key];
    const int weight = s.dateline ? 2 : 1;
    for (std::uint32_t area : {s.chosen.level == Level::country ? s.chosen.id : s.chosen.country, s.chosen.region})
      if (area && mine.emplace(area, weight).second) count_[area] += weight;
  }
  // The votes for `area` from names other than s's own.
  int others(const NameSpan& s, std::uint32_t area) const {
    if (!area) return 0;
    auto it = count_.find(area);
    int n = it == count_.end() ? 0 : it->second;
    auto mine = by_key_.find(s.key);
    if (mine != by_key_.end())
      if (auto own = mine->second.find(area); own != mine->second.end()) n -= own->second;
    return n;
  }

 private:
  std::map<std::string_view, std::map<std::uint32_t, int>> by_key_;  // Each name's areas and its weight.
  std::unordered_map<std::uint32_t, int> count_;
};

// 2. Provisional choice by prior alone, and the votes of the surviving names.
Votes choose_by_prior(std::vector<NameSpan>& spans, PlaceCache& places, bool explain) {
  Votes votes;
  for (NameSpan& s : spans) {
    if (!s.rejected.empty() && !explain) continue;
    s.places.clear();
    double best = -1e9;
    // A country's or a national capital's own name names it, never a city that has it only as one of
    // its other names (GeoNames lists "Mexico" among Mexico City's names, "Islamabad" among
    // Chattogram's): the city would otherwise win in an article that also names "Mexico City", whose
    // region votes for it, or by its people. Not any major town's: "Odessa" is Odesa by its old
    // spelling, not the Texas city whose own name it is.
    const bool own_name_claimed = std::any_of(s.candidates.begin(), s.candidates.end(), [&](std::uint32_t id) {
      Place p;
      return places.find(id, p) && claims_its_own_name(p) && places.primary_key(p) == s.key;
    });
    // "the city of X", "the village of X" name a town: not the country or region of the name ("the city
    // of Turkey" is the Texas town), when the name has a town among its candidates.
    const bool town_named = s.town_of && std::any_of(s.candidates.begin(), s.candidates.end(), [&](std::uint32_t id) {
      Place p;
      return places.find(id, p) && p.level == Level::city && (!own_name_claimed || places.primary_key(p) == s.key);
    });
    for (std::uint32_t id : s.candidates) {
      Place p;
      if (!places.find(id, p)) continue;
      if (own_name_claimed && p.level == Level::city && places.primary_key(p) != s.key) continue;
      if (town_named && p.level != Level::city) continue;
      // "N.Y." is the state; "D.C." the capital (its district's only city, as in "Washington, D.C.").
      if (s.abbreviation != AbbreviationUse::none && p.level != Level::region && p.feature != "P.PPLC") continue;
      const double score = prior(p);
      s.places.emplace_back(p, score);
      if (score > best) {
        best = score;
        s.chosen = p;
      }
    }
    if (!s.rejected.empty() || s.chosen.id == 0 || !strong(s.chosen)) continue;
    votes.add(s);
  }
  return votes;
}

// What decided a span's final choice.
struct Choice {
  int country_votes = 0, region_votes = 0;  // Other names in the chosen place's country, region.
  bool qualified = false;                   // The qualifier contains the chosen place.
  bool decisive = false;  // A qualifier, a region word, the name it qualifies or is near chose it (settles the name).
};

// What the article says about a span beyond its own candidates: the name it qualifies, the other
// names of its list, and the place a decisive signal chose for another mention of its name.
struct Article {
  const std::vector<NameSpan>& spans;
  std::vector<int> qualifies;  // qualifies[i]: the span that spans[i] qualifies ("Buffalo, New York"), or -1.
  std::unordered_map<std::string_view, std::uint32_t> settled;  // Name -> place; 0 when two signals disagree.

  explicit Article(const std::vector<NameSpan>& all) : spans(all), qualifies(all.size(), -1) {
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all[i].qualifier >= 0) qualifies[static_cast<std::size_t>(all[i].qualifier)] = static_cast<int>(i);
  }
  std::size_t index(const NameSpan& s) const { return static_cast<std::size_t>(&s - spans.data()); }

  // A list of names most of whose other members are (so far) regions: "Ohio, Oklahoma, Washington
  // and Wisconsin" names states, so Oklahoma and Washington are the states too, not their cities.
  // Two region peers at least, and more than the others.
  bool among_regions(const NameSpan& s) const {
    if (s.list < 0) return false;
    int regions = 0, others = 0;
    for (std::size_t k = static_cast<std::size_t>(s.list); k < spans.size() && spans[k].list == s.list; ++k) {
      const NameSpan& t = spans[k];
      if (&t == &s || t.key == s.key || !t.rejected.empty() || t.chosen.id == 0) continue;
      ++(t.chosen.level == Level::region ? regions : others);
    }
    return regions >= 2 && regions > others;
  }

  void settle(const NameSpan& s) {
    auto [it, fresh] = settled.try_emplace(s.key, s.chosen.id);
    if (!fresh && it->second != s.chosen.id) it->second = 0;
  }
};

// Whether p is an area (country, region, district, continent) around one of x's candidates: the
// "New York" of "Buffalo, New York" is the state around Buffalo, not the city. Not when the two
// names share a candidate: "Washington, D.C." names one city twice.
bool around(const Place& p, const NameSpan& s, const NameSpan& x) {
  if (p.level == Level::city || p.level == Level::sea) return false;
  for (const auto& mine : s.places)
    for (const auto& theirs : x.places)
      if (mine.first.id == theirs.first.id) return false;
  const std::uint32_t area[] = {p.id};
  return std::any_of(x.places.begin(), x.places.end(), [&](const auto& c) { return lies_in(c.first, area); });
}

// Within this distance of Y, an X said to lie "south of Y" or "just outside Y" is near it: a
// suburb or a town of its district, not a namesake abroad.
constexpr double kNearKm = 150;

// Whether p lies near the place chosen for the name s is said to be near ("X, south of Y").
bool near_anchor(const NameSpan& s, const Place& p, const Article& article) {
  if (s.near < 0) return false;
  const NameSpan& y = article.spans[static_cast<std::size_t>(s.near)];
  if (!y.rejected.empty() || y.chosen.id == 0 || !y.chosen.has_coordinates || !p.has_coordinates) return false;
  return distance_km(p.lat, p.lon, y.chosen.lat, y.chosen.lon) <= kNearKm;
}

// 3a. Final choice: prior, plus the other names' votes for the candidate's country and region (up
// to three each), plus what decides (+20): a qualifier that contains it, a region word for a
// region ("Washington state"), for a qualifier the area around the name it qualifies ("Buffalo,
// New York"), nearness to the place it is said to be near ("Edmonton, south of Cairns"), and the
// place such a signal chose for another mention of the same name in the
// article (one sense per article: "the province of Ontario ... in Ontario"); plus +10 for a region
// in a list of regions.
Choice choose_in_context(NameSpan& s, const NameSpan* q, const Votes& votes, const ArchivePrior* prior,
                         const Article& article) {
  Choice c;
  double best = -1e9;
  // The archive's own geography decides only among small places ("Oleksandrivka": nine villages),
  // and below the article's own votes and qualifiers: weighing it on names with a major candidate
  // (London, Georgia) lost more than it won on the geoparse bench (indexer/places/README.md).
  const bool by_archive = prior && s.places.size() > 1 &&
                          std::none_of(s.places.begin(), s.places.end(), [](const auto& c) { return strong(c.first); });
  // Only a name that is itself a place so far ("summit in Washington" qualifies nothing: the word
  // is rejected as not capitalised, though GeoNames has a Summit in Washington state).
  const int x = article.qualifies[article.index(s)];
  const NameSpan* qualified_by_s = x >= 0 && article.spans[static_cast<std::size_t>(x)].rejected.empty()
                                       ? &article.spans[static_cast<std::size_t>(x)]
                                       : nullptr;
  const bool in_region_list = s.places.size() > 1 && article.among_regions(s);
  // In a list of regions the comma separates peers: "Virginia, Washington, West Virginia and
  // Wyoming" names the state of Washington, not the West Virginia town the comma would make
  // "Washington, West Virginia". So a name that is itself a region there takes no qualifier.
  const bool peer_regions = in_region_list && std::any_of(s.places.begin(), s.places.end(), [](const auto& c) {
    return c.first.level == Level::region;
  });
  // A region's office after the name ("New York Gov.", "Quebec Premier") decides for the region,
  // unless a country has the name: countries have ministers, and "Georgia" stays as before.
  const bool office = s.region_office && std::none_of(s.places.begin(), s.places.end(), [](const auto& c) {
    return c.first.level == Level::country;
  });
  // A namesake known beyond its country: a country, or a national capital of 100,000 people or more.
  // (Any major place, a town of 100,000 included, cost the hand labels a headline's "Bolton"; first-level
  // regions too cost GeoVirus precision through a brand named like a Swiss canton, "Lucerne".)
  const bool major_namesake = std::any_of(s.places.begin(), s.places.end(), [](const auto& c) {
    const Place& p = c.first;
    return p.level == Level::country || (p.feature == "P.PPLC" && p.population >= 100000);
  });
  const auto settled = article.settled.find(s.key);
  const std::uint32_t settled_on = settled == article.settled.end() ? 0 : settled->second;
  for (const auto& [p, base] : s.places) {
    double score = base;
    if (by_archive) score += prior->bonus(p);
    const int cv = votes.others(s, p.level == Level::country ? p.id : p.country);
    const int rv = p.level == Level::city || p.level == Level::district ? votes.others(s, p.region) : 0;
    // Each other name in the candidate's region counts (up to three): the London of an article
    // that also names Toronto and Windsor is London, Ontario (geoparse bench: TR-News acc@161
    // .789 -> .790, set F1 .733 -> .735; one vote only, as before, left it in England).
    // The country's votes alone do not take a name from such a place to a small namesake: "Paris"
    // in an article that names only the U.S. and Russia is still the capital of France, not the
    // Texas town. Votes from the small place's own region do ("Paris" beside Dallas and Houston),
    // as do a qualifier, a nearness or a one-sense settlement.
    const bool only_country_votes = major_namesake && !strong(p) && rv == 0;
    score += 4 * std::min(only_country_votes ? 0 : cv, 3) + 3 * std::min(rv, 3);
    // Other names inside a region candidate place the name there: "Georgia" beside Atlanta is the
    // state, beside Tbilisi the country (whose own votes count as cv).
    if (p.level == Level::region) score += 8 * std::min(votes.others(s, p.id), 3);
    const bool qualifies = q && !peer_regions && lies_in(p, q->candidates);
    const bool decisive = qualifies || ((s.region_word || office) && p.level == Level::region) ||
                          near_anchor(s, p, article) ||
                          (qualified_by_s && around(p, s, *qualified_by_s)) || (settled_on && p.id == settled_on);
    if (decisive) score += 20;
    if (in_region_list && p.level == Level::region) score += 10;
    if (score > best) {
      best = score;
      s.chosen = p;
      c = {cv, rv, qualifies, decisive};
    }
  }
  s.score = best;
  // "the city of X" settled the level (choose_by_prior kept only towns): the town chosen among them is
  // the name's sense in its other mentions too ("returns to Turkey ... the city of Turkey").
  if (s.town_of && s.chosen.level == Level::city && s.places.size() > 0) c.decisive = true;
  return c;
}

// 2b. The votes again, from each surviving name's choice in context rather than by prior alone:
// "Windsor" by prior is not the Ontario town, but among Ontario's places it is, and then it votes
// for Ontario too ("London"). Measured (geoparse bench, full gazetteer): GeoVirus F1 .927 -> .928,
// set F1 .770 -> .771; TR-News P .934 -> .935, acc@161 .790 -> .792, set F1 .735 -> .738 (fresh
// gazetteer acc@161 .765 -> .771); hand labels unchanged. The names a decisive signal placed are
// settled for their other mentions (Article::settled).
Votes revote(std::vector<NameSpan>& spans, const Votes& first, const ArchivePrior* prior, Article& article) {
  Votes second;
  for (NameSpan& s : spans) {
    if (!s.rejected.empty() || s.places.empty()) continue;
    const NameSpan* q = s.qualifier >= 0 ? &spans[static_cast<std::size_t>(s.qualifier)] : nullptr;
    if (choose_in_context(s, q, first, prior, article).decisive) article.settle(s);
    if (s.chosen.id && strong(s.chosen)) second.add(s);
  }
  return second;
}

// 3b. Why the chosen place is not meant, or null if it is accepted.
const char* verdict(const NameSpan& s, const Choice& c, bool by_other_name) {
  const bool supported = c.country_votes > 0;
  const bool qualified = c.qualified || c.decisive || s.dateline;
  if (!s.rejected.empty()) return s.rejected.c_str();
  if (s.chosen.id == 0) return "no place of the level its abbreviation names";
  if (s.acronym && !strong(s.chosen)) return "an acronym, not a town";
  // GeoNames lists airport and other codes among a city's names ("DOH" for Doha): among
  // lower-case words such a code, with no other place of the article in its country, is an
  // organisation's acronym ("DOH", "FAO"). Only cities of millions are known by their initials
  // ("NYC"), and an article about their country supports them.
  if (s.acronym && by_other_name && s.chosen.population < 1000000 && !qualified && !supported && c.region_votes == 0)
    return "an acronym that is one of a town's other names (a code), without supporting places";
  // "Beaconsfield Mayor", "New Milford Police", "Enfield Council": a town's institution names the
  // town, whatever capitalised word follows and even at a sentence's start, by any of its names; it
  // is the name's place context.
  const bool institution = s.institution_after;
  // A city of millions after a place word, by another name in plain letters ("in Odessa", "in
  // Bombay": an English or older spelling), is meant; a capitalised word after it may make a
  // person's name ("in Sidney Crosby"), and another language's spelling a word or name of that
  // language ("Swatów" for Shantou).
  const bool metropolis_in_context = s.chosen.level == Level::city && s.chosen.population >= 1000000 &&
                                     s.context_before && !s.next_capitalised && s.plain_letters;
  if (by_other_name && s.chosen.feature != "P.PPLC" && !metropolis_in_context && !(s.all_upper && strong(s.chosen)) &&
      !qualified && !supported && !institution && c.region_votes == 0)
    return kTownByOtherName;
  // "the town of Pulawy", "the Kabanjahe district": place context as "in Pulawy" is (a common word
  // was rejected before).
  const bool context = s.context_before || s.settlement_of || s.division_after;
  if (s.chosen.level == Level::city && s.chosen.feature != "P.PPLC" && s.next_capitalised && !s.next_calendar &&
      !institution && !s.title_case && !context && !qualified && !supported)
    return "a foreign town followed by a capitalised word: a given name";
  if (strong(s.chosen) || s.region_list) return nullptr;
  if (s.sentence_initial && !institution && !qualified) return "small place at the start of a sentence";
  if (lexicon::common_word(s.key) && !qualified) return "a common word naming a small place, without a qualifier";
  if (s.prev_capitalised_initial && !s.title_case && !qualified) return kAfterCapitalised;
  if (s.next_capitalised && !s.next_calendar && !institution && !s.title_case && !qualified)
    return "small place followed by a capitalised word: part of a name";
  if (by_other_name && !context && !institution && !qualified)
    return "small place by one of its other names, without context";
  if (s.next_capitalised && !institution && !s.title_case && !context && !qualified)
    return "small place followed by a capitalised word: part of a name";
  if ((context && (!s.title_case || supported)) || institution || qualified || (supported && !s.title_case))
    return nullptr;
  return "small place without context or supporting places";
}

// 3c. The reason shown by `newsq places` and the evaluation: the verdict and what decided it.
std::string explanation(const NameSpan& s, const Choice& c, const NameSpan* q, const char* verdict) {
  const Place& p = s.chosen;
  std::string kind = p.level == Level::city ? std::string(p.feature) : std::string(level_name(p.level));
  std::string summary = std::string(p.name) + " (" + std::to_string(p.id) + ", " + kind +
                        (p.country_code.empty() ? "" : ", " + std::string(p.country_code)) + ", population " +
                        common::thousands(p.population) + ")";
  if (s.candidates.size() > 1) summary += " of " + std::to_string(s.candidates.size()) + " candidates";
  if (c.country_votes)
    summary +=
        "; country " + std::string(p.country_code) + " has " + std::to_string(c.country_votes) + " other place(s)";
  if (c.region_votes) summary += "; its region has " + std::to_string(c.region_votes) + " other place(s)";
  if (c.qualified) summary += "; qualified by '" + q->key + "'";
  else if (c.decisive) summary += "; placed by a region word, the name it qualifies, a place it is near or its other mention";
  if (verdict) return "rejected: " + std::string(verdict) + (s.rejected.empty() ? "; " + summary : "");
  if (s.demonym) return "demonym of " + summary;
  if (s.adjective) return "adjective of " + summary;
  if (strong(p)) return "major place " + summary;
  return std::string(s.context_before ? "in place context; " : "") + "small place " + summary;
}

// 3. The mention each span becomes. `rejected_why` (may be null) receives the verdict's reason for
// rejecting it, or null.
Mention decide(NameSpan& s, const NameSpan* q, const Votes& votes, const std::vector<std::string>& texts,
               PlaceCache& places, bool explain, const ArchivePrior* prior, const Article& article,
               const char** rejected_why = nullptr) {
  Mention m;
  m.field = s.field;
  m.begin = s.begin;
  m.end = s.end;
  m.kind = s.demonym ? MentionKind::demonym : s.adjective ? MentionKind::adjective : MentionKind::name;
  if (!s.rejected.empty() && !explain) return m;
  const Choice c = choose_in_context(s, q, votes, prior, article);
  // A match by a name other than the place's own ("Stalin" for Donetsk) needs more evidence; the
  // own name without its transliteration's apostrophes is none ("Chornomorsk" for Chornomors'k).
  const bool by_other_name = s.chosen.level == Level::city && !own_spelling(s.key, places.primary_key(s.chosen));
  const char* why_not = verdict(s, c, by_other_name);
  // A town the name is only another name of, without support, gives way to a country or a region
  // of a million people or more whose own name it is: "New York" alone is not New York City by its
  // other name, rejected, but the state, which holds the city (not "St. Peter's" the parish of Jersey).
  if (why_not == kTownByOtherName) {
    for (const auto& [p, base] : s.places) {
      const bool major_area = p.level == Level::country || (p.level == Level::region && p.population >= 1000000);
      if (!major_area || places.primary_key(p) != s.key) continue;
      s.chosen = p;
      why_not = verdict(s, c, false);
      break;
    }
  }
  if (rejected_why) *rejected_why = why_not;
  m.accepted = why_not == nullptr;
  m.place = m.accepted ? s.chosen.id : 0;
  if (explain) {
    m.text = texts[s.field].substr(s.begin, s.end - s.begin);
    m.reason = explanation(s, c, q, why_not);
  }
  return m;
}

// 4. The countries and regions an accepted mention names unambiguously: each area of its chosen
// place that every candidate lies in, or both when a qualifier or a dateline placed it.
void add_areas(const NameSpan& s, bool qualified_here, std::vector<std::uint32_t>& areas) {
  const Place& p = s.chosen;
  for (std::uint32_t area : {p.level == Level::country ? p.id : p.country, p.level == Level::region ? p.id : p.region}) {
    if (!area) continue;
    const bool all_in = std::all_of(s.places.begin(), s.places.end(), [&](const auto& candidate) {
      const Place& c = candidate.first;
      return c.id == area || c.country == area || c.region == area;
    });
    if (all_in || qualified_here || s.dateline) areas.push_back(area);
  }
}

// 5. Places in order of first occurrence, with their mention counts.
std::vector<FoundPlace> found_places(const std::vector<NameSpan>& spans, const std::vector<Mention>& mentions) {
  std::vector<FoundPlace> out;
  std::unordered_map<std::uint32_t, std::size_t> index;
  for (std::size_t a = 0; a < spans.size(); ++a) {
    const Mention& m = mentions[a];
    if (!m.accepted) continue;
    auto [it, fresh] = index.try_emplace(m.place, out.size());
    if (fresh) out.push_back({spans[a].chosen, 0, m.field, m.begin, m.reason});
    ++out[it->second].mentions;
    if (m.kind < out[it->second].kind) out[it->second].kind = m.kind;
  }
  return out;
}

}  // namespace

Extraction disambiguate(std::vector<NameSpan>& spans, const std::vector<std::string>& texts, PlaceCache& places,
                        bool explain, const ArchivePrior* prior) {
  reject_person_names(spans, reject_non_places(spans, places), places);
  const Votes first = choose_by_prior(spans, places, explain);
  Article article(spans);
  const Votes votes = revote(spans, first, prior, article);
  Extraction out;
  out.mentions.reserve(spans.size());
  std::set<std::string_view> person_keys;  // Names the verdict found after a given name ("Richard Spencer").
  for (NameSpan& s : spans) {
    const NameSpan* q = s.qualifier >= 0 ? &spans[static_cast<std::size_t>(s.qualifier)] : nullptr;
    const char* why_not = nullptr;
    out.mentions.push_back(decide(s, q, votes, texts, places, explain, prior, article, &why_not));
    if (why_not == kAfterCapitalised) person_keys.insert(s.key);
  }
  // One sense per article for those too: "Spencer shouting" after "Richard Spencer" is the man, not
  // a town of Iowa, unless its own words place it (as reject_person_names).
  for (std::size_t a = 0; a < spans.size(); ++a) {
    NameSpan& s = spans[a];
    Mention& m = out.mentions[a];
    if (!m.accepted || !person_keys.count(s.key) || strong(s.chosen) || placed_by_own_words(s) ||
        s.abbreviation != AbbreviationUse::none)
      continue;
    m.accepted = false;
    m.place = 0;
    if (explain) {
      m.reason = "rejected: ";
      m.reason += kPersonElsewhere;
    }
  }
  for (std::size_t a = 0; a < spans.size(); ++a) {
    if (!out.mentions[a].accepted) continue;
    const NameSpan& s = spans[a];
    const NameSpan* q = s.qualifier >= 0 ? &spans[static_cast<std::size_t>(s.qualifier)] : nullptr;
    add_areas(s, q && lies_in(s.chosen, q->candidates), out.areas);
  }
  std::sort(out.areas.begin(), out.areas.end());
  out.areas.erase(std::unique(out.areas.begin(), out.areas.end()), out.areas.end());
  out.places = found_places(spans, out.mentions);
  return out;
}

}  // namespace newsq::places
