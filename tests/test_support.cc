// tests/test_support.cc: temporary folders, files, gzip and CLI runs for the tests.
#include "tests/test_support.h"

#include "indexer/places/gazetteer_builder.h"
#include "engine/common/tsv.h"
#include "newsq/index_writer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <sstream>
#include <stdexcept>

namespace newsq::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = fs::temp_directory_path() / ("newsq-test-" + std::to_string(rd()));
    if (fs::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path shared_dir() {
  const char* env = std::getenv("NEWSQ_SHARED_DIR");
  fs::path dir = env && *env ? fs::path(env) : fs::path(NEWSQ_SHARED_DIR);
  return fs::exists(dir / "corpus") ? dir : fs::path();
}

fs::path source_dir() { return NEWSQ_SOURCE_DIR; }

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  const double r = M_PI / 180, earth = 6372.7976;
  double a = std::pow(std::sin((lat2 - lat1) * r / 2), 2) +
             std::cos(lat1 * r) * std::cos(lat2 * r) * std::pow(std::sin((lon2 - lon1) * r / 2), 2);
  return 2 * earth * std::asin(std::sqrt(a));
}

std::vector<std::vector<std::string>> read_tsv(const fs::path& path, std::size_t columns) {
  return newsq::common::read_table(path.string(), columns);
}

const std::string& small_gazetteer() {
  static TempDir dir;
  static const std::string path = [] {
    const fs::path geonames = shared_dir() / "gazetteer";
    std::ifstream all(geonames / "cities500.txt");
    std::ofstream some(dir.str("cities_some.txt"));
    const std::set<std::string> names = {"Paris",     "Nice",       "Bar",    "Mobile",     "Reading", "Split",
                                         "March",     "Moscow",     "Warsaw", "Washington", "Texas",   "Houston",
                                         "Islamabad", "Chattogram", "Madrid", "Real"};
    for (std::string line; std::getline(all, line);) {
      auto a = line.find('\t'), b = line.find('\t', a + 1);
      if (names.count(line.substr(a + 1, b - a - 1))) some << line << '\n';
    }
    some.close();
    places::GazetteerBuilder builder;
    for (const auto& f : {(geonames / "cities500_UA.txt").string(), dir.str("cities_some.txt"),
                          (geonames / "admin1CodesASCII.txt").string(), (geonames / "admin2Codes.txt.gz").string(),
                          (geonames / "countryInfo.txt").string(),
                          (source_dir() / "corpus" / "places.tsv").string(),
                          (source_dir() / "corpus" / "demonyms.tsv").string()})
      builder.add_file(f);
    builder.write(dir.str("gazetteer.bin"));
    return dir.str("gazetteer.bin");
  }();
  return path;
}

std::string geonames_row(std::uint32_t id, const std::string& name, const std::string& alternates, double lat,
                         double lon, const std::string& feature_code, const std::string& country_code,
                         const std::string& admin1, const std::string& admin2, std::uint64_t population) {
  return std::to_string(id) + "\t" + name + "\t" + name + "\t" + alternates + "\t" + std::to_string(lat) + "\t" +
         std::to_string(lon) + "\tP\t" + feature_code + "\t" + country_code + "\t\t" + admin1 + "\t" + admin2 +
         "\t\t\t" + std::to_string(population) + "\t\t\t\t2026-01-01\n";
}

void index_articles(const std::string& db, const std::vector<newsq::Article>& articles, const std::string& gazetteer) {
  newsq::WriterOptions options;
  options.gazetteer = gazetteer;
  newsq::IndexWriter writer(db, options);
  for (const auto& a : articles) writer.add(a);
  writer.commit();
}

std::string facets_text(const newsq::SearchResults& r) {
  std::string out = "total " + std::to_string(r.total) + " " + r.date_granularity + "\n";
  for (const auto& [field, values] : r.facets)
    for (const auto& v : values)
      out += field + " " + v.value + " " + std::to_string(v.count) + " " + std::to_string(v.id) + "\n";
  return out;
}

std::set<std::string> hit_ids(const newsq::SearchResults& results) {
  std::set<std::string> out;
  for (const auto& h : results.hits) out.insert(h.id);
  return out;
}

void build_gazetteer(const std::vector<std::string>& inputs, const std::string& out) {
  places::GazetteerBuilder builder;
  for (const auto& f : inputs) builder.add_file(f);
  builder.write(out);
}

void write_file(const fs::path& path, const std::string& content) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void write_gzip(const fs::path& path, const std::string& content) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  gzFile f = gzopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + path.string());
  if (!content.empty()) gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
  gzclose(f);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string live_generation_path(const std::string& db) {
  std::string backend, name;
  std::istringstream(read_file(std::filesystem::path(db) / "XAPIANDB")) >> backend >> name;
  return (std::filesystem::path(db) / name).string();
}

std::vector<std::string> read_lines(const fs::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot read " + path.string());
  std::string all;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) all.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  std::vector<std::string> lines;
  std::istringstream ss(all);
  for (std::string line; std::getline(ss, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

CommandResult run_cli(const std::vector<std::string>& args, const std::string& input) {
  return run_cli_env(args, {}, input);
}

namespace {

// Starts program `command[0]` (a path) with the rest as its arguments, stdin/stdout/stderr
// redirected to the files named, and `envp` as its environment (null: this process's); with
// `own_group`, in a process group of its own. Everything the child needs is built before fork():
// after it only async-signal-safe calls are safe in a process with threads.
pid_t spawn(const std::vector<std::string>& command, const char* in, const char* out, const char* err,
            char* const* envp, bool own_group = false) {
  std::vector<std::string> copy = command;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  // What the test process has buffered would otherwise be written again by the child's freopen.
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (!freopen(in, "r", stdin) || !freopen(out, "w", stdout) || !freopen(err, "w", stderr)) _exit(127);
    if (own_group) setpgid(0, 0);
    if (envp)
      execve(argv[0], argv.data(), envp);
    else
      execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

pid_t spawn_cli(const std::vector<std::string>& args, const char* in, const char* out, const char* err,
                char* const* envp) {
  std::vector<std::string> command{NEWSQ_CLI};
  command.insert(command.end(), args.begin(), args.end());
  return spawn(command, in, out, err, envp);
}

}  // namespace

CommandResult run_cli_env(const std::vector<std::string>& args, const std::vector<std::string>& env,
                          const std::string& input) {
  TempDir io;
  // The child's environment: this process's, with the entries of `env` in place of theirs.
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('=') + 1);
    if (std::none_of(env.begin(), env.end(), [&](const std::string& v) { return v.starts_with(name); }))
      environment.push_back(entry);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (auto& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  write_file(io.path() / "in", input);
  const std::string in = io.path() / "in", out = io.path() / "out", err = io.path() / "err";
  const pid_t pid = spawn_cli(args, in.c_str(), out.c_str(), err.c_str(), envp.data());
  CommandResult r;
  r.exit_code = wait_cli(pid);
  r.out = read_file(io.path() / "out");
  r.err = read_file(io.path() / "err");
  return r;
}

int start_cli(const std::vector<std::string>& args) {
  return spawn_cli(args, "/dev/null", "/dev/null", "/dev/null", nullptr);
}

CommandResult run_program(const std::vector<std::string>& command) {
  TempDir io;
  const std::string out = io.path() / "out", err = io.path() / "err";
  CommandResult r;
  r.exit_code = wait_cli(spawn(command, "/dev/null", out.c_str(), err.c_str(), nullptr, true));
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

int start_program(const std::vector<std::string>& command) {
  return spawn(command, "/dev/null", "/dev/null", "/dev/null", nullptr, true);
}

int wait_cli(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<newsq::Hit> all_hits(newsq::Searcher& searcher, newsq::SearchRequest request) {
  std::vector<newsq::Hit> hits;
  request.limit = newsq::SearchRequest::kMaxLimit;
  for (request.offset = 0;; request.offset += request.limit) {
    auto page = searcher.search(request);
    hits.insert(hits.end(), page.hits.begin(), page.hits.end());
    if (page.hits.size() < request.limit || hits.size() >= page.total) break;
  }
  return hits;
}

newsq::Article article(std::string id, std::string date, std::string source, std::string title, std::string text) {
  newsq::Article a;
  a.id = std::move(id);
  a.date = std::move(date);
  a.source = std::move(source);
  a.title = std::move(title);
  a.text = std::move(text);
  return a;
}

std::uint64_t facet(const newsq::SearchResults& results, const std::string& name, const std::string& value) {
  auto it = results.facets.find(name);
  if (it == results.facets.end()) return 0;
  for (const auto& v : it->second)
    if (v.value == value) return v.count;
  return 0;
}

namespace {
sockaddr_in loopback_address(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  return a;
}
}  // namespace

int free_loopback_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = loopback_address(0);
  socklen_t size = sizeof a;
  const bool ok = s >= 0 && bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                  getsockname(s, reinterpret_cast<sockaddr*>(&a), &size) == 0;
  if (s >= 0) close(s);
  if (!ok) throw std::runtime_error("cannot find a free loopback port");
  return ntohs(a.sin_port);
}

bool loopback_accepts(int port) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return false;
  sockaddr_in a = loopback_address(port);
  const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(s);
  return ok;
}

}  // namespace newsq::test
