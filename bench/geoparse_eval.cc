// bench/geoparse_eval.cc: newsq's place extraction scored on public geoparsing benchmarks (JSON Lines gzip, the
// format and the rules of ../shared/geoparse/README.md), read at run time and never copied into the project.
//   newsq_geoparse_eval --gazetteer FILE [--name NAME] [--gazetteer FILE [--name NAME]]... --corpus FILE.jsonl.gz...
//                       [--names-only CORPUS]... [--no-demonyms CORPUS]... [--errors N] [--markdown FILE [--note TEXT]]
// Annotation conventions differ (measured by reading each corpus' gold phrases): GeoVirus counts neither
// adjectives ("Russian troops") nor demonyms ("the Russians") as toponyms, TR-News counts adjectives but not
// demonyms. --names-only CORPUS (a file's name without .jsonl.gz, "geovirus") leaves newsq's adjective and
// demonym mentions out of that corpus' scores, --no-demonyms CORPUS its demonym mentions, instead of counting
// them as false positives.
// Each article goes through extraction exactly as indexing runs it (title then text through the TextAnalyzer, one
// PlaceExtractor per article); only the text's mentions are scored, since the toponyms are marked in the text.
// Prints per corpus and gazetteer: recognition P/R/F1, acc@161 with median and mean error, per-article place
// sets, extraction MB/s on one core, and the errors by kind with up to N examples each (default 3; the examples
// quote the corpus and go to stdout only). --markdown writes the numbers (no corpus text) as a table, with the
// paragraph --note (what the gazetteers are, say) above it.
#include <zlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/geoparse_run.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/place_extractor.h"

namespace {

namespace gp = newsq::geoparse;
using gp::Corpus;
using gp::Run;
namespace places = newsq::places;
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void print_run(const Run& r, const Corpus& c) {
  const auto& t = r.totals;
  std::printf("\n== %s with gazetteer %s: %zu articles, %llu toponyms, %.2f MB\n", r.corpus.c_str(),
              r.gazetteer.c_str(), c.articles.size(), static_cast<unsigned long long>(c.toponyms),
              static_cast<double>(c.bytes) / 1e6);
  if (c.bad_offsets)
    std::printf("   warning: %llu toponyms whose offsets do not give their phrase\n",
                static_cast<unsigned long long>(c.bad_offsets));
  std::printf("recognition: P %.3f  R %.3f  F1 %.3f  (%llu matched, %llu false, %llu missed)\n", t.mentions.precision(),
              t.mentions.recall(), t.mentions.f1(), static_cast<unsigned long long>(t.mentions.tp),
              static_cast<unsigned long long>(t.mentions.fp), static_cast<unsigned long long>(t.mentions.fn));
  std::printf("resolution:  acc@161 %.3f over %llu matched toponyms with coordinates; median %.0f km, mean %.0f km\n",
              t.accuracy(), static_cast<unsigned long long>(t.resolvable), t.median_km(), t.mean_km());
  std::printf("per article: places P %.3f  R %.3f  F1 %.3f  (within 161 km, one to one)\n", t.places.precision(),
              t.places.recall(), t.places.f1());
  std::printf("speed:       extraction %.2f MB/s on one core (analysis before it: %.2f MB/s)\n", r.extraction_mbs,
              r.analysis_mbs);
  std::printf("errors by kind:\n");
  for (std::size_t k = 0; k < gp::kErrorKinds; ++k) {
    if (!t.errors[k]) continue;
    std::printf("  %5llu  %s\n", static_cast<unsigned long long>(t.errors[k]),
                std::string(gp::error_kind_name(static_cast<gp::ErrorKind>(k))).c_str());
    const auto& unseen = r.unseen_by_gold_kind;
    if (static_cast<gp::ErrorKind>(k) == gp::ErrorKind::missed_no_candidate && unseen[0] + unseen[1] + unseen[2] > 0)
      std::printf("         gold: %llu countries or regions, %llu cities, %llu other features, %llu not said\n",
                  static_cast<unsigned long long>(unseen[0]), static_cast<unsigned long long>(unseen[1]),
                  static_cast<unsigned long long>(unseen[2]), static_cast<unsigned long long>(unseen[3]));
    if (static_cast<gp::ErrorKind>(k) == gp::ErrorKind::missed_rejected) {
      std::vector<std::pair<std::uint64_t, std::string>> by_count;
      for (const auto& [reason, n] : r.rejections) by_count.emplace_back(n, reason);
      std::sort(by_count.rbegin(), by_count.rend());
      for (const auto& [n, reason] : by_count)
        std::printf("         %5llu  %s\n", static_cast<unsigned long long>(n), reason.c_str());
    }
    for (const auto& e : r.examples[k]) std::printf("         %s\n", e.c_str());
  }
}

std::string table(const std::vector<Run>& runs) {
  std::string out =
      "| corpus | gazetteer | P | R | F1 | acc@161 | median km | mean km | set F1 | MB/s |\n"
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& r : runs) {
    char line[256];
    const auto& t = r.totals;
    std::snprintf(line, sizeof line, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.0f | %.0f | %.3f | %.1f |\n",
                  r.corpus.c_str(), r.gazetteer.c_str(), t.mentions.precision(), t.mentions.recall(), t.mentions.f1(),
                  t.accuracy(), t.median_km(), t.mean_km(), t.places.f1(), r.extraction_mbs);
    out += line;
  }
  return out;
}

std::string markdown(const std::vector<Run>& runs, const std::vector<std::pair<std::string, double>>& loads,
                     const std::string& note) {
  char date[32];
  std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  std::string out = std::string("# Geoparsing benchmark (`make -f Makefile.bench geoparse`), ") + date + "\n\n" +
                    "Scored as `../shared/geoparse/README.md` defines: recognition over mentions (overlapping spans, "
                    "one to one, longest overlap first), acc@161 and median / mean error in km over matched "
                    "toponyms with coordinates, set F1 of each article's distinct places within 161 km (micro over "
                    "articles), extraction MB/s on one core (title + text, as indexing runs it).\n\n" +
                    (note.empty() ? "" : note + "\n\n") + table(runs) + "\nGazetteer load: ";
  for (std::size_t i = 0; i < loads.size(); ++i) {
    char ms[64];
    std::snprintf(ms, sizeof ms, "%s%s %.2f ms", i ? ", " : "", loads[i].first.c_str(), loads[i].second);
    out += ms;
  }
  out += ".\n\nErrors by kind (counts):\n\n| kind |";
  for (const auto& r : runs) out.append(" ").append(r.corpus).append(" (").append(r.gazetteer).append(") |");
  out += "\n|---|";
  for (std::size_t i = 0; i < runs.size(); ++i) out += "---:|";
  out += "\n";
  for (std::size_t k = 0; k < gp::kErrorKinds; ++k) {
    out.append("| ").append(gp::error_kind_name(static_cast<gp::ErrorKind>(k))).append(" |");
    for (const auto& r : runs) out.append(" ").append(std::to_string(r.totals.errors[k])).append(" |");
    out += "\n";
  }
  // newsq's own reasons (its wording, no corpus text), most frequent overall first.
  std::map<std::string, std::uint64_t> all;
  for (const auto& r : runs)
    for (const auto& [reason, n] : r.rejections) all[reason] += n;
  std::vector<std::pair<std::uint64_t, std::string>> order;
  for (const auto& [reason, n] : all) order.emplace_back(n, reason);
  std::sort(order.rbegin(), order.rend());
  out += "\nMisses with a rejected candidate, by newsq's reason:\n\n| reason |";
  for (const auto& r : runs) out.append(" ").append(r.corpus).append(" (").append(r.gazetteer).append(") |");
  out += "\n|---|";
  for (std::size_t i = 0; i < runs.size(); ++i) out += "---:|";
  out += "\n";
  for (const auto& [n, reason] : order) {
    out.append("| ").append(reason).append(" |");
    for (const auto& r : runs) {
      auto it = r.rejections.find(reason);
      out.append(" ").append(std::to_string(it == r.rejections.end() ? 0 : it->second)).append(" |");
    }
    out += "\n";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::pair<std::string, std::string>> gazetteers;  // (name, file)
  std::vector<std::string> corpus_paths, names_only, no_demonyms;
  std::string markdown_path, note;
  std::size_t max_examples = 3;
  bool archive_prior = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&] {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return std::string(argv[++i]);
    };
    try {
      if (a == "--gazetteer") {
        auto file = next();
        gazetteers.emplace_back(std::filesystem::path(file).stem().string(), file);
      } else if (a == "--name" && !gazetteers.empty()) {
        gazetteers.back().first = next();
      } else if (a == "--corpus") {
        corpus_paths.push_back(next());
      } else if (a == "--names-only") {
        names_only.push_back(next());
      } else if (a == "--no-demonyms") {
        no_demonyms.push_back(next());
      } else if (a == "--no-prior") {
        archive_prior = false;
      } else if (a == "--errors") {
        max_examples = std::stoul(next());
      } else if (a == "--note") {
        note = next();
      } else if (a == "--markdown") {
        markdown_path = next();
      } else {
        throw std::invalid_argument("unknown option " + a);
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "newsq_geoparse_eval: %s\n", e.what());
      gazetteers.clear();
      break;
    }
  }
  if (gazetteers.empty() || corpus_paths.empty()) {
    std::fprintf(stderr,
                 "usage: newsq_geoparse_eval --gazetteer FILE [--name NAME]... --corpus FILE.jsonl.gz... "
                 "[--names-only CORPUS]... [--no-demonyms CORPUS]... [--no-prior] [--errors N] [--markdown FILE [--note TEXT]]\n");
    return 1;
  }
  try {
    std::vector<Corpus> corpora;
    for (const auto& p : corpus_paths) {
      corpora.push_back(gp::read_corpus(p));
      auto listed = [&](const std::vector<std::string>& names) {
        return std::find(names.begin(), names.end(), corpora.back().name) != names.end();
      };
      corpora.back().adjectives = !listed(names_only);
      corpora.back().demonyms = !listed(names_only) && !listed(no_demonyms);
    }
    std::vector<Run> runs;
    std::vector<std::pair<std::string, double>> loads;
    for (const auto& [name, file] : gazetteers) {
      auto t = Clock::now();
      auto gazetteer = places::Gazetteer::load(file);
      const double load_ms = since(t) * 1000;
      loads.emplace_back(name, load_ms);
      std::printf("gazetteer %s (%s): %zu places, loaded (mapped) in %.2f ms\n", name.c_str(), file.c_str(),
                  gazetteer->size(), load_ms);
      for (const auto& c : corpora) {
        runs.push_back(gp::evaluate(c, *gazetteer, max_examples, true, archive_prior));
        runs.back().gazetteer = name;
        print_run(runs.back(), c);
      }
    }
    std::printf("\n%s", table(runs).c_str());
    if (!markdown_path.empty()) {
      std::ofstream out(markdown_path);
      out << markdown(runs, loads, note);
      if (!out) throw std::runtime_error(markdown_path + ": cannot write");
      std::printf("wrote %s\n", markdown_path.c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsq_geoparse_eval: %s\n", e.what());
    return 2;
  }
  return 0;
}
