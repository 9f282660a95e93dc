// query/index_view.cc: opening and refreshing the index (or the cluster of shards) a Searcher
// reads, and the messages for reads that failed on every attempt (query/index_view.h).
#include "query/index_view.h"

#include <filesystem>

#include "engine/index/schema.h"

namespace newsq::query {
namespace {

// Xapian opens a generation that lost its docdata or position table as if they were empty, and
// searches would quietly show hits without titles: refuse such a generation instead. A swap may
// have removed the files just opened; that is not damage if the stub has moved on meanwhile.
void check_complete(const std::string& dir, const std::string& generation, const Xapian::Database& db) {
  if (generation.empty()) return;
  const std::string missing = health::missing_table((std::filesystem::path(dir) / generation).string(), db.get_doccount());
  if (missing.empty()) return;
  if (location::live_generation(dir) != generation)
    throw Xapian::DatabaseOpeningError("the generation opened was replaced");  // refresh() tries again.
  throw DatabaseError(health::damaged_message(dir, missing, false));
}

}  // namespace

IndexView::IndexView(const std::string& dir, unsigned shard_timeout_ms) : dir_(dir), shard_timeout_ms_(shard_timeout_ms) {
  if (const std::string description = location::cluster_description_of(dir_); !description.empty()) {
    open_cluster(description);
    return;
  }
  const health::Diagnosis found = health::diagnose(dir_);
  if (found.state != health::State::healthy && found.state != health::State::plain &&
      found.state != health::State::replica)
    throw unusable(found);
  plain_ = found.state == health::State::plain;
  try {
    refresh();
  } catch (const Xapian::DatabaseError& e) {
    // refresh() opened again after each failure; what still fails while the stub names the
    // generation diagnose() found is in that generation's tables, not a swap under the open.
    const std::string expected =
        plain_ ? std::string() : std::filesystem::path(found.generation_path).filename().string();
    if (location::live_generation(dir_) == expected)
      throw DatabaseError(health::damaged_message(dir_, "cannot open the index: " + e.get_description(), false));
    throw DatabaseError(dir_ + ": cannot open the index: " + e.get_description());
  } catch (const Xapian::Error& e) {
    throw DatabaseError(dir_ + ": cannot open the index: " + e.get_description());
  }
  if (db_.get_metadata(schema::kVersionKey).empty() && db_.get_doccount() != 0)
    throw DatabaseError(dir_ + ": a Xapian database, but not a newsq index");
}

// The shards a description lists, each checked to be a newsq index (local) or reachable
// (remote), opened and added together.
void IndexView::open_cluster(const std::string& description) {
  for (location::ShardAddress& address : location::read_cluster_description(description)) {
    Shard shard;
    if (!address.remote) {
      const health::Diagnosis found = health::diagnose(address.path);
      if (found.state == health::State::healthy || found.state == health::State::replica)
        shard.live.emplace(address.path);
      else if (found.state != health::State::plain)
        throw DatabaseError(dir_ + ": shard " + unusable(address.path, found).what());
    }
    any_remote_ = any_remote_ || address.remote;
    shard.address = std::move(address);
    shards_.push_back(std::move(shard));
  }
  try {
    refresh();
    for (const Shard& shard : shards_)
      if (!shard.missing && shard.db.get_metadata(schema::kVersionKey).empty() && shard.db.get_doccount() != 0)
        throw DatabaseError(dir_ + ": shard " + shard.address.name() + " is a Xapian database, but not a newsq index");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(dir_ + ": cannot open the cluster: " + e.get_description());
  }
}

// Local shards follow their own stubs (a rebuild or compaction of one shard swaps only its
// generation): the shards whose live generation moved are opened again and the whole added
// together again. Otherwise one reopen() moves every shard to its newest commit (remote shards
// ask their server). A remote shard that refuses the connection or does not answer within the
// timeout is left out (missing); it is tried again at every refresh, so the first search after
// it returns is complete.
void IndexView::refresh_cluster() {
  // A new stub naming the same name is a new copy in a replica folder (its names alternate).
  auto moved = [](Shard& shard) {
    return shard.live && (shard.live->live() != shard.generation || shard.live->stub_changes() != shard.opened_at_change);
  };
  // A shard left out by an earlier attempt of this read stays out until the next read.
  auto retry = [&](const Shard& shard) { return shard.missing && !retrying_; };
  bool changed = stale_;
  for (Shard& shard : shards_) changed = changed || !shard.open || retry(shard) || moved(shard);
  if (!changed) {
    db_.reopen();
    return;
  }
  Xapian::Database all;
  std::string missing;
  std::size_t added = 0;
  for (Shard& shard : shards_) {
    if (shard.missing && retrying_) {
      missing += "; " + shard.address.name() + ": left out";
      continue;
    }
    try {
      if (stale_ || !shard.open || shard.missing || moved(shard))
        open_shard(shard);
      else
        shard.db.reopen();
      shard.missing = false;
    } catch (const Xapian::NetworkError& e) {
      if (!shard.address.remote) throw;
      shard.open = false;
      shard.missing = true;
      missing += "; " + shard.address.name() + ": " + e.get_msg();
      continue;
    }
    all.add_database(shard.db);
    ++added;
  }
  if (added == 0)
    throw DatabaseError(dir_ + ": no shard of the cluster answered" + missing);
  db_ = std::move(all);
  stale_ = false;
}

void IndexView::leave_out(const Xapian::NetworkError& e) {
  for (Shard& shard : shards_)
    if (shard.address.remote && e.get_context() == "remote:tcp(" + shard.address.name() + ")") {
      shard.missing = true;
      shard.open = false;
    }
}

std::vector<std::string> IndexView::missing_shards() const {
  std::vector<std::string> out;
  for (const Shard& shard : shards_)
    if (shard.missing) out.push_back(shard.address.name());
  return out;
}

void IndexView::open_shard(Shard& shard) {
  shard.open = false;
  const location::ShardAddress& at = shard.address;
  if (at.remote) {
    shard.db = Xapian::Remote::open(at.host, at.port, shard_timeout_ms_, shard_timeout_ms_);
  } else {
    const std::string live = shard.live ? shard.live->live() : std::string();
    if (shard.live && !live.starts_with("gen-") && !location::is_replica_name(live))
      throw DatabaseError(dir_ + ": shard " + unusable(at.path, health::diagnose(at.path)).what());
    if (shard.live) shard.opened_at_change = shard.live->stub_changes();
    shard.db = Xapian::Database(at.path);  // Through the shard's stub.
    shard.generation = live;
    check_complete(at.path, live, shard.db);
  }
  shard.open = true;
}

IndexView::Revision IndexView::revision() const {
  if (!is_cluster()) return {identity_, db_.get_revision()};
  // Every shard's generation and revision: a commit to any shard is a new revision of the whole.
  // A remote database does not tell its revision; what a commit of articles changes stands in
  // for it: the database's UUID (a new generation has a new one), its document count, last
  // document id and total length. (A commit that changes only metadata goes unseen until the
  // next commit of articles; newsq writes none such during searches.)
  std::string all;
  for (const Shard& shard : shards_) {
    all += shard.address.name() + "/" + shard.generation + "@";
    if (shard.missing)
      all += "missing";
    else if (shard.address.remote)
      all += shard.db.get_uuid() + ":" + std::to_string(shard.db.get_doccount()) + ":" +
             std::to_string(shard.db.get_lastdocid()) + ":" + std::to_string(shard.db.get_total_length());
    else if (location::is_replica_name(shard.generation))  // Copy names come back: the UUID tells copies apart.
      all += shard.db.get_uuid() + ":" + std::to_string(shard.db.get_revision());
    else
      all += std::to_string(shard.db.get_revision());
    all += " ";
  }
  return {all, 0};
}

std::vector<std::string> IndexView::local_folders() const {
  if (!is_cluster()) return {(std::filesystem::path(dir_) / generation_).string()};  // `dir_` itself if "".
  std::vector<std::string> out;
  for (const Shard& shard : shards_)
    if (!shard.address.remote) out.push_back((std::filesystem::path(shard.address.path) / shard.generation).string());
  return out;
}

// Why a directory diagnose() found neither healthy nor plain cannot be searched, in words that
// say what to do.
DatabaseError IndexView::unusable(const health::Diagnosis& found) const { return unusable(dir_, found); }

DatabaseError IndexView::unusable(const std::string& dir_, const health::Diagnosis& found) {
  switch (found.state) {
    case health::State::absent:
      return DatabaseError(dir_ + ": no such index (create one with 'newsq index')");
    case health::State::empty:
      return DatabaseError(dir_ + ": an empty directory, not an index yet (create one with 'newsq index')");
    case health::State::foreign:
      return DatabaseError(dir_ + ": " + found.problem);
    case health::State::damaged:
      return DatabaseError(health::damaged_message(dir_, found.problem, false));
    case health::State::plain:
    case health::State::healthy:
    case health::State::replica:
      break;
  }
  return DatabaseError(dir_ + ": cannot open the index");
}

// What the database shows now, or the generation at revision 0 when not even that can be read.
IndexView::Revision IndexView::revision_or_none() const {
  try {
    return revision();
  } catch (const Xapian::Error&) {
    return {generation_, 0};
  }
}

// The error for a read that failed on every attempt (`first`: what was open at the first
// failure). The index is reopened between attempts, so a concurrent commit or swap explains the
// failures only if the stub or the revision moved meanwhile. If the directory itself is no
// longer a usable index (its stub emptied or removed since the open), that is what is said; if
// nothing moved, nothing was writing and the tables themselves are bad: the index is damaged,
// and the message says so and what to run instead of passing on Xapian's advice ("call
// reopen() and retry"), which cannot help.
DatabaseError IndexView::read_failure(const std::string& what, const Xapian::DatabaseError& e,
                                      const Revision& first) const {
  if (is_cluster()) return DatabaseError(dir_ + ": " + what + ": " + e.get_description());
  if (const health::Diagnosis found = health::diagnose(dir_); found.state != health::State::healthy &&
                                                              found.state != health::State::plain &&
                                                              found.state != health::State::replica)
    return unusable(found);
  const bool moved = location::live_generation(dir_) != generation_ || revision_or_none() != first;
  if (!moved) return DatabaseError(health::damaged_message(dir_, what + ": " + e.get_description(), false));
  // Xapian::Error has no virtual functions to dynamic_cast on; its type name says the kind.
  if (e.get_type() == std::string("DatabaseModifiedError"))
    return DatabaseError(dir_ + ": " + what + ": the index kept changing meanwhile");
  return DatabaseError(dir_ + ": " + what + ": " + e.get_description());
}

// A swap may delete the generation being opened between reading the stub and opening its files;
// the stub then names a newer one, so that is tried again.
void IndexView::refresh() {
  if (is_cluster()) return refresh_cluster();
  for (int attempt = 1;; ++attempt) {
    try {
      const std::string& live = live_watch_.live();
      // A new stub naming the same name is a new copy in a replica folder (its names alternate).
      if (stale_ || live != generation_ || live_watch_.stub_changes() != opened_at_change_) {
        stale_ = true;
        // Opening `dir_` through a stub emptied, removed or garbled since the open would give
        // Xapian's "Couldn't detect type of database" or an uninitialised database object: say
        // what happened instead. (publish() and xapian-replicate replace the stub by rename(2),
        // so a sound index never shows a missing or partial one, even mid-swap.)
        const bool replica = location::is_replica_name(live);
        if (!plain_ && !live.starts_with("gen-") && !replica) throw unusable(health::diagnose(dir_));
        opened_at_change_ = live_watch_.stub_changes();
        db_ = Xapian::Database(dir_);  // Through the stub: whatever is live now (maybe newer than `live`).
        generation_ = live;            // If newer, the next refresh() just opens it again.
        identity_ = replica ? live + " " + db_.get_uuid() : live;
        check_complete(dir_, generation_, db_);
        stale_ = false;
      } else {
        db_.reopen();
      }
      return;
    } catch (const Xapian::DatabaseError&) {
      if (attempt == kMaxAttempts) throw;
      stale_ = true;
    }
  }
}

}  // namespace newsq::query
