// engine/common/text.h: small text helpers shared by the library: number formatting for its
// messages, ASCII case folding for codes and names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsq::common {

// `n` with its digits grouped in threes by commas: 1234567 -> "1,234,567".
inline std::string thousands(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

// `s` with the ASCII letters A-Z in lower case and every other byte as it is (enough for ISO codes,
// division words and comparing names whose other letters must match exactly).
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace newsq::common
