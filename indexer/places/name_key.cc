// indexer/places/name_key.cc: place names -> gazetteer keys.
#include "indexer/places/name_key.h"

namespace newsq::places {

std::string name_key(std::string_view name, analysis::TextAnalyzer& analyzer) {
  std::string key;
  for (const auto& word : analyzer.words(name)) {
    if (!key.empty()) key += ' ';
    key += word;
  }
  return key;
}

}  // namespace newsq::places
