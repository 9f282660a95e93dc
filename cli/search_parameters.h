// cli/search_parameters.h: the parameters of a search by name, as `newsq search` takes them from
// its flags and `newsq serve` from the query string of GET /api/search: one mapping to a
// SearchRequest for both, so the names, the checks and the error messages are the same.
#pragma once

#include <optional>
#include <string>
#include <vector>


#include "cli/commands.h"
#include "newsq/searcher.h"
#include "newsq/understood_query.h"

namespace newsq::cli {

// A parameter with a value it cannot take: its message names the parameter (without "--", as the
// HTTP API spells it) and the value. The CLI exits kExitUsage; the server answers 400 bad_parameter.
struct ParameterError : UsageError {
  using UsageError::UsageError;
};

// Every value is the text given (numbers too), so that both callers check them the same way;
// an empty optional or string is "not given".
struct SearchParameters {
  std::string q;                      // The one-line query.
  std::string from, to;               // YYYY-MM-DD, overriding the dates understood in q.
  std::vector<std::string> sources;   // Overriding the sources understood in q.
  std::vector<std::string> facets;    // "FIELD:VALUE" or "FIELD=VALUE"; FIELD date, source or location.
  std::string sort = "relevance";     // relevance, date or distance.
  std::string place, near;            // Override the "in X" / "near X" understood in q.
  std::optional<std::string> radius;  // km; alone it adjusts a "near X" of q.
  std::optional<std::string> recency, limit, offset, snippet;
  std::string now;         // The day relative dates resolve against; empty: today.
  bool literal = false;    // q is plain text: no dates, places or sources taken from it.
  bool thesaurus = true;   // Expand words with their synonyms.
  bool collapse = true;    // Fold near-identical articles into one hit.
  bool count_facets = true;
};

// What runs: the request, and the understood query as the JSON shows it (with the parameters
// applied over what was understood).
struct PreparedSearch {
  UnderstoodQuery understood;
  SearchRequest request;
};

// Understands p.q with `searcher` (against p.now) and applies the other parameters over it.
// Throws ParameterError for a malformed or out-of-range parameter, QueryError for a query the
// library refuses (too long, a malformed `now`).
PreparedSearch prepare_search(Searcher& searcher, const SearchParameters& p);

// "1"/"true"/"yes"/"on" or "0"/"false"/"no"/"off"; ParameterError naming `name` otherwise.
bool parse_flag(const std::string& name, const std::string& value);
// A whole number 0..2^32-1; ParameterError naming `name` otherwise.
std::uint32_t parse_count(const std::string& name, const std::string& value);

}  // namespace newsq::cli
