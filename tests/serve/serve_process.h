// tests/serve/serve_process.h: a real `newsq serve` process for a test: started on a free loopback
// port (--port 0; the port read from its first stdout line), an HTTP client for it, and stopped
// with a signal, giving its exit status.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace newsq::test {

class ServeProcess {
 public:
  // Runs `newsq serve --db DB --port 0 --quiet` plus `extra`; throws if it prints no address.
  explicit ServeProcess(const std::string& db, const std::vector<std::string>& extra = {});
  ~ServeProcess();  // SIGKILL if still running.
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  httplib::Client client() const;

  // Sends `signal` and waits: the exit code, or 128 + signal if killed by one.
  int stop(int signal);
  bool running() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// The shared-corpus index of the fixture serve_index; empty if the fixture skipped.
std::string serve_index();

}  // namespace newsq::test
