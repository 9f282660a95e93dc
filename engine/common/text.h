// engine/common/text.h: small text formatting shared by the library's messages.
#pragma once

#include <cstdint>
#include <string>

namespace newsq::common {

// `n` with its digits grouped in threes by commas: 1234567 -> "1,234,567".
inline std::string thousands(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

}  // namespace newsq::common
