// indexer/places/archive_prior.cc: counting, weighing and storing the archive prior.
#include "indexer/places/archive_prior.h"

#include <charconv>
#include <stdexcept>

namespace newsq::places {
namespace {
constexpr std::string_view kHeader = "newsq-places-prior 1";

std::uint64_t number(std::string_view word, std::string_view line) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
  if (ec != std::errc() || end != word.data() + word.size())
    throw std::invalid_argument("places prior: bad line \"" + std::string(line) + "\"");
  return n;
}
}  // namespace

void ArchivePrior::count(const Extraction& article) {
  if (article.areas.empty()) return;
  ++articles_;
  for (std::uint32_t area : article.areas) ++count_[area];
}

std::map<std::uint32_t, std::uint64_t> ArchivePrior::areas() const {
  std::map<std::uint32_t, std::uint64_t> kept;
  for (const auto& [area, n] : count_)
    if (static_cast<double>(n) >= kMinShare * static_cast<double>(articles_)) kept.emplace(area, n);
  return kept;
}

double ArchivePrior::share(std::uint32_t area) const {
  if (!area || articles_ == 0) return 0;
  auto it = count_.find(area);
  if (it == count_.end()) return 0;
  const double s = static_cast<double>(it->second) / static_cast<double>(articles_);
  return s >= kMinShare ? s : 0;
}

double ArchivePrior::bonus(const Place& p) const {
  if (empty()) return 0;
  const std::uint32_t country = p.level == Level::country ? p.id : p.country;
  const std::uint32_t region = p.level == Level::region ? p.id : p.region;
  return kWeight * (share(country) + share(region));
}

std::string ArchivePrior::serialise() const {
  if (empty()) return {};
  std::string out(kHeader);
  out += "\narticles " + std::to_string(articles_) + "\n";
  for (const auto& [area, n] : areas()) out += std::to_string(area) + " " + std::to_string(n) + "\n";
  return out;
}

ArchivePrior ArchivePrior::parse(std::string_view text) {
  ArchivePrior prior;
  if (text.empty()) return prior;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    const auto space = line.find(' ');
    if (line_no++ == 0) {
      if (line != kHeader) throw std::invalid_argument("places prior: expected \"" + std::string(kHeader) + "\"");
      continue;
    }
    if (space == std::string_view::npos)
      throw std::invalid_argument("places prior: bad line \"" + std::string(line) + "\"");
    const std::string_view first = line.substr(0, space), second = line.substr(space + 1);
    if (line_no == 2) {
      if (first != "articles") throw std::invalid_argument("places prior: expected the article count");
      prior.articles_ = number(second, line);
    } else {
      prior.count_[static_cast<std::uint32_t>(number(first, line))] = number(second, line);
    }
  }
  return prior;
}

}  // namespace newsq::places
