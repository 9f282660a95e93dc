// indexer/readers/article_reader.cc: which reader an input needs, and which files a directory holds.
#include "indexer/readers/article_reader.h"

#include <algorithm>
#include <filesystem>

#include "indexer/readers/format_readers.h"
#include "newsq/error.h"

namespace newsq::indexer {
namespace {

namespace fs = std::filesystem;

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
  auto in = std::make_unique<InputStream>(path, options.max_record_bytes);
  std::string format = options.format;
  if (format.empty() && path != "-") format = format_from_name(fs::path(path).filename().string());
  if (format.empty()) format = sniff(*in);
  if (format == "jsonl") return make_jsonl_reader(std::move(in), options);
  if (format == "csv") return make_csv_reader(std::move(in), options);
  if (format == "text") return make_text_reader(std::move(in), options);
  throw InputError(path, 0, "unknown format '" + format + "' (jsonl, csv or text)");
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    if (path == "-") {
      files.push_back(path);
      continue;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw InputError(path, 0, "no such file or directory");
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file() && !format_from_name(it->path().filename().string()).empty())
        found.push_back(it->path().string());
    if (ec) throw InputError(path, 0, "cannot read directory: " + ec.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace newsq::indexer
