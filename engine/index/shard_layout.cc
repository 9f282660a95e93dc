// engine/index/shard_layout.cc: the shard folders, their marks and DIR/cluster.stub (see the header).
#include "engine/index/shard_layout.h"

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/common/hashing.h"
#include "engine/index/cluster_description.h"
#include "engine/index/index_health.h"
#include "engine/index/index_location.h"
#include "engine/index/schema.h"
#include "newsq/error.h"
#include "newsq/shards.h"

namespace newsq::shards {
namespace fs = std::filesystem;

namespace {

// The K of a folder named "shard-K" (decimal, no sign, no leading zero), or -1.
long shard_number(const std::string& name) {
  if (!name.starts_with(kShardPrefix)) return -1;
  const std::string digits = name.substr(kShardPrefix.size());
  if (digits.empty() || digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), ::isdigit) ||
      (digits.size() > 1 && digits[0] == '0'))
    return -1;
  return std::strtol(digits.c_str(), nullptr, 10);
}

// The shard numbers of the shard-K folders in `dir`, ascending.
std::vector<long> shard_folders(const std::string& dir) {
  std::vector<long> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec))
    if (long k = shard_number(it->path().filename().string()); k >= 0 && it->is_directory(ec)) out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

std::string stub_text(unsigned count) {
  std::string text;
  for (unsigned k = 0; k < count; ++k) text += "auto " + std::string(kShardPrefix) + std::to_string(k) + "\n";
  return text;
}

// The shard a shard folder is marked as, "" when unmarked or when it cannot be opened yet (a shard
// whose first generation was not made: nothing in it to keep).
std::string marked_label(const std::string& shard_dir) {
  if (location::live_generation(shard_dir).empty()) return {};
  try {
    return Xapian::Database(shard_dir).get_metadata(schema::kShardKey);
  } catch (const Xapian::Error&) {
    return {};
  }
}

// The N of a label "K/N", or 0.
unsigned label_count(const std::string& label) {
  const auto slash = label.find('/');
  return slash == std::string::npos ? 0 : static_cast<unsigned>(std::strtoul(label.c_str() + slash + 1, nullptr, 10));
}

}  // namespace

unsigned shard_of(std::string_view id, unsigned count) {
  return static_cast<unsigned>(common::fnv1a64(id) % count);
}

std::string shard_path(const std::string& dir, unsigned shard) {
  return (fs::path(dir) / (std::string(kShardPrefix) + std::to_string(shard))).string();
}

std::string shard_label(unsigned shard, unsigned count) { return std::to_string(shard) + "/" + std::to_string(count); }

unsigned count(const std::string& dir) {
  const fs::path stub = fs::path(dir) / kClusterStub;
  std::error_code ec;
  if (!fs::exists(stub, ec)) {
    if (!shard_folders(dir).empty())
      throw DatabaseError(dir + ": shard folders but no " + kClusterStub +
                          ": the first run of this sharded index was interrupted; run it again "
                          "(newsq index --db " +
                          dir + " --shards N, with the same N)");
    return 0;
  }
  // Read as every cluster description is (cluster_description.h: Xapian's stub format, relative
  // paths against the stub's folder); a sharded index's own lists exactly shard-0 ... shard-{N-1}.
  const std::vector<location::ShardAddress> listed = location::read_cluster_description(stub.string());
  for (unsigned k = 0; k < listed.size(); ++k) {
    const std::string expected = fs::absolute(fs::path(shard_path(dir, k))).lexically_normal().string();
    if (listed[k].remote || listed[k].path != expected)
      throw DatabaseError(dir + ": " + kClusterStub + " does not list this index's shards (shard " + std::to_string(k + 1) +
                          " is \"" + listed[k].name() + "\" where \"auto " + std::string(kShardPrefix) +
                          std::to_string(k) +
                          "\" was expected); newsq writes it, do not edit it: describe other clusters in "
                          "a stub file of their own");
  }
  return static_cast<unsigned>(listed.size());
}

unsigned count_for_writing(const std::string& dir, unsigned requested) {
  const fs::path stub = fs::path(dir) / kClusterStub;
  std::error_code ec;
  if (fs::exists(stub, ec)) {
    const unsigned found = count(dir);
    if (requested != 0 && requested != found)
      throw DatabaseError(dir + ": the index has " + std::to_string(found) + " shards, not the " +
                          std::to_string(requested) + " asked for (--shards " + std::to_string(requested) +
                          "); give --shards " + std::to_string(found) +
                          " or none, or rebuild into a new directory to split the archive anew");
    return found;
  }
  const std::vector<long> folders = shard_folders(dir);
  if (!folders.empty()) {
    // A first sharded run killed before it wrote cluster.stub: take it up again with the same count.
    if (requested == 0) count(dir);  // Throws, saying so.
    if (folders.back() >= static_cast<long>(requested))
      throw DatabaseError(dir + ": holds shard-" + std::to_string(folders.back()) + " but " +
                          std::to_string(requested) + " shards were asked for (--shards " +
                          std::to_string(requested) + ")");
    for (long k : folders) {
      const std::string label = marked_label(shard_path(dir, static_cast<unsigned>(k)));
      if (!label.empty() && label_count(label) != requested)
        throw DatabaseError(dir + ": the index has " + std::to_string(label_count(label)) + " shards, not the " +
                            std::to_string(requested) + " asked for (--shards " + std::to_string(requested) +
                            "; shard-" + std::to_string(k) + " is marked " + label + ")");
    }
    return requested;
  }
  if (requested == 0) return 0;
  const health::Diagnosis found = health::diagnose(dir);
  if (found.state != health::State::absent && found.state != health::State::empty)
    throw DatabaseError(dir + ": not a sharded index (" +
                        (found.state == health::State::foreign ? found.problem : std::string("one ordinary index")) +
                        "), so it cannot be split into " + std::to_string(requested) +
                        " shards (--shards " + std::to_string(requested) +
                        "); rebuild the archive into a new directory with --shards");
  return requested;
}

void expect_label(const std::string& shard_dir, const std::string& marked, unsigned shard, unsigned count) {
  const std::string expected = shard_label(shard, count);
  if (marked == expected) return;
  if (marked.empty())
    throw DatabaseError(shard_dir + ": holds articles but is not marked as a shard (metadata " +
                        std::string(schema::kShardKey) + "), so it is not shard " + expected + " of this index");
  throw DatabaseError(shard_dir + ": marked as shard " + marked + ", not " + expected +
                      (label_count(marked) != count ? " (the index has " + std::to_string(count) +
                                                          " shards, this one belongs to an index of " +
                                                          std::to_string(label_count(marked)) + ")"
                                                    : std::string(" (shard folders were moved)")));
}

void write_cluster_stub(const std::string& dir, unsigned count) {
  const std::string text = stub_text(count);
  {
    std::ifstream in(fs::path(dir) / kClusterStub);
    std::ostringstream now;
    if (in) now << in.rdbuf();
    if (in && now.str() == text) return;
  }
  location::replace_file(dir, kClusterStub, text);
}

}  // namespace newsq::shards

namespace newsq {

std::vector<std::string> shard_dirs(const std::string& dir) {
  std::vector<std::string> out;
  const unsigned n = shards::count(dir);
  for (unsigned k = 0; k < n; ++k) out.push_back(shards::shard_path(dir, k));
  return out;
}

}  // namespace newsq
