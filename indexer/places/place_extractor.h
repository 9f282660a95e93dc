// indexer/places/place_extractor.h: finds the places an article mentions, from the tokens the
// TextAnalyzer already produced for indexing (no second tokenisation).
//
// Matching: at each word, one hash probe tells whether a gazetteer name starts there and how
// many words it can have; the longest name that matches wins ("Sea of Azov" over "Azov", "Donetsk
// Oblast" over "Donetsk"). Names may not span sentence punctuation. Cyrillic and Latin spellings
// meet because the gazetteer indexes every alternate name (Київ, Киев, Kiev, Kyiv -> one place),
// and a Cyrillic word it does not know is looked up again romanised by ICU (BGN/PCGN, Ukrainian
// then Russian: "Бахмут" -> "bakhmut"), for places GeoNames names only in Latin letters.
//
// Adjectives and demonyms ("Russian troops", "the Ukrainians", "Texans"; corpus/demonyms.tsv) are
// gazetteer names flagged as such: matched the same way (capitalised only; the longest name still
// wins: "British Columbia"), they become mentions of kind adjective or demonym and give the article
// their place.
//
// Disambiguation, per article: every candidate gets a prior from its level and population
// (countries, regions, seas, capitals and regional centres first); candidates in a country or
// region the article's other places lie in gain; a qualifier ("Paris, Texas", "Oleksandrivka in the
// Mykolaiv region") decides; among small places only, the archive prior (archive_prior.h) weighs in.
// Rejection: a name must be capitalised in the text (except in Title Case headlines and caseless
// scripts); a name that is also a common English word ("March", "Bar", "Mobile", "Reading",
// "Split", "Nice") needs place context ("in/near/at/from ... X", "X, <region or country>"); a name
// right after a capitalised word ("Kamala Harris") or before an outlet word ("Washington Post")
// is a person's or organisation's; a small place needs context or a supporting country.
// Measured against hand labels (tests/data/place_labels.tsv, `make -f Makefile.bench places`), these
// also hold: months, weekdays and direction adjectives ("in March", "Western media") need a
// qualifier; a name met as part of a person's name ("Merrick Garland") is that person everywhere in
// the article, and so is its hyphenated partner ("Thomas-Greenfield"); a town followed by "County"
// names the district; a lower-case-surrounded acronym ("NATO") and "US" in a line of capitals are
// not towns; a town matched by one of its other names ("Swatów", "Tape") needs a supporting place;
// in Title Case headlines "In"/"To" is no context for a small place; a list of names before
// "regions" or after "regions of" names the regions ("the Kherson and Zaporizhzhia regions");
// words glued by a full stop without a space ("Germany.The") are split before matching; region
// abbreviations ("Calif.", "N.Y.", "NSW", "(D-Ky.)") are spelled out and name the region (those
// that are also words only after a place they contain), and "St."/"Mt."/"Ft." stay inside names
// (place_abbreviations.h); an acronym or a possessive before a name makes no person's name
// ("CBC Toronto"); a town's code among lower-case words is an organisation's acronym ("DOH"); a
// dateline ("BANTAM (AP) —", "KHARKIV, Ukraine —") is a place even when small, and its country
// and region count twice among the votes.
//
// The parts: place_lexicon.h (word lists), place_abbreviations.h, place_text.h (shapes of words and gaps),
// place_features.h (occurrences and their context), place_scoring.h (priors),
// place_disambiguation.h (the decisions), place_resolver.h (lone names, for queries).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "indexer/analysis/text_analyzer.h"
#include "indexer/places/gazetteer.h"

namespace newsq::places {

class PlaceCache;  // place_cache.h
struct NameSpan;   // place_features.h

// How a mention names its place: by one of its names ("Russia"), by an adjective ("Russian troops")
// or by a noun for its people, a demonym ("the Ukrainians", "Texans"; corpus/demonyms.tsv). All
// count as the article's places. Ordered: a place takes its mentions' first kind in this order.
enum class MentionKind : std::uint8_t { name = 0, adjective = 1, demonym = 2 };
std::string_view mention_kind_name(MentionKind kind);  // "name", "adjective", "demonym".

// One accepted or rejected name occurrence.
struct Mention {
  std::uint32_t field = 0;           // Index of the add_field() call it came from (0 = first).
  std::uint32_t begin = 0, end = 0;  // Byte range in that field's text.
  std::string text;                  // The words as written.
  std::uint32_t place = 0;           // The chosen place (0 if rejected).
  MentionKind kind = MentionKind::name;
  bool accepted = false;
  std::string reason;  // Why chosen or rejected, for `newsq places` and evaluation.
};

// A place of the article, with how often it was mentioned.
struct FoundPlace {
  Place place;
  std::uint32_t mentions = 0;
  std::uint32_t first_field = 0, first_begin = 0;  // Where it first occurs.
  std::string reason;                              // Of its first accepted mention.
  // `name` if any accepted mention names it, else `adjective` if one is an adjective ("Russian
  // troops"), else `demonym` ("the Russians"): such an article still has the place (location
  // facet, "in Russia").
  MentionKind kind = MentionKind::demonym;
};

struct Extraction {
  std::vector<FoundPlace> places;  // In order of first occurrence.
  std::vector<Mention> mentions;   // Every candidate occurrence, accepted or not, in text order.
  // The countries and regions the article names unambiguously, sorted and distinct: those of each
  // accepted mention whose every candidate lies in them ("Ukraine", "Kharkiv", "Russian troops"), or
  // that a qualifier or a dateline places ("Paris, Texas"). What the archive prior counts
  // (archive_prior.h).
  std::vector<std::uint32_t> areas;
};

class ArchivePrior;  // archive_prior.h

// Not thread-safe (keeps scratch state); cheap to create. The gazetteer must outlive it.
class PlaceExtractor {
 public:
  explicit PlaceExtractor(const Gazetteer& gazetteer);
  ~PlaceExtractor();
  PlaceExtractor(const PlaceExtractor&) = delete;
  PlaceExtractor& operator=(const PlaceExtractor&) = delete;

  // Adds one field of the article: its text and the tokens TextAnalyzer made of exactly that
  // text. `headline`: a title (Title Case capitals then carry no information).
  void add_field(std::string_view text, std::span<const analysis::Token> tokens, bool headline);

  // With explanations (the default), every mention carries its words and a reason; indexing turns
  // them off, and rejected mentions then carry only their offsets.
  void set_explain(bool explain) { explain_ = explain; }

  // The archive prior (archive_prior.h) that ambiguous names are weighed with, or null for none
  // (the default). Not owned: it must outlive the extractor or the next set_prior().
  void set_prior(const ArchivePrior* prior) { prior_ = prior; }

  // Disambiguates everything added since the last finish() and starts afresh.
  Extraction finish();

  // Convenience: one text, analysed here.
  Extraction extract(std::string_view text, analysis::TextAnalyzer& analyzer);

  // The static members below are resolve_name (place_resolver.h), name_key (name_key.h) and
  // lexicon::common_word (place_lexicon.h), kept here for existing callers.

  // The best place called `name` ("Kharkiv", "Paris, Texas", or a numeric id): the candidate a
  // lone mention would get. False if the gazetteer knows no such name.
  // With a qualifier, `qualified` (if given) says whether the place chosen lies in it.
  static bool resolve(const Gazetteer& gazetteer, std::string_view name, analysis::TextAnalyzer& analyzer, Place& out,
                      bool* qualified = nullptr);
  // The same with the keys of the name and its qualifier made by `key_of` (name_key, remembered).
  static bool resolve(const Gazetteer& gazetteer, std::string_view name,
                      const std::function<std::string(std::string_view)>& key_of, Place& out,
                      bool* qualified = nullptr);

  // The gazetteer's key for a name as written: its analysed terms joined by one space.
  static std::string name_key(std::string_view name, analysis::TextAnalyzer& analyzer);

  // True if `key` (normalised terms joined by one space) is a place name that is also an everyday
  // word or a person's name ("march", "nice", "harris"): a place only where context says so.
  static bool is_common_word(std::string_view key);

 private:
  std::unique_ptr<PlaceCache> places_;
  std::vector<NameSpan> spans_;     // The article's name occurrences so far (place_features.h).
  std::vector<std::string> texts_;  // Copies of the fields' texts, for the mentions' words.
  std::uint32_t fields_ = 0;
  bool explain_ = true;
  const ArchivePrior* prior_ = nullptr;
};

}  // namespace newsq::places
