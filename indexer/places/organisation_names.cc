// indexer/places/organisation_names.cc: reading the organisation names and finding a place name
// inside one (indexer/places/organisation_names.h).
#include "indexer/places/organisation_names.h"

#include <algorithm>
#include <vector>

#include "indexer/places/organisations_builtin.h"

namespace newsq::places {
namespace {

std::string joined(std::span<const analysis::Token> tokens, std::size_t first, std::size_t end) {
  std::string key;
  for (std::size_t k = first; k < end; ++k) {
    if (k > first) key += ' ';
    key += tokens[k].term;
  }
  return key;
}

}  // namespace

const OrganisationNames& OrganisationNames::builtin() {
  static const OrganisationNames names = [] {
    analysis::TextAnalyzer analyzer;
    return OrganisationNames(kBuiltinOrganisations, analyzer);
  }();
  return names;
}

OrganisationNames::OrganisationNames(std::string_view text, analysis::TextAnalyzer& analyzer) {
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string> words = analyzer.words(line);
    if (words.empty()) continue;
    std::string name;
    for (const auto& w : words) name += (name.empty() ? "" : " ") + w;
    names_.insert(name);
    max_words_ = std::max(max_words_, words.size());
    for (std::size_t b = 0; b < words.size(); ++b) {
      std::string run;
      for (std::size_t e = b; e < words.size(); ++e) {
        run += (e == b ? "" : " ") + words[e];
        fragments_.insert(run);
      }
    }
  }
}

bool OrganisationNames::covers(std::span<const analysis::Token> tokens, std::size_t first, std::size_t end) const {
  // Most place names are in no organisation's name: one lookup settles them.
  if (first >= end || end > tokens.size() || !fragments_.contains(joined(tokens, first, end))) return false;
  const std::size_t lowest = end > max_words_ ? end - max_words_ : 0;
  for (std::size_t b = first + 1; b-- > lowest;)
    for (std::size_t e = end; e <= tokens.size() && e - b <= max_words_; ++e)
      if (names_.contains(joined(tokens, b, e))) return true;
  return false;
}

}  // namespace newsq::places
