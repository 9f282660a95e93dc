// engine/index/index_gazetteer.cc: which gazetteer an index is written with, and recording it, so
// that a later `newsq index` without --gazetteer and every search use the same one (and a search
// refuses one that changed since).
#include <xapian.h>

#include <filesystem>

#include "engine/index/index_gazetteer.h"
#include "engine/index/index_writer_impl.h"
#include "engine/index/schema.h"
#include "indexer/places/gazetteer.h"
#include "newsq/error.h"

namespace newsq {

GazetteerBinding read_gazetteer_binding(const Xapian::Database& db) {
  return {db.get_metadata(schema::kGazetteerKey), db.get_metadata(schema::kGazetteerChecksumKey)};
}

void write_gazetteer_binding(Xapian::WritableDatabase& db, const GazetteerBinding& binding) {
  db.set_metadata(schema::kGazetteerKey, binding.path);
  db.set_metadata(schema::kGazetteerChecksumKey, binding.checksum);
}

std::string recorded_gazetteer(const std::string& dir) {
  if (!std::filesystem::exists(dir)) throw DatabaseError(dir + ": no such index");
  try {
    return read_gazetteer_binding(Xapian::Database(dir)).path;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(dir + ": cannot open the index: " + e.get_description());
  }
}

IndexGazetteer load_index_gazetteer(const std::string& dir, const GazetteerBinding& binding) {
  IndexGazetteer out;
  if (binding.path.empty()) {
    out.error = dir + ": this index has no places: index it with --gazetteer FILE (see 'newsq gazetteer build')";
    return out;
  }
  try {
    auto loaded = places::Gazetteer::load(binding.path);
    if (loaded->checksum() != binding.checksum)
      out.error = dir + ": the gazetteer " + binding.path + " changed since the index was built: reindex with it";
    else
      out.gazetteer = std::move(loaded);
  } catch (const Error& e) {
    out.error = dir + ": the index's gazetteer cannot be loaded: " + e.what();
  }
  return out;
}

void IndexWriter::Impl::attach_gazetteer() {
  const GazetteerBinding recorded = read_gazetteer_binding(db);
  std::string file = options.gazetteer;
  if (file.empty()) file = recorded.path;
  if (file.empty() && path != dir) {
    // A rebuild writes a fresh generation: carry over what the live index uses.
    try {
      file = read_gazetteer_binding(Xapian::Database(dir)).path;
    } catch (const Xapian::Error&) {}
  }
  if (file.empty()) return;
  std::error_code ec;
  std::string absolute = std::filesystem::absolute(file, ec).lexically_normal().string();
  if (ec) absolute = file;
  std::shared_ptr<const places::Gazetteer> gazetteer;
  try {
    gazetteer = places::Gazetteer::load(absolute);
  } catch (const Error& e) {
    if (options.gazetteer.empty())
      throw DatabaseError(dir + ": the index was built with the gazetteer " + absolute + ", which cannot be loaded (" +
                          e.what() + "); pass --gazetteer FILE");
    throw;
  }
  builder.set_gazetteer(gazetteer);
  gazetteer_checksum = gazetteer->checksum();
  load_place_prior();
  // The writer takes the file as it is now (a changed one changes every content hash, so the
  // articles are reindexed with it) and records it: unlike a search, it does not refuse it.
  if (const GazetteerBinding now{absolute, gazetteer_checksum}; now != recorded) {
    write_gazetteer_binding(db, now);
    db.commit();
  }
}

}  // namespace newsq
