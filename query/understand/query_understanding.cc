// query/understand/query_understanding.cc: takes sources, a date and places out of the query text, in that
// order (a source name after "from" beats a date reading of the same words only when the source
// exists; a date reading beats a place: "in March" is a month, not March in Cambridgeshire).
#include "query/understand/query_understanding.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "engine/index/schema.h"
#include "engine/common/word_set.h"
#include "indexer/places/organisation_names.h"
#include "newsq/error.h"
#include "query/understand/date_expression.h"
#include "query/understand/date_run.h"
#include "query/understand/query_limits.h"
#include "query/understand/query_stream.h"
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

struct SourceClaim {
  std::size_t begin = 0, end = 0;
  std::string source;
};

// "source:guardian", "source:\"Al Jazeera\"".
std::optional<SourceClaim> source_field(const std::string& q, const TextLocks& locks) {
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
    // source:"Al Jazeera" is a locked phrase, so its value arrives as a placeholder.
    if (holds_lock_placeholder(value)) {
      value = locks.unmask(value);
      if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - (value.back() == '"' ? 2 : 1));
    }
    if (value.empty()) continue;
    return SourceClaim{pos, end, value};
  }
  return std::nullopt;
}

// What starts a source claim by name: "from <a known source>".
constexpr std::string_view kFrom = "from ";

// Outlets named by an everyday word: typed in lower case after "from", the word is just the word
// ("from time to time", "escaped from independent ...").
constexpr common::WordSet kEverydayOutletWords{{"times", "mirror", "independent", "guardian", "express",
                                                "telegraph", "observer", "herald", "nation", "economist",
                                                "spectator", "daily", "journal", "globe", "tribune",
                                                "standard", "record", "courier", "monitor", "review"}};

// The letters and digits of `s`, lower case.
std::string alnum_key(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

}  // namespace

std::string outlet_key(std::string_view source) {
  std::string l = lower(source);
  if (l.find('.') != std::string::npos && l.find(' ') == std::string::npos) {
    // A domain: its first label after the usual host prefixes ("www.", "en.", "m."), which is the
    // outlet's name before its top-level part ("bbc.co.uk", "en.news-front.info").
    std::string_view rest(l);
    for (std::string_view prefix : {"www.", "en.", "m.", "mobile.", "amp."})
      if (rest.starts_with(prefix) && rest.find('.', prefix.size()) != std::string_view::npos) rest.remove_prefix(prefix.size());
    return alnum_key(rest.substr(0, rest.find('.')));
  }
  if (l.starts_with("the ")) l.erase(0, 4);
  return alnum_key(l);
}

namespace {

// "from <a known source>", longest source name first; then "from <an outlet's everyday name>":
// "from Al Jazeera" for aljazeera.com, "from the BBC" for bbc.co.uk (outlet_key). An everyday name
// typed in lower case counts only if it is no everyday word ("from reuters", not "from time to
// time" where time.com is a source, kEverydayOutletWords).
// A known source as "from" claims look it up: its name in lower case and its outlet key, made
// once per query rather than at every "from" and every word count tried.
struct KnownSource {
  std::string name, lower_name, outlet;
};

// `sources`: longest name first.
std::optional<SourceClaim> from_source(const std::string& q, const std::vector<KnownSource>& sources) {
  std::string l = lower(q);
  for (std::size_t pos = l.find(kFrom); pos != std::string::npos; pos = l.find(kFrom, pos + 1)) {
    if (pos > 0 && !std::isspace(static_cast<unsigned char>(l[pos - 1]))) continue;
    const std::size_t at = pos + kFrom.size();
    for (const auto& source : sources) {
      const std::string& name = source.lower_name;
      if (name.empty()) continue;
      if (l.compare(at, name.size(), name) == 0 && word_boundary(l, at + name.size()))
        return SourceClaim{pos, at + name.size(), source.name};
    }
    // One to four words after "from" (and "the"), longest first.
    std::vector<std::size_t> ends;  // Where each word ends.
    std::size_t k = at;
    if (l.compare(k, 4, "the ") == 0) k += 4;
    const std::size_t first = k;
    while (ends.size() < 4 && k < l.size() && !std::isspace(static_cast<unsigned char>(l[k]))) {
      while (k < l.size() && !std::isspace(static_cast<unsigned char>(l[k]))) ++k;
      std::size_t end = k;
      while (end > first && std::ispunct(static_cast<unsigned char>(l[end - 1])) && l[end - 1] != '.') --end;
      ends.push_back(end);
      if (end < k) break;  // Punctuation ends the name ("from Reuters, in March").
      while (k < l.size() && l[k] == ' ') ++k;
    }
    const bool capital = first < q.size() && std::isupper(static_cast<unsigned char>(q[first]));
    for (auto end = ends.rbegin(); end != ends.rend(); ++end) {
      const std::string typed = alnum_key(std::string_view(q).substr(first, *end - first));
      if (typed.size() < 2) continue;
      if (!capital && (typed.size() < 5 || kEverydayOutletWords.contains(typed))) continue;
      for (const auto& source : sources)
        if (source.outlet == typed) return SourceClaim{pos, *end, source.name};
    }
  }
  return std::nullopt;
}

// A query is one line: control bytes are spaces (this also keeps them free for TextLocks).
std::string one_line(std::string_view query) {
  std::string line(query);
  for (char& c : line)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return line;
}

}  // namespace

bool may_name_known_source(std::string_view query) {
  // What from_source() searches is this line with some spans claimed: it can only find "from "
  // where the whole line has it.
  return lower(one_line(query)).find(kFrom) != std::string::npos;
}

UnderstoodQuery understand_query(std::string_view query, long now, const std::vector<std::string>& known_sources,
                                 QueryBuilder& builder, const PlaceLookup& places) {
  check_query_text(query);
  UnderstoodQuery u;
  const std::string line = one_line(query);
  // One stream for all stages: each claims whole spans of what the stages before it left.
  QueryStream stream(line);
  const TextLocks& locks = stream.locks();
  while (auto s = source_field(stream.view(), locks)) {
    u.sources.push_back(s->source);
    stream.claim(s->begin, s->end, "source");
  }
  std::vector<std::string> by_length = known_sources;
  std::sort(by_length.begin(), by_length.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::vector<KnownSource> sources;
  for (auto& name : by_length) sources.push_back({name, lower(name), outlet_key(name)});
  while (auto s = from_source(stream.view(), sources)) {
    u.sources.push_back(s->source);
    stream.claim(s->begin, s->end, "source");
  }
  // A date or place that would read on into words an operator binds is left whole, as text.
  auto reads_on = [&](std::size_t begin, std::size_t end, const auto& reads) {
    const auto n = locks.binding_neighbours(stream.view(), begin, end);
    const std::string claim = stream.view().substr(begin, end - begin);
    return (!n.before.empty() && reads(n.before + " " + claim)) || (!n.after.empty() && reads(claim + " " + n.after));
  };
  auto date_reads = [&](const std::string& words) { return parse_date_phrase(words, now).has_value(); };
  auto place_reads = [&](const std::string& words) {
    PlaceMatch m;
    return places && places(words, m);
  };
  // A date is read whole or not at all: with date words left around what the reader read, no date
  // is taken and the words are reported (date_run.h).
  auto date = find_date_expression(stream.view(), now);
  std::optional<std::pair<std::size_t, std::size_t>> read;
  if (date) read = std::make_pair(date->begin, date->end);
  const std::optional<DateRun> unread = unread_date_run(stream.view(), read);
  if (unread) {
    u.date_not_understood = unread->text;
    date.reset();
  }
  if (date && !reads_on(date->begin, date->end, date_reads)) {
    u.date_text = date->text;
    if (date->range.from) u.from = schema::day_string(*date->range.from);
    if (date->range.to) u.to = schema::day_string(*date->range.to);
    stream.claim(date->begin, date->end, "date");
  }
  PlaceClaims claims;
  claims.bare_names = !locks.has_operators();
  // Words reported as a date not understood stay text for every stage: "not in March" is no
  // search in March, nor in the town of March.
  // So do the words of an organisation named for a place ("Real Madrid", corpus/organisations.txt).
  claims.refused = [&](std::size_t begin, std::size_t end) {
    return (unread && begin < unread->end && unread->begin < end) || reads_on(begin, end, place_reads) ||
           places::OrganisationNames::builtin().covers_text(stream.view(), begin, end);
  };
  for (auto& found : find_places(stream.view(), places, claims)) {
    stream.claim(found.begin, found.end, "place");
    u.places.push_back(std::move(found.place));
  }
  u.text = stream.rest();
  u.spans = stream.spans();
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
