// engine/common/ordered_pipeline.h: jobs handed to worker threads in input order, their results
// taken back in the same order by the one thread that queued them. What the parallel writers
// (engine/index/bulk_build.cc, parallel_update.cc) share: bounded memory, the first worker
// failure stopping every worker and rethrown to the queuing thread, and stop() (or destruction)
// abandoning whatever is queued.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace newsq::common {

template <class Job, class Result>
class OrderedPipeline {
 public:
  // What one worker thread runs on each job it takes. Made by start()'s factory in the worker's
  // own thread, so that per-thread state (an analyser, a database) lives and dies there.
  using Work = std::function<Result(Job&)>;

  OrderedPipeline() = default;
  ~OrderedPipeline() { stop(); }
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  // Starts `threads` workers, each running make_work() once and then its Work on jobs in turn.
  // Should starting a thread throw, those started are stopped by stop() or the destructor.
  void start(unsigned threads, const std::function<Work()>& make_work) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this, make_work] { run(make_work); });
  }

  // Queues `job`, first waiting while `max_unclaimed` jobs already wait for a worker. Throws a
  // worker's failure instead (also any later call).
  void push(Job job, std::size_t max_unclaimed = static_cast<std::size_t>(-1)) {
    {
      std::unique_lock lock(mutex_);
      if (failure_) std::rethrow_exception(failure_);
      if (slots_.size() - claimed_ >= max_unclaimed) {
        space_.wait(lock, [&] { return slots_.size() - claimed_ < max_unclaimed || failure_; });
        if (failure_) std::rethrow_exception(failure_);
      }
      slots_.push_back(Slot{std::move(job), std::nullopt});
    }
    work_ready_.notify_one();
  }

  // The oldest job's result once it is done; waits for it only while more than `keep` jobs are
  // queued (0: wait for every job, one call per job). Nothing when no result is to be taken.
  // Throws a worker's failure.
  std::optional<Result> pop(std::size_t keep) {
    std::unique_lock lock(mutex_);
    if (failure_) std::rethrow_exception(failure_);
    if (slots_.empty()) return std::nullopt;
    if (!slots_.front().result) {
      if (slots_.size() <= keep) return std::nullopt;
      done_.wait(lock, [&] { return slots_.front().result || failure_; });
      if (failure_) std::rethrow_exception(failure_);
    }
    std::optional<Result> out = std::move(slots_.front().result);  // Done, so no worker holds it.
    slots_.pop_front();
    --claimed_;
    return out;
  }

  // For a long Work: true once the pipeline is stopping or a worker failed, when the rest of the
  // job would be thrown away.
  bool cancelled() const {
    std::lock_guard lock(mutex_);
    return stopping_ || failure_;
  }

  // Stops the workers (each after its current job; a long Work asks cancelled()) and joins them.
  // Jobs not yet taken by pop() are abandoned.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    space_.notify_all();
    done_.notify_all();
    for (auto& t : workers_)
      if (t.joinable()) t.join();
  }

 private:
  struct Slot {
    Job job;                       // Moved to the worker that claims it.
    std::optional<Result> result;  // Set (under mutex_) when done.
  };

  void run(const std::function<Work()>& make_work) {
    try {
      Work work = make_work();
      for (;;) {
        Slot* slot = nullptr;
        Job job;
        {
          std::unique_lock lock(mutex_);
          work_ready_.wait(lock, [&] { return stopping_ || failure_ || claimed_ < slots_.size(); });
          if (stopping_ || failure_) return;
          slot = &slots_[claimed_++];  // Deque references survive pushes at the back and pops at the front.
          job = std::move(slot->job);
        }
        space_.notify_one();
        Result result = work(job);
        {
          std::lock_guard lock(mutex_);
          slot->result = std::move(result);
        }
        done_.notify_one();
      }
    } catch (...) {
      fail(std::current_exception());
    }
  }

  void fail(std::exception_ptr e) {
    {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::move(e);
    }
    work_ready_.notify_all();
    space_.notify_all();
    done_.notify_all();
  }

  mutable std::mutex mutex_;  // Guards slots_ (and every slot's result), claimed_, stopping_, failure_.
  std::condition_variable work_ready_, space_, done_;
  std::deque<Slot> slots_;   // Not yet popped, in input order.
  std::size_t claimed_ = 0;  // slots_[0, claimed_) were taken by a worker.
  bool stopping_ = false;
  std::exception_ptr failure_;  // The first worker failure.
  std::vector<std::thread> workers_;
};

}  // namespace newsq::common
