// indexer/places/place_features.cc: tokens -> name occurrences and their context features.
#include "indexer/places/place_features.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "indexer/places/gazetteer_format.h"
#include "indexer/places/organisation_names.h"
#include "indexer/places/place_lexicon.h"
#include "indexer/places/place_scoring.h"
#include "indexer/places/place_text.h"

namespace newsq::places {
namespace {

using analysis::Token;

// One field's text and the tokens the matcher reads, with the words and gaps between them.
struct FieldView {
  std::string_view text;
  std::span<const Token> tokens;
  std::span<const AbbreviationUse> abbreviations = {};  // Per token; empty when there is none.

  std::string_view word(std::size_t i) const { return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin); }
  // Between token i-1 and token i; a space before the first.
  std::string_view gap(std::size_t i) const {
    return i == 0 ? std::string_view(" ") : text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
  }
  bool sentence_initial(std::size_t i) const { return i == 0 || sentence_break(gap(i)); }
  const std::string& term(std::size_t i) const { return tokens[i].term; }
};

// The parts of `t` if it is glued ("Germany.The"); the full-stop scan first, as most tokens
// have none.
std::vector<std::pair<std::uint32_t, std::uint32_t>> glued(std::string_view text, const Token& t) {
  if (std::memchr(text.data() + t.begin, '.', t.end - t.begin) == nullptr) return {};
  return glued_parts(text, t.begin, t.end);
}

// `tokens` with every glued word replaced by its parts' tokens, in `out`; false (and `out`
// untouched) when no word is glued, so that the common case copies nothing.
bool unglue(std::string_view text, std::span<const Token> tokens, PlaceCache& places, std::vector<Token>& out) {
  std::size_t first = 0;
  while (first < tokens.size() && glued(text, tokens[first]).empty()) ++first;
  if (first == tokens.size()) return false;
  out.assign(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(first));
  for (std::size_t i = first; i < tokens.size(); ++i) {
    auto parts = glued(text, tokens[i]);
    if (parts.empty()) {
      out.push_back(tokens[i]);
      continue;
    }
    for (auto [b, e] : parts) {
      const std::size_t from = out.size();
      places.analyzer().analyze(text.substr(b, e - b), out);
      for (std::size_t k = from; k < out.size(); ++k) {
        out[k].begin += b;
        out[k].end += b;
      }
    }
  }
  return true;
}

// A Cyrillic word the gazetteer does not know in that spelling takes the term of its Ukrainian,
// else Russian, romanisation if the gazetteer knows that, so that places GeoNames names only in
// Latin letters are found in Ukrainian and Russian text. False (and `out` untouched) if none does.
bool romanise(const FieldView& view, PlaceCache& places, std::vector<Token>& out) {
  const Gazetteer& gazetteer = places.gazetteer();
  Gazetteer::NameEntry known;
  bool any = false;
  for (std::size_t i = 0; i < view.tokens.size(); ++i) {
    if (!is_cyrillic(view.term(i)) || gazetteer.probe(view.term(i), known)) continue;
    for (int which : {0, 1}) {
      auto latin = places.analyzer().analyze(romanised(view.word(i), which));
      if (latin.size() != 1 || !gazetteer.probe(latin[0].term, known)) continue;
      if (!any) out.assign(view.tokens.begin(), view.tokens.end());
      any = true;
      out[i].term = latin[0].term;
      break;
    }
  }
  return any;
}

// A headline is in Title Case when at least 60% of its words of four or more letters are capitalised.
bool title_case(const FieldView& view) {
  std::size_t long_words = 0, caps = 0;
  for (std::size_t i = 0; i < view.tokens.size(); ++i)
    if (view.term(i).size() >= 4) {
      ++long_words;
      caps += capitalised(view.word(i));
    }
  return long_words > 0 && caps * 10 >= long_words * 6;
}

// The number of words of the longest name starting at token i (0 if none), and its places.
// Extends word by word while some longer name continues the words so far (the gazetteer indexes
// every proper prefix), never across more than a name's gap. `flagged`: how the gazetteer flags the
// name found (an adjective: "Russian", "South African"; a demonym: "Russians").
std::size_t longest_name(const FieldView& view, std::size_t i, const Gazetteer& gazetteer,
                         std::span<const std::uint32_t>& ids, Gazetteer::NameEntry& flagged) {
  Gazetteer::NameEntry entry;
  if (!gazetteer.probe(view.term(i), entry)) return 0;
  std::size_t n = 0;
  if (!entry.ids.empty()) {
    n = 1;
    ids = entry.ids;
    flagged = entry;
  }
  std::string key = view.term(i);
  for (std::size_t k = i + 1; k < view.tokens.size() && k - i < kMaxNameTerms && (entry.longer >> (k - i)) != 0; ++k) {
    if (!name_gap(view.gap(k))) break;
    key += ' ';
    key += view.term(k);
    if (!gazetteer.probe(key, entry)) break;
    if (!entry.ids.empty()) {
      n = k - i + 1;
      ids = entry.ids;
      flagged = entry;
    }
  }
  return n;
}

// A name written all in capitals: in a line of capitals ("JOIN US ON TELEGRAM") or, with
// lower-case words around it or alone in parentheses, an acronym ("in NATO", "(DOH)").
void note_capitals(const FieldView& view, std::size_t i, std::size_t next, NameSpan& s) {
  const std::size_t size = view.tokens.size();
  const bool lower_before = i > 0 && !sentence_break(view.gap(i)) && has_lower(view.word(i - 1));
  const bool lower_after = next < size && !sentence_break(view.gap(next)) && has_lower(view.word(next));
  auto upper_word = [&](std::size_t k) { return all_upper(view.word(k)) && u_isalpha(first_char(view.word(k))); };
  const bool upper_before = i > 0 && !sentence_break(view.gap(i)) && upper_word(i - 1);
  const bool upper_after = next < size && !sentence_break(view.gap(next)) && upper_word(next);
  s.in_capitals = (upper_before || upper_after) && !lower_before && !lower_after;
  // "(DOH)" after the words it abbreviates.
  const bool in_parentheses = view.gap(i).ends_with('(') && next < size && view.gap(next).starts_with(')');
  s.acronym = ((lower_before || lower_after) && !s.sentence_initial) || in_parentheses;
}

// The word before the name, in the same sentence: a context word ("in X"), or a capitalised word
// that makes it part of a person's name ("Kamala Harris"), or a hyphenated partner.
void note_before(const FieldView& view, std::size_t i, NameSpan& s) {
  if (i == 0 || sentence_break(view.gap(i))) return;
  const std::string& prev = view.term(i - 1);
  // An acronym ("CBC Toronto", "SOS Children's Village Malakal") or a possessive ("Radio's
  // Edmonton") before a name makes it an outlet's or an organisation's place, not a person's name.
  const std::string_view prev_word = view.word(i - 1);
  const bool acronym_or_possessive = (all_upper(prev_word) && prev_word.size() >= 2) || possessive(prev_word);
  const bool capitalised_word = only_spaces(view.gap(i)) && capitalised(prev_word) && !acronym_or_possessive &&
                                !lexicon::place_modifier(prev) && !lexicon::context_word(prev);
  // "the town of Pulawy", "the central town of Karak": the text says a place is meant (but not which
  // one, nor that a common word is a place: "the city of Mary" is Mariupol's patron).
  const bool settlement_of = prev == "of" && i >= 2 && only_spaces(view.gap(i)) && only_spaces(view.gap(i - 1)) &&
                             lexicon::settlement_noun(view.term(i - 2)) && !capitalised(view.word(i - 2));
  s.context_before = lexicon::context_word(prev);
  s.settlement_of = settlement_of;
  s.town_of = settlement_of && lexicon::town_noun(view.term(i - 2));
  s.weak_context = prev == "to";
  s.prev_capitalised = capitalised_word && !view.sentence_initial(i - 1);
  s.hyphen_before = view.gap(i) == "-" && capitalised(view.word(i - 1)) && has_lower(view.word(i - 1));
  s.prev_capitalised_initial = capitalised_word && view.sentence_initial(i - 1) && !lexicon::qualifier_only(prev);
  // "the state of New York", "the province of Ontario".
  if (prev == "of" && i >= 2 && only_spaces(view.gap(i)) && only_spaces(view.gap(i - 1)) &&
      lexicon::region_word(view.term(i - 2)))
    s.region_word = true;
}

// The word after the name: a capitalised word, an outlet's word ("Washington Post"), a district
// word ("Loudoun County"), a month or weekday ("in Mariupol Tuesday"), a hyphenated partner.
void note_after(const FieldView& view, std::size_t next, NameSpan& s) {
  if (next >= view.tokens.size()) return;
  const std::string& after = view.term(next);
  if (only_spaces(view.gap(next))) {
    s.next_capitalised = capitalised(view.word(next));
    s.next_org = s.next_capitalised && lexicon::org_word(after);
    // "Loudoun County" names the county; "the Kabanjahe district", "Puge county" (lower case) name the
    // area around the town by the town's name: the town is meant, and the word is its place context.
    const bool division_word = lexicon::district_word(after);
    s.district = division_word && capitalised(view.word(next));
    s.division_after = division_word && !s.district;
    s.next_calendar = lexicon::qualifier_only(after);
    // "Washington state", "New York State" (not "Ohio State University": a capitalised word after
    // it makes an organisation's name).
    const bool name_after = next + 1 < view.tokens.size() && only_spaces(view.gap(next + 1)) &&
                            capitalised(view.word(next + 1));
    if (lexicon::region_word(after) && !name_after) s.region_word = true;
    // "New York Gov. Kathy Hochul", "Quebec Health Minister Christian Dube": the office is the region's.
    // "Beaconsfield Mayor", "New Milford Police Department", "Danbury police", "Okhtyrka City
    // Council", "Litchfield Superior Court".
    s.institution_after = lexicon::local_institution(after) ||
                          (next + 1 < view.tokens.size() && only_spaces(view.gap(next + 1)) &&
                           lexicon::institution_pair(after, view.term(next + 1)));
    s.region_office = lexicon::region_office(after) ||
                      (s.next_capitalised && name_after && view.term(next + 1) == "minister");
  }
  // Not an acronym ("Molotov-Ribbentrop", not "UN-Turkey").
  s.hyphen_after = view.gap(next) == "-" && capitalised(view.word(next)) && has_lower(view.word(next));
}

// A dateline: the name opens a line (the field's first word or after a line break) and only a
// qualifier, a date or an agency in parentheses lie between it and a dash: "KHARKIV, Ukraine —",
// "LOUISVILLE, Ky. (AP) —", "MINSK, 26 February (BelTA) –". News puts the place it reports from
// there, so it is the article's strongest place signal.
bool dateline_at(const FieldView& view, std::size_t i, std::size_t next) {
  if (i != 0 && view.gap(i).find('\n') == std::string_view::npos) return false;
  const std::string_view rest = view.text.substr(view.tokens[next - 1].end, 80);
  int depth = 0;
  for (std::size_t k = 0; k < rest.size(); ++k) {
    const char c = rest[k];
    if (rest.compare(k, 3, "\u2014") == 0 || rest.compare(k, 3, "\u2013") == 0 || rest.compare(k, 2, "--") == 0 ||
        rest.compare(k, 3, " - ") == 0)
      return depth == 0;
    if (c == '(') ++depth;
    else if (c == ')') --depth;
    else if (c == '\n' || c == '"' || c == ';' || c == ':') return false;
    // Outside parentheses, every word is capitalised or a number ("Ky.", "26 February").
    else if (depth == 0 && std::islower(static_cast<unsigned char>(c)) && (k == 0 || rest[k - 1] == ' '))
      return false;
  }
  return false;
}

NameSpan make_span(const FieldView& view, std::uint32_t field, std::size_t i, std::size_t n,
                   std::span<const std::uint32_t> ids, bool title_case) {
  NameSpan s;
  s.field = field;
  s.first_token = static_cast<std::uint32_t>(i);
  s.end_token = static_cast<std::uint32_t>(i + n);
  s.begin = view.tokens[i].begin;
  s.end = view.tokens[i + n - 1].end;
  for (std::size_t k = i; k < i + n; ++k) s.key += (k == i ? "" : " ") + view.term(k);
  s.candidates = ids;
  s.title_case = title_case;
  const std::string_view written = view.text.substr(s.begin, s.end - s.begin);
  s.capitalised = capitalised(written);
  // A possessive's "s" is no lower-case letter of the name: "the UK's regulator" is written in capitals.
  std::string_view core = written;
  for (std::string_view suffix : {"'s", "\u2019s"})
    if (core.size() > suffix.size() && core.ends_with(suffix)) core.remove_suffix(suffix.size());
  s.all_upper = all_upper(core);
  s.plain_letters =
      std::all_of(core.begin(), core.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
  s.sentence_initial = view.sentence_initial(i);
  if (!view.abbreviations.empty()) s.abbreviation = view.abbreviations[i];
  s.party_state = party_state(view.text, view.tokens, i);
  s.currency = (s.end < view.text.size() && view.text[s.end] == '$') || (s.begin > 0 && view.text[s.begin - 1] == '$');
  s.org_of = (i >= 2 && view.term(i - 1) == "of" && only_spaces(view.gap(i)) && only_spaces(view.gap(i - 1)) &&
              capitalised(view.word(i - 2)) && lexicon::org_before_of(view.term(i - 2))) ||
             // "Agence France-Presse", "Real Madrid": corpus/organisations.txt (a name in lower case
             // is no place anyway, and most candidate spans are such words: not looked up).
             (s.capitalised && OrganisationNames::builtin().covers(view.tokens, i, i + n));
  s.after_number = i > 0 && only_spaces(view.gap(i)) && std::isdigit(static_cast<unsigned char>(view.word(i - 1)[0]));
  s.dateline = dateline_at(view, i, i + n);
  if (s.all_upper) note_capitals(view, i, i + n, s);
  note_before(view, i, s);
  note_after(view, i + n, s);
  if (s.in_capitals) s.prev_capitalised = s.next_capitalised = s.prev_capitalised_initial = false;
  // After another capitalised word the institution is a longer name's ("Louisville Metro Council",
  // "South Simcoe Police"), not this name's; an article or a preposition before it is fine ("The
  // Danbury Police", "In Beaconsfield Mayor ...").
  if (s.institution_after && i > 0 && only_spaces(view.gap(i)) && capitalised(view.word(i - 1)) &&
      (!lexicon::place_modifier(view.term(i - 1)) || lexicon::qualifier_only(view.term(i - 1))))
    s.institution_after = false;
  return s;
}

// A neighbour that is itself a major place ("Kharkiv Kyiv" in a list, "Russia-Ukraine") does not
// make a name, unless it is a common word or a given name ("Julia Davis"). An adjective of a major
// place is one too ("the Ukrainian Donetsk region"), even where its key is on the common-word list.
bool major_place(const NameSpan& x, PlaceCache& places) {
  if (everyday_word(x)) return false;
  return std::any_of(x.candidates.begin(), x.candidates.end(), [&](std::uint32_t id) {
    Place p;
    return places.find(id, p) && strong(p);
  });
}

// Whether only "in" or "in the" (after an optional comma) lies between the name s and the name t:
// "Oleksandrivka in the Mykolaiv region", "Paris, in Texas".
bool in_between(const FieldView& view, const NameSpan& s, const NameSpan& t) {
  const std::size_t in = s.end_token;
  if (t.first_token <= in || t.first_token > in + 2 || view.term(in) != "in") return false;
  if (!only_spaces(view.gap(in)) && !list_gap(view.gap(in))) return false;
  if (t.first_token == in + 2 && view.term(in + 1) != "the") return false;
  for (std::size_t k = in + 1; k <= t.first_token; ++k)
    if (!only_spaces(view.gap(k))) return false;
  return true;
}

// Whether "X, [just | about N km | some N miles] south of Y" or "X, (just) outside / near Y" lies
// between the names s and t: X is then near Y ("Edmonton, south of Cairns", "Bucha, northwest of
// Kyiv"), so among the places called X the one near Y is meant.
bool near_between(const FieldView& view, const NameSpan& s, const NameSpan& t) {
  std::size_t k = s.end_token;
  if (k >= t.first_token || t.first_token > k + 6 || view.gap(k).find(',') == std::string_view::npos) return false;
  while (k < t.first_token && (lexicon::distance_hedge(view.term(k)) ||
                               (!view.word(k).empty() && std::isdigit(static_cast<unsigned char>(view.word(k)[0])))))
    ++k;
  if (k >= t.first_token || !lexicon::nearby_word(view.term(k))) return false;
  ++k;
  if (k < t.first_token && view.term(k) == "of") ++k;
  return k == t.first_token;
}

// Adjacent names: neighbours that are places, hyphenated pairs ("Thomas-Greenfield": each learns
// the other's fate in disambiguation), and qualifiers ("Paris, Texas", "Oleksandrivka in the
// Mykolaiv region": only if one of the qualifier's places contains one of the name's, so not in a
// list such as "Kyiv, Mariupol" nor in "Odesa in Ukraine's south" read as anything but Odesa).
void link_neighbours(const FieldView& view, std::size_t first_span, PlaceCache& places, std::vector<NameSpan>& spans) {
  const std::string_view text = view.text;
  for (std::size_t a = first_span; a + 1 < spans.size(); ++a) {
    NameSpan& s = spans[a];
    NameSpan& t = spans[a + 1];
    // A country's name is not qualified: "in Russia, U.S. officials said" is not the Ohio village
    // called Russia, and a country is named on its own.
    const bool country_name = std::any_of(s.candidates.begin(), s.candidates.end(), [&](std::uint32_t id) {
      Place p;
      return places.find(id, p) && p.level == Level::country;
    });
    auto in_qualifier = [&](std::uint32_t id) {
      Place p;
      return !country_name && places.find(id, p) && lies_in(p, t.candidates);
    };
    // The words between may be names themselves ("south": a place GeoNames knows), so Y is
    // looked for among the next few spans.
    for (std::size_t b = a + 1; b < spans.size() && spans[b].first_token <= s.end_token + 6; ++b)
      if (near_between(view, s, spans[b])) {
        s.near = static_cast<int>(b);
        break;
      }
    if (t.first_token != s.end_token) {
      if (in_between(view, s, t) && std::any_of(s.candidates.begin(), s.candidates.end(), in_qualifier)) {
        s.qualifier = static_cast<int>(a + 1);
        t.is_qualifier = true;
      }
      continue;
    }
    if (major_place(t, places)) s.next_capitalised = false;
    if (major_place(s, places)) {
      t.prev_capitalised = false;
      t.prev_capitalised_initial = false;
    }
    if (s.hyphen_after) {
      s.hyphen_after = false;
      t.hyphen_before = false;
      s.hyphen_next = static_cast<int>(a + 1);
      t.hyphen_prev = static_cast<int>(a);
    }
    const std::string_view g = text.substr(s.end, t.begin - s.end);
    if (g.size() <= 3 && g.find(',') != std::string_view::npos &&
        std::any_of(s.candidates.begin(), s.candidates.end(), in_qualifier)) {
      s.qualifier = static_cast<int>(a + 1);
      t.is_qualifier = true;
    }
  }
}

// Lists of regions: "the Kherson and Zaporizhzhia regions", "the regions of Luhansk and
// Donetsk", "Sumy and Chernihiv oblasts": each name is its region's ("Kherson region").
void mark_region_lists(const FieldView& view, std::size_t first_span, const Gazetteer& gazetteer,
                       std::vector<NameSpan>& spans) {
  for (std::size_t a = first_span; a < spans.size();) {
    std::size_t b = a;  // The list is spans a..b, joined by commas, "and" or "or".
    while (b + 1 < spans.size()) {
      const NameSpan& s = spans[b];
      const NameSpan& t = spans[b + 1];
      const bool comma = t.first_token == s.end_token && list_gap(view.gap(t.first_token));
      const bool conj = t.first_token == s.end_token + 1 &&
                        (view.term(s.end_token) == "and" || view.term(s.end_token) == "or") &&
                        (only_spaces(view.gap(s.end_token)) || list_gap(view.gap(s.end_token))) &&
                        only_spaces(view.gap(t.first_token));
      if (!comma && !conj) break;
      ++b;
    }
    if (b > a)
      for (std::size_t k = a; k <= b; ++k) spans[k].list = static_cast<int>(a);
    const std::size_t after = spans[b].end_token, first = spans[a].first_token;
    const bool noun_after =
        after < view.tokens.size() && only_spaces(view.gap(after)) && lexicon::region_noun(view.term(after));
    const bool noun_before = first >= 2 && view.term(first - 1) == "of" && lexicon::region_noun(view.term(first - 2)) &&
                             only_spaces(view.gap(first)) && only_spaces(view.gap(first - 1));
    if ((noun_after && b > a) || noun_before)
      for (std::size_t k = a; k <= b; ++k)
        for (const char* suffix : lexicon::region_suffixes()) {
          auto regions = gazetteer.lookup(spans[k].key + suffix);
          if (!regions.empty()) {
            spans[k].candidates = regions;
            spans[k].region_list = true;
            break;
          }
        }
    a = b + 1;
  }
}

}  // namespace

bool everyday_word(const NameSpan& s) { return lexicon::common_word(s.key) && !s.adjective; }

void find_spans(std::string_view text, std::span<const analysis::Token> tokens, bool headline, std::uint32_t field,
                PlaceCache& places, std::vector<NameSpan>& spans) {
  std::vector<Token> unglued, romanised_tokens;
  if (unglue(text, tokens, places, unglued)) tokens = unglued;
  if (romanise(FieldView{text, tokens}, places, romanised_tokens)) tokens = romanised_tokens;
  std::vector<Token> spelled_out;
  std::vector<AbbreviationUse> uses;
  if (expand_abbreviations(text, tokens, places.gazetteer(), spelled_out, uses)) tokens = spelled_out;
  const FieldView view{text, tokens, uses};
  const bool title = headline && title_case(view);

  const std::size_t first_span = spans.size();
  const Gazetteer& gazetteer = places.gazetteer();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::span<const std::uint32_t> ids;
    Gazetteer::NameEntry flagged;
    const std::size_t n = longest_name(view, i, gazetteer, ids, flagged);
    if (n == 0) continue;
    // A name of several words begins with a capital: in "central Asia" or "southeast Asia" the
    // name is "Asia", not the macro-region Central Asia (whose name would be rejected whole as
    // not capitalised, losing Asia).
    if (n > 1 && !capitalised(view.word(i)) && !all_upper(view.word(i))) continue;
    spans.push_back(make_span(view, field, i, n, ids, title));
    spans.back().adjective = flagged.adjective || flagged.demonym;
    spans.back().demonym = flagged.demonym;
    i += n - 1;
  }
  link_neighbours(view, first_span, places, spans);
  mark_region_lists(view, first_span, gazetteer, spans);
}

}  // namespace newsq::places
