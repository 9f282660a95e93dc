// cli/run_command.cc: one line and an exit code for each kind of failure (run_command.h).
#include "cli/run_command.h"

#include "cli/options.h"
#include <fmt/core.h>

#include <exception>

#include "cli/commands.h"
#include "newsq/error.h"

namespace newsq::cli {

int run_command(std::string_view command, const std::function<int()>& body) {
  try {
    return body();
  } catch (const cxxopts::exceptions::exception& e) {
    fmt::print(stderr, "newsq {}: {} (see 'newsq {} --help')\n", command, e.what(), command);
    return kExitUsage;
  } catch (const UsageError& e) {
    fmt::print(stderr, "newsq {}: {} (see 'newsq {} --help')\n", command, e.what(), command);
    return kExitUsage;
  } catch (const newsq::Error& e) {
    fmt::print(stderr, "newsq {}: {}\n", command, e.what());
    return kExitData;
  } catch (const std::exception& e) {
    fmt::print(stderr, "newsq {}: {}\n", command, e.what());
    return kExitData;
  }
}

}  // namespace newsq::cli
