// query/collect/boolean_walk.cc: walks over posting lists for simple boolean queries
// (query/collect/boolean_walk.h).
#include "query/collect/boolean_walk.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace newsq::query {
namespace {

// Each walk keeps `at_`, the last id it returned (0 before the first), and so never returns an
// id twice or goes back: next() is skip_to(at_ + 1).

// A term's postings, or every document (the empty term: MatchAll).
class TermWalk final : public BooleanWalk {
 public:
  TermWalk(const Xapian::Database& db, const std::string& term)
      : it_(db.postlist_begin(term)), end_(db.postlist_end(term)) {}
  Xapian::docid next() override {
    if (started_ && it_ != end_) ++it_;
    started_ = true;
    return it_ != end_ ? *it_ : 0;
  }
  Xapian::docid skip_to(Xapian::docid id) override {
    started_ = true;
    if (it_ != end_ && *it_ < id) it_.skip_to(id);
    return it_ != end_ ? *it_ : 0;
  }

 private:
  Xapian::PostingIterator it_, end_;
  bool started_ = false;
};

class NothingWalk final : public BooleanWalk {
 public:
  Xapian::docid next() override { return 0; }
  Xapian::docid skip_to(Xapian::docid) override { return 0; }
};

// The union of its parts: each part's next match is kept, and the least is returned.
class OrWalk final : public BooleanWalk {
 public:
  explicit OrWalk(std::vector<std::unique_ptr<BooleanWalk>> parts) : parts_(std::move(parts)), heads_(parts_.size(), 0) {}
  // The parts at the last match returned (or not started) step on by next(), cheaper than a skip.
  Xapian::docid next() override {
    for (std::size_t i = 0; i < parts_.size(); ++i)
      if (heads_[i] == at_) heads_[i] = done_if_zero(parts_[i]->next());
    return at_ = least();
  }
  Xapian::docid skip_to(Xapian::docid id) override {
    for (std::size_t i = 0; i < parts_.size(); ++i)
      if (heads_[i] < id) heads_[i] = done_if_zero(parts_[i]->skip_to(id));
    return at_ = least();
  }

 private:
  static Xapian::docid done_if_zero(Xapian::docid id) { return id == 0 ? kDone : id; }
  // The least head, 0 when every part is done.
  Xapian::docid least() const {
    Xapian::docid least = kDone;
    for (Xapian::docid head : heads_) least = std::min(least, head);
    return least == kDone ? 0 : least;
  }

  // heads_[i]: part i's current match; 0 before its first, kDone after its last. kDone is above
  // every id, so a finished part is never the least nor below a skip's target.
  static constexpr Xapian::docid kDone = static_cast<Xapian::docid>(-1);
  std::vector<std::unique_ptr<BooleanWalk>> parts_;
  std::vector<Xapian::docid> heads_;
  Xapian::docid at_ = 0;
};

// The intersection of its parts: leapfrog, each part skipping to the highest candidate so far.
class AndWalk final : public BooleanWalk {
 public:
  explicit AndWalk(std::vector<std::unique_ptr<BooleanWalk>> parts) : parts_(std::move(parts)) {}
  Xapian::docid next() override { return skip_to(at_ + 1); }
  Xapian::docid skip_to(Xapian::docid id) override {
    if (done_) return 0;
    Xapian::docid candidate = id;
    for (std::size_t agreed = 0, i = 0; agreed < parts_.size(); i = (i + 1) % parts_.size()) {
      const Xapian::docid got = parts_[i]->skip_to(candidate);
      if (got == 0) {
        done_ = true;
        return at_ = 0;
      }
      agreed = got == candidate ? agreed + 1 : 1;
      candidate = got;
    }
    return at_ = candidate;
  }

 private:
  std::vector<std::unique_ptr<BooleanWalk>> parts_;
  Xapian::docid at_ = 0;
  bool done_ = false;
};

// The matches of `wanted` that `unwanted` does not match.
class AndNotWalk final : public BooleanWalk {
 public:
  AndNotWalk(std::unique_ptr<BooleanWalk> wanted, std::unique_ptr<BooleanWalk> unwanted)
      : wanted_(std::move(wanted)), unwanted_(std::move(unwanted)) {}
  Xapian::docid next() override { return skip_to(at_ + 1); }
  Xapian::docid skip_to(Xapian::docid id) override {
    for (Xapian::docid got = wanted_->skip_to(id); got != 0; got = wanted_->skip_to(got + 1)) {
      if (unwanted_head_ != kDone && unwanted_head_ < got) {
        unwanted_head_ = unwanted_->skip_to(got);
        if (unwanted_head_ == 0) unwanted_head_ = kDone;
      }
      if (unwanted_head_ != got) return at_ = got;
    }
    return at_ = 0;
  }

 private:
  static constexpr Xapian::docid kDone = static_cast<Xapian::docid>(-1);
  std::unique_ptr<BooleanWalk> wanted_, unwanted_;
  Xapian::docid unwanted_head_ = 0;
  Xapian::docid at_ = 0;
};

std::unique_ptr<BooleanWalk> walk(const Xapian::Database& db, const Xapian::Query& q);

// Walks of subqueries from..to of `q` into `out`; false if one cannot be walked.
bool walk_parts(const Xapian::Database& db, const Xapian::Query& q, std::size_t from, std::size_t to,
                std::vector<std::unique_ptr<BooleanWalk>>& out) {
  for (std::size_t i = from; i < to; ++i) {
    auto part = walk(db, q.get_subquery(i));
    if (!part) return false;
    out.push_back(std::move(part));
  }
  return true;
}

// `parts` joined by `Joined` (OrWalk, AndWalk); one part alone as itself; null for none.
template <class Joined>
std::unique_ptr<BooleanWalk> joined(std::vector<std::unique_ptr<BooleanWalk>> parts) {
  if (parts.size() <= 1) return parts.empty() ? nullptr : std::move(parts.front());
  return std::make_unique<Joined>(std::move(parts));
}

std::unique_ptr<BooleanWalk> walk(const Xapian::Database& db, const Xapian::Query& q) {
  const std::size_t n = q.get_num_subqueries();
  std::vector<std::unique_ptr<BooleanWalk>> all, others;
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return std::make_unique<TermWalk>(db, *q.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_ALL:
      return std::make_unique<TermWalk>(db, std::string());
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return std::make_unique<NothingWalk>();
    case Xapian::Query::OP_SCALE_WEIGHT:
      return n == 1 ? walk(db, q.get_subquery(0)) : nullptr;
    case Xapian::Query::OP_AND_MAYBE:  // Matches its first part; the others only weigh.
      return n >= 1 ? walk(db, q.get_subquery(0)) : nullptr;
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
      return walk_parts(db, q, 0, n, all) ? joined<OrWalk>(std::move(all)) : nullptr;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      return walk_parts(db, q, 0, n, all) ? joined<AndWalk>(std::move(all)) : nullptr;
    case Xapian::Query::OP_AND_NOT:  // The first part without any of the others.
      if (n == 0 || !walk_parts(db, q, 0, 1, all) || !walk_parts(db, q, 1, n, others)) return nullptr;
      if (others.empty()) return std::move(all.front());
      return std::make_unique<AndNotWalk>(std::move(all.front()), joined<OrWalk>(std::move(others)));
    default:
      return nullptr;
  }
}

}  // namespace

std::unique_ptr<BooleanWalk> make_boolean_walk(const Xapian::Database& db, const Xapian::Query& query) {
  return walk(db, query);
}

}  // namespace newsq::query
