// indexer/document_builder.h: turns a validated Article into the Xapian document the schema
// describes (engine/src/schema.md): words with positions, stems, id, source, date, hash, data.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "indexer/analysis/text_analyzer.h"
#include "newsq/article.h"

namespace newsq::indexer {

class DocumentBuilder {
 public:
  // The article's content hash: FNV-1a 64 over the schema version and every field, 16 hex digits.
  static std::string content_hash(const Article& article);

  // `article` must have passed validate_article(). The builder keeps scratch buffers between calls.
  Xapian::Document build(const Article& article, const std::string& hash);

 private:
  analysis::TextAnalyzer analyzer_;
  std::vector<analysis::Token> tokens_;
};

}  // namespace newsq::indexer
