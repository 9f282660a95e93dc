// indexer/readers/csv_reader.cc: CSV with a header row (RFC 4180: quoted fields, doubled quotes,
// newlines inside quotes), parsed by libcsv. Lines are fed one at a time so that every record
// knows the line it starts on.
#include <csv.h>

#include <algorithm>
#include <deque>
#include <vector>

#include "indexer/readers/format_readers.h"

namespace newsq::indexer {
namespace {

class CsvReader final : public ArticleReader {
 public:
  CsvReader(std::unique_ptr<InputStream> in, const ReadOptions& options) : in_(std::move(in)), options_(options) {
    reset_parser();
  }
  ~CsvReader() override { csv_free(&parser_); }

  bool next(RawRecord& record) override {
    while (ready_.empty() && !done_) feed();
    if (ready_.empty()) return false;
    record = std::move(ready_.front());
    ready_.pop_front();
    return true;
  }

  std::uint64_t bytes_consumed() const override { return in_->bytes_consumed(); }

 private:
  void reset_parser() {
    if (initialised_) csv_free(&parser_);
    csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
    initialised_ = true;
    fields_.clear();
    between_records_ = true;
    record_bytes_ = 0;
  }

  void feed() {
    std::string line;
    if (!in_->next_line(line)) {
      done_ = true;
      if (!in_->error().empty()) {
        fail(between_records_ ? in_->line_number() + 1 : record_line_, in_->error(), true);
        return;
      }
      if (csv_fini(&parser_, on_field, on_record, this) != 0)
        fail(record_line_, "unterminated quoted field (the record runs to the end of the file)", false);
      return;
    }
    const std::uint64_t number = in_->line_number();
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (between_records_) {
      if (line.empty()) return;  // Blank lines between records are no records.
      record_line_ = number;
      between_records_ = false;
    }
    record_bytes_ += line.size() + 1;
    if (in_->overlong() || record_bytes_ > options_.max_record_bytes) {
      fail(record_line_,
           "record of more than " + std::to_string(options_.max_record_bytes) + " bytes exceeds the limit", false);
      reset_parser();
      return;
    }
    line.push_back('\n');
    if (csv_parse(&parser_, line.data(), line.size(), on_field, on_record, this) != line.size()) {
      fail(record_line_,
           std::string("malformed CSV: ") + csv_strerror(csv_error(&parser_)) +
               " (a quote inside an unquoted field, or text after a closing quote)",
           false);
      reset_parser();
    }
  }

  static void on_field(void* data, std::size_t size, void* self) {
    static_cast<CsvReader*>(self)->fields_.emplace_back(static_cast<const char*>(data), size);
  }

  static void on_record(int, void* self) { static_cast<CsvReader*>(self)->finish_record(); }

  void finish_record() {
    std::vector<std::string> fields = std::move(fields_);
    fields_.clear();
    between_records_ = true;
    record_bytes_ = 0;
    if (header_.empty()) {
      read_header(fields);
      return;
    }
    RawRecord record;
    record.file = in_->path();
    record.line = record_line_;
    if (fields.size() != header_.size()) {
      record.error = "expected " + std::to_string(header_.size()) + " fields, found " + std::to_string(fields.size());
    } else {
      for (std::size_t i = 0; i < fields.size(); ++i)
        if (std::string* target = field(record.article, header_[i])) *target = std::move(fields[i]);
    }
    ready_.push_back(std::move(record));
  }

  // The header line is the error, and the whole file is refused, when it names an article column
  // twice (which one holds the value is anyone's guess) or lacks a required one.
  void read_header(std::vector<std::string>& names) {
    Article probe;
    for (auto& n : names) {
      std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (field(probe, n) && std::find(header_.begin(), header_.end(), n) != header_.end()) {
        fail(record_line_, "duplicate field \"" + n + "\"", true);
        return;
      }
      header_.push_back(n);
    }
    for (const char* required : {"date", "text"})
      if (std::find(header_.begin(), header_.end(), required) == header_.end()) {
        fail(record_line_, std::string("header has no '") + required + "' column", true);
        return;
      }
  }

  static std::string* field(Article& a, const std::string& name) {
    if (name == "id") return &a.id;
    if (name == "date") return &a.date;
    if (name == "source") return &a.source;
    if (name == "title") return &a.title;
    if (name == "url") return &a.url;
    if (name == "text") return &a.text;
    if (name == "lang") return &a.lang;
    return nullptr;  // Other columns are kept out of the index.
  }

  void fail(std::uint64_t line, std::string reason, bool fatal) {
    RawRecord record;
    record.file = in_->path();
    record.line = line;
    record.error = std::move(reason);
    record.fatal = fatal;
    ready_.push_back(std::move(record));
    if (fatal) done_ = true;
  }

  std::unique_ptr<InputStream> in_;
  ReadOptions options_;
  csv_parser parser_{};
  bool initialised_ = false;
  std::vector<std::string> header_;
  std::vector<std::string> fields_;
  std::deque<RawRecord> ready_;
  bool between_records_ = true;
  std::uint64_t record_line_ = 0;
  std::uint64_t record_bytes_ = 0;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ArticleReader> make_csv_reader(std::unique_ptr<InputStream> in, const ReadOptions& options) {
  return std::make_unique<CsvReader>(std::move(in), options);
}

}  // namespace newsq::indexer
