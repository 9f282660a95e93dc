// newsq/understood_query.h: what newsq made of a one-line query such as
// "casualties from HuffPost in March 2022": the free text, the date range, the sources, and the
// synonyms it will search for. Searcher::understand() fills it; a program may adjust any field and
// pass it back to Searcher::search() through SearchRequest::from_understood().
#pragma once

#include <map>
#include <string>
#include <vector>

namespace newsq {

struct UnderstoodQuery {
  std::string text{};                 // Free text left once dates and sources were taken out.
  std::vector<std::string> terms{};   // The words of `text` as searched (normalised).
  // Word -> the thesaurus alternatives searched with it ("casualties" -> killed, dead, ...).
  std::map<std::string, std::vector<std::string>> synonyms{};
  std::string date_text{};            // The words that gave the date ("in March 2022"); empty if none.
  std::string from{}, to{};           // The date range, "YYYY-MM-DD" inclusive; empty = open or none.
  std::vector<std::string> sources{};  // Outlets named ("from HuffPost", "source:guardian").
};

// Understands `query` without an index: dates resolve against `now` ("YYYY-MM-DD"; empty =
// today), and "from X" is a source only for X in `known_sources` ("source:X" always is).
// Searcher::understand() does the same with the index's own sources. Throws QueryError.
UnderstoodQuery understand(const std::string& query, const std::string& now = "",
                           const std::vector<std::string>& known_sources = {});

}  // namespace newsq
