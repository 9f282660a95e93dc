// engine/index/document_builder.cc: article -> Xapian document.
#include "engine/index/document_builder.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>

#include "engine/common/hashing.h"
#include "engine/index/facet_record.h"
#include "engine/index/schema.h"
#include "indexer/analysis/near_duplicate.h"

namespace newsq::indexer {

std::string DocumentBuilder::content_hash(const Article& a, std::string_view salt) {
  std::uint64_t h = common::kFnvOffset;
  auto mix = [&](std::string_view s) {
    h = common::fnv1a64_byte(common::fnv1a64(s, h), 0xff);  // 0xff ends a field: ("ab","c") and ("a","bc") differ.
  };
  mix(std::to_string(schema::kVersion));
  for (const std::string* f : {&a.id, &a.date, &a.source, &a.title, &a.url, &a.text, &a.lang}) mix(*f);
  if (!salt.empty()) mix(salt);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Xapian::Document DocumentBuilder::build(const Article& a, const std::string& hash) {
  Xapian::Document doc;
  analyzer_.set_language(a.lang);

  Xapian::termpos pos = 0;
  auto index_field = [&](const std::string& text, Xapian::termcount stem_wdf) {
    tokens_.clear();
    analyzer_.analyze(text, tokens_);
    for (const auto& t : tokens_) {
      doc.add_posting(t.term, ++pos);
      doc.add_term(schema::stem_term(t.stem), stem_wdf);
    }
    // Places come from the very tokens just indexed: no second analysis.
    if (places_) places_->add_field(text, tokens_, &text == &a.title);
  };
  index_field(a.title, schema::kTitleWdf);
  pos += schema::kTitleBodyGap;
  index_field(a.text, 1);

  doc.add_boolean_term(schema::id_term(a.id));
  if (std::string term = schema::hash_term(a.id, hash); !term.empty()) doc.add_boolean_term(term);
  if (!a.source.empty()) doc.add_boolean_term(schema::source_term(a.source));
  for (const std::string& term : schema::date_terms(schema::day_number(a.date))) doc.add_boolean_term(term);
  doc.add_value(schema::kDateSlot, schema::date_value(a.date));
  doc.add_value(schema::kSourceSlot, a.source);
  doc.add_value(schema::kHashSlot, hash);
  if (std::string signature = analysis::signature_of(analysis::shingles_of(a.text)); !signature.empty())
    doc.add_value(schema::kDuplicateSlot, signature);

  nlohmann::json data = {{schema::kFieldId, a.id},       {schema::kFieldDate, a.date}, {schema::kFieldSource, a.source},
                         {schema::kFieldTitle, a.title}, {schema::kFieldUrl, a.url},   {schema::kFieldText, a.text},
                         {schema::kFieldLang, a.lang}};
  if (places_) data[schema::kFieldPlaces] = places_->finish(doc);
  doc.add_value(schema::kFacetsSlot,
                schema::encode_facet_record(schema::day_number(a.date), a.source, doc.get_value(schema::kPlacesSlot)));
  doc.set_data(data.dump());
  return doc;
}

void DocumentBuilder::set_gazetteer(std::shared_ptr<const places::Gazetteer> gazetteer) {
  gazetteer_ = gazetteer;
  places_ = gazetteer ? std::make_unique<places::PlaceIndexer>(std::move(gazetteer)) : nullptr;
  if (places_) places_->set_prior(prior_);
}

void DocumentBuilder::set_place_prior(std::shared_ptr<const places::ArchivePrior> prior) {
  prior_ = std::move(prior);
  if (places_) places_->set_prior(prior_);
}

places::Extraction DocumentBuilder::extract_places(const Article& a) {
  if (!places_) return {};
  analyzer_.set_language(a.lang);
  for (const std::string* text : {&a.title, &a.text}) {
    tokens_.clear();
    analyzer_.analyze(*text, tokens_);
    places_->add_field(*text, tokens_, text == &a.title);
  }
  return places_->extract();
}

}  // namespace newsq::indexer
