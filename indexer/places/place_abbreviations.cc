// indexer/places/place_abbreviations.cc: the abbreviations of regions as news agencies write them
// (AP style for US states, Canadian Press for provinces), postal codes in a politician's party
// and state ("(D-NY)") and in a dateline ("LOUISVILLE, KY --"), and "St."/"Mt."/"Ft." in names.
// Facts written by the newsq developers.
#include "indexer/places/place_abbreviations.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace newsq::places {
namespace {

using analysis::Token;

struct Abbreviation {
  std::string_view first_term;  // The analyser's term of its first word ("w" for "W. Va.").
  std::string_view written;     // Exactly as written, with its full stops.
  std::string_view key;         // The region's name key ("west virginia").
  AbbreviationUse use;
};

constexpr AbbreviationUse A = AbbreviationUse::anywhere, Q = AbbreviationUse::qualifier;

// Sorted by first_term (checked below). Forms that are also words or names ("Ill.", "Mass.",
// "Wash.", "Miss.", "Del.", "Man.", "N.B." = nota bene) need a qualifier; "B.C." (before Christ)
// may not follow a number.
constexpr std::array kAbbreviations{
    Abbreviation{"ala", "Ala.", "alabama", A},
    Abbreviation{"alta", "Alta.", "alberta", A},
    Abbreviation{"ariz", "Ariz.", "arizona", A},
    Abbreviation{"ark", "Ark.", "arkansas", Q},
    Abbreviation{"bc", "B.C.", "british columbia", AbbreviationUse::not_after_number},
    Abbreviation{"calif", "Calif.", "california", A},
    Abbreviation{"colo", "Colo.", "colorado", A},
    Abbreviation{"conn", "Conn.", "connecticut", A},
    Abbreviation{"dc", "D.C.", "washington dc", A},
    Abbreviation{"del", "Del.", "delaware", Q},
    Abbreviation{"fla", "Fla.", "florida", A},
    Abbreviation{"ga", "Ga.", "georgia", Q},
    Abbreviation{"ill", "Ill.", "illinois", Q},
    Abbreviation{"ind", "Ind.", "indiana", Q},
    Abbreviation{"kan", "Kan.", "kansas", Q},
    Abbreviation{"kans", "Kans.", "kansas", Q},
    Abbreviation{"ky", "Ky.", "kentucky", Q},
    Abbreviation{"la", "La.", "louisiana", Q},
    Abbreviation{"man", "Man.", "manitoba", Q},
    Abbreviation{"mass", "Mass.", "massachusetts", Q},
    Abbreviation{"md", "Md.", "maryland", Q},
    Abbreviation{"mich", "Mich.", "michigan", A},
    Abbreviation{"minn", "Minn.", "minnesota", A},
    Abbreviation{"miss", "Miss.", "mississippi", Q},
    Abbreviation{"mo", "Mo.", "missouri", Q},
    Abbreviation{"mont", "Mont.", "montana", Q},
    Abbreviation{"nb", "N.B.", "new brunswick", Q},
    Abbreviation{"nc", "N.C.", "north carolina", A},
    Abbreviation{"nd", "N.D.", "north dakota", A},
    Abbreviation{"neb", "Neb.", "nebraska", A},
    Abbreviation{"nebr", "Nebr.", "nebraska", A},
    Abbreviation{"nev", "Nev.", "nevada", A},
    Abbreviation{"nfld", "Nfld.", "newfoundland and labrador", A},
    Abbreviation{"nh", "N.H.", "new hampshire", A},
    Abbreviation{"nj", "N.J.", "new jersey", A},
    Abbreviation{"nm", "N.M.", "new mexico", A},
    Abbreviation{"ns", "N.S.", "nova scotia", Q},
    Abbreviation{"nsw", "NSW", "new south wales", A},
    Abbreviation{"nwt", "N.W.T.", "northwest territories", A},
    Abbreviation{"ny", "N.Y.", "new york", A},
    Abbreviation{"okla", "Okla.", "oklahoma", A},
    Abbreviation{"ont", "Ont.", "ontario", A},
    Abbreviation{"ore", "Ore.", "oregon", Q},
    Abbreviation{"pa", "Pa.", "pennsylvania", Q},
    Abbreviation{"pei", "P.E.I.", "prince edward island", A},
    Abbreviation{"qld", "Qld.", "queensland", A},
    Abbreviation{"qld", "Qld", "queensland", A},
    Abbreviation{"que", "Que.", "quebec", Q},
    Abbreviation{"ri", "R.I.", "rhode island", A},
    Abbreviation{"sask", "Sask.", "saskatchewan", A},
    Abbreviation{"sc", "S.C.", "south carolina", A},
    Abbreviation{"sd", "S.D.", "south dakota", A},
    Abbreviation{"tas", "Tas.", "tasmania", Q},
    Abbreviation{"tenn", "Tenn.", "tennessee", A},
    Abbreviation{"va", "Va.", "virginia", Q},
    Abbreviation{"vic", "Vic.", "victoria", Q},
    Abbreviation{"vt", "Vt.", "vermont", A},
    Abbreviation{"w", "W. Va.", "west virginia", A},
    Abbreviation{"wash", "Wash.", "washington", Q},
    Abbreviation{"wis", "Wis.", "wisconsin", A},
    Abbreviation{"wva", "W.Va.", "west virginia", A},
    Abbreviation{"wyo", "Wyo.", "wyoming", A},
};

// US postal codes: a region only as a politician's state, "(D-NY)" or "(R-KY)", or a dateline's
// ("LOUISVILLE, KY --").
constexpr std::array<std::pair<std::string_view, std::string_view>, 51> kPostalCodes{{
    {"ak", "alaska"},         {"al", "alabama"},        {"ar", "arkansas"},       {"az", "arizona"},
    {"ca", "california"},     {"co", "colorado"},       {"ct", "connecticut"},    {"dc", "washington dc"},
    {"de", "delaware"},       {"fl", "florida"},        {"ga", "georgia"},        {"hi", "hawaii"},
    {"ia", "iowa"},           {"id", "idaho"},          {"il", "illinois"},       {"in", "indiana"},
    {"ks", "kansas"},         {"ky", "kentucky"},       {"la", "louisiana"},      {"ma", "massachusetts"},
    {"md", "maryland"},       {"me", "maine"},          {"mi", "michigan"},       {"mn", "minnesota"},
    {"mo", "missouri"},       {"ms", "mississippi"},    {"mt", "montana"},        {"nc", "north carolina"},
    {"nd", "north dakota"},   {"ne", "nebraska"},       {"nh", "new hampshire"},  {"nj", "new jersey"},
    {"nm", "new mexico"},     {"nv", "nevada"},         {"ny", "new york"},       {"oh", "ohio"},
    {"ok", "oklahoma"},       {"or", "oregon"},         {"pa", "pennsylvania"},   {"ri", "rhode island"},
    {"sc", "south carolina"}, {"sd", "south dakota"},   {"tn", "tennessee"},      {"tx", "texas"},
    {"ut", "utah"},           {"va", "virginia"},       {"vt", "vermont"},        {"wa", "washington"},
    {"wi", "wisconsin"},      {"wv", "west virginia"},  {"wy", "wyoming"},
}};

constexpr bool sorted_tables() {
  for (std::size_t i = 1; i < kAbbreviations.size(); ++i)
    if (kAbbreviations[i].first_term < kAbbreviations[i - 1].first_term) return false;
  for (std::size_t i = 1; i < kPostalCodes.size(); ++i)
    if (kPostalCodes[i].first < kPostalCodes[i - 1].first) return false;
  return true;
}
static_assert(sorted_tables(), "place_abbreviations.cc: keep the tables sorted by their first column");

// "St." and its kin, as written and spelled out.
struct NamePrefix {
  std::string_view written, term, full;
};
constexpr NamePrefix kNamePrefixes[] = {{"St.", "st", "saint"}, {"Mt.", "mt", "mount"}, {"Ft.", "ft", "fort"}};

bool letter_or_digit(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }


// True if tokens[i], two letters, is the state of a dateline: after a name written in capitals that
// opens a line and a comma, and before an agency's parenthesis or a dash: "LOUISVILLE, KY--(Marketwire)",
// "EDMONTON, Ky (WBKO) --". There a state's postal code (or its AP abbreviation without the full stop)
// can only be the state.
bool dateline_state(std::string_view text, std::span<const Token> tokens, std::size_t i) {
  if (i == 0 || tokens[i].end - tokens[i].begin != 2) return false;
  const Token& city = tokens[i - 1];
  if (text.substr(city.end, tokens[i].begin - city.end) != ", ") return false;
  const std::size_t newline = text.rfind('\n', city.begin);
  const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
  if (city.end - start > 40) return false;
  for (std::size_t k = start; k < city.end; ++k) {
    const unsigned char c = static_cast<unsigned char>(text[k]);
    if (!(std::isupper(c) || c == ' ' || c == '.' || c == '-' || c == '\'' || (c & 0x80))) return false;
  }
  std::size_t k = tokens[i].end;
  while (k < text.size() && text[k] == ' ') ++k;
  const std::string_view rest = text.substr(k);
  return rest.starts_with("(") || rest.starts_with("-") || rest.starts_with("\u2014") || rest.starts_with("\u2013");
}

// What the tokens from i on are, if an abbreviation: the token replacing them and how many.
struct Rewrite {
  Token token;
  std::size_t count = 0;
  AbbreviationUse use = AbbreviationUse::none;
};

bool match_at(std::string_view text, std::span<const Token> tokens, std::size_t i, const Gazetteer& gazetteer,
              Rewrite& out) {
  const Token& t = tokens[i];
  if (t.term.size() > 6 || t.begin >= text.size() || !std::isupper(static_cast<unsigned char>(text[t.begin])))
    return false;
  const std::string_view rest = text.substr(t.begin);
  // "St. Louis": the prefix and the next word, spelled as the gazetteer knows them.
  for (const NamePrefix& p : kNamePrefixes) {
    if (t.term != p.term || !rest.starts_with(p.written) || i + 1 >= tokens.size()) continue;
    const Token& next = tokens[i + 1];
    if (text.substr(t.end, next.begin - t.end) != ". " || !std::isupper(static_cast<unsigned char>(text[next.begin])))
      return false;
    Gazetteer::NameEntry entry;
    for (std::string_view first : {p.term, p.full}) {
      std::string term = std::string(first) + " " + next.term;
      if (!gazetteer.probe(term, entry)) continue;
      out.token = Token{std::move(term), {}, t.begin, next.end};
      out.count = 2;
      out.use = AbbreviationUse::none;
      return true;
    }
    return false;
  }
  auto consume = [&](std::string_view written, std::string_view key, AbbreviationUse use) {
    const std::size_t end = t.begin + written.size();
    if (end < text.size() && letter_or_digit(text[end]) && written.back() != '.') return false;
    std::size_t k = i;
    while (k + 1 < tokens.size() && tokens[k + 1].end <= end) ++k;
    out.token = Token{std::string(key), {}, t.begin, tokens[k].end};
    out.count = k - i + 1;
    out.use = use;
    return true;
  };
  auto range = std::equal_range(kAbbreviations.begin(), kAbbreviations.end(), Abbreviation{t.term, {}, {}, A},
                                [](const Abbreviation& a, const Abbreviation& b) { return a.first_term < b.first_term; });
  for (auto it = range.first; it != range.second; ++it)
    if (rest.starts_with(it->written) && consume(it->written, it->key, it->use)) return true;
  if (t.term.size() == 2 && t.end - t.begin == 2 &&
      ((std::isupper(static_cast<unsigned char>(text[t.begin + 1])) && party_state(text, tokens, i)) ||
       dateline_state(text, tokens, i))) {
    auto code = std::lower_bound(kPostalCodes.begin(), kPostalCodes.end(), t.term,
                                 [](const auto& entry, const std::string& term) { return entry.first < term; });
    if (code != kPostalCodes.end() && code->first == t.term)
      return consume(rest.substr(0, 2), code->second, AbbreviationUse::qualifier);
  }
  return false;
}

}  // namespace

bool expand_abbreviations(std::string_view text, std::span<const Token> tokens, const Gazetteer& gazetteer,
                          std::vector<Token>& out, std::vector<AbbreviationUse>& uses) {
  Rewrite r;
  std::size_t first = 0;
  while (first < tokens.size() && !match_at(text, tokens, first, gazetteer, r)) ++first;
  if (first == tokens.size()) return false;
  out.assign(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(first));
  uses.assign(first, AbbreviationUse::none);
  for (std::size_t i = first; i < tokens.size();) {
    if (i == first || match_at(text, tokens, i, gazetteer, r)) {
      out.push_back(std::move(r.token));
      uses.push_back(r.use);
      i += r.count;
    } else {
      out.push_back(tokens[i]);
      uses.push_back(AbbreviationUse::none);
      ++i;
    }
  }
  return true;
}

bool party_state(std::string_view text, std::span<const Token> tokens, std::size_t i) {
  if (i == 0) return false;
  const Token& party = tokens[i - 1];
  if (party.end - party.begin != 1 || text.substr(party.end, tokens[i].begin - party.end) != "-") return false;
  const char p = text[party.begin];
  const std::string_view before = text.substr(0, party.begin);
  return (p == 'D' || p == 'R' || p == 'I') && before.ends_with('(');
}

}  // namespace newsq::places
