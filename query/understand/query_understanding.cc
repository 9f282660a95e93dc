// query/understand/query_understanding.cc: takes sources, a date and places out of the query text, in that
// order (a source name after "from" beats a date reading of the same words only when the source
// exists; a date reading beats a place: "in March" is a month, not March in Cambridgeshire).
#include "query/understand/query_understanding.h"

#include <algorithm>
#include <cctype>

#include "engine/index/schema.h"
#include "newsq/error.h"
#include "query/understand/date_expression.h"
#include "query/understand/query_limits.h"
#include "query/understand/text_locks.h"

namespace newsq::query {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool word_boundary(std::string_view s, std::size_t pos) {
  return pos >= s.size() || !std::isalnum(static_cast<unsigned char>(s[pos]));
}

// Removes [begin, end) and tidies the spaces left behind.
void cut(std::string& s, std::size_t begin, std::size_t end) {
  s.erase(begin, end - begin);
  std::string tidy;
  for (char c : s)
    if (!(c == ' ' && (tidy.empty() || tidy.back() == ' '))) tidy.push_back(c);
  while (!tidy.empty() && (tidy.back() == ' ' || tidy.back() == ',')) tidy.pop_back();
  s = tidy;
}

// "source:guardian", "source:\"Al Jazeera\"".
bool take_source_field(std::string& q, std::vector<std::string>& sources) {
  std::string l = lower(q);
  for (std::size_t pos = l.find("source:"); pos != std::string::npos; pos = l.find("source:", pos + 1)) {
    if (pos > 0 && !std::isspace(static_cast<unsigned char>(l[pos - 1]))) continue;
    std::size_t begin = pos + 7, end;
    std::string value;
    if (begin < q.size() && q[begin] == '"') {
      end = q.find('"', begin + 1);
      if (end == std::string::npos) end = q.size();
      value = q.substr(begin + 1, end - begin - 1);
      end = std::min(q.size(), end + 1);
    } else {
      end = q.find(' ', begin);
      if (end == std::string::npos) end = q.size();
      value = q.substr(begin, end - begin);
    }
    if (value.empty()) continue;
    sources.push_back(value);
    cut(q, pos, end);
    return true;
  }
  return false;
}

// "from <a known source>", longest source name first.
bool take_from_source(std::string& q, const std::vector<std::string>& known, std::vector<std::string>& sources) {
  std::vector<std::string> by_length = known;
  std::sort(by_length.begin(), by_length.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string l = lower(q);
  for (std::size_t pos = l.find("from "); pos != std::string::npos; pos = l.find("from ", pos + 1)) {
    if (pos > 0 && !std::isspace(static_cast<unsigned char>(l[pos - 1]))) continue;
    for (const auto& source : by_length) {
      if (source.empty()) continue;
      std::string name = lower(source);
      std::size_t at = pos + 5;
      if (l.compare(at, name.size(), name) == 0 && word_boundary(l, at + name.size())) {
        sources.push_back(source);
        cut(q, pos, at + name.size());
        return true;
      }
    }
  }
  return false;
}

}  // namespace

UnderstoodQuery understand_query(std::string_view query, long now, const std::vector<std::string>& known_sources,
                                 QueryBuilder& builder, const PlaceLookup& places) {
  check_query_text(query);
  UnderstoodQuery u;
  // A query is one line: control bytes are spaces (this also keeps them free for TextLocks).
  std::string line(query);
  for (char& c : line)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  // The stages work on the masked text: what the query's operators bind is never taken out.
  const TextLocks locks(line);
  std::string rest = locks.masked();
  while (take_source_field(rest, u.sources)) {}
  while (take_from_source(rest, known_sources, u.sources)) {}
  // A date or place that would read on into words an operator binds is left whole, as text.
  auto reads_on = [&](std::size_t begin, std::size_t end, const auto& reads) {
    const auto n = locks.binding_neighbours(rest, begin, end);
    const std::string claim = rest.substr(begin, end - begin);
    return (!n.before.empty() && reads(n.before + " " + claim)) || (!n.after.empty() && reads(claim + " " + n.after));
  };
  auto date_reads = [&](const std::string& words) { return parse_date_phrase(words, now).has_value(); };
  auto place_reads = [&](const std::string& words) {
    PlaceMatch m;
    return places && places(words, m);
  };
  if (auto date = find_date_expression(rest, now); date && !reads_on(date->begin, date->end, date_reads)) {
    u.date_text = date->text;
    if (date->range.from) u.from = schema::day_string(*date->range.from);
    if (date->range.to) u.to = schema::day_string(*date->range.to);
    cut(rest, date->begin, date->end);
  }
  PlaceClaims claims;
  claims.bare_names = !locks.has_operators();
  claims.refused = [&](std::size_t begin, std::size_t end) { return reads_on(begin, end, place_reads); };
  u.places = take_places(rest, places, claims);
  rest = locks.unmask(rest);
  std::size_t first = rest.find_first_not_of(' ');
  u.text = first == std::string::npos ? "" : rest.substr(first);
  TextQuery text = builder.build(u.text);
  u.terms = std::move(text.terms);
  u.synonyms = std::move(text.synonyms);
  return u;
}

}  // namespace newsq::query

namespace newsq {

const char* mode_name(UnderstoodPlace::Mode mode) {
  switch (mode) {
    case UnderstoodPlace::Mode::near:
      return "near";
    case UnderstoodPlace::Mode::in:
      return "in";
    case UnderstoodPlace::Mode::prefer:
      return "prefer";
  }
  return "prefer";
}

}  // namespace newsq
