// indexer/places/gazetteer_linker.h: completes a draft once every input is read, so that the
// order of the inputs never matters.
#pragma once

#include "indexer/places/gazetteer_draft.h"

namespace newsq::places {

// Applies the place facts: a fact names a new place (a sea, a region the dumps lack) or corrects
// a known one; its names become the display name and are indexed without filters, "-Name" takes
// a wrong name away. Empties draft.facts.
void apply_facts(GazetteerDraft& draft);

// Links every city to its region (by admin1 code) and every place to its country (by ISO code).
// Regions without a population get the sum of their cities', without coordinates those of their
// seat (the most populous PPLA or PPLC city); countries without coordinates those of their capital.
void link_places(GazetteerDraft& draft);

}  // namespace newsq::places
