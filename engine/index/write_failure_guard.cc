// engine/index/write_failure_guard.cc: the terminate handler behind WriteFailureGuard.
#include "engine/index/write_failure_guard.h"

#include <unistd.h>
#include <xapian.h>

#include <mutex>

namespace newsq {

namespace {

std::mutex guarded_mutex;
std::string guarded_dir;  // The index being written, for the message; set while a guard lives.
int guards = 0;

void say(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(2, text.data() + done, text.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void on_terminate() {
  std::string why = "a write failed";
  try {
    if (auto current = std::current_exception()) std::rethrow_exception(current);
  } catch (const Xapian::Error& e) {
    why = e.get_description();
  } catch (const std::exception& e) {
    why = e.what();
  } catch (...) {}
  say("newsq: " + guarded_dir + ": cannot write the index: " + why +
      "; the live index is unchanged, and the next run removes what this one left\n");
  ::_exit(2);
}

}  // namespace

WriteFailureGuard::WriteFailureGuard(const std::string& dir) {
  std::lock_guard lock(guarded_mutex);
  if (guards++ == 0) guarded_dir = dir;
  previous_ = std::set_terminate(on_terminate);
}

WriteFailureGuard::~WriteFailureGuard() {
  std::lock_guard lock(guarded_mutex);
  std::set_terminate(previous_);
  --guards;
}

}  // namespace newsq
