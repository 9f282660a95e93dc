// engine/index/facet_record.h: value slot 6, everything the facets count for one article in one
// value: its day, its source as written and its place ids.
//
// Why: a match spy pays for each value slot it reads, per match, whatever the value's size (about
// 170 ns on a 1M-article index), and on a broad search that is most of the search: reading the
// date, source and places slots took 27 of 39 ms for 52k matches. One slot holding all three
// costs one read. Slots 0, 1 and 3 stay: the date filter and sort use slot 0, and documents
// written before slot 6 existed are counted from 0, 1 and 3.
#pragma once

#include <string>
#include <string_view>

namespace newsq::schema {

struct FacetRecord {
  long day = 0;                // Days since 1970-01-01.
  std::string_view source;     // As written; may be empty.
  std::string_view place_ids;  // The kPlacesSlot value (sorted unique varints); may be empty.
};

// The slot 6 value. Layout: varint(zigzag(day)), varint(source length), source, place id varints.
std::string encode_facet_record(long day, std::string_view source, std::string_view place_ids);

// False for a value that is not a well-formed record (an empty one: a document from before
// slot 6). The views point into `value`.
bool decode_facet_record(std::string_view value, FacetRecord& out);

}  // namespace newsq::schema
