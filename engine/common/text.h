// engine/common/text.h: small text helpers shared by the library: number formatting for its
// messages, ASCII case folding for codes and names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsq::common {

// `n` with its digits grouped in threes by commas: 1234567 -> "1,234,567".
// Built by appending: GCC 12 warns falsely (-Wrestrict) about std::string::insert inlined here.
inline std::string thousands(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string s;
  s.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) s.push_back(',');
    s.push_back(digits[i]);
  }
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
