// cli/places_command.cc: the place commands. `newsq gazetteer build` turns GeoNames dumps
// and place facts into the gazetteer file; `newsq places` shows which places newsq finds in a
// text, where, and why each was chosen or rejected (for debugging and evaluation).
#include "cli/options.h"
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "newsq/error.h"
#include "newsq/places.h"

namespace newsq::cli {
namespace {

constexpr std::size_t kMaxRejectionsShown = 100;

int build_command(int argc, char** argv) {
  cxxopts::Options options("newsq gazetteer build",
                           "Build a gazetteer file from GeoNames dumps (cities*.txt, country files such as UA.txt,\n"
                           "admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt; gzip ok), a countries file (*.json: countries.json\n"
                           "of npm package world-countries, a point per country; the package's outlines\n"
                           "data/*.geo.json beside it, when there, place a country at its main landmass' centre),\n"
                           "newsq place facts (*.tsv, such as corpus/places.tsv) and adjectives and demonyms of places\n"
                           "(demonyms*.tsv: corpus/demonyms.tsv). Malformed lines are reported as file:line: reason\n"
                           "and skipped.");
  options.add_options()("out", "the gazetteer file to write", cxxopts::value<std::string>())(
      "h,help", "show this help")("files", "inputs", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"files"});
  options.positional_help("FILE...");
  auto args = options.parse(argc, argv);
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("out")) throw UsageError("--out FILE is required");
  if (!args.count("files")) throw UsageError("no input: give GeoNames files");
  auto started = std::chrono::steady_clock::now();
  const std::string out = args["out"].as<std::string>();
  const GazetteerBuildReport r = build_gazetteer(args["files"].as<std::vector<std::string>>(), out);
  for (std::size_t i = 0; i < r.rejected.size() && i < kMaxRejectionsShown; ++i)
    fmt::print(stderr, "{}\n", r.rejected[i]);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print(
      "gazetteer {}: {} places ({} continents, {} countries, {} regions, {} districts, {} cities, {} seas), {} "
      "names; {} countries placed at the centre of their outline; {} rows of other features skipped, {} alternate "
      "names not indexed; {} adjectives and demonyms ({} demonym lines for places not in it); {} malformed lines; "
      "{:.1f} s\n",
      out, r.places, r.continents, r.countries, r.regions, r.districts, r.cities, r.seas, r.names, r.country_outlines,
      r.skipped_rows, r.dropped_names, r.adjectives, r.adjective_places_missing, r.rejected.size(), seconds);
  return kExitOk;
}

}  // namespace

int gazetteer_command(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "build") return build_command(argc - 1, argv + 1);
  if (argc >= 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    fmt::print("usage: newsq gazetteer build --out FILE GEONAMES_FILE...\n");
    return kExitOk;
  }
  throw UsageError("expected 'newsq gazetteer build --out FILE GEONAMES_FILE...'");
}

int places_command(int argc, char** argv) {
  cxxopts::Options options("newsq places",
                           "Show the places found in a text (FILE, or - for stdin): each candidate name with its byte\n"
                           "offsets, the place chosen and why, or why it was rejected; then the article's places.");
  options.add_options()("gazetteer", "gazetteer file", cxxopts::value<std::string>())(
      "db", "use the gazetteer this index was built with", cxxopts::value<std::string>())(
      "json", "print one JSON object")("h,help", "show this help")("file", "input", cxxopts::value<std::string>());
  options.parse_positional({"file"});
  options.positional_help("FILE|-");
  auto args = options.parse(argc, argv);
  if (printed_help(options, args)) return kExitOk;
  if (!args.count("file")) throw UsageError("give a FILE (or - for stdin)");
  if (args.count("gazetteer") == args.count("db"))
    throw UsageError("give exactly one of --gazetteer FILE and --db DIR");
  std::string path =
      args.count("gazetteer") ? args["gazetteer"].as<std::string>() : index_gazetteer(args["db"].as<std::string>());
  if (path.empty())
    throw Error(args["db"].as<std::string>() + ": this index has no gazetteer (index it with --gazetteer FILE)");

  const std::string file = args["file"].as<std::string>();
  std::string text;
  if (file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file, 0, "cannot open");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  const PlacesInText found = find_places(text, path);

  if (args.count("json")) {
    nlohmann::json list = nlohmann::json::array(), mentions = nlohmann::json::array();
    for (const auto& f : found.places) {
      nlohmann::json p = {{"id", f.place.id}, {"name", f.place.name}, {"level", f.place.level}};
      if (f.place.has_coordinates) {
        p["lat"] = f.place.lat;
        p["lon"] = f.place.lon;
      }
      p["country"] = f.place.country_code;
      p["region"] = f.place.region_id;
      p["count"] = f.mentions;
      p["kind"] = f.kind;
      p["reason"] = f.reason;
      list.push_back(std::move(p));
    }
    for (const auto& m : found.mentions)
      mentions.push_back({{"begin", m.begin},
                          {"end", m.end},
                          {"text", m.text},
                          {"accepted", m.accepted},
                          {"place", m.place},
                          {"kind", m.kind},
                          {"reason", m.reason}});
    nlohmann::json out = {{"places", list}, {"mentions", mentions}};
    fmt::print("{}\n", dump_json(out));
    return kExitOk;
  }
  for (const auto& m : found.mentions)
    fmt::print("{:>6}-{:<6} {:<24} {:<9} {}\n", m.begin, m.end, m.text, m.kind, m.reason);
  fmt::print("\n{} places:\n", found.places.size());
  for (const auto& f : found.places) {
    const std::string where =
        f.place.region.empty() ? f.place.country_code : f.place.region + ", " + f.place.country_code;
    fmt::print("  {:<10} {:<24} {:<8} {:>9.4f} {:>9.4f}  {}  x{}{}\n", f.place.id, f.place.name, f.place.level,
               f.place.lat, f.place.lon, where, f.mentions, f.kind == "name" ? "" : "  (" + f.kind + ")");
  }
  return kExitOk;
}

}  // namespace newsq::cli
