// bench/xapian_peer.cc: what a user gets from Xapian by hand, as the benchmark's first peer.
// `index DB FILE...`: JSON Lines (gzip ok) through TermGenerator with the English stemmer, a date
// value slot and a source value slot. `query DB MIX REPEATS`: QueryParser (AND), a value range,
// and two ValueCountMatchSpy facets counted over every match; prints JSON with latencies.
#include <nlohmann/json.hpp>
#include <xapian.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "bench/json_lines.h"
#include "bench/query_mix.h"

namespace {

std::string day_key(const std::string& date) {  // "2022-03-01..." -> "20220301"
  return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

int index(int argc, char** argv) {
  Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("en"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  auto start = std::chrono::steady_clock::now();
  std::uint64_t articles = 0, bytes = 0;
  for (int i = 3; i < argc; ++i) {
    bench::for_each_json_line(argv[i], [&](const nlohmann::json& j, std::size_t line_bytes) {
      bytes += line_bytes;
      Xapian::Document doc;
      generator.set_document(doc);
      std::string title = j.value("title", ""), text = j.value("text", "");
      generator.index_text(title, 1, "S");
      generator.index_text(title);
      generator.increase_termpos();
      generator.index_text(text);
      std::string id = j["id"];
      doc.add_boolean_term("Q" + id);
      doc.add_value(0, day_key(j["date"]));
      doc.add_value(1, j.value("source", ""));
      doc.set_data(j.dump());
      db.replace_document("Q" + id, doc);
      ++articles;
    });
  }
  db.commit();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << nlohmann::json{{"articles", articles}, {"bytes", bytes}, {"seconds", seconds}}.dump() << "\n";
  return 0;
}

int query(char** argv) {
  Xapian::Database db(argv[2]);
  auto mix = bench::read_mix(argv[3]);
  int repeats = std::stoi(argv[4]);
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("en"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  std::vector<double> ms;
  nlohmann::json counts = nlohmann::json::array();
  for (int pass = -1; pass < repeats; ++pass) {  // Pass -1 warms the cache and is not timed.
    for (const auto& q : mix) {
      auto t0 = std::chrono::steady_clock::now();
      Xapian::Query query =
          parser.parse_query(q.text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE);
      if (!q.from.empty())
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0, day_key(q.from), day_key(q.to)));
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      Xapian::ValueCountMatchSpy dates(0), sources(1);
      enquire.add_matchspy(&dates);
      enquire.add_matchspy(&sources);
      Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
      for (auto it = mset.begin(); it != mset.end(); ++it) (void)it.get_document().get_data();
      std::size_t buckets = 0;
      for (auto v = dates.values_begin(); v != dates.values_end(); ++v) ++buckets;
      double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (pass >= 0) ms.push_back(elapsed);
      if (pass == -1) counts.push_back({{"query", q.text}, {"matches", mset.get_matches_estimated()}});
    }
  }
  bench::print_report(ms, counts);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 2 ? argv[1] : "";
  if (mode == "index" && argc >= 4) return index(argc, argv);
  if (mode == "query" && argc == 5) return query(argv);
  std::cerr << "usage: xapian_peer index DB FILE... | query DB MIX REPEATS\n";
  return 1;
}
