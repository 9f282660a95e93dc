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

}  // namespace newsq::fuzz
