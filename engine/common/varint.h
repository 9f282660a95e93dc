// engine/common/varint.h: LEB128 varints (7 bits a byte, low bits first, high bit = more) and
// zigzag, the integer encoding of the value slots (facet record, place ids). Stored on disk: the
// encoding must never change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

namespace newsq::common {

// Appends `value` as a varint (1 to 10 bytes).
inline void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}

// Reads the varint at in[at] into `value` and moves `at` past it. False when `in` ends inside
// the varint or it runs past the bytes an Unsigned can hold (5 for 32 bits, 10 for 64): corrupt
// input, `at` and `value` then unspecified. Bits beyond Unsigned's width in its last byte are
// dropped, not refused (what the readers of the stored values have always done).
template <class Unsigned>
bool get_varint(std::string_view in, std::size_t& at, Unsigned& value) {
  static_assert(std::is_unsigned_v<Unsigned>);
  value = 0;
  for (int shift = 0; at < in.size() && shift < std::numeric_limits<Unsigned>::digits; shift += 7) {
    const auto c = static_cast<unsigned char>(in[at++]);
    value |= static_cast<Unsigned>(static_cast<Unsigned>(c & 0x7f) << shift);
    if (!(c & 0x80)) return true;
  }
  return false;
}

// Signed <-> unsigned so that small magnitudes of either sign make short varints: 0, -1, 1, -2 ...
// become 0, 1, 2, 3 ...
constexpr std::uint64_t zigzag_encode(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
constexpr std::int64_t zigzag_decode(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

}  // namespace newsq::common
