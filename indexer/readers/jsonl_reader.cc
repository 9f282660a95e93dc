// indexer/readers/jsonl_reader.cc: JSON Lines, one article object per line (nlohmann::json).
#include <nlohmann/json.hpp>

#include "indexer/readers/format_readers.h"

namespace newsq::indexer {
namespace {

class JsonlReader final : public ArticleReader {
 public:
  JsonlReader(std::unique_ptr<InputStream> in, const ReadOptions& options) : in_(std::move(in)), options_(options) {}

  bool next(RawRecord& record) override {
    if (done_) return false;
    std::string line;
    for (;;) {
      if (!in_->next_line(line)) {
        done_ = true;
        if (in_->error().empty()) return false;
        start(record, in_->line_number() + 1);
        record.error = in_->error();
        record.fatal = true;
        return true;
      }
      if (line.find_first_not_of(" \t") != std::string::npos) break;  // Blank lines are no records.
    }
    start(record, in_->line_number());
    if (in_->overlong()) {
      record.error = "record of " + std::to_string(in_->full_length()) + " bytes exceeds the limit of " +
                     std::to_string(options_.max_record_bytes);
      return true;
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      // Re-parse with exceptions only for the failing line, to get a message that says where.
      try {
        nlohmann::json unused = nlohmann::json::parse(line);
        (void)unused;
        record.error = "bad JSON";
      } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        auto colon = what.find("parse error");
        record.error = "bad JSON: " + (colon == std::string::npos ? what : what.substr(colon));
      }
      return true;
    }
    if (!j.is_object()) {
      record.error = "bad JSON: expected an object";
      return true;
    }
    Article& a = record.article;
    const std::pair<const char*, std::string*> fields[] = {{"id", &a.id},       {"date", &a.date}, {"source", &a.source},
                                                           {"title", &a.title}, {"url", &a.url},   {"text", &a.text},
                                                           {"lang", &a.lang}};
    for (auto [name, target] : fields) {
      auto it = j.find(name);
      if (it == j.end() || it->is_null()) continue;
      if (it->is_string()) {
        *target = it->get<std::string>();
      } else if (std::string_view(name) == "id" && it->is_number_integer()) {
        *target = it->dump();
      } else {
        record.error = std::string("field '") + name + "' is not a string";
        return true;
      }
    }
    return true;
  }

  std::uint64_t bytes_consumed() const override { return in_->bytes_consumed(); }

 private:
  void start(RawRecord& record, std::uint64_t line) {
    record = RawRecord{};
    record.file = in_->path();
    record.line = line;
  }

  std::unique_ptr<InputStream> in_;
  ReadOptions options_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ArticleReader> make_jsonl_reader(std::unique_ptr<InputStream> in, const ReadOptions& options) {
  return std::make_unique<JsonlReader>(std::move(in), options);
}

}  // namespace newsq::indexer
