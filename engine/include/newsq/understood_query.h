// newsq/understood_query.h: what newsq made of a one-line query such as
// "casualties near Kyiv in March 2022": the free text, the date range, the places, the sources,
// and the synonyms it will search for. Searcher::understand() fills it; a program may adjust any field and
// pass it back to Searcher::search() through SearchRequest::from_understood().
#pragma once

#include "newsq/export.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace newsq {

// A place named in the query. "near Kyiv", "around Mariupol within 30 km", "within 20 km of
// Bucha": near (articles with a city or sea within radius_km). "in Kharkiv", "in Ukraine": in (the
// place and everything inside it). A bare place name ("Kyiv shelling"): prefer (articles about it
// rank higher; nothing is filtered out).
struct NEWSQ_EXPORT UnderstoodPlace {
  enum class Mode { near, in, prefer };
  std::uint64_t id = 0;  // Gazetteer id.
  std::string name{};    // The gazetteer's name ("Kyiv" for "Kiev").
  std::string text{};    // The words it came from ("near Kiev").
  Mode mode = Mode::prefer;
  double radius_km = 0;  // near: the radius (50 km unless the query says); 0 otherwise.
};
NEWSQ_EXPORT const char* mode_name(UnderstoodPlace::Mode mode);  // "near", "in", "prefer".

// One piece of the query and what understanding made of it. The spans of a query cover each of
// its words once, in order: "casualties near Kyiv in March 2022" is casualties (text), near Kyiv
// (place), in March 2022 (date). A quoted phrase, a +/- word and an operator with its operands
// are always text.
struct NEWSQ_EXPORT QuerySpan {
  std::size_t start = 0, end = 0;  // Byte offsets [start, end) in the query as given.
  std::string text{};              // The words as written.
  std::string as{};                // "date", "place", "source" or "text".
};

struct NEWSQ_EXPORT UnderstoodQuery {
  std::string text{};                // Free text left once dates, places and sources were taken out.
  std::vector<std::string> terms{};  // The words of `text` as searched (normalised).
  // Word -> the thesaurus alternatives searched with it ("casualties" -> killed, dead, ...).
  std::map<std::string, std::vector<std::string>> synonyms{};
  std::string date_text{};             // The words that gave the date ("in March 2022"); empty if none.
  std::string from{}, to{};            // The date range, "YYYY-MM-DD" inclusive; empty = open or none.
  std::vector<std::string> sources{};  // Outlets named ("from HuffPost", "source:guardian").
  // Places named, in query order. Only understood with a gazetteer: the index's (through
  // Searcher::understand) or one given to understand().
  std::vector<UnderstoodPlace> places{};
  std::vector<QuerySpan> spans{};  // The query, piece by piece (see QuerySpan).
  // Words that look like a date but could not be read whole ("from the 3rd to the 9th of Smarch"):
  // no date is taken from them and they stay in `text`. Empty if none.
  std::string date_not_understood{};
};

// The longest query newsq takes, in words (runs of non-space) and in bytes. A longer one is refused
// (and one that is not valid UTF-8) with QueryError by understand() and Searcher::search() (the CLI: a usage error,
// exit 1): no person types it, and a program that builds one should split it.
inline constexpr std::size_t kMaxQueryWords = 1024;
inline constexpr std::size_t kMaxQueryBytes = 16 * 1024;
// Throws QueryError if `query` is longer than that (naming the limit) or not valid UTF-8.
NEWSQ_EXPORT void check_query_text(const std::string& query);

// Understands `query` without an index: dates resolve against `now` ("YYYY-MM-DD"; empty =
// today), "from X" is a source only for X in `known_sources` ("source:X" always is), and places
// are understood when `gazetteer` names a gazetteer file ('newsq gazetteer build').
// Searcher::understand() does the same with the index's own sources and gazetteer. Throws
// QueryError (and newsq::Error for a gazetteer that cannot be loaded).
NEWSQ_EXPORT UnderstoodQuery understand(const std::string& query, const std::string& now = "",
                                        const std::vector<std::string>& known_sources = {},
                                        const std::string& gazetteer = "");

}  // namespace newsq
