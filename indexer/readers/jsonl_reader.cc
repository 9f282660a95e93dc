// indexer/readers/jsonl_reader.cc: JSON Lines, one article object per line. simdjson reads each line;
// nlohmann::json reads only the lines simdjson does not take (bad JSON, not an object, or JSON that
// simdjson refuses but nlohmann accepts), so every line gives the record and the error message it
// gave when nlohmann::json read them all.
#include <simdjson.h>

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "indexer/readers/format_readers.h"

namespace newsq::indexer {
namespace {

// The fields an article takes from a line, in the order they are checked: the first one present
// that is neither a string nor null (nor, for "id", an integer) is the record's error.
constexpr std::array<std::string_view, 7> kFieldNames = {"id", "date", "source", "title", "url", "text", "lang"};
constexpr std::size_t kId = 0;

std::array<std::string*, kFieldNames.size()> field_targets(Article& a) {
  return {&a.id, &a.date, &a.source, &a.title, &a.url, &a.text, &a.lang};
}

int field_index(std::string_view key) {
  for (std::size_t i = 0; i < kFieldNames.size(); ++i)
    if (kFieldNames[i] == key) return static_cast<int>(i);
  return -1;
}

// The error for a record that gives article field `index` twice: which value was meant is anyone's
// guess (RFC 8259 leaves it open), so neither is taken. Other keys are ignored, twice or not.
std::string duplicate_field(std::size_t index) { return "duplicate field \"" + std::string(kFieldNames[index]) + "\""; }

// The reading that decides what a line means: nlohmann::json, as the reader did before simdjson.
// Only lines simdjson does not take come here, so its cost does not matter.
void read_with_nlohmann(const std::string& line, RawRecord& record) {
  // nlohmann keeps the last of repeated keys; the callback sees each key of the object (depth 1).
  std::array<bool, kFieldNames.size()> seen{};
  int duplicate = -1;
  auto on_event = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && depth == 1 && duplicate < 0 && parsed.is_string()) {
      int index = field_index(parsed.get_ref<const std::string&>());
      if (index >= 0 && std::exchange(seen[static_cast<std::size_t>(index)], true)) duplicate = index;
    }
    return true;
  };
  nlohmann::json j = nlohmann::json::parse(line, on_event, false);
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
    } catch (const nlohmann::json::exception& e) {
      // A number it cannot hold ("1e400"): bad data in one record, not a reason to stop the run.
      std::string what = e.what();
      auto start = what.find("] ");
      record.error = "bad JSON: " + (start == std::string::npos ? what : what.substr(start + 2));
    }
    return;
  }
  if (!j.is_object()) {
    record.error = "bad JSON: expected an object";
    return;
  }
  if (duplicate >= 0) {
    record.error = duplicate_field(static_cast<std::size_t>(duplicate));
    return;
  }
  auto targets = field_targets(record.article);
  for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
    auto it = j.find(kFieldNames[i]);
    if (it == j.end() || it->is_null()) continue;
    if (it->is_string()) {
      *targets[i] = it->get<std::string>();
    } else if (i == kId && it->is_number_integer()) {
      *targets[i] = it->dump();
    } else {
      record.error = "field '" + std::string(kFieldNames[i]) + "' is not a string";
      return;
    }
  }
}

// Deeper values are left to nlohmann (no real article nests this far), which bounds the recursion.
constexpr int kMaxDepth = 64;

// True if `value`, read to its last byte, is valid JSON. simdjson's On Demand API checks only what
// is read and skips the rest unchecked, but a line nlohmann rejects must not be taken.
bool well_formed(simdjson::ondemand::value value, int depth) {
  using simdjson::ondemand::json_type;
  if (depth > kMaxDepth) return false;
  json_type type;
  if (value.type().get(type)) return false;
  switch (type) {
    case json_type::object: {
      simdjson::ondemand::object object;
      if (value.get_object().get(object)) return false;
      for (auto result : object) {
        simdjson::ondemand::field field;
        std::string_view key;
        if (std::move(result).get(field) || field.unescaped_key().get(key)) return false;
        if (!well_formed(field.value(), depth + 1)) return false;
      }
      return true;
    }
    case json_type::array: {
      simdjson::ondemand::array array;
      if (value.get_array().get(array)) return false;
      for (auto element : array) {
        simdjson::ondemand::value v;
        if (element.get(v) || !well_formed(v, depth + 1)) return false;
      }
      return true;
    }
    case json_type::string: {
      std::string_view s;
      return !value.get_string().get(s);
    }
    case json_type::number: {
      simdjson::ondemand::number n;
      return !value.get_number().get(n);
    }
    case json_type::boolean: {
      bool b;
      return !value.get_bool().get(b);
    }
    case json_type::null: {
      bool is_null = false;
      return !value.is_null().get(is_null) && is_null;
    }
  }
  return false;
}

class JsonlReader final : public ArticleReader {
 public:
  JsonlReader(std::unique_ptr<InputStream> in, const ReadOptions& options) : in_(std::move(in)), options_(options) {}

  bool next(RawRecord& record) override {
    if (done_) return false;
    for (;;) {
      if (!in_->next_line(line_)) {
        done_ = true;
        if (in_->error().empty()) return false;
        start(record, in_->line_number() + 1);
        record.error = in_->error();
        record.fatal = true;
        return true;
      }
      if (line_.find_first_not_of(" \t") != std::string::npos) break;  // Blank lines are no records.
    }
    start(record, in_->line_number());
    if (in_->overlong()) {
      record.error = "record of " + std::to_string(in_->full_length()) + " bytes exceeds the limit of " +
                     std::to_string(options_.max_record_bytes);
      return true;
    }
    if (!read_with_simdjson(record)) {
      start(record, in_->line_number());
      read_with_nlohmann(line_, record);
    }
    return true;
  }

  std::uint64_t bytes_consumed() const override { return in_->bytes_consumed(); }

 private:
  // What a line gave one field.
  struct FieldValue {
    enum class Kind { absent, text, not_text } kind = Kind::absent;
    std::string_view text;  // Into parser_'s string buffer or id_digits_, valid until the next line.
  };

  void start(RawRecord& record, std::uint64_t line) {
    record = RawRecord{};
    record.file = in_->path();
    record.line = line;
  }

  // Fills `record` from line_ and returns true, or returns false when simdjson does not take the
  // line (invalid JSON, not an object, or something it refuses that nlohmann accepts).
  bool read_with_simdjson(RawRecord& record) {
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; line_'s spare capacity is that
    // padding, grown only when a longer line comes.
    if (line_.capacity() - line_.size() < simdjson::SIMDJSON_PADDING)
      line_.reserve(line_.size() + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document doc;
    if (parser_.iterate(simdjson::padded_string_view(line_)).get(doc)) return false;
    simdjson::ondemand::object object;
    if (doc.get_object().get(object)) return false;
    std::array<FieldValue, kFieldNames.size()> values{};
    std::array<bool, kFieldNames.size()> seen{};
    int duplicate = -1;  // The first field given twice; the rest of the line is still checked.
    for (auto result : object) {
      simdjson::ondemand::field field;
      std::string_view key;
      if (std::move(result).get(field) || field.unescaped_key().get(key)) return false;
      int index = field_index(key);
      if (index < 0) {
        if (!well_formed(field.value(), 1)) return false;
        continue;
      }
      if (std::exchange(seen[static_cast<std::size_t>(index)], true) && duplicate < 0) duplicate = index;
      if (!read_field(field.value(), static_cast<std::size_t>(index), values[index])) return false;
    }
    // Anything after the object's closing brace makes the line bad JSON.
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) return false;
    if (duplicate >= 0) {
      record.error = duplicate_field(static_cast<std::size_t>(duplicate));
      return true;
    }

    auto targets = field_targets(record.article);
    for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
      if (values[i].kind == FieldValue::Kind::text) {
        targets[i]->assign(values[i].text);
      } else if (values[i].kind == FieldValue::Kind::not_text) {
        record.error = "field '" + std::string(kFieldNames[i]) + "' is not a string";
        break;
      }
    }
    return true;
  }

  // Reads one known field's value into `out`; false if it is not well-formed.
  bool read_field(simdjson::ondemand::value value, std::size_t index, FieldValue& out) {
    using simdjson::ondemand::json_type;
    json_type type;
    if (value.type().get(type)) return false;
    if (type == json_type::string) {
      out.kind = FieldValue::Kind::text;
      return !value.get_string().get(out.text);
    }
    if (type == json_type::null) {
      out.kind = FieldValue::Kind::absent;
      bool is_null = false;
      return !value.is_null().get(is_null) && is_null;
    }
    if (type == json_type::number && index == kId) {
      simdjson::ondemand::number n;
      if (value.get_number().get(n)) return false;
      // An integer id is its decimal text, as nlohmann's dump() gave it ("-0" too becomes "0").
      char* begin = id_digits_.data();
      char* end = begin + id_digits_.size();
      if (n.is_int64())
        end = std::to_chars(begin, end, n.get_int64()).ptr;
      else if (n.is_uint64())
        end = std::to_chars(begin, end, n.get_uint64()).ptr;
      else
        end = nullptr;
      out.kind = end ? FieldValue::Kind::text : FieldValue::Kind::not_text;
      if (end) out.text = std::string_view(begin, static_cast<std::size_t>(end - begin));
      return true;
    }
    out.kind = FieldValue::Kind::not_text;
    return well_formed(value, 1);
  }

  std::unique_ptr<InputStream> in_;
  ReadOptions options_;
  bool done_ = false;
  std::string line_;  // Reused across lines, so its capacity (simdjson's padding) is kept.
  simdjson::ondemand::parser parser_;
  std::array<char, 24> id_digits_{};
};

}  // namespace

std::unique_ptr<ArticleReader> make_jsonl_reader(std::unique_ptr<InputStream> in, const ReadOptions& options) {
  return std::make_unique<JsonlReader>(std::move(in), options);
}

}  // namespace newsq::indexer
