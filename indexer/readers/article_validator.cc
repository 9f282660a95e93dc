// indexer/readers/article_validator.cc: the format-independent checks on an article.
#include "indexer/readers/article_validator.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>

namespace newsq::indexer {
namespace {

void trim(std::string& s) {
  const char* space = " \t\r\n\f\v";
  std::size_t first = s.find_first_not_of(space);
  if (first == std::string::npos) {
    s.clear();
    return;
  }
  s.erase(s.find_last_not_of(space) + 1);
  s.erase(0, first);
}

bool digits(const std::string& s, std::size_t pos, std::size_t len) {
  if (pos + len > s.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// True if `text` (valid UTF-8) holds a character that shows: anything but white space, separators,
// control characters (NUL ...) and invisible format characters (zero-width space and joiners, the
// byte order mark, the soft hyphen). Symbols count: some real articles' text is only emoji under a
// headline of words.
bool has_visible_character(const std::string& text) {
  constexpr std::uint32_t kInvisible = U_GC_CC_MASK | U_GC_CF_MASK | U_GC_Z_MASK;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  for (std::int32_t i = 0; i < n;) {
    if (s[i] < 0x80) {  // ASCII, most texts' first byte: no ICU call.
      if (s[i] > ' ' && s[i] != 0x7F) return true;
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && !(U_GET_GC_MASK(c) & kInvisible) && !u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) return true;
  }
  return false;
}

int two_digits(const std::string& s, std::size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); }

enum class TimeSuffix {
  none,  // Not the time part of an ISO-8601 timestamp.
  valid,
  impossible,  // Written like one, but no time of day: "T25:99:00Z".
};

// Reads the time part of an ISO-8601 timestamp after the day: "Thh:mm[:ss[.fff]](Z|±hh:mm)?".
// Hours run 00-23, minutes 00-59, seconds 00-60 (a leap second); an offset's hours 00-23.
TimeSuffix time_suffix(const std::string& s, std::size_t pos) {
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != ' ')) return TimeSuffix::none;
  ++pos;
  if (!digits(s, pos, 2) || pos + 2 >= s.size() || s[pos + 2] != ':' || !digits(s, pos + 3, 2)) return TimeSuffix::none;
  bool possible = two_digits(s, pos) <= 23 && two_digits(s, pos + 3) <= 59;
  pos += 5;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2)) return TimeSuffix::none;
    possible = possible && two_digits(s, pos + 1) <= 60;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  const TimeSuffix read = possible ? TimeSuffix::valid : TimeSuffix::impossible;
  if (pos == s.size()) return read;
  if (s[pos] == 'Z') return pos + 1 == s.size() ? read : TimeSuffix::none;
  if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && digits(s, pos + 1, 2) && s[pos + 3] == ':' &&
      digits(s, pos + 4, 2))
    return two_digits(s, pos + 1) <= 23 && two_digits(s, pos + 4) <= 59 ? read : TimeSuffix::impossible;
  return TimeSuffix::none;
}

}  // namespace

std::size_t find_invalid_utf8(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    // Runs of ASCII, most of most texts, eight bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, sizeof word);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    char32_t cp, min;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
      min = 0x10000;
    } else
      return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past Unicode are not UTF-8.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += len;
  }
  return std::string::npos;
}

std::string validate_article(Article& a, std::uint64_t max_record_bytes) {
  std::uint64_t size =
      a.id.size() + a.date.size() + a.source.size() + a.title.size() + a.url.size() + a.text.size() + a.lang.size();
  if (size > max_record_bytes)
    return "record of " + std::to_string(size) + " bytes exceeds the limit of " + std::to_string(max_record_bytes);
  const std::pair<const char*, std::string*> fields[] = {{"id", &a.id},       {"date", &a.date}, {"source", &a.source},
                                                         {"title", &a.title}, {"url", &a.url},   {"text", &a.text},
                                                         {"lang", &a.lang}};
  for (auto [name, value] : fields)
    if (std::size_t bad = find_invalid_utf8(*value); bad != std::string::npos)
      return "invalid UTF-8 in " + std::string(name) + " at byte " + std::to_string(bad);
  trim(a.id);
  trim(a.source);
  trim(a.title);
  trim(a.url);
  trim(a.date);
  trim(a.lang);
  if (a.id.empty()) return "missing id";
  // Ids and sources become Xapian terms ("Q" + id, "XS" + source) and Xapian refuses terms over
  // 245 bytes: such an article must be one rejected record, not an aborted indexing run.
  if (a.id.size() > kMaxIdBytes) return "id longer than " + std::to_string(kMaxIdBytes) + " bytes";
  if (a.source.size() > kMaxSourceBytes) return "source longer than " + std::to_string(kMaxSourceBytes) + " bytes";
  if (a.date.empty()) return "missing date";
  if (a.date.size() > 10) {
    const TimeSuffix time = time_suffix(a.date, 10);
    // Cutting it off unread would index a timestamp no clock shows as if it were fine.
    if (time == TimeSuffix::impossible) return "impossible time in date '" + a.date + "'";
    if (time == TimeSuffix::valid) a.date.resize(10);
  }
  if (!is_valid_day(a.date)) {
    bool looks_like_date = a.date.size() == 10 && a.date[4] == '-' && a.date[7] == '-';
    return (looks_like_date ? "impossible date '" : "date '") + a.date +
           (looks_like_date ? "'" : "' is not YYYY-MM-DD or an ISO-8601 timestamp");
  }
  if (a.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) return "empty text";
  // Zero-width and no-break spaces, NULs and the like alone: nothing to show or search for.
  if (!has_visible_character(a.text))
    return "text has no visible character (only white space, invisible or control characters)";
  return {};
}

}  // namespace newsq::indexer
