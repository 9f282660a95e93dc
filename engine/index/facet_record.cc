// engine/index/facet_record.cc: the slot 6 encoding.
#include "engine/index/facet_record.h"

#include <cstdint>

namespace newsq::schema {
namespace {

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

bool get_varint(std::string_view in, std::size_t& at, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; at < in.size() && shift < 64; shift += 7) {
    const auto c = static_cast<unsigned char>(in[at++]);
    v |= static_cast<std::uint64_t>(c & 0x7f) << shift;
    if (!(c & 0x80)) return true;
  }
  return false;
}

}  // namespace

std::string encode_facet_record(long day, std::string_view source, std::string_view place_ids) {
  std::string out;
  out.reserve(6 + source.size() + place_ids.size());
  const auto d = static_cast<std::int64_t>(day);
  put_varint(out, (static_cast<std::uint64_t>(d) << 1) ^ static_cast<std::uint64_t>(d >> 63));
  put_varint(out, source.size());
  out.append(source);
  out.append(place_ids);
  return out;
}

bool decode_facet_record(std::string_view value, FacetRecord& out) {
  std::size_t at = 0;
  std::uint64_t zigzag = 0, source_size = 0;
  if (!get_varint(value, at, zigzag) || !get_varint(value, at, source_size) || source_size > value.size() - at) return false;
  out.day = static_cast<long>(static_cast<std::int64_t>(zigzag >> 1) ^ -static_cast<std::int64_t>(zigzag & 1));
  out.source = value.substr(at, source_size);
  out.place_ids = value.substr(at + source_size);
  return true;
}

}  // namespace newsq::schema
