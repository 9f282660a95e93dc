// engine/index/parallel_update.cc: the job queue and worker threads behind ParallelUpdate.
//
// Jobs sit in one deque in input order. Workers claim them front to back and build each one's
// document with their own DocumentBuilder (analyser, place extractor; the gazetteer is shared and
// read-only); the reading thread pops built jobs off the front and writes them. Only the reading
// thread touches the Xapian database, so the writer's batching and commits are unchanged.
#include "engine/index/parallel_update.h"

#include <xapian.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/index/index_writer_impl.h"

namespace newsq {
namespace {

struct Job {
  Article article;
  std::string hash;
  std::string id_term;
  Xapian::Document document;
  bool built = false;
};

// Jobs queued per worker before add() waits: enough to keep every worker busy while the reading
// thread looks up a run of unchanged articles, few enough that memory stays small.
constexpr std::size_t kJobsPerWorker = 32;

}  // namespace

struct ParallelUpdate::State {
  IndexWriter::Impl& writer;
  std::size_t max_jobs = 0;

  std::mutex mutex;  // Guards jobs, claimed, stopping, failure and each job's document and flag.
  std::condition_variable work_ready, job_built;
  std::deque<Job> jobs;       // Not yet written, in input order. References stay valid at both ends.
  std::size_t claimed = 0;    // jobs[0, claimed) were taken by a worker.
  bool stopping = false;
  std::exception_ptr failure;  // The first worker error; every later call rethrows it.
  std::vector<std::thread> workers;

  explicit State(IndexWriter::Impl& w) : writer(w) {}

  void work() {
    indexer::DocumentBuilder builder;
    builder.set_gazetteer(writer.builder.gazetteer());
    for (;;) {
      Job* job = nullptr;
      {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [&] { return stopping || failure || claimed < jobs.size(); });
        if (stopping || failure) return;
        job = &jobs[claimed++];
      }
      try {
        Xapian::Document document = builder.build(job->article, job->hash);
        std::lock_guard lock(mutex);
        job->document = std::move(document);
        job->built = true;
      } catch (const Xapian::Error& e) {
        fail(std::make_exception_ptr(DatabaseError(writer.dir + ": cannot analyse article '" + job->article.id + "': " + e.get_description())));
        return;
      } catch (...) {
        fail(std::current_exception());
        return;
      }
      job_built.notify_one();
    }
  }

  void fail(std::exception_ptr e) {
    {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::move(e);
    }
    work_ready.notify_all();
    job_built.notify_all();
  }

  // Writes built jobs from the front, waiting for the front one while more than `keep` are queued.
  void write_built(std::size_t keep) {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex);
        if (failure) std::rethrow_exception(failure);
        if (jobs.empty()) return;
        if (!jobs.front().built) {
          if (jobs.size() <= keep) return;
          job_built.wait(lock, [&] { return jobs.front().built || failure; });
          if (failure) std::rethrow_exception(failure);
        }
        job = std::move(jobs.front());  // Built, so no worker holds it.
        jobs.pop_front();
        --claimed;
      }
      writer.guarded("cannot add article", [&] { writer.store(job.id_term, job.document); });
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    work_ready.notify_all();
    for (auto& t : workers)
      if (t.joinable()) t.join();
  }
};

std::unique_ptr<ParallelUpdate> ParallelUpdate::start(IndexWriter& writer) {
  IndexWriter::Impl& impl = *writer.impl_;
  const unsigned threads = impl.threads();
  if (threads < 2) return nullptr;
  auto state = std::make_unique<State>(impl);
  state->max_jobs = kJobsPerWorker * threads;
  std::unique_ptr<ParallelUpdate> update(new ParallelUpdate(std::move(state)));
  State& s = *update->state_;
  // Should starting a thread throw, `update`'s destructor stops those started.
  for (unsigned i = 0; i < threads; ++i) s.workers.emplace_back([&s] { s.work(); });
  return update;
}

ParallelUpdate::ParallelUpdate(std::unique_ptr<State> state) : state_(std::move(state)) {}

ParallelUpdate::~ParallelUpdate() { state_->stop(); }

AddOutcome ParallelUpdate::add(Article article) {
  State& s = *state_;
  IndexWriter::Impl::Lookup found = s.writer.look_up(article);
  if (found.outcome != AddOutcome::unchanged) {
    {
      std::lock_guard lock(s.mutex);
      if (s.failure) std::rethrow_exception(s.failure);
      s.jobs.push_back(Job{std::move(article), std::move(found.hash), std::move(found.id_term), {}, false});
    }
    s.work_ready.notify_one();
  }
  s.write_built(s.max_jobs);
  return found.outcome;
}

void ParallelUpdate::finish() { state_->write_built(0); }

}  // namespace newsq
