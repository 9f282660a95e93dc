// engine/index/index_writer_impl.h: the state behind newsq::IndexWriter, shared with the
// maintenance operations (rebuild, compact) that write a generation other than the live one.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "engine/index/index_health.h"
#include "engine/index/place_name_table.h"
#include "engine/index/write_failure_guard.h"
#include "engine/index/write_lock.h"
#include "engine/index/document_builder.h"
#include "newsq/error.h"
#include "newsq/index_writer.h"
#include "newsq/ingest.h"

namespace newsq {

struct IndexWriter::Impl {
  std::string dir;                       // As the user named it, for messages.
  WriteFailureGuard failure_guard{dir};  // A failure Xapian cannot unwind from exits 2, not SIGABRT.
  std::string path;                      // The Xapian database written.
  WriterOptions options;
  std::unique_ptr<WriteLock> lock;  // Null when the caller already holds the index's lock.
  Xapian::WritableDatabase db;
  indexer::DocumentBuilder builder;
  std::string gazetteer_checksum;  // Of the gazetteer in use; empty without one. Salts content hashes.
  std::uint32_t pending = 0;
  places::PlaceNameWriter place_names;  // The places of the documents stored, named at each commit.

  // Opens `path` (a generation of index `dir`), creating it if needed.
  Impl(std::string dir, std::string path, const WriterOptions& options, std::unique_ptr<WriteLock> lock);

  // Loads options.gazetteer, else the one the index (or, for a new generation, the live index)
  // records, hands it to the builder and records it in the metadata. See index_gazetteer.cc.
  void attach_gazetteer();
  // Hands the builder the archive prior the index records (schema::kPlacesPriorKey), if any. A
  // writer never changes it; see index_place_prior.cc.
  void load_place_prior();
  // A rebuild's first pass: counts the prior of `inputs` (read as ingest() reads them) and returns
  // it serialised, for record_place_prior(). Inputs that cannot be read twice (stdin) keep the
  // live index's prior instead. Nothing (nullopt) without a gazetteer.
  std::optional<std::string> count_place_prior(const std::vector<std::string>& inputs, const IngestOptions& options);
  // Records a prior from count_place_prior() in this generation and hands it to the builder.
  void record_place_prior(const std::string& stored);

  template <typename F>
  auto guarded(const char* what, F&& f) {
    try {
      return f();
    } catch (const Xapian::Error& e) {
      throw DatabaseError(dir + ": " + what + ": " + e.get_description());
    }
  }

  // Threads analysing articles: options.threads, or one per core when that is 0.
  unsigned threads() const {
    return options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  }

  // A validated article looked up: its content hash and id term, and what storing it would do.
  struct Lookup {
    AddOutcome outcome;  // unchanged (nothing to store), added or updated.
    std::string hash, id_term;
  };
  // Reads pending changes too. Throws DatabaseError.
  Lookup look_up(const Article& article);

  // Stores `doc` as the article `id_term` names, replacing any older version; commits a full batch.
  void store(const std::string& id_term, const Xapian::Document& doc) {
    db.replace_document(id_term, doc);
    place_names.note(doc);
    note_change();
  }

  void note_change() {
    if (++pending >= options.batch_size) commit();
  }

  void commit() {
    guarded("commit failed", [&] {
      if (builder.gazetteer()) place_names.write(db, *builder.gazetteer());
      db.commit();
    });
    pending = 0;
    // What this writer committed is sound: the next writer need not check it again.
    health::remember_sound(dir, path);
  }
};

}  // namespace newsq
