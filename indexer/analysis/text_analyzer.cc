// indexer/analysis/text_analyzer.cc: ICU segmentation and normalisation, Snowball stemming.
#include "indexer/analysis/text_analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <stdexcept>
#include <string>
#include <unordered_map>

#include "indexer/analysis/stemmer.h"

namespace newsq::analysis {
namespace {

// Words longer than this are noise (URLs, base64) and would bloat the index.
constexpr std::size_t kMaxTermBytes = 64;

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Builds a new string rather than replacing in place: GCC 12 warns falsely (-Wrestrict) about the latter.
void replace_all(std::string& s, std::string_view from, std::string_view to) {
  std::size_t pos = s.find(from);
  if (pos == std::string::npos) return;
  std::string out;
  std::size_t copied = 0;
  for (; pos != std::string::npos; pos = s.find(from, copied)) {
    out.append(s, copied, pos - copied).append(to);
    copied = pos + from.size();
  }
  out.append(s, copied);
  s = std::move(out);
}

// Cuts what UAX #29 keeps inside a word but a reader would not: possessive 's, edge apostrophes,
// acronym dots. Numbers keep their dots ("3.5").
void tidy_word(std::string& w) {
  if (w.find('\'') != std::string::npos) {
    if (w.size() > 2 && w.ends_with("'s")) w.resize(w.size() - 2);
    while (!w.empty() && w.back() == '\'') w.pop_back();
    std::size_t lead = w.find_first_not_of('\'');
    w.erase(0, lead == std::string::npos ? w.size() : lead);
  }
  if (w.find('.') != std::string::npos && w.find_first_of("0123456789") == std::string::npos) std::erase(w, '.');
}

bool has_digit(std::string_view s) { return s.find_first_of("0123456789") != std::string_view::npos; }

}  // namespace

struct TextAnalyzer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2* fold = nullptr;  // NFKC + case folding.
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  Stemmers stemmers;
  std::string latin_stemmer = "english";
  // Stems of Latin-script words by latin_stemmer, as Snowball gave them: a text repeats its words,
  // and a search's snippets repeat those of the texts before (Snowball was 2.7% of a search).
  // Emptied when the stemmer changes or it grows past kMaxCachedStems.
  std::unordered_map<std::string, std::string> latin_stems;
  static constexpr std::size_t kMaxCachedStems = 20000;
  icu::UnicodeString utext;
  std::vector<std::uint32_t> byte_at;  // UTF-16 index -> byte offset in the input.

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    nfd = icu::Normalizer2::getNFDInstance(status);
    nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || !words)
      throw std::runtime_error(std::string("ICU initialisation failed: ") + u_errorName(status));
  }

  void load(std::string_view text) {
    utext.remove();
    byte_at.clear();
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
      std::int32_t start = i;
      UChar32 c;
      U8_NEXT(s, i, length, c);
      if (c < 0) c = 0xFFFD;
      byte_at.push_back(static_cast<std::uint32_t>(start));
      if (c > 0xFFFF) byte_at.push_back(static_cast<std::uint32_t>(start));
      utext.append(c);
    }
    byte_at.push_back(static_cast<std::uint32_t>(text.size()));
  }

  std::string normalise(std::string_view original, std::int32_t begin, std::int32_t end) {
    std::string out;
    if (is_ascii(original)) {
      out.assign(original);
      for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    } else {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString word = fold->normalize(utext.tempSubStringBetween(begin, end), status);
      icu::UnicodeString decomposed = nfd->normalize(word, status);
      icu::UnicodeString kept;
      UScriptCode base_script = USCRIPT_COMMON;
      for (std::int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
          if (base_script == USCRIPT_LATIN) continue;
        } else {
          base_script = uscript_getScript(c, &status);
        }
        kept.append(c);
      }
      nfc->normalize(kept, status).toUTF8String(out);
      if (U_FAILURE(status)) out.assign(original);
      replace_all(out, "\u2019", "'");
      replace_all(out, "\u2018", "'");
      replace_all(out, "\u02BC", "'");
    }
    tidy_word(out);
    return out;
  }

  // Calls take(term, begin byte, end byte) for each word of `text`, in order.
  template <class Take>
  void each_word(std::string_view text, Take&& take) {
    load(text);
    words->setText(utext);
    std::int32_t begin = words->first();
    for (std::int32_t end = words->next(); end != icu::BreakIterator::DONE; begin = end, end = words->next()) {
      if (words->getRuleStatus() < UBRK_WORD_NUMBER) continue;  // Spaces and punctuation.
      std::uint32_t b = byte_at[static_cast<std::size_t>(begin)];
      std::uint32_t e = byte_at[static_cast<std::size_t>(end)];
      std::string term = normalise(text.substr(b, e - b), begin, end);
      if (term.empty() || term.size() > kMaxTermBytes) continue;
      take(std::move(term), b, e);
    }
  }

  std::string stem(const std::string& term) {
    if (has_digit(term)) return term;
    UChar32 first;
    std::int32_t i = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(term.data()), i, static_cast<std::int32_t>(term.size()), first);
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(first, &status)) {
      case USCRIPT_LATIN: {
        if (auto it = latin_stems.find(term); it != latin_stems.end()) return it->second;
        if (latin_stems.size() >= kMaxCachedStems) latin_stems.clear();
        return latin_stems.emplace(term, stemmers.stem(latin_stemmer, term)).first->second;
      }
      case USCRIPT_CYRILLIC:
        return stemmers.stem("russian", term);
      case USCRIPT_GREEK:
        return stemmers.stem("greek", term);
      case USCRIPT_ARABIC:
        return stemmers.stem("arabic", term);
      case USCRIPT_ARMENIAN:
        return stemmers.stem("armenian", term);
      case USCRIPT_DEVANAGARI:
        return stemmers.stem("hindi", term);
      case USCRIPT_TAMIL:
        return stemmers.stem("tamil", term);
      default:
        return term;
    }
  }
};

TextAnalyzer::TextAnalyzer(std::string_view language) : impl_(std::make_unique<Impl>()) { set_language(language); }
TextAnalyzer::~TextAnalyzer() = default;

void TextAnalyzer::set_language(std::string_view language) {
  std::string snowball = Stemmers::language_for_code(language);
  // Only Latin-script languages steer the Latin stemmer; Cyrillic etc. go by script.
  static constexpr std::string_view kNonLatin[] = {"russian", "greek",  "arabic", "armenian",
                                                   "hindi",   "nepali", "tamil",  "serbian"};
  for (auto non_latin : kNonLatin)
    if (snowball == non_latin) snowball.clear();
  if (snowball.empty()) snowball = "english";
  if (snowball != impl_->latin_stemmer) impl_->latin_stems.clear();
  impl_->latin_stemmer = std::move(snowball);
}

void TextAnalyzer::analyze(std::string_view text, std::vector<Token>& out) {
  impl_->each_word(text, [&](std::string&& term, std::uint32_t b, std::uint32_t e) {
    Token token;
    token.stem = impl_->stem(term);
    token.term = std::move(term);
    token.begin = b;
    token.end = e;
    out.push_back(std::move(token));
  });
}

std::vector<Token> TextAnalyzer::analyze(std::string_view text) {
  std::vector<Token> out;
  analyze(text, out);
  return out;
}

std::vector<std::string> TextAnalyzer::words(std::string_view text) {
  std::vector<std::string> out;
  impl_->each_word(text, [&](std::string&& term, std::uint32_t, std::uint32_t) { out.push_back(std::move(term)); });
  return out;
}

}  // namespace newsq::analysis
