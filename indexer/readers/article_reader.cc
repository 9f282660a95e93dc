// indexer/readers/article_reader.cc: which reader an input needs, and which files a directory holds.
#include "indexer/readers/article_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <utility>

#include "indexer/readers/format_readers.h"
#include "newsq/error.h"

namespace newsq::indexer {
namespace {

namespace fs = std::filesystem;

// The names format_from_name() knows, for messages.
constexpr const char* kKnownExtensions = ".jsonl, .ndjson, .csv, .txt, each optionally .gz";

// "jsonl", "csv", "text" from the name (".gz" ignored), or "" if the name does not say.
std::string format_from_name(std::string name) {
  if (name.ends_with(".gz")) name.resize(name.size() - 3);
  if (name.ends_with(".jsonl") || name.ends_with(".ndjson")) return "jsonl";
  if (name.ends_with(".csv")) return "csv";
  if (name.ends_with(".txt")) return "text";
  return {};
}

std::string sniff(InputStream& in) {
  std::string_view head = in.peek(4096);
  std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && head[first] == '{') return "jsonl";
  std::string_view line = head.substr(0, head.find('\n'));
  std::size_t start = line.find_first_not_of(' ');
  if (start != std::string_view::npos && line.substr(start).starts_with("date ")) return "text";
  return "csv";
}

}  // namespace

std::unique_ptr<ArticleReader> open_reader(const std::string& path, const ReadOptions& options) {
  std::string format = options.format;
  if (format.empty() && path != "-") {
    format = format_from_name(fs::path(path).filename().string());
    // Only stdin, which has no name, is sniffed: guessing from a file's content would read a stray
    // notes.md or a .json dump named by a glob as CSV records.
    if (format.empty())
      throw InputError(path, 0,
                       std::string("unknown file type: the name does not end in ") + kKnownExtensions +
                           " (give the format explicitly to read it: --format, IngestOptions::format)");
  }
  auto in = std::make_unique<InputStream>(path, options.max_record_bytes);
  if (format.empty()) format = sniff(*in);
  if (format == "jsonl") return make_jsonl_reader(std::move(in), options);
  if (format == "csv") return make_csv_reader(std::move(in), options);
  if (format == "text") return make_text_reader(std::move(in), options);
  throw InputError(path, 0, "unknown format '" + format + "' (jsonl, csv or text)");
}

namespace {

// Identity of a directory, to recognise it when reached again through a symlink.
struct DirId {
  dev_t dev;
  ino_t ino;
  auto operator<=>(const DirId&) const = default;
};

std::optional<DirId> dir_id(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return std::nullopt;
  return DirId{st.st_dev, st.st_ino};
}

// Why `link`, a symlink whose target could not be examined (`ec`), leads nowhere.
std::string broken_symlink(const fs::path& link, const std::error_code& ec) {
  if (ec == std::errc::too_many_symbolic_link_levels) return "symlink loop (" + ec.message() + ")";
  std::error_code read_ec;
  const fs::path target = fs::read_symlink(link, read_ec);
  if (ec == std::errc::no_such_file_or_directory)
    return "dangling symlink: its target " + (read_ec ? std::string("") : target.string() + " ") + "does not exist";
  return "symlink to " + (read_ec ? std::string("?") : target.string()) + " cannot be followed: " + ec.message();
}

// Walks by hand rather than with recursive_directory_iterator, which either skips an unreadable
// subdirectory silently (skip_permission_denied) or stops the whole walk at its first error, and
// which either never follows directory symlinks or follows them round a loop.
class Walker {
 public:
  explicit Walker(ExpandedInputs& out) : out_(out) {}

  // Adds the article files under `dir` to `found`. Returns false if `dir` was not read because it
  // was read already, under another path (the files are not read twice).
  bool walk(const fs::path& dir, std::vector<std::string>& found) {
    const std::optional<DirId> id = dir_id(dir);
    if (id) {
      if (auto ancestor = std::find_if(stack_.begin(), stack_.end(), [&](const auto& e) { return e.first == *id; });
          ancestor != stack_.end()) {
        unreadable(dir, "symlink loop: leads back to " + ancestor->second.string());
        return true;
      }
      if (!visited_.insert(*id).second) return false;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      unreadable(dir, "cannot read directory: " + ec.message());
      return true;
    }
    // In sorted order, so that which of two paths to one directory is read does not depend on the
    // order the file system lists them in.
    std::vector<fs::directory_entry> entries;
    for (; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) unreadable(dir, "cannot read directory: " + ec.message());  // Cut short while listing.
    std::sort(entries.begin(), entries.end());
    if (id) stack_.emplace_back(*id, dir);
    for (const fs::directory_entry& entry : entries) {
      const fs::path& path = entry.path();
      std::error_code status_ec;
      const fs::file_status link = entry.symlink_status(status_ec);
      if (status_ec) {
        unreadable(path, "cannot examine: " + status_ec.message());
        continue;
      }
      fs::file_status target = link;
      if (fs::is_symlink(link)) {
        target = fs::status(path, status_ec);
        if (status_ec || !fs::exists(target)) {
          unreadable(
              path,
              broken_symlink(path, status_ec ? status_ec : std::make_error_code(std::errc::no_such_file_or_directory)));
          continue;
        }
      }
      if (fs::is_directory(target))
        walk(path, found);
      else if (fs::is_regular_file(target) && !format_from_name(path.filename().string()).empty())
        found.push_back(path.string());
    }
    if (id) stack_.pop_back();
    return true;
  }

  void unreadable(const fs::path& path, std::string reason) {
    out_.unreadable.push_back({path.string(), std::move(reason)});
  }

 private:
  ExpandedInputs& out_;
  std::vector<std::pair<DirId, fs::path>> stack_;  // The directories being walked, outermost first.
  std::set<DirId> visited_;
};

}  // namespace

ExpandedInputs expand_input_paths(const std::vector<std::string>& paths) {
  ExpandedInputs out;
  Walker walker(out);
  for (const auto& path : paths) {
    if (path == "-") {
      out.files.push_back(path);
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec == std::errc::too_many_symbolic_link_levels) {
      walker.unreadable(path, "symlink loop (" + ec.message() + ")");
      continue;
    }
    if (ec && ec != std::errc::no_such_file_or_directory) {
      walker.unreadable(path, "cannot examine: " + ec.message());  // A path through a folder without permission.
      continue;
    }
    if (!fs::exists(status)) throw InputError(path, 0, "no such file or directory");
    if (!fs::is_directory(status)) {
      out.files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    const std::size_t unreadable_before = out.unreadable.size();
    const bool read = walker.walk(path, found);
    if (read && found.empty() && out.unreadable.size() == unreadable_before)
      walker.unreadable(path, "no article file in this directory (" + std::string(kKnownExtensions) +
                                  "): an unmounted or emptied archive?");
    std::sort(found.begin(), found.end());
    out.files.insert(out.files.end(), found.begin(), found.end());
  }
  return out;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths) {
  ExpandedInputs expanded = expand_input_paths(paths);
  if (!expanded.unreadable.empty())
    throw InputError(expanded.unreadable.front().path, 0, expanded.unreadable.front().reason);
  return std::move(expanded.files);
}

}  // namespace newsq::indexer
