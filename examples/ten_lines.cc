// examples/ten_lines.cc: the README's "library in ten lines", as a program the test suite builds
// against libnewsq.so and runs on the sample corpus (so the example cannot rot, and the shared
// library's exports are proven enough for a real program).
//   ten_lines DB GAZETTEER INPUT...
#include <newsq/newsq.h>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) try {
  if (argc < 4) {
    std::cerr << "usage: ten_lines DB GAZETTEER INPUT...\n";
    return 1;
  }
  const std::string db = argv[1];
  const std::vector<std::string> inputs(argv + 3, argv + argc);
  // --- the ten lines (README.md, "The library in ten lines") ---
  newsq::IndexWriter writer(db, {.gazetteer = argv[2]});  // creates it if missing
  newsq::ingest(writer, inputs);                          // files, directories, "-" for stdin
  writer.add({.id = "a1",
              .date = "2022-03-05",
              .source = "Wire",
              .title = "Kyiv",
              .text = "Casualties after shelling in Kyiv."});
  writer.commit();

  newsq::Searcher searcher(db);
  auto results = searcher.search({.query = "shelling", .from = "2022-03-01", .to = "2022-03-31", .near = "Kyiv"});
  auto understood = searcher.understand("casualties near Kyiv in March 2022");  // adjust, then:
  results = searcher.search(newsq::SearchRequest::from_understood(understood));
  for (const auto& hit : results.hits) std::cout << hit.date << " " << hit.title << "\n";
  for (const auto& v : results.facets["source"]) std::cout << v.value << ": " << v.count << "\n";
  // --- end ---
  return 0;
} catch (const newsq::Error& e) {
  std::cerr << "ten_lines: " << e.what() << "\n";
  return 2;
}
