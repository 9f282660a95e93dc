// tests/fuzz/fuzz_support.h: what several harnesses share: the fuzz input written to a file, for
// the code that (like the indexer and the gazetteer loader) reads only from a path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace newsq::fuzz {

// Writes `data` to `name` inside this process's own temporary folder (made once, removed at exit)
// and returns the path. The same name is overwritten by each input, so nothing piles up.
std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size);

// The reader harnesses' one body: `data` written as `name`, opened with open_reader() in `format`
// as 'newsq index' opens an input (max_record_bytes lowered to 1 KiB, so that inputs within
// libFuzzer's default -max_len of 4096 reach the over-long-record paths), and every record taken
// to the end. Bad data must become a record's error: a fatal record without a reason traps; only
// newsq::Error may be thrown (by open_reader, for a file it cannot open) and is caught here.
void read_every_record(const std::string& name, const std::string& format, const std::uint8_t* data, std::size_t size);

}  // namespace newsq::fuzz
