// cli/json_text.cc: JSON written straight into one string (cli/json_text.h).
#include "cli/json_text.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <cmath>

namespace newsq::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// How many continuation bytes follow lead byte `c`, and the range the first of them must lie in
// (which rules out overlong forms, surrogates and code points above U+10FFFF); 0 continuation
// bytes with ok = false for a byte no sequence starts with.
struct Lead {
  int continuations = 0;
  unsigned char low = 0x80, high = 0xBF;
  bool ok = true;
};
Lead lead_of(unsigned char c) {
  if (c < 0x80) return {0, 0x80, 0xBF, true};
  if (c >= 0xC2 && c <= 0xDF) return {1, 0x80, 0xBF, true};
  if (c == 0xE0) return {2, 0xA0, 0xBF, true};
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return {2, 0x80, 0xBF, true};
  if (c == 0xED) return {2, 0x80, 0x9F, true};
  if (c == 0xF0) return {3, 0x90, 0xBF, true};
  if (c >= 0xF1 && c <= 0xF3) return {3, 0x80, 0xBF, true};
  if (c == 0xF4) return {3, 0x80, 0x8F, true};
  return {0, 0x80, 0xBF, false};
}

// Bytes copied as they are inside a JSON string: printable ASCII other than '"' and '\\'.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

void append_escaped_ascii(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default:
      if (c < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // Plain ASCII in runs: the common case, copied at once.
    std::size_t run = i;
    while (run < s.size() && kPlain[static_cast<unsigned char>(s[run])]) ++run;
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      append_escaped_ascii(out, c);
      ++i;
      continue;
    }
    const Lead lead = lead_of(c);
    if (!lead.ok) {
      out += kReplacement;
      ++i;
      continue;
    }
    // A sequence is copied whole or replaced by one U+FFFD up to the byte that broke it, which
    // then starts anew (as nlohmann's replacing decoder does).
    std::size_t k = 1;
    bool broken = false;
    for (; k <= static_cast<std::size_t>(lead.continuations); ++k) {
      if (i + k >= s.size()) {
        broken = true;
        break;
      }
      const auto b = static_cast<unsigned char>(s[i + k]);
      const unsigned char low = k == 1 ? lead.low : 0x80, high = k == 1 ? lead.high : 0xBF;
      if (b < low || b > high) {
        broken = true;
        break;
      }
    }
    if (broken) {
      out += kReplacement;
      i += k;
      continue;
    }
    out.append(s.data() + i, k);
    i += k;
  }
  out += '"';
}

void JsonText::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_elements_.empty()) return;
  if (has_elements_.back()) out_ += ',';
  has_elements_.back() = 1;
}

void JsonText::open(char c) {
  separate();
  out_ += c;
  has_elements_.push_back(0);
}

void JsonText::close(char c) {
  out_ += c;
  has_elements_.pop_back();
}

JsonText& JsonText::begin_object() {
  open('{');
  return *this;
}
JsonText& JsonText::end_object() {
  close('}');
  return *this;
}
JsonText& JsonText::begin_array() {
  open('[');
  return *this;
}
JsonText& JsonText::end_array() {
  close(']');
  return *this;
}

JsonText& JsonText::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonText& JsonText::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}

JsonText& JsonText::value(std::uint64_t n) {
  separate();
  const fmt::format_int digits(n);
  out_.append(digits.data(), digits.size());
  return *this;
}

JsonText& JsonText::value(double d) {
  separate();
  if (!std::isfinite(d)) {
    out_ += "null";
    return *this;
  }
  char digits[32];  // The shortest round-trip form of a double is at most 24 characters.
  const std::string_view written(digits, static_cast<std::size_t>(fmt::format_to(digits, FMT_COMPILE("{}"), d) - digits));
  out_ += written;
  // nlohmann writes a whole number as "48.0", fmt as "48".
  if (written.find_first_of(".e") == std::string_view::npos) out_ += ".0";
  return *this;
}

JsonText& JsonText::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonText& JsonText::value(const std::vector<std::string>& strings) {
  begin_array();
  for (const auto& s : strings) value(s);
  return end_array();
}

}  // namespace newsq::cli
