// indexer/places/place_extractor.cc: name matching over tokens, context features, scoring.
#include "indexer/places/place_extractor.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "indexer/places/gazetteer_format.h"
#include "indexer/places/name_key.h"

namespace newsq::places {
namespace {

// Words after which a capitalised name is a place ("in Bar", "near Nice", "from Reading").
const std::set<std::string, std::less<>> kContextWords = {
    "in", "near", "at", "from", "outside", "to", "into", "across", "around", "towards", "toward",
    "through", "via", "nearby", "inside", "within", "visited",
    "захід", "в", "у", "під", "біля", "из", "из-под", "под", "около"};

// Place names that are also common English words (or given names, or organisations' short
// names): accepted only in place context. Found by running the extractor over the archive and
// reading what it wrongly picked; extend it the same way.
const std::set<std::string, std::less<>> kCommonWords = {
    "march", "may", "june", "july", "august", "bar", "mobile", "reading", "split", "nice", "bath", "sale", "deal",
    "hope", "union", "independence", "liberty", "university", "police", "president", "obama", "trump", "biden",
    "harris", "warren", "johnson", "jackson", "lincoln", "austin", "clinton", "sanders", "madison",
    "franklin", "washington dc", "hamilton", "florence", "victoria", "eagle", "justice", "home", "win", "best",
    "victory", "man", "orange", "chad",
    "azov", "wagner", "mary", "regina", "santa", "san",
    "marshall", "kent", "phoenix", "aurora", "troy", "salem", "buffalo", "globe", "bristol",
    "normal", "english", "friendship", "energy", "commerce", "industry", "progress", "peace", "unity", "mission",
    "temple", "church", "centre", "center", "beach", "park", "lake", "valley", "ocean", "summit", "capitol",
    "pride", "leader", "general", "senate", "congress", "parliament", "time", "times", "post", "news", "gas",
    "oil", "power", "grid", "hospital", "school", "station", "airport", "port", "border", "bridge", "media",
    "north", "south", "east", "west", "central", "eastern", "western", "northern", "southern", "amber", "mercy",
    "faith", "grace", "joy", "ruby", "dale", "bay", "ada", "ava", "kit", "van", "mali", "ali", "omar", "ben",
    "khan", "kim", "lee", "sun", "moon", "star", "sky", "christmas", "easter", "doctor", "nurse", "mayor",
    "governor", "minister", "secretary", "senator", "commander", "reuters", "twitter", "telegram", "google",
    "amazon", "apple", "donald", "can", "ban", "race", "kanye", "nancy", "supreme", "victor", "thursday",
    "monday", "tuesday", "wednesday", "friday", "saturday", "sunday", "january", "february", "april",
    "september", "october", "november", "december", "congress", "fox", "war", "make", "democrat", "name",
    "more", "over", "many", "trial", "surprise", "nord", "truss", "wall", "newton", "ridgetop", "blacksburg",
    "america", "sussex", "mesa", "marina", "chance", "young", "best", "worth", "ordinary", "early", "gay",
    "ukrainian", "russian", "delta", "alpha", "omega", "patriot", "stinger", "javelin", "leopard", "abrams", "himars",
    "bradley", "shahed", "crimea bridge", "kremlin", "pentagon", "white house", "black", "white", "red", "green",
    "blue", "gold", "silver", "golden", "royal", "national", "federal", "state", "republic", "kingdom", "empire",
    "christian", "muslim", "jewish", "catholic", "orthodox", "islamic", "arab", "pacific", "atlantic",
    "hollywood", "broadway", "wall street", "downing street", "buckingham",
    "charlotte", "elizabeth", "alexandria", "alexander", "jessica", "taylor", "jefferson", "kennedy", "nixon",
    "reagan", "carter", "bush", "putin", "lavrov", "zelensky", "zelenskyy", "pope", "francis", "king", "queen",
    "prince", "princess", "charles", "william", "harry", "meghan", "diana", "andrew", "anne", "edward", "george",
    "henry", "james", "john", "paul", "peter", "michael", "david", "daniel", "mark", "luke", "matthew", "simon",
    "adam", "eve", "noah", "ruth", "sarah", "rachel", "rebecca", "julia", "maria", "anna", "olga", "irina",
    "vladimir", "alexei", "navalny", "boris", "dmitry", "sergei", "viktor", "yuri", "ivan", "igor", "oleg",
    "roman", "nova", "nova poshta", "energoatom", "naftogaz", "ukrenergo", "gazprom", "rosatom", "opera",
    "stone", "rock", "hill", "mountain", "river", "island", "cape", "point", "springs", "spring", "falls", "fall",
    "summer", "winter", "autumn", "day", "night", "morning", "evening", "covid", "corona", "omicron", "delta",
    "trinity", "providence", "concord", "harmony", "paradise", "eden", "zion", "canaan", "goshen",
    "bethany", "europe", "earth", "wake", "hit", "mansion", "grain", "export", "agency", "council", "alliance",
    "seven", "look", "see", "just", "tape", "rand", "global", "interest", "kill", "car", "canadian", "american",
    // Soviet leaders whose names towns once had: in the news, the men.
    "stalin", "lenin", "molotov", "kirov", "gorky", "zhdanov", "frunze", "kalinin", "kuibyshev", "sverdlov",
    "voroshilov", "brezhnev", "andropov", "chernenko", "ordzhonikidze", "tito", "dimitrov",
    "taliban", "hamas", "hezbollah", "isis", "nato", "un", "eu", "gop"};

// Month and weekday names and adjectives of direction or region ("in March", "in Western media",
// "the Balkan state"): places called so ("March", Cambridgeshire; Sri Lanka's "Western" province)
// only with a qualifier ("March, Cambridgeshire").
const std::set<std::string, std::less<>> kQualifierOnly = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "western", "eastern", "northern", "southern", "central", "north", "south", "east", "west", "gulf",
    "balkan", "balkans", "arab", "nordic", "atlantic", "pacific", "baltic", "caucasus", "middle east", "northeast",
    "northwest", "southeast", "southwest", "midwest", "northeastern", "northwestern", "southeastern", "southwestern"};

// Names that only capitals tell from an everyday word ("US" and "us"): not a place inside a
// line written all in capitals ("JOIN US ON TELEGRAM").
const std::set<std::string, std::less<>> kCaseOnly = {"us", "it", "me", "am", "ok", "id"};

// Nouns after a coordinated list of names that make every name a region's ("the Kherson and
// Zaporizhzhia regions"), or before "of" and such a list ("the regions of Luhansk and Donetsk").
const std::set<std::string, std::less<>> kRegionNouns = {"region", "regions", "oblast", "oblasts", "province",
                                                         "provinces", "область", "області", "области"};
const char* const kRegionSuffixes[] = {" oblast", " region", " province"};

// Words after which a capitalised name is part of an outlet's or team's name.
const std::set<std::string, std::less<>> kOrgWords = {
    "post", "times", "journal", "independent", "herald", "tribune", "telegraph", "gazette", "chronicle",
    "examiner", "observer", "globe", "review", "daily", "express", "mirror", "courier", "standard", "dynamo",
    "united", "fc", "metro", "airlines", "university", "institute", "declaration", "accords", "agreement",
    "convention", "protocol", "format", "summit", "syndrome", "battalion", "regiment", "brigade", "group",
    "club", "memorandum", "communique", "trials", "tribunal", "today", "people", "republic", "nets"};

// Words after a town's name that make it the name of a district around it ("Loudoun County").
const std::set<std::string, std::less<>> kDistrictWords = {"county", "parish", "borough", "district", "raion", "rayon",
                                                           "municipality", "township"};

// Capitalised words that may precede a place without making it a person's name.
const std::set<std::string, std::less<>> kPlaceModifiers = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
    "downtown", "occupied", "liberated", "the", "and", "or", "in", "near", "from", "at", "to", "upper", "lower",
    "old", "new", "metropolitan", "northeastern", "northwestern", "southeastern", "southwestern",
    "nazi", "soviet", "tsarist", "imperial", "communist", "independent", "neighbouring", "neighboring"};


UChar32 first_char(std::string_view s) {
  if (s.empty()) return 0;
  UChar32 c;
  std::int32_t i = 0;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
  return c;
}

bool is_cyrillic(std::string_view word) {
  UErrorCode status = U_ZERO_ERROR;
  return !word.empty() && uscript_getScript(first_char(word), &status) == USCRIPT_CYRILLIC;
}

// `word` in Latin letters by the BGN/PCGN romanisation GeoNames' names mostly follow: Ukrainian
// ("Бахмут" -> "bakhmut", "Харків" -> "kharkiv") for which = 0, Russian ("Мариуполь" ->
// "mariupol") for which = 1; empty if ICU lacks the transform. One transliterator per thread
// (they keep state while working).
std::string romanised(std::string_view word, int which) {
  auto make = [](const char* id) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  };
  thread_local const std::unique_ptr<icu::Transliterator> transforms[2] = {make("Ukrainian-Latin/BGN; Latin-ASCII"),
                                                                          make("Russian-Latin/BGN; Latin-ASCII")};
  if (!transforms[which]) return {};
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<std::int32_t>(word.size())));
  transforms[which]->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

// Upper case, or a script without case (counts as capitalised).
bool capitalised(std::string_view word) {
  UChar32 c = first_char(word);
  return u_isupper(c) || u_istitle(c) || (!u_islower(c) && u_isalpha(c));
}

bool all_upper(std::string_view word) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto n = static_cast<std::int32_t>(word.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (u_islower(c)) return false;
  }
  return true;
}

bool only_spaces(std::string_view gap) {
  return !gap.empty() && gap.size() <= 3 && gap.find_first_not_of(" \t") == std::string_view::npos;
}

// Between the words of one name: spaces, hyphens ("Ivano-Frankivsk"), apostrophes.
bool name_gap(std::string_view gap) {
  return gap.size() <= 3 && gap.find_first_not_of(" \t-'\u2019") == std::string_view::npos;
}

bool sentence_break(std::string_view gap) {
  return gap.find_first_of(".!?;:\n\"()[]") != std::string_view::npos || gap.find("\u201c") != std::string_view::npos ||
         gap.find("\u2014") != std::string_view::npos;
}

bool has_lower(std::string_view word) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto n = static_cast<std::int32_t>(word.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (u_islower(c)) return true;
  }
  return false;
}

// Only commas and spaces: between the names of a list ("Kherson, Luhansk").
bool list_gap(std::string_view gap) {
  return !gap.empty() && gap.size() <= 4 && gap.find_first_not_of(" ,") == std::string_view::npos;
}

// "Germany.The": machine-translated text often drops the space after a full stop, and word
// segmentation then keeps both words (and the stop) as one token. The byte offsets of such
// glued words' parts, or an empty list when the word is not glued.
std::vector<std::pair<std::uint32_t, std::uint32_t>> glued_parts(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> parts;
  std::string_view w = text.substr(begin, end - begin);
  std::size_t start = 0;
  for (std::size_t dot = w.find('.'); dot != std::string_view::npos; dot = w.find('.', dot + 1)) {
    // A stop between a word of two or more letters and a capital: not "U.S." or "3.5".
    auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80); };
    if (dot + 1 >= w.size() || dot - start < 2 || !std::isupper(static_cast<unsigned char>(w[dot + 1])) ||
        !letter(w[dot - 1]) || !letter(w[dot - 2]))
      continue;
    parts.emplace_back(begin + start, begin + dot);
    start = dot + 1;
  }
  if (parts.empty()) return parts;
  parts.emplace_back(begin + start, end);
  return parts;
}

double feature_bonus(const Place& p) {
  switch (p.level) {
    case Level::country: return 12;
    case Level::region: return 2;
    case Level::sea: return 8;
    case Level::city: break;
  }
  if (p.feature == "P.PPLC") return 8;
  if (p.feature == "P.PPLA") return p.population >= 100000 ? 6 : 3;  // Not a small seat over a US state.
  if (p.feature == "P.PPLA2") return 2;
  if (p.feature == "P.PPLA3" || p.feature == "P.PPLA4") return 1;
  if (p.feature == "P.PPLX" || p.feature == "P.PPLH" || p.feature == "P.PPLQ") return -3;
  return 0;
}

// Regions' populations are their cities' sums: capped, so that "New York" or "Kharkiv" is the city.
double prior(const Place& p) {
  double size = std::log10(static_cast<double>(p.population) + 1);
  if (p.level == Level::region) size = std::min(size, 6.0);
  if (p.level == Level::city && p.population >= 1000000) size += 3;
  return feature_bonus(p) + size;
}

// Known without help: countries, regions, seas, capitals, regional centres of some size, cities.
bool strong(const Place& p) {
  return p.level != Level::city || p.feature == "P.PPLC" || (p.feature == "P.PPLA" && p.population >= 50000) ||
         p.population >= 100000;
}

std::string thousands(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

}  // namespace

struct PlaceExtractor::Span {
  std::uint32_t field = 0, begin = 0, end = 0;
  std::string key;
  std::span<const std::uint32_t> candidates;
  bool title_case = false;     // In a Title Case headline.
  bool capitalised = false, all_upper = false;
  bool context_before = false;  // "in X".
  bool prev_capitalised = false, next_capitalised = false, next_org = false;
  bool sentence_initial = false;
  bool weak_context = false;    // The context word is "to" ("dedicated to Mary").
  bool in_capitals = false;     // Among words written all in capitals.
  bool acronym = false;         // All capitals among lower-case words ("NATO").
  bool hyphen_before = false, hyphen_after = false;  // Joined by a hyphen to a capitalised word.
  int hyphen_prev = -1, hyphen_next = -1;            // ...that is itself a name (span index).
  bool region_list = false;     // Named in a list of regions.
  bool prev_capitalised_initial = false;  // After a capitalised first word of a sentence ("Todd Wright").
  bool district = false;        // Followed by "County", "District", ...
  bool next_calendar = false;   // Followed by a month or weekday ("in Mariupol Tuesday").
  std::uint32_t first_token = 0, end_token = 0;  // Token range in its field.
  int qualifier = -1;           // Index of the span right after ", ".
  bool is_qualifier = false;
  std::string rejected;         // Set by the early filters.
  std::vector<std::pair<Place, double>> places;  // The candidates and their priors.
  Place chosen{};
  double score = 0;
};

PlaceExtractor::PlaceExtractor(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {}
PlaceExtractor::~PlaceExtractor() = default;

const std::string& PlaceExtractor::primary_key(const Place& p) {
  auto [it, fresh] = primary_.try_emplace(p.id);
  if (fresh) {
    if (!analyzer_) analyzer_ = std::make_unique<analysis::TextAnalyzer>();
    it->second = name_key(p.name, *analyzer_);
  }
  return it->second;
}

bool PlaceExtractor::find_place(std::uint32_t id, Place& out) {
  // The gazetteer's lookup by id is a binary search over every place, a cache miss per step;
  // an article's candidates recur across articles ("Washington" has 36), so keep them at hand.
  if (auto it = cache_.find(id); it != cache_.end()) {
    out = it->second;
    return it->second.id != 0;
  }
  if (cache_.size() > 200000) {  // Bound memory on huge, varied archives.
    cache_.clear();
    primary_.clear();
  }
  Place p;
  const bool found = gazetteer_.find(id, p);
  cache_.emplace(id, found ? p : Place{});
  out = p;
  return found;
}

void PlaceExtractor::add_field(std::string_view text, std::span<const analysis::Token> tokens, bool headline) {
  const std::uint32_t field = fields_++;
  texts_.emplace_back(explain_ ? text : std::string_view());
  // Words glued by a full stop without a space ("Germany.The") are split into their words.
  std::vector<analysis::Token> unglued;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (std::memchr(text.data() + tokens[i].begin, '.', tokens[i].end - tokens[i].begin) == nullptr) continue;
    auto parts = glued_parts(text, tokens[i].begin, tokens[i].end);
    if (parts.empty()) continue;
    if (unglued.empty() && i > 0) unglued.assign(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(i));
    if (!analyzer_) analyzer_ = std::make_unique<analysis::TextAnalyzer>();
    for (auto [b, e] : parts) {
      const std::size_t from = unglued.size();
      analyzer_->analyze(text.substr(b, e - b), unglued);
      for (std::size_t k = from; k < unglued.size(); ++k) {
        unglued[k].begin += b;
        unglued[k].end += b;
      }
    }
    for (std::size_t j = i + 1; j < tokens.size(); ++j) {  // The rest, splitting any further glued word.
      auto more = glued_parts(text, tokens[j].begin, tokens[j].end);
      if (more.empty()) {
        unglued.push_back(tokens[j]);
        continue;
      }
      for (auto [b, e] : more) {
        const std::size_t from = unglued.size();
        analyzer_->analyze(text.substr(b, e - b), unglued);
        for (std::size_t k = from; k < unglued.size(); ++k) {
          unglued[k].begin += b;
          unglued[k].end += b;
        }
      }
    }
    tokens = unglued;
    break;
  }
  auto word = [&](std::size_t i) { return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin); };
  // A Cyrillic word the gazetteer does not know in that spelling is looked up romanised too, so
  // that places GeoNames names only in Latin letters are found in Ukrainian and Russian text.
  Gazetteer::NameEntry known;
  std::vector<analysis::Token> romanised_tokens;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!is_cyrillic(tokens[i].term) || gazetteer_.probe(tokens[i].term, known)) continue;
    if (!analyzer_) analyzer_ = std::make_unique<analysis::TextAnalyzer>();
    for (int which : {0, 1}) {
      auto latin = analyzer_->analyze(romanised(word(i), which));
      if (latin.size() != 1 || !gazetteer_.probe(latin[0].term, known)) continue;
      if (romanised_tokens.empty()) romanised_tokens.assign(tokens.begin(), tokens.end());
      romanised_tokens[i].term = latin[0].term;
      break;
    }
  }
  if (!romanised_tokens.empty()) tokens = romanised_tokens;
  auto gap = [&](std::size_t i) {  // Between token i-1 and token i.
    return i == 0 ? std::string_view(" ") : text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
  };
  auto sentence_initial = [&](std::size_t i) { return i == 0 || sentence_break(gap(i)); };

  bool title_case = false;
  if (headline) {
    std::size_t long_words = 0, caps = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (tokens[i].term.size() >= 4) {
        ++long_words;
        caps += capitalised(word(i));
      }
    title_case = long_words > 0 && caps * 10 >= long_words * 6;
  }

  const std::size_t first_span = spans_.size();
  std::string key;
  Gazetteer::NameEntry entry;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!gazetteer_.probe(tokens[i].term, entry)) continue;
    // Extend word by word while some longer name continues the words so far; keep the longest
    // name met.
    std::size_t n = 0;
    std::span<const std::uint32_t> ids;
    if (!entry.ids.empty()) {
      n = 1;
      ids = entry.ids;
    }
    key = tokens[i].term;
    for (std::size_t k = i + 1; k < tokens.size() && k - i < kMaxNameTerms && (entry.longer >> (k - i)) != 0; ++k) {
      if (!name_gap(gap(k))) break;
      key += ' ';
      key += tokens[k].term;
      if (!gazetteer_.probe(key, entry)) break;
      if (!entry.ids.empty()) {
        n = k - i + 1;
        ids = entry.ids;
      }
    }
    if (n == 0) continue;
    {
      key.clear();
      for (std::size_t k = i; k < i + n; ++k) key += (k == i ? "" : " ") + tokens[k].term;
      Span s;
      s.field = field;
      s.first_token = static_cast<std::uint32_t>(i);
      s.end_token = static_cast<std::uint32_t>(i + n);
      s.begin = tokens[i].begin;
      s.end = tokens[i + n - 1].end;
      s.key = key;
      s.candidates = ids;
      s.title_case = title_case;
      std::string_view written = text.substr(s.begin, s.end - s.begin);
      s.capitalised = capitalised(written);
      s.all_upper = all_upper(written);
      s.sentence_initial = sentence_initial(i);
      const std::size_t next = i + n;
      if (s.all_upper) {
        // In a line of capitals ("JOIN US ON TELEGRAM") or, with lower-case words around, an
        // acronym ("in NATO").
        const bool lower_before = i > 0 && !sentence_break(gap(i)) && has_lower(word(i - 1));
        const bool lower_after = next < tokens.size() && !sentence_break(gap(next)) && has_lower(word(next));
        auto upper_word = [&](std::size_t k) { return all_upper(word(k)) && u_isalpha(first_char(word(k))); };
        const bool upper_before = i > 0 && !sentence_break(gap(i)) && upper_word(i - 1);
        const bool upper_after = next < tokens.size() && !sentence_break(gap(next)) && upper_word(next);
        s.in_capitals = (upper_before || upper_after) && !lower_before && !lower_after;
        s.acronym = (lower_before || lower_after) && !s.sentence_initial;
      }
      if (i > 0 && !sentence_break(gap(i))) {
        s.context_before = kContextWords.count(tokens[i - 1].term) > 0;
        s.weak_context = tokens[i - 1].term == "to";
        s.prev_capitalised = only_spaces(gap(i)) && capitalised(word(i - 1)) && !sentence_initial(i - 1) &&
                             !kPlaceModifiers.count(tokens[i - 1].term) && !kContextWords.count(tokens[i - 1].term);
        s.hyphen_before = gap(i) == "-" && capitalised(word(i - 1)) && has_lower(word(i - 1));
        s.prev_capitalised_initial = only_spaces(gap(i)) && capitalised(word(i - 1)) && sentence_initial(i - 1) &&
                                     !kPlaceModifiers.count(tokens[i - 1].term) && !kContextWords.count(tokens[i - 1].term) &&
                                     !kQualifierOnly.count(tokens[i - 1].term);
      }
      if (next < tokens.size() && only_spaces(gap(next))) {
        s.next_capitalised = capitalised(word(next));
        s.next_org = s.next_capitalised && kOrgWords.count(tokens[next].term) > 0;
        s.district = kDistrictWords.count(tokens[next].term) > 0;
        s.next_calendar = kQualifierOnly.count(tokens[next].term) > 0;
      }
      // Joined by a hyphen to a capitalised word, not an acronym ("Molotov-Ribbentrop", not "UN-Turkey").
      if (next < tokens.size()) s.hyphen_after = gap(next) == "-" && capitalised(word(next)) && has_lower(word(next));
      if (s.in_capitals) s.prev_capitalised = s.next_capitalised = s.prev_capitalised_initial = false;
      spans_.push_back(std::move(s));
      i += n - 1;
    }
  }
  // Qualifiers and neighbours: "Paris, Texas"; a capitalised neighbour that is itself a place
  // ("Kharkiv Kyiv" in a list, "Russia-Ukraine") does not make a name, unless it is a common
  // word or a given name ("Julia Davis").
  for (std::size_t a = first_span; a + 1 < spans_.size(); ++a) {
    Span& s = spans_[a];
    Span& t = spans_[a + 1];
    if (t.first_token == s.end_token) {
      auto major = [&](const Span& x) {  // "Merrick Garland", "Julia Davis": the neighbour is a given name.
        if (kCommonWords.count(x.key)) return false;
        return std::any_of(x.candidates.begin(), x.candidates.end(), [&](std::uint32_t id) {
          Place p;
          return find_place(id, p) && strong(p);
        });
      };
      if (major(t)) s.next_capitalised = false;
      if (major(s)) {
        t.prev_capitalised = false;
        t.prev_capitalised_initial = false;
      }
      if (s.hyphen_after) {  // "Thomas-Greenfield": each learns the other's fate in finish().
        s.hyphen_after = false;
        t.hyphen_before = false;
        s.hyphen_next = static_cast<int>(a + 1);
        t.hyphen_prev = static_cast<int>(a);
      }
    }
    if (t.first_token == s.end_token) {
      std::string_view g = text.substr(s.end, t.begin - s.end);
      // A qualifier only if one of its places contains one of the name's ("Paris, Texas"), not
      // in a list ("Kyiv, Mariupol").
      auto contains = [&](std::uint32_t id) {
        Place p;
        if (!find_place(id, p)) return false;
        return std::find_if(t.candidates.begin(), t.candidates.end(), [&](std::uint32_t q) {
                 return q == p.region || q == p.country;
               }) != t.candidates.end();
      };
      if (g.size() <= 3 && g.find(',') != std::string_view::npos &&
          std::any_of(s.candidates.begin(), s.candidates.end(), contains)) {
        s.qualifier = static_cast<int>(a + 1);
        t.is_qualifier = true;
      }
    }
  }
  // Lists of regions: "the Kherson and Zaporizhzhia regions", "the regions of Luhansk and
  // Donetsk", "Sumy and Chernihiv oblasts": each name is its region's ("Kherson region").
  for (std::size_t a = first_span; a < spans_.size();) {
    std::size_t b = a;  // The list is spans a..b, joined by commas, "and" or "or".
    while (b + 1 < spans_.size()) {
      const Span& s = spans_[b];
      const Span& t = spans_[b + 1];
      const bool comma = t.first_token == s.end_token && list_gap(gap(t.first_token));
      const bool conj = t.first_token == s.end_token + 1 &&
                        (tokens[s.end_token].term == "and" || tokens[s.end_token].term == "or") &&
                        (only_spaces(gap(s.end_token)) || list_gap(gap(s.end_token))) && only_spaces(gap(t.first_token));
      if (!comma && !conj) break;
      ++b;
    }
    const std::size_t after = spans_[b].end_token, first = spans_[a].first_token;
    const bool noun_after = after < tokens.size() && only_spaces(gap(after)) && kRegionNouns.count(tokens[after].term);
    const bool noun_before = first >= 2 && tokens[first - 1].term == "of" && kRegionNouns.count(tokens[first - 2].term) &&
                             only_spaces(gap(first)) && only_spaces(gap(first - 1));
    if ((noun_after && b > a) || noun_before)
      for (std::size_t k = a; k <= b; ++k)
        for (const char* suffix : kRegionSuffixes) {
          auto regions = gazetteer_.lookup(spans_[k].key + suffix);
          if (!regions.empty()) {
            spans_[k].candidates = regions;
            spans_[k].region_list = true;
            break;
          }
        }
    a = b + 1;
  }
}

Extraction PlaceExtractor::finish() {
  Extraction out;
  // 1. Filters that need no disambiguation.
  auto has_country = [&](const Span& s) {
    return std::any_of(s.candidates.begin(), s.candidates.end(), [&](std::uint32_t id) {
      Place p;
      return find_place(id, p) && p.level == Level::country;
    });
  };
  std::set<std::string_view> person_keys;  // Names seen as part of a person's name ("Merrick Garland").
  for (Span& s : spans_) {
    const bool common = kCommonWords.count(s.key) > 0;
    const bool short_name = s.key.size() <= 2;
    const bool qualified = s.qualifier >= 0 || s.is_qualifier;
    if (short_name && !s.all_upper) s.rejected = "short name not written in capitals";
    else if (!s.capitalised && !s.title_case) s.rejected = "not capitalised";
    else if (kQualifierOnly.count(s.key) && !qualified) s.rejected = "a month, weekday or adjective without a qualifier";
    else if (s.in_capitals && kCaseOnly.count(s.key)) s.rejected = "in a line of capitals: the everyday word";
    else if (common && (((!s.context_before || s.weak_context || s.in_capitals) && !qualified) || (s.next_capitalised && !s.title_case)))
      s.rejected = "common word without place context";
    else if (s.prev_capitalised && !s.title_case && !has_country(s)) {
      s.rejected = "after a capitalised word: part of a name";
      person_keys.insert(s.key);
    } else if (s.next_org) s.rejected = "part of an organisation's name";
    else if ((s.hyphen_before || s.hyphen_after) && !s.title_case && !has_country(s))
      s.rejected = "joined by a hyphen to a capitalised word: part of a name";
    else if (s.district && !s.title_case) s.rejected = "the name of a district around it";
  }
  // One sense per article: a name met as part of a person's name is that person elsewhere too
  // ("Attorney General Merrick Garland ... Garland said"); so is its hyphenated partner
  // ("Linda Thomas-Greenfield").
  for (std::size_t a = 0; a < spans_.size(); ++a) {
    Span& s = spans_[a];
    if (!s.rejected.empty() || s.qualifier >= 0 || s.is_qualifier) continue;
    if (person_keys.count(s.key) && !has_country(s)) s.rejected = "named elsewhere in the article as part of a person's name";
    for (int h : {s.hyphen_prev, s.hyphen_next})
      if (h >= 0 && person_keys.count(spans_[static_cast<std::size_t>(h)].key))
        s.rejected = "joined by a hyphen to part of a person's name";
  }
  // 2. Provisional choice by prior, and the countries and regions the surviving names vote for
  // (one vote per distinct name).
  std::map<std::string_view, std::set<std::uint32_t>> votes_by_key;
  std::unordered_map<std::uint32_t, int> votes;
  for (Span& s : spans_) {
    if (!s.rejected.empty() && !explain_) continue;
    s.places.clear();
    double best = -1e9;
    for (std::uint32_t id : s.candidates) {
      Place p;
      if (!find_place(id, p)) continue;
      const double score = prior(p);
      s.places.emplace_back(p, score);
      if (score > best) {
        best = score;
        s.chosen = p;
      }
    }
    if (!s.rejected.empty() || s.chosen.id == 0 || !strong(s.chosen)) continue;
    auto& mine = votes_by_key[s.key];
    for (std::uint32_t area : {s.chosen.level == Level::country ? s.chosen.id : s.chosen.country, s.chosen.region})
      if (area && mine.insert(area).second) ++votes[area];
  }
  auto other_votes = [&](const Span& s, std::uint32_t area) {
    if (!area) return 0;
    auto it = votes.find(area);
    int n = it == votes.end() ? 0 : it->second;
    auto mine = votes_by_key.find(s.key);
    if (n && mine != votes_by_key.end() && mine->second.count(area)) --n;
    return n;
  };
  // 3. Final choice with context, then acceptance.
  for (std::size_t a = 0; a < spans_.size(); ++a) {
    Span& s = spans_[a];
    Mention m;
    m.field = s.field;
    m.begin = s.begin;
    m.end = s.end;
    if (!s.rejected.empty() && !explain_) {
      out.mentions.push_back(std::move(m));
      continue;
    }
    double best = -1e9;
    int country_votes = 0, region_votes = 0;
    bool qualified = false;
    const Span* q = s.qualifier >= 0 ? &spans_[static_cast<std::size_t>(s.qualifier)] : nullptr;
    for (const auto& [p, base] : s.places) {
      double score = base;
      const int cv = other_votes(s, p.level == Level::country ? p.id : p.country);
      const int rv = p.level == Level::city ? other_votes(s, p.region) : 0;
      score += 4 * std::min(cv, 3) + (rv > 0 ? 3 : 0);
      // An init-capture, not [&]: clang 14 (the fuzzing build) does not capture structured bindings.
      const bool qualifies = q && std::find_if(q->candidates.begin(), q->candidates.end(), [&p = p](std::uint32_t qid) {
                                    return qid == p.region || qid == p.country;
                                  }) != q->candidates.end();
      if (qualifies) score += 20;
      if (score > best) {
        best = score;
        s.chosen = p;
        country_votes = cv;
        region_votes = rv;
        qualified = qualifies;
      }
    }
    s.score = best;
    m.place = s.chosen.id;
    const bool supported = country_votes > 0;
    const bool by_other_name = s.chosen.level == Level::city && s.key != primary_key(s.chosen);
    const char* verdict = nullptr;  // Rejection reason, or null if accepted.
    if (!s.rejected.empty()) verdict = s.rejected.c_str();
    else if (s.acronym && !strong(s.chosen)) verdict = "an acronym, not a town";
    else if (by_other_name && s.chosen.feature != "P.PPLC" && !(s.all_upper && strong(s.chosen)) && !qualified && !supported &&
             region_votes == 0)
      verdict = "a town by one of its other names, without supporting places";
    else if (s.chosen.level == Level::city && s.chosen.feature != "P.PPLC" && s.next_capitalised && !s.next_calendar &&
             !s.title_case && !s.context_before && !qualified && !supported)
      verdict = "a foreign town followed by a capitalised word: a given name";
    else if (strong(s.chosen) || s.region_list) m.accepted = true;
    else if (s.sentence_initial && !qualified) verdict = "small place at the start of a sentence";
    else if (kCommonWords.count(s.key) && !qualified) verdict = "a common word naming a small place, without a qualifier";
    else if (s.prev_capitalised_initial && !s.title_case && !qualified) verdict = "small place after a capitalised word";
    else if (s.next_capitalised && !s.next_calendar && !s.title_case && !qualified)
      verdict = "small place followed by a capitalised word: part of a name";
    else if (by_other_name && !s.context_before && !qualified) verdict = "small place by one of its other names, without context";
    else if (s.next_capitalised && !s.title_case && !s.context_before && !qualified)
      verdict = "small place followed by a capitalised word: part of a name";
    else if ((s.context_before && (!s.title_case || supported)) || qualified || (supported && !s.title_case)) m.accepted = true;
    else verdict = "small place without context or supporting places";
    if (explain_) {
      m.text = texts_[s.field].substr(s.begin, s.end - s.begin);
      std::string kind = s.chosen.level == Level::city ? std::string(s.chosen.feature) : std::string(level_name(s.chosen.level));
      std::string summary = std::string(s.chosen.name) + " (" + std::to_string(s.chosen.id) + ", " + kind +
                            (s.chosen.country_code.empty() ? "" : ", " + std::string(s.chosen.country_code)) +
                            ", population " + thousands(s.chosen.population) + ")";
      if (s.candidates.size() > 1) summary += " of " + std::to_string(s.candidates.size()) + " candidates";
      if (country_votes) summary += "; country " + std::string(s.chosen.country_code) + " has " + std::to_string(country_votes) + " other place(s)";
      if (region_votes) summary += "; its region has " + std::to_string(region_votes) + " other place(s)";
      if (qualified) summary += "; qualified by '" + q->key + "'";
      if (verdict) m.reason = "rejected: " + std::string(verdict) + (s.rejected.empty() ? "; " + summary : "");
      else if (strong(s.chosen)) m.reason = "major place " + summary;
      else m.reason = std::string(s.context_before ? "in place context; " : "") + "small place " + summary;
    }
    if (!m.accepted) m.place = 0;
    out.mentions.push_back(std::move(m));
  }
  // 4. Places in order of first occurrence.
  std::unordered_map<std::uint32_t, std::size_t> index;
  for (std::size_t a = 0; a < spans_.size(); ++a) {
    const Mention& m = out.mentions[a];
    if (!m.accepted) continue;
    auto [it, fresh] = index.try_emplace(m.place, out.places.size());
    if (fresh) out.places.push_back({spans_[a].chosen, 0, m.field, m.begin, m.reason});
    ++out.places[it->second].mentions;
  }
  spans_.clear();
  texts_.clear();
  fields_ = 0;
  return out;
}

Extraction PlaceExtractor::extract(std::string_view text, analysis::TextAnalyzer& analyzer) {
  std::vector<analysis::Token> tokens = analyzer.analyze(text);
  add_field(text, tokens, false);
  return finish();
}

bool PlaceExtractor::is_common_word(std::string_view key) { return kCommonWords.count(key) > 0; }

std::string PlaceExtractor::name_key(std::string_view name, analysis::TextAnalyzer& analyzer) {
  return places::name_key(name, analyzer);
}

bool PlaceExtractor::resolve(const Gazetteer& gazetteer, std::string_view name, analysis::TextAnalyzer& analyzer, Place& out,
                             bool* qualified) {
  return resolve(gazetteer, name, [&](std::string_view text) { return name_key(text, analyzer); }, out, qualified);
}

bool PlaceExtractor::resolve(const Gazetteer& gazetteer, std::string_view name,
                             const std::function<std::string(std::string_view)>& key_of, Place& out, bool* qualified) {
  if (qualified) *qualified = false;
  std::uint32_t id = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
  if (ec == std::errc() && end == name.data() + name.size()) return gazetteer.find(id, out);
  std::string_view qualifier;
  if (auto comma = name.find(','); comma != std::string_view::npos) {
    qualifier = name.substr(comma + 1);
    name = name.substr(0, comma);
  }
  auto candidates = gazetteer.lookup(key_of(name));
  std::span<const std::uint32_t> qualifiers;
  if (!qualifier.empty()) qualifiers = gazetteer.lookup(key_of(qualifier));
  double best = -1e9;
  bool found = false;
  for (std::uint32_t candidate : candidates) {
    Place p;
    if (!gazetteer.find(candidate, p)) continue;
    double score = prior(p);
    const bool in_qualifier =
        std::find_if(qualifiers.begin(), qualifiers.end(), [&](std::uint32_t q) { return q == p.region || q == p.country; }) !=
        qualifiers.end();
    if (in_qualifier) score += 20;
    if (score > best) {
      best = score;
      out = p;
      found = true;
      if (qualified) *qualified = in_qualifier;
    }
  }
  return found;
}

}  // namespace newsq::places
