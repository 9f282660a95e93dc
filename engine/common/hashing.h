// engine/common/hashing.h: 64-bit FNV-1a, the one hash newsq stores on disk (content hashes, the
// gazetteer's name table and checksum, near-duplicate shingles). Its results are part of stored
// formats: they must never change.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsq::common {

inline constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;  // FNV-1a 64's offset basis.
inline constexpr std::uint64_t kFnvPrime = 1099511628211ull;

// One byte into a running FNV-1a 64 hash: for callers that hash bytes they transform or separate.
constexpr std::uint64_t fnv1a64_byte(std::uint64_t hash, unsigned char byte) { return (hash ^ byte) * kFnvPrime; }

// FNV-1a 64 of `bytes`, continuing from `seed` (the offset basis for a fresh hash; a previous
// result to hash a concatenation piece by piece).
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed = kFnvOffset) {
  for (char c : bytes) seed = fnv1a64_byte(seed, static_cast<unsigned char>(c));
  return seed;
}

}  // namespace newsq::common
