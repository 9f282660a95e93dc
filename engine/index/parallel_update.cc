// engine/index/parallel_update.cc: the job queue and worker threads behind ParallelUpdate.
//
// Jobs go through a common::OrderedPipeline in input order. Workers build each one's document with
// their own DocumentBuilder (analyser, place extractor; the gazetteer is shared and read-only);
// the reading thread takes built documents in input order and writes them. Only the reading
// thread touches the Xapian database, so the writer's batching and commits are unchanged.
#include "engine/index/parallel_update.h"

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>

#include "engine/common/ordered_pipeline.h"
#include "engine/index/index_writer_impl.h"

namespace newsq {
namespace {

struct Job {
  Article article;
  std::string hash;
  std::string id_term;
};

struct Built {
  std::string id_term;
  Xapian::Document document;
};

// Jobs queued per worker before add() waits: enough to keep every worker busy while the reading
// thread looks up a run of unchanged articles, few enough that memory stays small.
constexpr std::size_t kJobsPerWorker = 32;

}  // namespace

struct ParallelUpdate::State {
  IndexWriter::Impl& writer;
  std::size_t max_jobs = 0;
  common::OrderedPipeline<Job, Built> pipeline;  // Last: its workers stop before the rest goes.

  explicit State(IndexWriter::Impl& w) : writer(w) {}

  // A worker's: its own builder, sharing the writer's read-only gazetteer and archive prior.
  common::OrderedPipeline<Job, Built>::Work make_work() {
    auto builder = std::make_shared<indexer::DocumentBuilder>();
    builder->share_places(writer.builder);
    return [this, builder](Job& job) {
      try {
        return Built{std::move(job.id_term), builder->build(job.article, job.hash)};
      } catch (const Xapian::Error& e) {
        throw DatabaseError(writer.dir + ": cannot analyse article '" + job.article.id + "': " + e.get_description());
      }
    };
  }

  // Writes built jobs from the front, waiting for the front one while more than `keep` are queued.
  void write_built(std::size_t keep) {
    while (std::optional<Built> built = pipeline.pop(keep))
      writer.guarded("cannot add article", [&] { writer.store(built->id_term, built->document); });
  }
};

std::unique_ptr<ParallelUpdate> ParallelUpdate::start(IndexWriter& writer) {
  if (!writer.impl_) return nullptr;  // Sharded: ingest() starts one per shard writer.
  IndexWriter::Impl& impl = *writer.impl_;
  const unsigned threads = impl.threads();
  if (threads < 2) return nullptr;
  auto state = std::make_unique<State>(impl);
  state->max_jobs = kJobsPerWorker * threads;
  std::unique_ptr<ParallelUpdate> update(new ParallelUpdate(std::move(state)));
  State& s = *update->state_;
  // Should starting a thread throw, `update`'s destructor stops those started.
  s.pipeline.start(threads, [&s] { return s.make_work(); });
  return update;
}

ParallelUpdate::ParallelUpdate(std::unique_ptr<State> state) : state_(std::move(state)) {}

ParallelUpdate::~ParallelUpdate() { state_->pipeline.stop(); }

AddOutcome ParallelUpdate::add(Article article) {
  State& s = *state_;
  IndexWriter::Impl::Lookup found = s.writer.look_up(article);
  if (found.outcome != AddOutcome::unchanged)
    s.pipeline.push(Job{std::move(article), std::move(found.hash), std::move(found.id_term)});
  s.write_built(s.max_jobs);
  return found.outcome;
}

void ParallelUpdate::finish() { state_->write_built(0); }

}  // namespace newsq
