// indexer/places/place_text.cc: the shape of words and of the gaps between them, by ICU.
#include "indexer/places/place_text.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cctype>
#include <memory>

namespace newsq::places {

UChar32 first_char(std::string_view s) {
  if (s.empty()) return 0;
  UChar32 c;
  std::int32_t i = 0;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
  return c;
}

bool is_cyrillic(std::string_view word) {
  UErrorCode status = U_ZERO_ERROR;
  return !word.empty() && uscript_getScript(first_char(word), &status) == USCRIPT_CYRILLIC;
}

// One transliterator per thread: they keep state while working.
std::string romanised(std::string_view word, int which) {
  auto make = [](const char* id) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  };
  thread_local const std::unique_ptr<icu::Transliterator> transforms[2] = {make("Ukrainian-Latin/BGN; Latin-ASCII"),
                                                                           make("Russian-Latin/BGN; Latin-ASCII")};
  if (!transforms[which]) return {};
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<std::int32_t>(word.size())));
  transforms[which]->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

bool capitalised(std::string_view word) {
  UChar32 c = first_char(word);
  return u_isupper(c) || u_istitle(c) || (!u_islower(c) && u_isalpha(c));
}

bool all_upper(std::string_view word) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto n = static_cast<std::int32_t>(word.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (u_islower(c)) return false;
  }
  return true;
}

bool possessive(std::string_view word) {
  return word.ends_with("'s") || word.ends_with("\u2019s") || word.ends_with("s'");
}

bool only_spaces(std::string_view gap) {
  return !gap.empty() && gap.size() <= 3 && gap.find_first_not_of(" \t") == std::string_view::npos;
}

bool name_gap(std::string_view gap) {
  return gap.size() <= 3 && gap.find_first_not_of(" \t-'\u2019") == std::string_view::npos;
}

bool sentence_break(std::string_view gap) {
  return gap.find_first_of(".!?;:\n\"()[]") != std::string_view::npos || gap.find("\u201c") != std::string_view::npos ||
         gap.find("\u2014") != std::string_view::npos;
}

bool has_lower(std::string_view word) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto n = static_cast<std::int32_t>(word.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (u_islower(c)) return true;
  }
  return false;
}

bool list_gap(std::string_view gap) {
  return !gap.empty() && gap.size() <= 4 && gap.find_first_not_of(" ,") == std::string_view::npos;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> glued_parts(std::string_view text, std::uint32_t begin,
                                                                 std::uint32_t end) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> parts;
  std::string_view w = text.substr(begin, end - begin);
  std::size_t start = 0;
  for (std::size_t dot = w.find('.'); dot != std::string_view::npos; dot = w.find('.', dot + 1)) {
    // A stop between a word of two or more letters and a capital: not "U.S." or "3.5".
    auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80); };
    if (dot + 1 >= w.size() || dot - start < 2 || !std::isupper(static_cast<unsigned char>(w[dot + 1])) ||
        !letter(w[dot - 1]) || !letter(w[dot - 2]))
      continue;
    parts.emplace_back(begin + start, begin + dot);
    start = dot + 1;
  }
  if (parts.empty()) return parts;
  parts.emplace_back(begin + start, end);
  return parts;
}

}  // namespace newsq::places
