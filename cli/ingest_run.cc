// cli/ingest_run.cc: flags, progress and summary for the commands that read articles.
#include "cli/ingest_run.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "newsq/error.h"

namespace newsq::cli {
namespace {

// Beyond this many, rejections are counted but not printed one by one.
constexpr std::uint64_t kMaxRejectionsShown = 100;

// The value of numeric option `name` (without "--"), or a usage error naming the option, the value
// and the range the library accepts (newsq/index_writer.h, newsq/ingest.h): checked here so the
// message speaks of the flag rather than of the library's field.
template <typename T>
T in_range(const cxxopts::ParseResult& args, const std::string& name, const OptionRange& range, const char* note = "") {
  const T value = args[name].as<T>();
  if (!range.contains(value))
    throw UsageError(fmt::format("--{} must be {}..{}{}, not {}", name, range.min, range.max, note, value));
  return value;
}

void print_progress(const IngestProgress& p) {
  double mb = static_cast<double>(p.input_bytes) / 1e6;
  double rate = p.seconds > 0 ? static_cast<double>(p.articles) / p.seconds : 0;
  std::string eta = "?";
  if (p.total_bytes && p.input_bytes && p.seconds > 0) {
    double left = static_cast<double>(p.total_bytes - std::min(p.total_bytes, p.input_bytes));
    eta = duration(left / (static_cast<double>(p.input_bytes) / p.seconds));
  }
  fmt::print(stderr, "\r\x1b[K  {} articles  {:.0f} articles/s  {:.1f} MB/s  ETA {}", thousands(p.articles), rate,
             p.seconds > 0 ? mb / p.seconds : 0.0, eta);
}

}  // namespace

void add_ingest_options(cxxopts::Options& options) {
  options.add_options()("db", "index directory", cxxopts::value<std::string>())(
      "on-error", "skip: report bad records and go on; fail: stop at the first",
      cxxopts::value<std::string>()->default_value("skip"))(
      "format", "jsonl, csv or text (default: from the file name; stdin: sniffed)",
      cxxopts::value<std::string>()->default_value(""))("source",
                                                        "source of every article read (overrides the input's)",
                                                        cxxopts::value<std::string>()->default_value(""))(
      "max-record-bytes",
      fmt::format("reject records larger than this ({}..{})", kMaxRecordBytesRange.min, kMaxRecordBytesRange.max),
      cxxopts::value<std::uint64_t>()->default_value("8388608"))(
      "batch-size", fmt::format("articles per commit ({}..{})", kBatchSizeRange.min, kBatchSizeRange.max),
      cxxopts::value<std::uint32_t>()->default_value("5000"))(
      "threads",
      fmt::format("threads analysing articles ({}..{}; 0: one per core); several build a new or rebuilt "
                  "index in parallel",
                  kThreadsRange.min, kThreadsRange.max),
      cxxopts::value<unsigned>()->default_value("0"))(
      "shards",
      fmt::format("split a new index into this many shards, DIR/shard-0 ... ({}..{}; 0: as DIR is); later "
                  "runs find the shards themselves",
                  kShardsRange.min, kShardsRange.max),
      cxxopts::value<std::uint32_t>()->default_value("0"))(
      "wait", "if another job is writing to the index, wait for it instead of failing")(
      "gazetteer", "index the places articles mention with this gazetteer file (default: the one the index records)",
      cxxopts::value<std::string>()->default_value(""))("q,quiet", "print nothing but errors (for cron)")(
      "h,help", "show this help")("paths", "inputs", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"paths"});
  options.positional_help("PATH...");
}

int run_ingest(const cxxopts::ParseResult& args, const std::string& verb,
               const std::function<IngestReport(const IngestOptions&, const WriterOptions&)>& job) {
  if (!args.count("db")) throw UsageError("--db DIR is required");
  if (!args.count("paths")) throw UsageError("no input: give at least one PATH (or - for stdin)");
  std::string on_error = args["on-error"].as<std::string>();
  if (on_error != "skip" && on_error != "fail")
    throw UsageError("--on-error must be skip or fail, not '" + on_error + "'");
  std::string format = args["format"].as<std::string>();
  if (!format.empty() && format != "jsonl" && format != "csv" && format != "text")
    throw UsageError("--format must be jsonl, csv or text, not '" + format + "'");
  const auto max_record_bytes = in_range<std::uint64_t>(args, "max-record-bytes", kMaxRecordBytesRange);
  const auto batch_size = in_range<std::uint32_t>(args, "batch-size", kBatchSizeRange);
  const auto threads = in_range<unsigned>(args, "threads", kThreadsRange, " (0: one per core)");
  const auto shards = in_range<std::uint32_t>(args, "shards", kShardsRange, " (0: as DIR is)");

  const bool quiet = args.count("quiet") > 0;
  const bool progress = !quiet && is_terminal(stderr);

  IngestOptions options;
  options.on_error = on_error == "fail" ? OnError::fail : OnError::skip;
  options.format = format;
  options.source = args["source"].as<std::string>();
  options.max_record_bytes = max_record_bytes;
  std::uint64_t shown = 0;
  options.on_reject = [&](const Rejection& r) {
    if (progress) fmt::print(stderr, "\r\x1b[K");
    if (++shown <= kMaxRejectionsShown) fmt::print(stderr, "{}\n", r.message());
  };
  auto last_progress = std::chrono::steady_clock::now();
  if (progress)
    options.on_progress = [&](const IngestProgress& p) {
      auto now = std::chrono::steady_clock::now();
      if (now - last_progress < std::chrono::milliseconds(200)) return;
      last_progress = now;
      print_progress(p);
    };

  WriterOptions writer_options;
  writer_options.batch_size = batch_size;
  writer_options.wait_for_lock = args.count("wait") > 0;
  writer_options.threads = threads;
  writer_options.shards = shards;
  writer_options.gazetteer = args["gazetteer"].as<std::string>();
  options.on_unreadable = [&](const Rejection& r) {
    if (progress) fmt::print(stderr, "\r\x1b[K");
    fmt::print(stderr, "{}: {}\n", r.file, r.reason);  // Every one, never capped: each is a part of the archive missed.
  };

  IngestReport report;
  bool unreadable = false;
  try {
    report = job(options, writer_options);
  } catch (const UnreadableInputs& e) {
    report = e.report();
    unreadable = true;
  } catch (const InputError& e) {
    if (progress) fmt::print(stderr, "\r\x1b[K");
    if (e.line() == 0) throw;  // An input named that does not exist: nothing was read.
    // The record itself was already printed by on_reject; say what happened to the index.
    fmt::print(stderr, "newsq {}: stopped at {}:{} (--on-error=fail); {}\n", verb, e.file(), e.line(),
               verb == "rebuild" ? "the live index is unchanged" : "what was indexed before it is committed");
    return kExitData;
  }
  if (progress) fmt::print(stderr, "\r\x1b[K");
  if (shown > kMaxRejectionsShown)
    fmt::print(stderr, "... and {} more rejected records\n", thousands(shown - kMaxRejectionsShown));
  if (!quiet) {
    double mb = static_cast<double>(report.input_bytes) / 1e6;
    std::uint64_t read = report.added + report.updated + report.unchanged;
    fmt::print(stderr,
               "newsq {}: {} articles ({} added, {} updated, {} unchanged, {} deleted), {} rejected, {} unreadable; "
               "{:.1f} MB in {:.2f} s: {:.0f} articles/s, {:.1f} MB/s\n",
               verb, thousands(read), thousands(report.added), thousands(report.updated), thousands(report.unchanged),
               thousands(report.deleted), thousands(report.rejected), thousands(report.unreadable), mb, report.seconds,
               report.seconds > 0 ? static_cast<double>(read + report.rejected) / report.seconds : 0.0,
               report.seconds > 0 ? mb / report.seconds : 0.0);
  }
  // These lines are printed under --quiet too: each says the run did not do all it was asked.
  if (!report.deletion_refused.empty())
    fmt::print(stderr, "newsq {}: --delete-missing deleted nothing: {}\n", verb, report.deletion_refused);
  if (unreadable) {
    const char* kept = verb == "rebuild" ? "nothing was swapped in, the live index is unchanged"
                       : options.on_error == OnError::fail
                           ? "stopped there (--on-error=fail); what was indexed before is committed"
                           : "everything readable was indexed";
    fmt::print(stderr, "newsq {}: {} {} could not be read; {}\n", verb, thousands(report.unreadable),
               report.unreadable == 1 ? "input" : "inputs", kept);
    return kExitData;
  }
  if (!report.deletion_refused.empty()) return kExitData;
  return kExitOk;
}

}  // namespace newsq::cli
