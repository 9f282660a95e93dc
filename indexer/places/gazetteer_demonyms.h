// indexer/places/gazetteer_demonyms.h: gives places their adjective and demonym forms
// (corpus/demonyms.tsv, read by read_demonyms in gazetteer_parsers.h) once the draft is linked.
#pragma once

#include "indexer/places/gazetteer_draft.h"

namespace newsq::places {

// Resolves each demonym line's place: a two-letter ISO code -> the country with that code, a code
// with a dot ("US.TX") -> the first-level region with that admin1 code, digits -> the place with
// that id. Its forms go to that place's `adjectives` and `demonyms` (the writer flags their keys). A place this
// gazetteer lacks (built without countryInfo.txt, say) is skipped and counted in
// report.adjective_places_missing, not rejected: one table serves every gazetteer. Empties
// draft.demonyms.
void apply_demonyms(GazetteerDraft& draft);

}  // namespace newsq::places
