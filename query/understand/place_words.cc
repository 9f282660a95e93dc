// query/understand/place_words.cc: place phrases in a query (see place_words.h for the forms).
#include "query/understand/place_words.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <iomanip>
#include <optional>
#include <sstream>

#include "newsq/searcher.h"
#include "query/understand/query_stream.h"
#include "query/understand/text_locks.h"
#include "engine/common/word_set.h"

namespace newsq::query {
namespace {

constexpr std::size_t kMaxNameWords = 5;  // "Democratic Republic of the Congo".

constexpr common::WordSet kNearWords{{"near", "around", "outside", "nearby"}};
constexpr common::WordSet kInWords{{"in", "inside", "across", "throughout"}};
constexpr common::WordSet kCompassWords{{"eastern", "western", "northern", "southern", "central", "northeastern",
                                         "northwestern", "southeastern", "southwestern", "north-eastern",
                                         "north-western", "south-eastern", "south-western"}};
constexpr common::WordSet kOperators{{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}};

struct Word {
  std::size_t begin = 0, end = 0;  // In the query; `end` leaves out trailing punctuation.
  std::string lower;               // ASCII-lowercased, without trailing punctuation.
  bool capitalised = false;        // Starts with an upper-case letter, or is not in Latin letters.
  bool locked = false;             // Quoted, prefixed with +/-, an operator or bracket: text only.
  char stop = 0;                   // The punctuation that ended it (',' '.' ...), 0 if none.
};

std::vector<Word> split_words(const std::string& s) {
  std::vector<Word> words;
  bool quoted = false;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    Word w;
    w.begin = i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    std::string_view raw(s.data() + i, j - i);
    const bool opens = raw.front() == '"', closes = raw.size() > 1 && raw.back() == '"';
    w.locked = quoted || opens || raw.front() == '+' || raw.front() == '-' || raw.front() == '(' || raw.back() == ')' ||
               kOperators.contains(raw) || holds_lock_placeholder(raw) || holds_claim(raw);
    if (opens != closes || (opens && raw.size() == 1)) quoted = !quoted;
    w.end = j;
    while (w.end > w.begin && std::string_view(",.;:!?").find(s[w.end - 1]) != std::string_view::npos) --w.end;
    if (w.end < j) w.stop = s[w.end];
    for (std::size_t k = w.begin; k < w.end; ++k)
      w.lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[k]))));
    const unsigned char first = static_cast<unsigned char>(s[w.begin]);
    w.capitalised = std::isupper(first) || first >= 0x80;
    if (w.end == w.begin) w.locked = true;  // Punctuation alone.
    words.push_back(std::move(w));
    i = j;
  }
  return words;
}

// "30 km", "30km", "2.5 miles" starting at words[i]; the radius in km and the words it took.
std::optional<std::pair<double, std::size_t>> parse_distance(const std::vector<Word>& words, std::size_t i) {
  if (i >= words.size()) return std::nullopt;
  const std::string& w = words[i].lower;
  double value = 0;
  auto [rest, ec] = std::from_chars(w.data(), w.data() + w.size(), value);
  if (ec != std::errc() || !(value > 0)) return std::nullopt;
  std::string unit(rest, w.data() + w.size());
  std::size_t used = 1;
  if (unit.empty() && i + 1 < words.size() && words[i].stop == 0) {
    unit = words[i + 1].lower;
    used = 2;
  }
  if (unit == "km" || unit == "kms" || unit == "kilometres" || unit == "kilometers" || unit == "kilometre" ||
      unit == "kilometer")
    return std::make_pair(value, used);
  if (unit == "mi" || unit == "mile" || unit == "miles") return std::make_pair(value * 1.609344, used);
  return std::nullopt;
}

struct Found {
  std::size_t first = 0, last = 0;  // Words of the whole phrase, keyword and radius included.
  UnderstoodPlace place;
};

class PlaceScanner {
 public:
  PlaceScanner(const std::string& text, const PlaceLookup& lookup, const PlaceClaims& claims)
      : text_(text), words_(split_words(text)), lookup_(lookup), claims_(claims) {}
  const std::vector<Word>& words() const { return words_; }

  std::vector<Found> scan() {
    std::vector<Found> found;
    for (std::size_t i = 0; i < words_.size();) {
      const Word& w = words_[i];
      if (w.locked) {
        ++i;
        continue;
      }
      std::optional<Found> f;
      if (w.lower == "within" && w.stop == 0)
        f = within(i);
      else if (w.stop == 0 && (kNearWords.contains(w.lower) ||
                               (w.lower == "close" && i + 1 < words_.size() && words_[i + 1].lower == "to")))
        f = keyword(i, w.lower == "close" ? i + 2 : i + 1, UnderstoodPlace::Mode::near);
      else if (w.stop == 0 && kInWords.contains(w.lower))
        f = keyword(i, i + 1, UnderstoodPlace::Mode::in);
      else
        f = bare(i);
      if (f && claims_.refused && claims_.refused(words_[f->first].begin, words_[f->last].end)) f.reset();
      if (!f) {
        ++i;
        continue;
      }
      // "<place> within 30 km": the radius belongs to the place before it.
      if (f->place.mode != UnderstoodPlace::Mode::in)
        if (auto d = radius_after(f->last)) {
          f->place.mode = UnderstoodPlace::Mode::near;
          f->place.radius_km = d->first;
          f->last += 1 + d->second;
          f->place.text = span_text(f->first, f->last);
        }
      i = f->last + 1;
      const bool in = f->place.mode == UnderstoodPlace::Mode::in;
      found.push_back(std::move(*f));
      // "in Poland and Moldova", "in Kyiv, Kharkiv or Odesa": each name of the list is a place the
      // keyword applies to (an article about any of them is wanted: SearchRequest::any_of_places).
      while (in) {
        std::optional<Found> next = listed(i);
        if (!next) break;
        i = next->last + 1;
        found.push_back(std::move(*next));
      }
    }
    return found;
  }

 private:
  // The words first..last, as written.
  std::string span_text(std::size_t first, std::size_t last) const {
    return std::string(text_.substr(words_[first].begin, words_[last].end - words_[first].begin));
  }

  struct Name {
    std::size_t first = 0, last = 0;  // Its words ("the" left out).
  };

  // The longest place name starting at words[at] (after an optional "the").
  std::optional<Name> longest_name(std::size_t at, PlaceMatch& match) const {
    if (at < words_.size() && words_[at].lower == "the" && words_[at].stop == 0) ++at;
    if (at >= words_.size() || words_[at].locked) return std::nullopt;
    std::size_t limit = at;
    // A name may run over one comma ("Paris, Texas") but no other punctuation or locked word.
    for (std::size_t commas = 0; limit + 1 < words_.size() && limit + 1 - at < kMaxNameWords; ++limit) {
      const Word& w = words_[limit];
      if (words_[limit + 1].locked || (w.stop && w.stop != ',') || (w.stop == ',' && ++commas > 1)) break;
    }
    for (std::size_t last = limit + 1; last-- > at;) {
      std::string_view words(text_.data() + words_[at].begin, words_[last].end - words_[at].begin);
      if (lookup_(words, match)) return Name{at, last};
    }
    return std::nullopt;
  }

  Found make(std::size_t first, std::size_t last, const PlaceMatch& m, UnderstoodPlace::Mode mode,
             double radius) const {
    Found f;
    f.first = first;
    f.last = last;
    f.place.id = m.id;
    f.place.name = m.name;
    f.place.mode = mode;
    f.place.radius_km = mode == UnderstoodPlace::Mode::near ? radius : 0;
    f.place.text = span_text(first, last);
    return f;
  }

  bool capitalised(std::size_t first, std::size_t last) const {
    for (std::size_t k = first; k <= last; ++k)
      if (!words_[k].capitalised && words_[k].lower != "of" && words_[k].lower != "and" && words_[k].lower != "the")
        return false;
    return true;
  }

  // Whether a name after a keyword ("in X", "near X", "within 5 km of X") is the place: an
  // everyday word needs a capital even here ("in nice weather"); a notable place always counts,
  // and so does one capitalised and written as its own name ("in Court"); in lower case or by
  // another name, where the archive's articles mention it (searching an index: "in bucha", "in
  // Artemivsk"). "money in banks" is no filter on Watford City (listed also as "Banks"), nor "in
  // court" on Court (Switzerland).
  bool keyword_place(const Name& name, const PlaceMatch& m) const {
    const bool capital = capitalised(name.first, name.last);
    if (m.common_word && !capital) return false;
    if (m.notable || (capital && m.own_spelling)) return true;
    return m.in_archive && *m.in_archive && (capital || m.own_spelling);
  }

  std::optional<Found> keyword(std::size_t at, std::size_t name_at, UnderstoodPlace::Mode mode) const {
    PlaceMatch m;
    auto name = longest_name(name_at, m);
    // "in eastern Ukraine", "near central Kyiv": the place (newsq knows no parts of places, and all
    // of Ukraine holds its east), unless the words are a name themselves ("West Bank", "Eastern
    // Europe": found above).
    const bool compass = name_at + 1 < words_.size() && kCompassWords.contains(words_[name_at].lower) &&
                         words_[name_at].stop == 0;
    if (compass && (!name || name->last == name_at)) {  // Not "Eastern" alone (a region of Ghana).
      PlaceMatch after;
      if (auto beyond = longest_name(name_at + 1, after); beyond && keyword_place(*beyond, after)) {
        name = beyond;
        m = after;
      }
    }
    if (!name || !keyword_place(*name, m)) return std::nullopt;
    return make(at, name->last, m, mode, SearchRequest::kDefaultRadiusKm);
  }

  // The next name of a list after the place that ends at word i - 1: after "and" or "or" (claimed
  // with it: "and Moldova"), or after a comma ("Kyiv, Kharkiv or Odesa").
  std::optional<Found> listed(std::size_t i) const {
    if (i == 0 || i >= words_.size() || words_[i].locked) return std::nullopt;
    std::size_t at = i;
    if (words_[i - 1].stop == 0 && (words_[i].lower == "and" || words_[i].lower == "or") && words_[i].stop == 0)
      at = i + 1;
    else if (words_[i - 1].stop != ',')
      return std::nullopt;
    if (at >= words_.size() || words_[at].locked) return std::nullopt;
    PlaceMatch m;
    auto name = longest_name(at, m);
    if (!name || !keyword_place(*name, m)) return std::nullopt;  // The keyword before the list governs it.
    if (claims_.refused && claims_.refused(words_[name->first].begin, words_[name->last].end)) return std::nullopt;
    return make(i, name->last, m, UnderstoodPlace::Mode::in, 0);
  }

  // "within 30 km of X".
  std::optional<Found> within(std::size_t at) const {
    auto d = parse_distance(words_, at + 1);
    if (!d) return std::nullopt;
    std::size_t of = at + 1 + d->second;
    if (of >= words_.size() || words_[of].lower != "of" || words_[of].stop) return std::nullopt;
    PlaceMatch m;
    auto name = longest_name(of + 1, m);
    if (!name || !keyword_place(*name, m)) return std::nullopt;
    return make(at, name->last, m, UnderstoodPlace::Mode::near, d->first);
  }

  std::optional<Found> bare(std::size_t at) const {
    if (!claims_.bare_names) return std::nullopt;
    if (words_[at].lower == "the") return std::nullopt;  // "the Donbas" is found from "Donbas".
    PlaceMatch m;
    auto name = longest_name(at, m);
    if (!name) return std::nullopt;
    // "Mariupol within 30 km": a radius after it says a place is meant (scan() takes the radius).
    if (!(radius_after(name->last) ? named_place(*name, m) : bare_place(*name, m))) return std::nullopt;
    return make(at, name->last, m, UnderstoodPlace::Mode::prefer, 0);
  }

  // "within 30 km" right after word `last` (no punctuation between): the radius and the words it
  // takes after "within".
  std::optional<std::pair<double, std::size_t>> radius_after(std::size_t last) const {
    if (words_[last].stop != 0 || last + 1 >= words_.size() || words_[last + 1].lower != "within") return std::nullopt;
    return parse_distance(words_, last + 2);
  }

  // Whether a name may be a place at all: not an everyday word; capitalised or notable.
  bool named_place(const Name& name, const PlaceMatch& m) const {
    return !m.common_word && (m.notable || capitalised(name.first, name.last));
  }

  // Whether a name found without a keyword may stand as a place: a named_place() and, unless
  // notable, mentioned in the archive (when known) or written as the place's own name.
  bool bare_place(const Name& name, const PlaceMatch& m) const {
    if (!named_place(name, m)) return false;
    if (m.notable) return true;
    return m.in_archive ? *m.in_archive : m.own_spelling;
  }

  std::string_view text_;
  std::vector<Word> words_;
  const PlaceLookup& lookup_;
  const PlaceClaims& claims_;
};

}  // namespace

std::vector<PlaceFinding> find_places(const std::string& text, const PlaceLookup& lookup, const PlaceClaims& claims) {
  if (!lookup) return {};
  PlaceScanner scanner(text, lookup, claims);
  const auto& words = scanner.words();
  std::vector<PlaceFinding> out;
  for (auto& f : scanner.scan()) out.push_back({words[f.first].begin, words[f.last].end, std::move(f.place)});
  return out;
}

std::string places_notation(const std::vector<UnderstoodPlace>& places) {
  if (places.empty()) return "-";
  std::string out;
  for (const auto& p : places) {
    if (!out.empty()) out += ";";
    out += std::string(mode_name(p.mode)) + ":" + p.name;
    if (p.mode == UnderstoodPlace::Mode::near) {
      std::ostringstream radius;  // 10 significant digits, rounded to 1e-5 km: "16.09344".
      radius << std::setprecision(10) << std::round(p.radius_km * 1e5) / 1e5;
      out += ":" + radius.str();
    }
  }
  return out;
}

}  // namespace newsq::query
