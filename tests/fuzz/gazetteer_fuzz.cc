// tests/fuzz/gazetteer_fuzz.cc: feeds arbitrary bytes, as a file, to Gazetteer::load
// (indexer/places/gazetteer.cc), the loader of the binary gazetteer that 'newsq gazetteer build'
// writes, and then uses what it loaded as place extraction and query understanding do: every
// place (at, find by id) and the name table (lookup, probe). A foreign, truncated or corrupt file
// must be refused with newsq::Error or give places that stay inside the file, never a crash or a
// hang. The seeds are small gazetteers built from hand-written facts (tests/fuzz/seeds/gazetteer).
// -max_len 8192 in .ci/fuzz: the seeds are about 3 KB, and libFuzzer's default (4096) would cut
// their string section off.
#include <cstddef>
#include <cstdint>
#include <string>

#include "indexer/places/gazetteer.h"
#include "newsq/error.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

// Touches every byte a Place points at, so that a view outside the file is caught by ASan.
std::size_t touch(const newsq::places::Place& p) {
  std::size_t sum = 0;
  for (std::string_view s : {p.name, p.country_code, p.admin1, p.feature, p.alternate_names})
    for (char c : s) sum += static_cast<unsigned char>(c);
  return sum + newsq::places::level_name(p.level).size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = newsq::fuzz::write_input("gazetteer.bin", data, size);
  try {
    auto g = newsq::places::Gazetteer::load(path);
    volatile std::size_t sink = 0;
    for (std::size_t i = 0; i < g->size(); ++i) {
      const newsq::places::Place p = g->at(i);
      sink = sink + touch(p);
      newsq::places::Place again;
      if (g->find(p.id, again)) sink = sink + touch(again);
      if (g->find(p.region, again)) sink = sink + touch(again);
    }
    // Real names and prefixes, some of them the seeds' own (so that mutated seeds reach the name
    // records behind them), and names no gazetteer has (a probe that must end at an empty slot).
    for (std::string_view key : {"kyiv", "kharkiv", "paris", "black", "black sea", "new", "new york", "", "ukraine",
                                 "old", "old mill", "mill", "river land", "lakeside", "lake country", "new harbour",
                                 "grey sea", "stonebridge", "no such place anywhere"}) {
      for (std::uint32_t id : g->lookup(key)) sink = sink + id;
      newsq::places::Gazetteer::NameEntry entry;
      if (g->probe(key, entry)) {
        for (std::uint32_t id : entry.ids) sink = sink + id;
        sink = sink + entry.longer;
      }
    }
    sink = sink + g->checksum().size();
  } catch (const newsq::Error&) {}
  return 0;
}
