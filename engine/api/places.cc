// engine/api/places.cc: newsq/places.h over the gazetteer, its builder and the place extractor.
#include "newsq/places.h"

#include "engine/index/index_gazetteer.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/gazetteer_builder.h"
#include "indexer/places/place_extractor.h"

namespace newsq {

GazetteerBuildReport build_gazetteer(const std::vector<std::string>& inputs, const std::string& out) {
  places::GazetteerBuilder builder;
  for (const auto& input : inputs) builder.add_file(input);
  builder.write(out);
  return builder.report();
}

std::string index_gazetteer(const std::string& dir) { return recorded_gazetteer(dir); }

PlacesInText find_places(const std::string& text, const std::string& gazetteer_path) {
  auto gazetteer = places::Gazetteer::load(gazetteer_path);
  analysis::TextAnalyzer analyzer;
  places::PlaceExtractor extractor(*gazetteer);
  places::Extraction found = extractor.extract(text, analyzer);

  auto describe = [&](const places::Place& p) {
    GazetteerPlace out{p.id,
                       std::string(p.name),
                       std::string(places::level_name(p.level)),
                       std::string(p.country_code),
                       p.region,
                       {},
                       p.has_coordinates,
                       p.lat,
                       p.lon};
    places::Place region;
    if (p.region && gazetteer->find(p.region, region)) out.region = std::string(region.name);
    return out;
  };
  PlacesInText result;
  for (const auto& f : found.places)
    result.places.push_back(
        {describe(f.place), f.mentions, f.reason, std::string(places::mention_kind_name(f.kind))});
  for (const auto& m : found.mentions)
    result.mentions.push_back(
        {m.begin, m.end, m.text, m.accepted, m.place, m.reason, std::string(places::mention_kind_name(m.kind))});
  return result;
}

}  // namespace newsq
