// engine/index/facet_record.cc: the slot 6 encoding.
#include "engine/index/facet_record.h"

#include <cstdint>

#include "engine/common/varint.h"

namespace newsq::schema {

std::string encode_facet_record(long day, std::string_view source, std::string_view place_ids) {
  std::string out;
  out.reserve(6 + source.size() + place_ids.size());
  const auto d = static_cast<std::int64_t>(day);
  common::put_varint(out, common::zigzag_encode(d));
  common::put_varint(out, source.size());
  out.append(source);
  out.append(place_ids);
  return out;
}

bool decode_facet_record(std::string_view value, FacetRecord& out) {
  std::size_t at = 0;
  std::uint64_t zigzag = 0, source_size = 0;
  if (!common::get_varint(value, at, zigzag) || !common::get_varint(value, at, source_size) ||
      source_size > value.size() - at)
    return false;
  out.day = static_cast<long>(common::zigzag_decode(zigzag));
  out.source = value.substr(at, source_size);
  out.place_ids = value.substr(at + source_size);
  return true;
}

}  // namespace newsq::schema
