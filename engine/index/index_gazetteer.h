// engine/index/index_gazetteer.h: the binding between an index and the gazetteer it was built
// with (engine/index/schema.md: metadata keys newsq.gazetteer and newsq.gazetteer.checksum). The
// writer records it (IndexWriter::Impl::attach_gazetteer); searchers and `newsq places` read it.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

#include "indexer/places/gazetteer.h"

namespace newsq {

// What an index records of its gazetteer: the file's absolute path and the checksum of its
// contents (Gazetteer::checksum()); both empty for an index without places.
struct GazetteerBinding {
  std::string path, checksum;
  bool operator==(const GazetteerBinding&) const = default;
};

GazetteerBinding read_gazetteer_binding(const Xapian::Database& db);
// Sets both keys; the caller commits. Throws Xapian::Error.
void write_gazetteer_binding(Xapian::WritableDatabase& db, const GazetteerBinding& binding);

// The gazetteer path index `dir` records; empty if none. Throws DatabaseError if `dir` cannot be
// opened as an index.
std::string recorded_gazetteer(const std::string& dir);

// A search's gazetteer for index `dir`: the file `binding` names, loaded, if its checksum is still
// the one recorded (a changed file would misname places). Otherwise `gazetteer` is null and
// `error` says why: none recorded, the file cannot be loaded, or it changed since indexing.
// Never throws for those. Searchers call this with read_gazetteer_binding(db), again whenever
// the binding read at a new revision differs from the one last loaded.
struct IndexGazetteer {
  std::shared_ptr<const places::Gazetteer> gazetteer;
  std::string error;
};
IndexGazetteer load_index_gazetteer(const std::string& dir, const GazetteerBinding& binding);

}  // namespace newsq
