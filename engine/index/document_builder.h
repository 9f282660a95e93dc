// engine/index/document_builder.h: turns a validated Article into the Xapian document the schema
// describes (engine/index/schema.md): words with positions, stems, id, source, date, hash, data.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "indexer/analysis/text_analyzer.h"
#include "engine/index/place_terms.h"
#include "newsq/article.h"

namespace newsq::indexer {

class DocumentBuilder {
 public:
  // The article's content hash: FNV-1a 64 over the schema version and every field, 16 hex digits.
  // A non-empty `salt` (the gazetteer's checksum) is mixed in too, so that indexing with another
  // gazetteer re-extracts every article's places.
  static std::string content_hash(const Article& article, std::string_view salt = {});

  // `article` must have passed validate_article(). The builder keeps scratch buffers between calls.
  Xapian::Document build(const Article& article, const std::string& hash);

  // Turns place extraction on (a gazetteer) or off (null): documents then carry their places
  // (place and cell terms, place slots, "places" in the data) from the tokens analysed anyway.
  void set_gazetteer(std::shared_ptr<const places::Gazetteer> gazetteer);
  // The gazetteer set, or null: another builder (another thread's) set up the same way shares it
  // (a Gazetteer is immutable; a builder itself is not thread-safe).
  const std::shared_ptr<const places::Gazetteer>& gazetteer() const { return gazetteer_; }
  // The archive prior place extraction weighs ambiguous names with (indexer/places/archive_prior.h;
  // the index's, engine/index/schema.md), or null for none; kept across set_gazetteer().
  void set_place_prior(std::shared_ptr<const places::ArchivePrior> prior);
  const std::shared_ptr<const places::ArchivePrior>& place_prior() const { return prior_; }
  // Place extraction set up as `other`'s: the same gazetteer and prior (another thread's builder).
  void share_places(const DocumentBuilder& other) {
    set_gazetteer(other.gazetteer_);
    set_place_prior(other.prior_);
  }

  // The places `article` (validated) would get from build(), with no document made: the same
  // analysis of the title and the text. Empty without a gazetteer.
  places::Extraction extract_places(const Article& article);

 private:
  analysis::TextAnalyzer analyzer_;
  std::vector<analysis::Token> tokens_;
  std::shared_ptr<const places::Gazetteer> gazetteer_;
  std::shared_ptr<const places::ArchivePrior> prior_;
  std::unique_ptr<places::PlaceIndexer> places_;
};

}  // namespace newsq::indexer
