// engine/index/index_place_prior.cc: the archive prior an index keeps (indexer/places/archive_prior.h,
// metadata key newsq.places.prior, indexer/places/README.md): counted by a rebuild in a first pass over all its
// inputs, before any article is extracted with it; used unchanged by every later `newsq index`. So
// the places an article gets depend on the prior and the article only, never on the order articles
// came in: an incremental run and a rebuild with the same prior give the same places.
#include <memory>
#include <optional>
#include <stdexcept>
#include <unordered_set>

#include "engine/index/index_writer_impl.h"
#include "engine/index/schema.h"
#include "indexer/places/archive_prior.h"
#include "indexer/readers/article_reader.h"
#include "indexer/readers/article_validator.h"

namespace newsq {
namespace {

std::shared_ptr<const places::ArchivePrior> parse_prior(const std::string& dir, const std::string& stored) {
  if (stored.empty()) return nullptr;
  try {
    return std::make_shared<const places::ArchivePrior>(places::ArchivePrior::parse(stored));
  } catch (const std::invalid_argument& e) {
    throw DatabaseError(dir + ": the index's " + schema::kPlacesPriorKey + " is damaged (" + e.what() +
                        "): rebuild the index");
  }
}

}  // namespace

void IndexWriter::Impl::load_place_prior() {
  builder.set_place_prior(parse_prior(dir, guarded("cannot read the places prior", [&] {
                                        return db.get_metadata(schema::kPlacesPriorKey);
                                      })));
}

std::optional<std::string> IndexWriter::Impl::count_place_prior(const std::vector<std::string>& inputs,
                                                                const IngestOptions& options) {
  if (!builder.gazetteer()) return std::nullopt;
  const indexer::ExpandedInputs expanded = indexer::expand_input_paths(inputs);
  std::string stored;
  bool from_stdin = false;
  for (const auto& f : expanded.files) from_stdin = from_stdin || f == "-";
  if (from_stdin) {
    // Read once only: the live index's prior carries over, as its gazetteer does.
    try {
      stored = Xapian::Database(dir).get_metadata(schema::kPlacesPriorKey);
    } catch (const Xapian::Error&) {}
  } else {
    // Counted without a prior, from every valid article (the first of each id), as ingest() would
    // index them; what cannot be read is left to ingest() to report.
    auto saved = builder.place_prior();
    builder.set_place_prior(nullptr);
    places::ArchivePrior prior;
    const indexer::ReadOptions read_options = indexer::ReadOptions::of(options);
    std::unordered_set<std::string> seen;
    for (const auto& file : expanded.files) {
      std::unique_ptr<indexer::ArticleReader> reader;
      try {
        reader = indexer::open_reader(file, read_options);
      } catch (const InputError&) {
        continue;
      }
      indexer::RawRecord record;
      while (reader->next(record)) {
        if (!record.error.empty()) {
          if (record.fatal) break;
          continue;
        }
        if (!options.source.empty()) record.article.source = options.source;
        if (!indexer::validate_article(record.article, options.max_record_bytes).empty()) continue;
        if (!seen.insert(record.article.id).second) continue;
        prior.count(builder.extract_places(record.article));
      }
    }
    builder.set_place_prior(saved);
    stored = prior.serialise();
  }
  return stored;
}

void IndexWriter::Impl::record_place_prior(const std::string& stored) {
  guarded("cannot record the places prior", [&] {
    db.set_metadata(schema::kPlacesPriorKey, stored);
    db.commit();
  });
  builder.set_place_prior(parse_prior(dir, stored));
}

}  // namespace newsq
