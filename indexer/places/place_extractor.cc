// indexer/places/place_extractor.cc: PlaceExtractor over the features and the disambiguation.
#include "indexer/places/place_extractor.h"

#include "indexer/places/name_key.h"
#include "indexer/places/place_cache.h"
#include "indexer/places/place_disambiguation.h"
#include "indexer/places/place_features.h"
#include "indexer/places/place_lexicon.h"
#include "indexer/places/place_resolver.h"

namespace newsq::places {

std::string_view mention_kind_name(MentionKind kind) {
  switch (kind) {
    case MentionKind::adjective:
      return "adjective";
    case MentionKind::demonym:
      return "demonym";
    case MentionKind::name:
      break;
  }
  return "name";
}

PlaceExtractor::PlaceExtractor(const Gazetteer& gazetteer) : places_(std::make_unique<PlaceCache>(gazetteer)) {}
PlaceExtractor::~PlaceExtractor() = default;

void PlaceExtractor::add_field(std::string_view text, std::span<const analysis::Token> tokens, bool headline) {
  const std::uint32_t field = fields_++;
  texts_.emplace_back(explain_ ? text : std::string_view());
  find_spans(text, tokens, headline, field, *places_, spans_);
}

Extraction PlaceExtractor::finish() {
  Extraction out = disambiguate(spans_, texts_, *places_, explain_, prior_);
  spans_.clear();
  texts_.clear();
  fields_ = 0;
  return out;
}

Extraction PlaceExtractor::extract(std::string_view text, analysis::TextAnalyzer& analyzer) {
  std::vector<analysis::Token> tokens = analyzer.analyze(text);
  add_field(text, tokens, false);
  return finish();
}

bool PlaceExtractor::is_common_word(std::string_view key) { return lexicon::common_word(key); }

std::string PlaceExtractor::name_key(std::string_view name, analysis::TextAnalyzer& analyzer) {
  return places::name_key(name, analyzer);
}

bool PlaceExtractor::resolve(const Gazetteer& gazetteer, std::string_view name, analysis::TextAnalyzer& analyzer,
                             Place& out, bool* qualified) {
  return resolve_name(gazetteer, name, analyzer, out, qualified);
}

bool PlaceExtractor::resolve(const Gazetteer& gazetteer, std::string_view name,
                             const std::function<std::string(std::string_view)>& key_of, Place& out, bool* qualified) {
  return resolve_name(gazetteer, name, key_of, out, qualified);
}

}  // namespace newsq::places
