// tests/cluster/tcpsrv_process.h: a real `xapian-tcpsrv` (Debian's xapian-tools) serving one shard
// on a free loopback port, started and stopped by a test.
#pragma once

#include <sys/types.h>

#include <string>

namespace newsq::test {

// Where the server program is; empty if xapian-tools is not installed.
std::string tcpsrv_program();

class TcpsrvProcess {
 public:
  // Serves `shard_dir` (a newsq index folder: Xapian opens it through its XAPIANDB stub) on a
  // free port of 127.0.0.1; returns once the server accepts connections. `port` 0 picks one,
  // another reuses it (a restart). Throws std::runtime_error if it does not come up.
  explicit TcpsrvProcess(std::string shard_dir, int port = 0);
  ~TcpsrvProcess();  // SIGKILL if still running.
  TcpsrvProcess(const TcpsrvProcess&) = delete;
  TcpsrvProcess& operator=(const TcpsrvProcess&) = delete;

  int port() const { return port_; }
  // The line a cluster description names it by: "remote :127.0.0.1:PORT".
  std::string stub_line() const { return "remote :127.0.0.1:" + std::to_string(port_); }
  // Kills the server (SIGKILL, as a crash) and waits for it.
  void kill_now();
  // Stops and continues the server and its connections (SIGSTOP, SIGCONT): a server that hangs.
  void pause();
  void resume();

 private:
  std::string shard_dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace newsq::test
