// indexer/analysis/stemmer.cc: thin owner of libstemmer handles.
#include "indexer/analysis/stemmer.h"

#include <libstemmer.h>

#include <array>
#include <utility>

namespace newsq::analysis {

void Stemmers::Free::operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }

Stemmers::Stemmers() = default;
Stemmers::~Stemmers() = default;

std::string Stemmers::stem(std::string_view language, std::string_view word) {
  auto it = stemmers_.find(language);
  if (it == stemmers_.end()) {
    // A null handle records "Snowball has no such language" so we ask only once.
    sb_stemmer* handle = sb_stemmer_new(std::string(language).c_str(), "UTF_8");
    it = stemmers_.emplace(std::string(language), std::unique_ptr<sb_stemmer, Free>(handle)).first;
  }
  if (!it->second) return std::string(word);
  const sb_symbol* out =
      sb_stemmer_stem(it->second.get(), reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!out) return std::string(word);  // Out of memory inside Snowball: fall back to the word.
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(it->second.get())));
}

std::string Stemmers::language_for_code(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kLanguages{{
      {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},    {"ca", "catalan"},    {"da", "danish"},
      {"nl", "dutch"},      {"en", "english"},    {"fi", "finnish"},   {"fr", "french"},     {"de", "german"},
      {"el", "greek"},      {"hi", "hindi"},      {"hu", "hungarian"}, {"id", "indonesian"}, {"ga", "irish"},
      {"it", "italian"},    {"lt", "lithuanian"}, {"ne", "nepali"},    {"no", "norwegian"},  {"nb", "norwegian"},
      {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},   {"sr", "serbian"},    {"es", "spanish"},
      {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
  }};
  for (auto [iso, name] : kLanguages)
    if (iso == code) return std::string(name);
  return {};
}

}  // namespace newsq::analysis
