// indexer/readers/format_readers.h: the reader for each input format, over an opened stream.
// open_reader() (article_reader.cc) picks one; nothing else needs these.
#pragma once

#include <memory>

#include "indexer/readers/article_reader.h"
#include "indexer/readers/input_stream.h"

namespace newsq::indexer {

std::unique_ptr<ArticleReader> make_jsonl_reader(std::unique_ptr<InputStream> in, const ReadOptions& options);
std::unique_ptr<ArticleReader> make_csv_reader(std::unique_ptr<InputStream> in, const ReadOptions& options);
std::unique_ptr<ArticleReader> make_text_reader(std::unique_ptr<InputStream> in, const ReadOptions& options);

}  // namespace newsq::indexer
