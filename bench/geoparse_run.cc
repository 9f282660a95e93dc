// bench/geoparse_run.cc: a geoparsing corpus read, run through place extraction as indexing runs it, and scored.
#include "bench/geoparse_run.h"

#include "bench/json_lines.h"

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/archive_prior.h"
#include "indexer/places/place_extractor.h"

namespace newsq::geoparse {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string text_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

Corpus read_corpus(const std::string& path) {
  Corpus c;
  c.name = std::filesystem::path(path).filename().string();
  for (const char* suffix : {".gz", ".jsonl"})
    if (c.name.ends_with(suffix)) c.name.resize(c.name.size() - std::string_view(suffix).size());
  bench::for_each_json_line(path.c_str(), [&](const nlohmann::json& j, std::size_t) {
    Article a{text_of(j, "id"), text_of(j, "title"), text_of(j, "text"), {}, {}};
    CodePointIndex cp(a.text);
    for (const auto& t : j.at("toponyms")) {
      GoldToponym g;
      g.span = {t.at("start").get<std::uint32_t>(), t.at("end").get<std::uint32_t>()};
      if (t.contains("lat") && !t["lat"].is_null() && t.contains("lon") && !t["lon"].is_null())
        g.point = Point{t["lat"].get<double>(), t["lon"].get<double>()};
      g.place_key = text_of(t, "geonameid");
      g.fcode = text_of(t, "fcode");
      // The README promises text[start:end] == phrase; count where it does not hold rather than trust it.
      const std::size_t b = cp.byte(g.span.start), e = cp.byte(g.span.end);
      if (g.span.end > cp.size() || g.span.start >= g.span.end || a.text.substr(b, e - b) != text_of(t, "phrase"))
        ++c.bad_offsets;
      std::string label = text_of(t, "name");
      if (!g.fcode.empty()) label += (label.empty() ? "" : " ") + g.fcode;
      if (label.empty()) label = text_of(t, "page");
      a.gold_label.push_back(label);
      a.gold.push_back(std::move(g));
    }
    c.toponyms += a.gold.size();
    c.bytes += a.title.size() + a.text.size();
    c.articles.push_back(std::move(a));
  });
  return c;
}

namespace {

// One line of corpus text around `span` (code points), the span in brackets; newlines made spaces.
std::string context(const Article& a, Span span) {
  constexpr std::uint32_t kSide = 40;
  CodePointIndex cp(a.text);
  const std::uint32_t from = span.start > kSide ? span.start - kSide : 0;
  const std::uint32_t to = std::min(cp.size(), span.end + kSide);
  auto piece = [&](std::uint32_t x, std::uint32_t y) { return a.text.substr(cp.byte(x), cp.byte(y) - cp.byte(x)); };
  std::string s = (from > 0 ? "..." : "") + piece(from, span.start) + "[" + piece(span.start, span.end) + "]" +
                  piece(span.end, to) + (to < cp.size() ? "..." : "");
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\t', ' ');
  return s;
}

std::string describe(const places::Gazetteer& gazetteer, std::uint32_t id) {
  places::Place p;
  if (!gazetteer.find(id, p)) return "place " + std::to_string(id);
  char buf[96] = "";
  if (p.has_coordinates) std::snprintf(buf, sizeof buf, " %.2f,%.2f", p.lat, p.lon);
  return std::string(p.name) + " (" + std::string(places::level_name(p.level)) +
         (p.country_code.empty() ? "" : " " + std::string(p.country_code)) + buf + ")";
}

// The general part of a rejection's reason: "rejected: small place without context; Name (id, ...)" ->
// "small place without context" (the rest names the candidate).
std::string reason_kind(std::string_view reason) {
  if (reason.starts_with("rejected: ")) reason.remove_prefix(10);
  return std::string(reason.substr(0, reason.find(';')));
}

}  // namespace

Run evaluate(const Corpus& corpus, const places::Gazetteer& gazetteer, std::size_t max_examples, bool measure_speed,
             bool archive_prior) {
  Run run;
  run.corpus = corpus.name;
  newsq::analysis::TextAnalyzer analyzer;
  std::vector<std::vector<newsq::analysis::Token>> titles, texts;
  for (const auto& a : corpus.articles) {
    analyzer.set_language("");  // The corpora give no language; indexing then uses its default, as here.
    titles.push_back(analyzer.analyze(a.title));
    texts.push_back(analyzer.analyze(a.text));
  }
  // The corpus is the archive: its prior is counted in a first pass without one, as a rebuild does.
  places::ArchivePrior prior;
  if (archive_prior) {
    places::PlaceExtractor counting(gazetteer);
    counting.set_explain(false);
    for (std::size_t i = 0; i < corpus.articles.size(); ++i) {
      counting.add_field(corpus.articles[i].title, titles[i], true);
      counting.add_field(corpus.articles[i].text, texts[i], false);
      prior.count(counting.finish());
    }
  }
  run.prior_areas = prior.areas().size();
  places::PlaceExtractor extractor(gazetteer);  // With explanations, for the error examples.
  extractor.set_prior(&prior);
  for (std::size_t i = 0; i < corpus.articles.size(); ++i) {
    const Article& a = corpus.articles[i];
    // DocumentBuilder::build's order: the title (field 0, empty or not), then the text (field 1).
    extractor.add_field(a.title, titles[i], true);
    extractor.add_field(a.text, texts[i], false);
    auto found = extractor.finish();

    CodePointIndex cp(a.text);
    std::vector<FoundMention> mentions;
    std::vector<const places::Mention*> source;
    for (const auto& m : found.mentions) {
      if (m.field != 1) continue;  // Title mentions: not annotated, not scored.
      if ((!corpus.adjectives && m.kind == places::MentionKind::adjective) ||
          (!corpus.demonyms && m.kind == places::MentionKind::demonym))
        continue;
      FoundMention f{{cp.code_point(m.begin), cp.code_point(m.end)}, m.accepted, m.place, std::nullopt};
      places::Place p;
      if (m.accepted && gazetteer.find(m.place, p) && p.has_coordinates) f.point = Point{p.lat, p.lon};
      mentions.push_back(f);
      source.push_back(&m);
    }
    auto score = score_article(a.gold, mentions);
    run.totals.add(score);

    for (const auto& e : score.errors) {
      if (e.kind == ErrorKind::missed_rejected) ++run.rejections[reason_kind(source[e.found]->reason)];
      if (e.kind == ErrorKind::missed_no_candidate)
        ++run.unseen_by_gold_kind[static_cast<std::size_t>(gold_kind(a.gold[e.gold].fcode))];
      auto& list = run.examples[static_cast<std::size_t>(e.kind)];
      if (list.size() >= max_examples) continue;
      const places::Mention* m = e.found != SIZE_MAX ? source[e.found] : nullptr;
      std::string what;
      switch (e.kind) {
        case ErrorKind::missed_no_candidate:
          what = "no candidate";
          break;
        case ErrorKind::missed_rejected:
          what = "rejected \"" + m->text + "\": " + m->reason;
          break;
        case ErrorKind::missed_taken:
          what = "\"" + m->text + "\" counted for another toponym, as " + describe(gazetteer, m->place);
          break;
        case ErrorKind::false_place:
          what = "accepted as " + describe(gazetteer, m->place) + ": " + m->reason;
          break;
        default: {
          char km[48] = "";
          if (e.km >= 0) std::snprintf(km, sizeof km, ", %.0f km off", e.km);
          char at[48] = "";
          if (const auto& g = a.gold[e.gold].point) std::snprintf(at, sizeof at, " at %.2f,%.2f", g->lat, g->lon);
          what = "\"" + m->text + "\" chose " + describe(gazetteer, m->place) + km + "; gold " + a.gold_label[e.gold] +
                 at;
        }
      }
      const Span span = e.gold != SIZE_MAX ? a.gold[e.gold].span : mentions[e.found].span;
      list.push_back(a.id + ": " + context(a, span) + "\n        -> " + what);
    }
  }

  if (!measure_speed) return run;
  // Speed as indexing runs it: no explanations, over the tokens made above, on this one thread. Rounds until a
  // second has passed, as the corpora are small.
  places::PlaceExtractor fast(gazetteer);
  fast.set_explain(false);
  fast.set_prior(&prior);
  int rounds = 0;
  auto t = Clock::now();
  do {
    for (std::size_t i = 0; i < corpus.articles.size(); ++i) {
      fast.add_field(corpus.articles[i].title, titles[i], true);
      fast.add_field(corpus.articles[i].text, texts[i], false);
      fast.finish();
    }
    ++rounds;
  } while (since(t) < 1.0);
  run.extraction_mbs = static_cast<double>(corpus.bytes) * rounds / 1e6 / since(t);
  rounds = 0;
  t = Clock::now();
  do {
    for (const auto& a : corpus.articles) {
      analyzer.analyze(a.title);
      analyzer.analyze(a.text);
    }
    ++rounds;
  } while (since(t) < 1.0);
  run.analysis_mbs = static_cast<double>(corpus.bytes) * rounds / 1e6 / since(t);
  return run;
}

}  // namespace newsq::geoparse
