// newsq/article.h: an article as newsq indexes it, the one record type every reader produces.
#pragma once

#include "newsq/export.h"

#include <string>

namespace newsq {

// One news article. Readers fill it from JSON Lines, CSV or plain text; library users may fill it
// themselves and hand it to IndexWriter::add().
struct NEWSQ_EXPORT Article {
  std::string id{};      // Required; unique within an index. Adding an existing id replaces that article.
  std::string date{};    // Required; "YYYY-MM-DD" (readers also accept "YYYY-MM-DDThh:mm:ssZ" and cut it).
  std::string source{};  // The outlet ("HuffPost", "gdelt:GB"); may be empty.
  std::string title{};   // May be empty.
  std::string url{};     // May be empty.
  std::string text{};    // Required; the body, UTF-8.
  std::string lang{};    // ISO 639-1 code ("en", "ru"); empty means English for Latin script.
};

}  // namespace newsq
