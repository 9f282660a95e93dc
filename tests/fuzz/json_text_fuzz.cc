// tests/fuzz/json_text_fuzz.cc: arbitrary bytes as a string in a search answer (a title, a snippet,
// a place name from an index) through the JSON writer of search answers (cli/json_text.h), checked
// against nlohmann::json, which it replaced on that path: the text must be exactly what nlohmann
// writes for the same string (escaping, invalid UTF-8 as U+FFFD), and nlohmann must read it back.
// A difference aborts, so libFuzzer saves the input.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cli/json_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string s(reinterpret_cast<const char*>(data), size);
  std::string ours;
  newsq::cli::append_json_string(ours, s);
  const std::string theirs = nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (ours != theirs) std::abort();
  if (!nlohmann::json::parse(ours).is_string()) std::abort();
  return 0;
}
