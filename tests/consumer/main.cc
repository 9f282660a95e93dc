// tests/consumer/main.cc: a user's program that sees newsq only through its installed public header.
// Builds a two-article index under argv[1], searches it and checks the hit and the source facet.
// Prints "consumer ok" and returns 0, or says what went wrong and returns 1.
#include <newsq/newsq.h>

#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

namespace {

int fail(const std::string& why) {
  std::cerr << "consumer FAILED: " << why << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer WORK_DIR\n";
    return 2;
  }
  const std::string dir = (std::filesystem::path(argv[1]) / "index").string();
  try {
    std::filesystem::remove_all(dir);
    {
      newsq::IndexWriter writer(dir);
      newsq::Article lighthouse;
      lighthouse.id = "harbour-0001";
      lighthouse.date = "2022-03-05";
      lighthouse.source = "Harbour Times";
      lighthouse.title = "Lighthouse keepers return to the north pier";
      lighthouse.text = "The lighthouse on the north pier was lit again on Saturday after repairs.";
      newsq::Article harvest;
      harvest.id = "ledger-0002";
      harvest.date = "2021-09-14";
      harvest.source = "Northern Ledger";
      harvest.title = "Wheat harvest ends early";
      harvest.text = "Farmers finished bringing in the wheat two weeks ahead of last year.";
      if (writer.add(lighthouse) != newsq::AddOutcome::added) return fail("first add() did not add");
      if (writer.add(harvest) != newsq::AddOutcome::added) return fail("second add() did not add");
      writer.commit();
      if (writer.size() != 2) return fail("size() is " + std::to_string(writer.size()) + ", not 2");
    }

    newsq::Searcher searcher(dir);
    newsq::SearchRequest request;
    request.query = "lighthouse";
    const newsq::SearchResults results = searcher.search(request);
    if (results.total != 1) return fail("total is " + std::to_string(results.total) + ", not 1");
    if (results.hits.size() != 1) return fail(std::to_string(results.hits.size()) + " hits, not 1");
    if (results.hits[0].id != "harbour-0001") return fail("the hit is '" + results.hits[0].id + "'");

    auto sources = results.facets.find("source");
    if (sources == results.facets.end()) return fail("no source facet");
    if (sources->second.size() != 1 || sources->second[0].value != "Harbour Times" || sources->second[0].count != 1)
      return fail("the source facet is not {Harbour Times: 1}");
  } catch (const newsq::Error& e) {
    return fail(std::string("newsq::Error: ") + e.what());
  } catch (const std::exception& e) {
    return fail(std::string("exception: ") + e.what());
  }
  std::cout << "consumer ok\n";
  return 0;
}
