// cli/options.h: cxxopts for every newsq command, with list values never split on commas:
// a query ("March 21, 2022", "Paris, Texas") or a file name keeps its commas. Repeat a flag to
// give several values. Include this, never <cxxopts.hpp> directly (the delimiter must be the same
// in every file).
#pragma once

#define CXXOPTS_VECTOR_DELIMITER '\0'
#include <cxxopts.hpp>

namespace newsq::cli {

// Prints the command's help on stdout when --help was given, and says whether it did: the command
// then returns kExitOk without doing anything else.
bool printed_help(const cxxopts::Options& options, const cxxopts::ParseResult& args);

// The value of --shard-timeout (search and serve), checked against the range SearcherOptions
// takes: a UsageError naming the flag when it is outside.
double shard_timeout_seconds(const cxxopts::ParseResult& args);

}  // namespace newsq::cli
