// query/index_view.h: the index a Searcher reads, open as a Xapian::Database through the stub,
// kept at the latest commit of the live generation, and the one retry loop every read goes
// through. What it throws says what is wrong in words a user can act on: no index, a foreign
// directory, a damaged generation (engine/index/index_health.h), or an index that kept changing.
//
// It also opens a cluster (docs/sharding.md): a cluster description (engine/index/
// cluster_description.h) or a sharded index folder holding one. Each local shard is a newsq index
// opened through its own stub and followed through its own generation swaps; each remote shard is
// a Xapian remote database (xapian-tcpsrv) opened with a timeout; db() is all of them added
// together, so Xapian merges their statistics and one Enquire searches them as one index.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/index/cluster_description.h"
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
  // generations, or the live copy of a replica folder that xapian-replicate keeps), or the cluster
  // `dir` describes (a description file, or a folder holding cluster.stub). `shard_timeout_ms`: how
  // long a remote shard may take to accept a connection or to answer one request
  // (Xapian::Remote::open's timeouts) before it is left out. Throws DatabaseError: no index, not a
  // newsq index, damaged, unreadable, no shard reachable.
  IndexView(const std::string& dir, unsigned shard_timeout_ms);
  IndexView(const IndexView&) = delete;
  IndexView& operator=(const IndexView&) = delete;

  const std::string& dir() const { return dir_; }
  const std::string& generation() const { return generation_; }  // Open now; "" for a plain database.
  const Xapian::Database& db() const { return db_; }
  Revision revision() const;

  // A cluster: the shards of a description. Otherwise one index folder.
  bool is_cluster() const { return !shards_.empty(); }
  // Some shard is remote: only what crosses Xapian's remote protocol may be used on db() (built-in
  // match spies and posting sources, documents, terms, statistics; no value streams).
  bool any_remote() const { return any_remote_; }
  // The remote shards left out of db() because they were down or slower than the timeout when
  // last tried (ShardAddress::name()); refresh() tries them again, so after a read the list is
  // what that read went without.
  std::vector<std::string> missing_shards() const;

  // The folders of the live generations open now (one per local shard; `dir` itself for a plain
  // database): what is on this machine's disks.
  std::vector<std::string> local_folders() const;

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
      retrying_ = attempt > 1;
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
      } catch (const Xapian::NetworkError& e) {
        // A remote shard closed the connection (xapian-tcpsrv's idle timeout, a restart, a
        // crash) or did not answer in time: it is left out of the next attempts of this read
        // (missing_shards()), and every other shard is connected to again (a read cut short
        // leaves their connections mid-answer). Shards that refuse or time out then are left
        // out too.
        if (attempt == kMaxAttempts) throw DatabaseError(dir_ + ": " + what + ": " + e.get_description());
        leave_out(e);
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

  // One shard of a cluster, open or not yet.
  struct Shard {
    location::ShardAddress address;
    std::optional<location::LiveGenerationWatch> live;  // Local shards only.
    std::string generation;                              // Local: the generation open now.
    unsigned long long opened_at_change = 0;             // Local: live->stub_changes() when opened.
    Xapian::Database db;
    bool open = false;
    bool missing = false;  // Remote, and down or too slow when last tried.
  };

  DatabaseError unusable(const health::Diagnosis& found) const;
  static DatabaseError unusable(const std::string& dir, const health::Diagnosis& found);
  void open_cluster(const std::string& description);
  void refresh_cluster();
  void open_shard(Shard& shard);
  // Marks the remote shard a network error names (Xapian's context "remote:tcp(HOST:PORT)")
  // missing; nothing if it names none.
  void leave_out(const Xapian::NetworkError& e);
  Revision revision_or_none() const;
  DatabaseError read_failure(const std::string& what, const Xapian::DatabaseError& e, const Revision& first) const;

  std::string dir_;
  Xapian::Database db_;
  location::LiveGenerationWatch live_watch_{dir_};
  std::string generation_;  // The generation open now ("" for a plain database).
  bool stale_ = true;       // Nothing usable is open: refresh() must open the live generation.
  bool plain_ = false;      // A plain database in `dir_` itself (from before generations): no stub.
  std::vector<Shard> shards_;  // A cluster's shards; empty for one index folder.
  bool any_remote_ = false;
  bool retrying_ = false;  // Not the first attempt of a read: missing shards are not tried again.
  unsigned shard_timeout_ms_;

  // revision().first: generation_, and in a replica folder the copy's UUID after it.
  std::string identity_;
  // live_watch_.stub_changes() when db_ was opened.
  unsigned long long opened_at_change_ = 0;
};

}  // namespace newsq::query
