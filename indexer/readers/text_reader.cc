// indexer/readers/text_reader.cc: one article per plain-text file. Line 1 is " date YYYY-MM-DD";
// optional " key value" header lines (source, title, url, lang, id) follow; the rest is the body.
#include <filesystem>

#include "indexer/readers/article_validator.h"
#include "indexer/readers/format_readers.h"

namespace newsq::indexer {
namespace {

// Longest first body line taken as the title when the file names none.
constexpr std::size_t kMaxImplicitTitle = 200;

// "kyiv-liveblog" for ".../kyiv-liveblog.txt.gz".
std::string id_from_path(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  if (name.ends_with(".gz")) name.resize(name.size() - 3);
  if (auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

// Splits " key value" into key and value; false if the line is not a header line.
bool header_line(const std::string& line, std::string& key, std::string& value) {
  std::size_t start = line.find_first_not_of(' ');
  if (start == std::string::npos || start > 1) return false;
  std::size_t space = line.find(' ', start);
  if (space == std::string::npos) return false;
  key = line.substr(start, space - start);
  value = line.substr(space + 1);
  return key == "date" || key == "source" || key == "title" || key == "url" || key == "lang" || key == "id";
}

class TextReader final : public ArticleReader {
 public:
  TextReader(std::unique_ptr<InputStream> in, const ReadOptions& options) : in_(std::move(in)), options_(options) {}

  bool next(RawRecord& record) override {
    if (done_) return false;
    done_ = true;
    record = RawRecord{};
    record.file = in_->path();
    record.line = 1;
    Article& a = record.article;

    std::string line, key, value;
    bool got = in_->next_line(line);
    if (got && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!got || !header_line(line, key, value) || key != "date") {
      record.error = in_->error().empty() ? "first line must be ' date YYYY-MM-DD'" : in_->error();
      record.fatal = !in_->error().empty();
      return true;
    }
    a.date = value;
    a.source = options_.source;
    if (in_->path() != "-") {
      a.id = id_from_path(in_->path());
      if (a.source.empty()) a.source = std::filesystem::path(in_->path()).parent_path().filename().string();
    }
    bool in_headers = true;
    std::uint64_t size = 0;
    while (in_->next_line(line)) {
      if (in_headers && header_line(line, key, value)) {
        if (key == "source" && options_.source.empty())
          a.source = value;
        else if (key == "title")
          a.title = value;
        else if (key == "url")
          a.url = value;
        else if (key == "lang")
          a.lang = value;
        else if (key == "id")
          a.id = value;
        continue;
      }
      if (in_headers && line.empty()) continue;
      in_headers = false;
      size += line.size() + 1;
      if (size > options_.max_record_bytes || in_->overlong()) {
        record.error = "record of more than " + std::to_string(options_.max_record_bytes) + " bytes exceeds the limit";
        return true;
      }
      a.text += line;
      a.text += '\n';
    }
    if (!in_->error().empty()) {
      record.line = in_->line_number() + 1;
      record.error = in_->error();
      record.fatal = true;
      return true;
    }
    while (!a.text.empty() && (a.text.back() == '\n' || a.text.back() == ' ')) a.text.pop_back();
    if (a.title.empty()) {
      std::string first = a.text.substr(0, a.text.find('\n'));
      if (first.size() <= kMaxImplicitTitle) a.title = first;
      // The validator would say "invalid UTF-8 in title" of a file that has no title line: say
      // where that title came from. The offset is the same in the text, which starts with it.
      if (std::size_t bad = find_invalid_utf8(a.title); bad != std::string::npos) {
        record.error = "invalid UTF-8 in title at byte " + std::to_string(bad) +
                       " (with no ' title' header line, the first line of the body is the title)";
        return true;
      }
    }
    if (a.id.empty()) record.error = "no id: text read from stdin needs an ' id' header line";
    return true;
  }

  std::uint64_t bytes_consumed() const override { return in_->bytes_consumed(); }

 private:
  std::unique_ptr<InputStream> in_;
  ReadOptions options_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ArticleReader> make_text_reader(std::unique_ptr<InputStream> in, const ReadOptions& options) {
  return std::make_unique<TextReader>(std::move(in), options);
}

}  // namespace newsq::indexer
