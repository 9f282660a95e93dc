// tests/fuzz/csv_fuzz.cc: feeds arbitrary bytes, as a file, to the CSV reader (indexer/readers/csv_reader.cc, libcsv)
// through open_reader(), as 'newsq index' reads an input, and takes every record to the end.
// Bad data must become a record's error; only newsq::Error may be thrown (by open_reader, for a
// file it cannot open). max_record_bytes is lowered to 1 KiB so that inputs within libFuzzer's
// default -max_len (4096) also reach the over-long-record paths.
#include <cstddef>
#include <cstdint>

#include "indexer/readers/article_reader.h"
#include "newsq/error.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = newsq::fuzz::write_input("src/articles.csv", data, size);
  newsq::indexer::ReadOptions options;
  options.format = "csv";
  options.max_record_bytes = 1024;
  try {
    auto reader = newsq::indexer::open_reader(path, options);
    newsq::indexer::RawRecord record;
    while (reader->next(record)) {
      if (record.fatal && record.error.empty()) __builtin_trap();  // A fatal record always says why.
    }
    (void)reader->bytes_consumed();
  } catch (const newsq::Error&) {}
  return 0;
}
