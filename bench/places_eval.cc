// bench/places_eval.cc: quality and speed of place extraction, measured on the real corpus.
//   places_eval --gazetteer FILE --corpus DIR --labels tests/data/place_labels.tsv [--labels MORE.tsv]
// prints: gazetteer load time; precision and recall against the hand labels (place ids per
// article), a table per labels file with a row per corpus; extraction throughput in MB/s on one core next to the
// analysis it rides on; and indexing articles/s with and without extraction. Continents, macro-regions and
// districts, which the labels leave out, are counted apart, not as false positives. Options for tuning and labelling:
//   --errors        list each labelled article's false positives and misses
//   --dump N        the N names most often accepted over the whole corpus
//   --show ID...    title, text and extraction of these articles (to label them by hand)
//   --resolve NAME... the gazetteer id of each name ("Paris, Texas"), to write labels with
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench/json_lines.h"
#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"
#include "indexer/places/place_extractor.h"
#include "newsq/newsq.h"

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Doc {
  std::string id, title, text, lang;
};

std::vector<Doc> read_corpus(const std::string& path) {
  std::vector<Doc> out;
  bench::for_each_json_line(path.c_str(), [&](const nlohmann::json& j, std::size_t) {
    out.push_back({j.value("id", ""), j.value("title", ""), j.value("text", ""), j.value("lang", "")});
  });
  return out;
}

// id -> set of place ids.
std::map<std::string, std::set<std::uint32_t>> read_labels(const std::string& path) {
  std::map<std::string, std::set<std::uint32_t>> out;
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    std::string id = line.substr(0, tab);
    auto& set = out[id];
    if (tab == std::string::npos) continue;
    std::istringstream places(line.substr(tab + 1));
    for (std::string item; std::getline(places, item, ';');)
      if (!item.empty()) set.insert(static_cast<std::uint32_t>(std::stoul(item.substr(0, item.find(':')))));
  }
  return out;
}

struct Result {
  std::set<std::uint32_t> ids;
  newsq::places::Extraction all;
};

Result extract(const Doc& d, newsq::analysis::TextAnalyzer& analyzer, newsq::places::PlaceExtractor& extractor) {
  analyzer.set_language(d.lang);
  auto title = analyzer.analyze(d.title);
  auto text = analyzer.analyze(d.text);
  extractor.add_field(d.title, title, true);
  extractor.add_field(d.text, text, false);
  Result r;
  r.all = extractor.finish();
  // The hand labels count no adjectives or demonyms (tests/data/place_labels.tsv): places met only
  // as "Russian" or "Russians" are left out, places also named are kept.
  for (const auto& p : r.all.places)
    if (p.kind == newsq::places::MentionKind::name) r.ids.insert(p.place.id);
  return r;
}

double index_rate(const std::vector<Doc>& docs, const std::string& gazetteer) {
  auto dir = std::filesystem::temp_directory_path() / ("places_eval_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto t = Clock::now();
  {
    newsq::WriterOptions options;
    options.gazetteer = gazetteer;
    newsq::IndexWriter writer(dir.string(), options);
    for (const auto& d : docs) {
      newsq::Article a;
      a.id = d.id;
      a.date = "2022-03-01";
      a.title = d.title;
      a.text = d.text;
      a.lang = d.lang;
      writer.add(a);
    }
    writer.commit();
  }
  double seconds = since(t);
  std::filesystem::remove_all(dir);
  return static_cast<double>(docs.size()) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  std::string gazetteer_path, corpus_dir;
  std::vector<std::string> labels_paths;
  bool errors = false, index = true;
  std::size_t dump = 0;
  std::set<std::string> show, why;
  std::vector<std::string> resolve;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--gazetteer")
      gazetteer_path = next();
    else if (a == "--corpus")
      corpus_dir = next();
    else if (a == "--labels")
      labels_paths.push_back(next());
    else if (a == "--errors")
      errors = true;
    else if (a == "--no-index")
      index = false;
    else if (a == "--dump")
      dump = std::stoul(next());
    else if (a == "--why")
      why.insert(next());
    else if (a == "--resolve")
      while (i + 1 < argc && argv[i + 1][0] != '-') resolve.push_back(argv[++i]);
    else if (a == "--show")
      while (i + 1 < argc && argv[i + 1][0] != '-') show.insert(argv[++i]);
    else {
      std::fprintf(stderr,
                   "usage: places_eval --gazetteer FILE --corpus DIR [--labels TSV]... [--errors] [--dump N] [--show "
                   "ID...] [--resolve NAME...] [--no-index]\n");
      return 1;
    }
  }
  try {
    auto t = Clock::now();
    auto gazetteer = newsq::places::Gazetteer::load(gazetteer_path);
    std::printf("gazetteer: %zu places, loaded in %.1f ms\n", gazetteer->size(), since(t) * 1000);

    if (!resolve.empty()) {  // Names -> ids, for writing labels: "Paris, Texas" works.
      newsq::analysis::TextAnalyzer a;
      for (const auto& name : resolve) {
        newsq::places::Place p;
        if (newsq::places::PlaceExtractor::resolve(*gazetteer, name, a, p))
          std::printf("%s\t%u:%.*s\t%s\t%.*s\n", name.c_str(), p.id, static_cast<int>(p.name.size()), p.name.data(),
                      std::string(newsq::places::level_name(p.level)).c_str(), static_cast<int>(p.country_code.size()),
                      p.country_code.data());
        else
          std::printf("%s\tNOT FOUND\n", name.c_str());
      }
      return 0;
    }
    std::vector<Doc> docs;
    for (const char* f : {"ukraine-war-gdelt.jsonl.gz", "huffpost-2018-2022.jsonl.gz"}) {
      auto part = read_corpus(corpus_dir + "/" + f);
      docs.insert(docs.end(), part.begin(), part.end());
    }
    newsq::analysis::TextAnalyzer analyzer;
    newsq::places::PlaceExtractor extractor(*gazetteer);

    if (!show.empty()) {
      for (const auto& d : docs)
        if (show.count(d.id)) {
          auto r = extract(d, analyzer, extractor);
          std::printf("=== %s\nTITLE %s\nTEXT %s\n", d.id.c_str(), d.title.c_str(), d.text.c_str());
          for (const auto& m : r.all.mentions) std::printf("   [%s] %s\n", m.text.c_str(), m.reason.c_str());
        }
      return 0;
    }

    // Speed: analysis alone, then extraction alone over the same tokens, one core.
    std::uint64_t bytes = 0;
    std::vector<std::vector<newsq::analysis::Token>> titles(docs.size()), texts(docs.size());
    t = Clock::now();
    for (std::size_t i = 0; i < docs.size(); ++i) {
      analyzer.set_language(docs[i].lang);
      titles[i] = analyzer.analyze(docs[i].title);
      texts[i] = analyzer.analyze(docs[i].text);
      bytes += docs[i].title.size() + docs[i].text.size();
    }
    double analysis_s = since(t);
    std::map<std::string, std::uint64_t> accepted;
    newsq::places::PlaceExtractor fast(*gazetteer);  // As indexing runs it: no explanations.
    fast.set_explain(false);
    t = Clock::now();
    for (int round = 0; round < 3; ++round)
      for (std::size_t i = 0; i < docs.size(); ++i) {
        fast.add_field(docs[i].title, titles[i], true);
        fast.add_field(docs[i].text, texts[i], false);
        fast.finish();
      }
    double extraction_s = since(t) / 3;
    if (dump)
      for (std::size_t i = 0; i < docs.size(); ++i) {
        extractor.add_field(docs[i].title, titles[i], true);
        extractor.add_field(docs[i].text, texts[i], false);
        auto r = extractor.finish();
        for (const auto& m : r.mentions)
          if (m.accepted) {
            ++accepted[m.text];
            if (why.count(m.text) && accepted[m.text] <= 3)
              std::printf("%s: %s\n", docs[i].id.c_str(), m.reason.c_str());
          }
      }
    std::printf("corpus: %zu articles, %.2f MB\n", docs.size(), static_cast<double>(bytes) / 1e6);
    std::printf("analysis (tokenise, normalise, stem): %.2f MB/s\n", static_cast<double>(bytes) / 1e6 / analysis_s);
    std::printf("place extraction over those tokens:   %.2f MB/s (one core)\n",
                static_cast<double>(bytes) / 1e6 / extraction_s);

    if (dump) {
      std::vector<std::pair<std::uint64_t, std::string>> top;
      for (const auto& [name, n] : accepted) top.emplace_back(n, name);
      std::sort(top.rbegin(), top.rend());
      for (std::size_t i = 0; i < top.size() && i < dump; ++i)
        std::printf("%6llu %s\n", static_cast<unsigned long long>(top[i].first), top[i].second.c_str());
    }

    // Quality: one table per labels file, a row per corpus and one for all.
    for (const auto& labels_path : labels_paths) {
      auto labels = read_labels(labels_path);
      struct Row {
        std::uint64_t articles = 0, tp = 0, fp = 0, fn = 0;
      };
      std::map<std::string, Row> rows;
      Row all;
      std::uint64_t unscored = 0;
      for (const auto& d : docs) {
        auto l = labels.find(d.id);
        if (l == labels.end()) continue;
        auto r = extract(d, analyzer, extractor);
        Row& row = rows[d.id.substr(0, d.id.find('-'))];
        ++row.articles;
        ++all.articles;
        std::vector<std::string> wrong, missed;
        for (auto id : r.ids) {
          if (l->second.count(id)) {
            ++row.tp;
            ++all.tp;
          } else {
            newsq::places::Place p;
            gazetteer->find(id, p);
            // The labels leave out continents, macro-regions and districts (their header): places
            // found at those levels are neither right nor wrong by them, and are counted apart.
            if (p.level == newsq::places::Level::continent || p.level == newsq::places::Level::district) {
              ++unscored;
              continue;
            }
            ++row.fp;
            ++all.fp;
            wrong.push_back(std::to_string(id) + ":" + std::string(p.name));
          }
        }
        for (auto id : l->second)
          if (!r.ids.count(id)) {
            ++row.fn;
            ++all.fn;
            newsq::places::Place p;
            gazetteer->find(id, p);
            missed.push_back(std::to_string(id) + ":" + std::string(p.name));
          }
        if (errors && (!wrong.empty() || !missed.empty())) {
          std::printf("%s\n", d.id.c_str());
          for (const auto& w : wrong) std::printf("   false positive %s\n", w.c_str());
          for (const auto& m : missed) std::printf("   missed %s\n", m.c_str());
        }
      }
      auto ratio = [](std::uint64_t a, std::uint64_t b) {
        return b ? static_cast<double>(a) / static_cast<double>(b) : 1.0;
      };
      std::printf("labels %s: %llu of %zu labelled articles found\n", labels_path.c_str(),
                  static_cast<unsigned long long>(all.articles), labels.size());
      std::printf("  %-10s %8s %8s %6s %6s %6s %9s %7s\n", "corpus", "articles", "labelled", "tp", "fp", "fn",
                  "precision", "recall");
      auto line = [&](const std::string& name, const Row& r) {
        std::printf("  %-10s %8llu %8llu %6llu %6llu %6llu %9.3f %7.3f\n", name.c_str(),
                    static_cast<unsigned long long>(r.articles), static_cast<unsigned long long>(r.tp + r.fn),
                    static_cast<unsigned long long>(r.tp), static_cast<unsigned long long>(r.fp),
                    static_cast<unsigned long long>(r.fn), ratio(r.tp, r.tp + r.fp), ratio(r.tp, r.tp + r.fn));
      };
      for (const auto& [name, r] : rows) line(name, r);
      line("all", all);
      std::printf("precision %.3f  recall %.3f  (goal: precision >= 0.9, recall >= 0.85)\n",
                  ratio(all.tp, all.tp + all.fp), ratio(all.tp, all.tp + all.fn));
      std::printf("unscored: %llu continents, macro-regions and districts found (levels the labels leave out)\n",
                  static_cast<unsigned long long>(unscored));
    }

    if (index) {
      double without = index_rate(docs, "");
      double with = index_rate(docs, gazetteer_path);
      std::printf("indexing: %.0f articles/s without places, %.0f articles/s with places (%.0f%% slower)\n", without,
                  with, (without / with - 1) * 100);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "places_eval: %s\n", e.what());
    return 2;
  }
  return 0;
}
