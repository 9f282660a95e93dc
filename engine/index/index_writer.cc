// engine/index/index_writer.cc: the writer behind newsq::IndexWriter: takes the write lock,
// validates, builds documents, skips unchanged ones, commits in batches.
#include "newsq/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "engine/index/index_health.h"
#include "engine/index/index_location.h"
#include "engine/index/index_writer_impl.h"
#include "engine/index/schema.h"
#include "engine/index/shard_layout.h"
#include "engine/index/shard_set.h"
#include "indexer/readers/article_validator.h"
#include "newsq/error.h"

namespace newsq {

void validate(const WriterOptions& options) {
  auto check = [](const char* field, std::uint64_t value, const OptionRange& range, const char* note) {
    if (!range.contains(value))
      throw std::invalid_argument("WriterOptions::" + std::string(field) + " must be " + std::to_string(range.min) +
                                  ".." + std::to_string(range.max) + note + ", not " + std::to_string(value));
  };
  check("batch_size", options.batch_size, kBatchSizeRange, "");
  check("threads", options.threads, kThreadsRange, " (0: one per core)");
  check("shards", options.shards, kShardsRange, " (0: as the directory is)");
}

IndexWriter::Impl::Impl(std::string d, std::string p, const WriterOptions& o, std::unique_ptr<WriteLock> l)
    : dir(std::move(d)), path(std::move(p)), options(o), lock(std::move(l)) {
  try {
    db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    std::string version = db.get_metadata(schema::kVersionKey);
    if (version.empty()) {
      if (db.get_doccount() != 0) throw DatabaseError(dir + ": a Xapian database, but not a newsq index");
      db.set_metadata(schema::kVersionKey, std::to_string(schema::kVersion));
      db.set_metadata(schema::kDateTermsKey, "1");  // Every document this index will hold has them.
      db.commit();
    }
    attach_gazetteer();
  } catch (const Xapian::DatabaseLockError&) {
    // Every newsq writer holds DIR/write.lock, and this one does (or its caller does): whoever
    // holds Xapian's own lock on the generation is some other program with it open for writing.
    throw DatabaseError(dir + ": " + path +
                        " is open for writing by a program other than newsq (Xapian's lock on it is held); "
                        "close that program and try again");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(dir + ": cannot open the index for writing: " + e.get_description());
  }
}

IndexWriter::IndexWriter(const std::string& dir, const WriterOptions& options) {
  validate(options);  // Before the directory is created: a usage error leaves nothing behind.
  try {
    if (const unsigned shards = shards::count_for_writing(dir, options.shards); shards != 0) {
      *this = ShardSet::open(dir, shards, options);
      return;
    }
    if (!options.create) {
      // Before the lock, whose file would be the first thing written into an empty directory.
      const health::State state = health::diagnose(dir).state;
      if (state == health::State::absent) throw DatabaseError(dir + ": no such index");
      if (state == health::State::empty)
        throw DatabaseError(dir + ": an empty directory, not an index (nothing to change)");
    }
    auto lock = std::make_unique<WriteLock>(dir, options.wait_for_lock);
    std::string path = location::live_generation_for_writing(dir);
    // Under the lock nobody else is rebuilding: whatever generation is not live is a leftover
    // (of a killed rebuild, compaction, or first run).
    location::remove_stale_generations(dir);
    impl_ = std::make_unique<Impl>(dir, path, options, std::move(lock));
  } catch (const std::filesystem::filesystem_error& e) {
    throw DatabaseError(dir + ": " + e.code().message());
  }
}

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::IndexWriter(std::unique_ptr<ShardSet> shards) : shards_(std::move(shards)) {}

IndexWriter::~IndexWriter() {
  if (!impl_) return;  // Moved from, or sharded: each shard's writer commits its own.
  try {
    impl_->commit();
  } catch (...) {}
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

AddOutcome IndexWriter::add(const Article& input) {
  Article article = input;
  if (std::string reason = indexer::validate_article(article, ~0ull); !reason.empty()) throw InputError("-", 0, reason);
  if (shards_) return shards_->route(article.id).add(article);  // Routed by the id as stored (trimmed).
  IndexWriter::Impl::Lookup found = impl_->look_up(article);
  if (found.outcome != AddOutcome::unchanged)
    impl_->guarded("cannot add article",
                   [&] { impl_->store(found.id_term, impl_->builder.build(article, found.hash)); });
  return found.outcome;
}

IndexWriter::Impl::Lookup IndexWriter::Impl::look_up(const Article& article) {
  Lookup found{AddOutcome::added, indexer::DocumentBuilder::content_hash(article, gazetteer_checksum),
               schema::id_term(article.id)};
  found.outcome = guarded("cannot add article", [&] {
    // A document carrying this id + hash term is this very article, unchanged. term_exists() is a
    // cheap lookup (pending changes included), unlike reading the document's hash value: it is
    // what keeps a nightly run over a large, mostly unchanged archive fast.
    if (std::string term = schema::hash_term(article.id, found.hash); !term.empty() && db.term_exists(term))
      return AddOutcome::unchanged;
    if (!db.term_exists(found.id_term)) return AddOutcome::added;
    // Documents without the hash term (written before it existed, or with an id too long for
    // it) carry the hash only in the value slot. Only changed articles get here otherwise.
    Xapian::PostingIterator existing = db.postlist_begin(found.id_term);
    return db.get_document(*existing).get_value(schema::kHashSlot) == found.hash ? AddOutcome::unchanged
                                                                                 : AddOutcome::updated;
  });
  return found;
}

bool IndexWriter::remove(const std::string& id) {
  if (shards_) return shards_->route(id).remove(id);
  std::string id_term = schema::id_term(id);
  return impl_->guarded("cannot remove article", [&] {
    if (!impl_->db.term_exists(id_term)) return false;
    impl_->db.delete_document(id_term);
    impl_->note_change();
    return true;
  });
}

void IndexWriter::commit() {
  if (!shards_) return impl_->commit();
  for (IndexWriter& shard : shards_->writers()) shard.commit();
}

std::uint64_t IndexWriter::size() const {
  if (shards_) {
    std::uint64_t total = 0;
    for (const IndexWriter& shard : shards_->writers()) total += shard.size();
    return total;
  }
  return impl_->guarded("cannot count articles", [&] { return std::uint64_t{impl_->db.get_doccount()}; });
}

std::vector<std::string> IndexWriter::ids() const {
  if (shards_) {
    std::vector<std::string> out;
    for (const IndexWriter& shard : shards_->writers()) {
      std::vector<std::string> some = shard.ids();
      out.insert(out.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  return impl_->guarded("cannot list articles", [&] {
    std::vector<std::string> out;
    const std::string prefix(schema::kIdPrefix);
    for (auto t = impl_->db.allterms_begin(prefix); t != impl_->db.allterms_end(prefix); ++t)
      out.push_back((*t).substr(prefix.size()));
    return out;
  });
}

}  // namespace newsq
