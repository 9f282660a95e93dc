// query/understand/place_words.h: finds the places a one-line query names and how it names them:
//   "near Kyiv", "around Mariupol", "outside Kharkiv"       -> near (default radius)
//   "within 30 km of Bucha", "Mariupol within 30 km"       -> near, that radius ("mi" works too)
//   "in Kharkiv", "in the Donbas", "across Ukraine"         -> in (the place and what lies inside)
//   "Kyiv shelling" (a bare name)                           -> prefer (ranks higher, filters nothing)
// A bare name that is not notable must also be a place the archive's articles mention (searching
// an index), or else be written as the place's own name (or a close spelling of it): "Theresa
// May", "Bell Labs" and "Hunter Biden" in a war archive name people and firms, not Theresa (New
// York), Bell or Jacobo Hunter; "Artemivsk" is Bakhmut there.
// Names are whatever the lookup resolves ("Kiev", "Київ", "Paris, Texas", "Donetsk Oblast"),
// longest first. A bare name must look like one: capitalised, or notable (a country, region, sea,
// capital or city of half a million), and never an everyday word ("Nice", "Reading"). Words in
// quotes, after +/-, and Xapian operators are left to the text.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsq/understood_query.h"

namespace newsq::query {

// What understanding needs to know about a place name.
struct PlaceMatch {
  std::uint64_t id = 0;
  std::string name;          // The gazetteer's name.
  bool notable = false;      // A country, region, sea, capital, regional centre or a city of 500k+.
  bool common_word = false;  // Also an everyday word or a person's name.
  // The words are the place's own name or a close spelling of it ("Izyum" for Izium), not another
  // name it is also listed under ("Hole" for Halen, "Hunter" for Jacobo Hunter).
  bool own_spelling = true;
  // Whether an article of the archive searched mentions the place; unknown without an index.
  std::optional<bool> in_archive;
};

// Fills `out` and returns true if `words` (as typed: "Kiev", "Paris, Texas") name a place.
using PlaceLookup = std::function<bool(std::string_view words, PlaceMatch& out)>;

// Which places may be taken. `bare_names` false leaves bare names as text (the query's operators
// need them as words); `refused(begin, end)` (if set) vetoes a phrase at those offsets of `text`.
struct PlaceClaims {
  bool bare_names = true;
  std::function<bool(std::size_t begin, std::size_t end)> refused{};
};

// A place phrase found in a text: its byte span (keyword and radius included) and the place.
struct PlaceFinding {
  std::size_t begin = 0, end = 0;
  UnderstoodPlace place;
};
// The place phrases of `text`, in order and apart. Words locked by text_locks.h placeholders, and
// words already claimed (query_stream.h), are never part of a place.
std::vector<PlaceFinding> find_places(const std::string& text, const PlaceLookup& lookup, const PlaceClaims& claims = {});

// The places in the hand-written tables' notation: "near:Kyiv:50;in:Ukraine;prefer:Lviv" (the
// gazetteer's names, radius in km), "-" for none. For tests and evaluation.
std::string places_notation(const std::vector<UnderstoodPlace>& places);

}  // namespace newsq::query
