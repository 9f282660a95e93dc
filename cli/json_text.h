// cli/json_text.h: JSON written straight into one string, for the answers that are large and
// frequent (a search's hits and facets, on every `newsq serve` request).
//
// Why not nlohmann::json here: building its tree for a 20 kB search answer (a node per value, a
// std::map per object) and dumping it took about 2.5M instructions, more than Xapian's match of
// that search; written straight, the same answer takes a tenth of that. nlohmann::json stays for
// reading JSON and for the small answers.
//
// Contract: the text is what nlohmann::json::dump(-1, ' ', false, error_handler_t::replace) gives
// for the same values, so readers see no difference: strings escaped the same ('"', '\\', control
// characters; other bytes as they are), invalid UTF-8 replaced by U+FFFD the same way, integers
// the same. Doubles are their shortest round-trip form (fmt) with ".0" on whole numbers, as
// nlohmann writes them; in rare cases another digit string for the same double. Non-finite
// doubles are null. The caller writes an object's keys in byte order (nlohmann's std::map order);
// nothing checks it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsq::cli {

class JsonText {
 public:
  JsonText() { out_.reserve(16 * 1024); }  // A search answer is some kilobytes: grown rarely.

  JsonText& begin_object();
  JsonText& end_object();
  JsonText& begin_array();
  JsonText& end_array();
  // The next member's name; its value follows.
  JsonText& key(std::string_view name);

  JsonText& value(std::string_view s);
  JsonText& value(const char* s) { return value(std::string_view(s)); }
  JsonText& value(const std::string& s) { return value(std::string_view(s)); }
  JsonText& value(std::uint64_t n);
  JsonText& value(std::uint32_t n) { return value(static_cast<std::uint64_t>(n)); }
  JsonText& value(double d);
  JsonText& value(bool b);
  JsonText& value(const std::vector<std::string>& strings);

  // The text so far (a whole value once every begin_* has its end_*).
  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();  // A ',' before every element but the first of its array or object.
  void open(char c);
  void close(char c);

  std::string out_;
  std::vector<unsigned char> has_elements_;  // Per open array or object: 1 once it has an element.
  bool after_key_ = false;
};

// `s` as a JSON string with its quotes, appended to `out` (the escaping JsonText::value uses).
void append_json_string(std::string& out, std::string_view s);

}  // namespace newsq::cli
