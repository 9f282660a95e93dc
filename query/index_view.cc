// query/index_view.cc: opening and refreshing the index a Searcher reads, and the messages for
// reads that failed on every attempt (query/index_view.h).
#include "query/index_view.h"

#include <filesystem>

#include "engine/index/schema.h"

namespace newsq::query {

IndexView::IndexView(const std::string& dir) : dir_(dir) {
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

// Why a directory diagnose() found neither healthy nor plain cannot be searched, in words that
// say what to do.
DatabaseError IndexView::unusable(const health::Diagnosis& found) const {
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
        check_complete();
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

// Xapian opens a generation that lost its docdata or position table as if they were empty, and
// searches would quietly show hits without titles: refuse such a generation instead. A swap may
// have removed the files just opened; that is not damage if the stub has moved on meanwhile.
void IndexView::check_complete() {
  if (generation_.empty()) return;
  const std::string missing =
      health::missing_table((std::filesystem::path(dir_) / generation_).string(), db_.get_doccount());
  if (missing.empty()) return;
  if (location::live_generation(dir_) != generation_)
    throw Xapian::DatabaseOpeningError("the generation opened was replaced");  // refresh() tries again.
  throw DatabaseError(health::damaged_message(dir_, missing, false));
}

}  // namespace newsq::query
