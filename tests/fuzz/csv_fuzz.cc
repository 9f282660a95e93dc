// tests/fuzz/csv_fuzz.cc: feeds arbitrary bytes, as a file, to the CSV reader (indexer/readers/csv_reader.cc, libcsv)
// through open_reader(), as 'newsq index' reads an input, and takes every record to the end.
// Bad data must become a record's error; only newsq::Error may be thrown (by open_reader, for a
// file it cannot open). max_record_bytes is lowered to 1 KiB so that inputs within libFuzzer's
// default -max_len (4096) also reach the over-long-record paths.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsq::fuzz::read_every_record("src/articles.csv", "csv", data, size);
  return 0;
}
