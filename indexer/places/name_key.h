// indexer/places/name_key.h: the one normalisation of place names. The builder keys the
// gazetteer's names with it and every lookup (extraction, query understanding, --place) keys the
// words it looks up the same way, so that both sides always meet.
#pragma once

#include <string>
#include <string_view>

#include "indexer/analysis/text_analyzer.h"

namespace newsq::places {

// The gazetteer's key for a name as written: the words TextAnalyzer::words makes of it (the
// terms the index holds) joined by one space; empty if the name has no words.
std::string name_key(std::string_view name, analysis::TextAnalyzer& analyzer);

}  // namespace newsq::places
