// query/index_view.h: the index a Searcher reads, open as a Xapian::Database through the stub,
// kept at the latest commit of the live generation, and the one retry loop every read goes
// through. What it throws says what is wrong in words a user can act on: no index, a foreign
// directory, a damaged generation (engine/index/index_health.h), or an index that kept changing.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>

#include "engine/index/index_health.h"
#include "engine/index/index_location.h"
#include "newsq/error.h"

namespace newsq::query {

class IndexView {
 public:
  // What the database shows: its generation ("" for a plain database; in a replica folder the
  // copy's name and UUID, as its names alternate) and Xapian revision. The caches kept beside a
  // view are kept for one of these.
  using Revision = std::pair<std::string, Xapian::rev>;

  // Opens the live generation of `dir` (or a plain database in `dir` itself, from before
  // generations, or the live copy of a replica folder that xapian-replicate keeps). Throws
  // DatabaseError: no index, not a newsq index, damaged, unreadable.
  explicit IndexView(const std::string& dir);
  IndexView(const IndexView&) = delete;
  IndexView& operator=(const IndexView&) = delete;

  const std::string& dir() const { return dir_; }
  const std::string& generation() const { return generation_; }  // Open now; "" for a plain database.
  const Xapian::Database& db() const { return db_; }
  Revision revision() const { return {identity_, db_.get_revision()}; }

  // Moves to the newest commit, or to the live generation after a rebuild or compaction swapped
  // in a new one: a stat of the stub and a revision check, cheap enough before every read.
  // Throws Xapian errors (and DatabaseError when the directory stopped being a usable index).
  void refresh();

  // refresh(), then `read()`, again (up to kMaxAttempts times) when a concurrent commit or swap
  // changed the data under the read. Xapian errors become DatabaseError "DIR: WHAT: ...", which
  // says whether the index kept changing or is damaged (nothing moved between the attempts).
  // Other exceptions (QueryError, DatabaseError) pass through at once.
  template <class F>
  auto with_retry(const std::string& what, F&& read) {
    Revision first;
    for (int attempt = 1;; ++attempt) {
      try {
        refresh();
        return read();
      } catch (const Xapian::DatabaseModifiedError& e) {
        // A commit recycled the revision being read: refresh() reopens at the newest.
        if (attempt == 1) first = revision_or_none();
        if (attempt == kMaxAttempts) throw read_failure(what, e, first);
      } catch (const Xapian::DatabaseError& e) {
        // A swap removed the generation open here (a table opened lazily is gone): open the
        // live one.
        if (attempt == 1) first = revision_or_none();
        if (attempt == kMaxAttempts) throw read_failure(what, e, first);
        stale_ = true;
      } catch (const Xapian::Error& e) {
        throw DatabaseError(dir_ + ": " + what + ": " + e.get_description());
      }
    }
  }

 private:
  // A concurrent writer may recycle the revision a read is using; reopening and trying again
  // is Xapian's documented cure. More attempts than this means something else is wrong.
  static constexpr int kMaxAttempts = 5;

  DatabaseError unusable(const health::Diagnosis& found) const;
  Revision revision_or_none() const;
  DatabaseError read_failure(const std::string& what, const Xapian::DatabaseError& e, const Revision& first) const;
  void check_complete();

  std::string dir_;
  Xapian::Database db_;
  location::LiveGenerationWatch live_watch_{dir_};
  std::string generation_;  // The generation open now ("" for a plain database).
  bool stale_ = true;       // Nothing usable is open: refresh() must open the live generation.
  bool plain_ = false;      // A plain database in `dir_` itself (from before generations): no stub.

  // revision().first: generation_, and in a replica folder the copy's UUID after it.
  std::string identity_;
  // live_watch_.stub_changes() when db_ was opened.
  unsigned long long opened_at_change_ = 0;
};

}  // namespace newsq::query
