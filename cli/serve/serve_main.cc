// cli/serve/serve_main.cc: the `newsq-serve` program, which `newsq serve` runs (cli/main.cc). The
// server is a program of its own so that only it links the HTTP library: Debian's cpp-httplib
// initialises OpenSSL when it is loaded, which cost every other newsq command more than its search.
#include "cli/commands.h"
#include "cli/run_command.h"

int main(int argc, char** argv) {
  return newsq::cli::run_command("serve", [&] { return newsq::cli::serve_command(argc, argv); });
}
