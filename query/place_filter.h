// query/place_filter.h: --place and --near as Xapian queries.
//   place: the "XP" term of the place, which every article mentioning it or anything inside it
//          carries (articles store their places' districts, regions, countries, and the
//          continents and macro-regions of those countries too: "in Europe" is one term).
//   near:  the "XC" cell terms covering the circle (a cheap pre-filter), ANDed with Xapian's
//          LatLongDistancePostingSource over the places' coordinates (slot 4), which drops
//          articles whose nearest place is farther than the radius and weighs the rest by
//          closeness (so a query of it alone sorts by distance).
//   prefer: the place term with a fixed weight, for bare place names in a query.
#pragma once

#include <xapian.h>

#include "indexer/places/gazetteer.h"

namespace newsq::query {

Xapian::Query place_query(const places::Place& place);

// Every article mentioning `place` (or something inside it), each weighing `bonus`: a soft
// preference to add with OP_AND_MAYBE (place terms are boolean, so they weigh nothing by themselves).
Xapian::Query prefer_query(const places::Place& place, double bonus);

// Articles with a place (city or sea) within `radius_km` of `centre`'s coordinates. The
// centre must have coordinates.
Xapian::Query near_query(const places::Place& centre, double radius_km);

}  // namespace newsq::query
