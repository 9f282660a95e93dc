// indexer/places/gazetteer_linker.h: completes a draft once every input is read, so that the
// order of the inputs never matters.
#pragma once

#include "indexer/places/gazetteer_draft.h"

namespace newsq::places {

// Applies the place facts: a fact names a new place (a sea, a region the dumps lack) or corrects
// a known one; its names become the display name and are indexed without filters, "-Name" takes
// a wrong name away. Empties draft.facts. First folds each region or district whose id is its
// position in an id-less file (admin1.json / admin2.json) into the place with a real id and the
// same admin code, from the dumps or the facts (merge_divisions_by_code in the .cc).
void apply_facts(GazetteerDraft& draft);

// Links every city to its region (by admin1 code) and district (by admin2 code), every district to
// its region, every place to its country (by ISO code), and every country to the continents and
// macro-regions that contain it (by countryInfo's continent code and the facts' member lists).
// Regions and districts without a population get the sum of their cities', continents that of
// their countries. Places without coordinates get a representative point: a region or district
// the centre of its populated places (the middle of the box they span, snapped to the nearest of
// them when it lies far from all; see centre_of in the .cc), or without any that of its seat (the
// most populous PPLA or PPLC city); a country the point of the countries file
// (draft.country_points: its outline's area centroid or its latlng), or without one that of its
// capital.
void link_places(GazetteerDraft& draft);

}  // namespace newsq::places
