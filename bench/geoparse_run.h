// bench/geoparse_run.h: newsq's place extraction run over a geoparsing benchmark corpus and scored
// (bench/geoparse_score.h): the part bench/geoparse_eval.cc and the [shared] test of tests/geoparse_test.cc share,
// so that the test's floors hold for the very figures the benchmark prints.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bench/geoparse_score.h"
#include "indexer/places/gazetteer.h"

namespace newsq::geoparse {

struct Article {
  std::string id, title, text;
  std::vector<GoldToponym> gold;
  std::vector<std::string> gold_label;  // What the corpus says each toponym is ("name fcode", or its page).
};

struct Corpus {
  std::string name;  // The file's name without .jsonl.gz.
  std::vector<Article> articles;
  std::uint64_t bytes = 0;  // Of titles and texts.
  std::uint64_t toponyms = 0;
  std::uint64_t bad_offsets = 0;  // Toponyms whose offsets do not give their phrase.
  // Whether its annotators count adjectives ("Russian troops") and demonyms ("the Russians") as
  // toponyms; when not, evaluate() leaves newsq's mentions of that kind out of the scores.
  bool adjectives = true, demonyms = true;
};

// Reads a corpus in the format of ../shared/geoparse/README.md (JSON Lines, gzip or not). Throws
// std::runtime_error for a file that cannot be read, nlohmann::json's errors for a malformed line.
Corpus read_corpus(const std::string& path);

struct Run {
  std::string corpus, gazetteer;
  double extraction_mbs = 0, analysis_mbs = 0;  // One core; 0 when not measured.
  Totals totals;
  std::array<std::vector<std::string>, kErrorKinds> examples;  // Up to N per kind: context and what newsq did.
  std::map<std::string, std::uint64_t> rejections;             // Misses with a rejected candidate, by newsq's reason.
  std::array<std::uint64_t, 4> unseen_by_gold_kind{};          // Misses without a candidate, by GoldKind.
  std::size_t prior_areas = 0;                                 // Areas in the corpus's archive prior (0: none).
};

// Extracts the places of every article exactly as indexing does (title, then text, through one TextAnalyzer and
// PlaceExtractor) and scores the text's mentions against the toponyms. With `archive_prior`, the corpus is the
// archive, as for `newsq rebuild`: a first pass counts its prior (indexer/places/archive_prior.h), the second
// extracts with it. With `measure_speed`, times extraction without explanations (as indexing runs it) and the
// analysis before it, for at least a second each.
Run evaluate(const Corpus& corpus, const places::Gazetteer& gazetteer, std::size_t max_examples, bool measure_speed,
             bool archive_prior = true);

}  // namespace newsq::geoparse
