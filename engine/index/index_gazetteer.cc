// engine/index/index_gazetteer.cc: which gazetteer an index is written with, and recording it, so
// that a later `newsq index` without --gazetteer and every search use the same one.
#include <xapian.h>

#include <filesystem>

#include "engine/index/index_gazetteer.h"
#include "engine/index/index_writer_impl.h"
#include "engine/index/schema.h"
#include "indexer/places/gazetteer.h"
#include "newsq/error.h"

namespace newsq {

std::string recorded_gazetteer(const std::string& dir) {
  if (!std::filesystem::exists(dir)) throw DatabaseError(dir + ": no such index");
  try {
    return Xapian::Database(dir).get_metadata(schema::kGazetteerKey);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(dir + ": cannot open the index: " + e.get_description());
  }
}

void IndexWriter::Impl::attach_gazetteer() {
  const std::string recorded = db.get_metadata(schema::kGazetteerKey);
  std::string file = options.gazetteer;
  if (file.empty()) file = recorded;
  if (file.empty() && path != dir) {
    // A rebuild writes a fresh generation: carry over what the live index uses.
    try {
      file = Xapian::Database(dir).get_metadata(schema::kGazetteerKey);
    } catch (const Xapian::Error&) {
    }
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
      throw DatabaseError(dir + ": the index was built with the gazetteer " + absolute +
                          ", which cannot be loaded (" + e.what() + "); pass --gazetteer FILE");
    throw;
  }
  builder.set_gazetteer(gazetteer);
  gazetteer_checksum = gazetteer->checksum();
  if (recorded != absolute || db.get_metadata(schema::kGazetteerChecksumKey) != gazetteer_checksum) {
    db.set_metadata(schema::kGazetteerKey, absolute);
    db.set_metadata(schema::kGazetteerChecksumKey, gazetteer_checksum);
    db.commit();
  }
}

}  // namespace newsq
