// cli/run_command.h: runs one subcommand and turns whatever it throws into one readable line on
// stderr and an exit code (commands.h), the same for `newsq` and for `newsq-serve`.
#pragma once

#include <functional>
#include <string_view>

namespace newsq::cli {

// Returns what `body` returns, or kExitUsage (bad flags: the line ends with "see 'newsq COMMAND
// --help'") or kExitData (bad data, a runtime or database failure) when it throws.
int run_command(std::string_view command, const std::function<int()>& body);

}  // namespace newsq::cli
