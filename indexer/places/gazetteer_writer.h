// indexer/places/gazetteer_writer.h: turns a linked draft into the gazetteer file
// (gazetteer_format.h) and writes it so that readers never see half a file.
#pragma once

#include <string>

#include "indexer/places/gazetteer_draft.h"

namespace newsq::places {

// The file's bytes. Names are keyed by name_key (the analyser the extractor uses); GeoNames names
// of one word shorter than 3 bytes, noise words and names of more than kMaxNameTerms words are
// dropped (counted in draft.report.dropped_names), hand-written names are kept whatever they are.
// Fills the report's counts. Deterministic: the same draft gives the same bytes.
std::string serialise_gazetteer(GazetteerDraft& draft);

// Writes `bytes` to `path` through `path`.tmp and a rename. Throws newsq::Error if it cannot.
void write_atomically(const std::string& path, const std::string& bytes);

}  // namespace newsq::places
