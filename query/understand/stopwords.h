// query/understand/stopwords.h: English function words a query's text does not require. "the
// refugees" found 62 articles of RUWA where "refugees" finds 114, because every word of the text
// was required, "the" too; words left around what understanding claimed ("grain exports from",
// "refugees and") cut answers the same way. Like Xapian's QueryParser with a stopper, the builder
// (query_builder.h) leaves these words out of a query that has other words to require, and keeps
// them where they are all there is ("to be or not to be" in quotes is a phrase anyway), after a
// "+", in phrases, and written in capitals ("US", "IT", "WHO" are names).
#pragma once

#include <string_view>

#include "engine/common/word_set.h"

namespace newsq::query {

// Lower case. Not here, as they carry meaning in news queries: "no", "not", "nor", "against",
// "us", "who", "may", "will", "can", and numbers.
inline constexpr common::WordSet kStopwords{
    {"a",       "about",   "above",  "after",   "again",  "all",    "also",   "am",      "an",     "and",
     "any",     "are",     "as",     "at",      "be",     "because", "been",  "before",  "being",  "below",
     "between", "both",    "but",    "by",      "could",  "did",    "do",     "does",    "doing",  "down",
     "during",  "each",    "few",    "for",     "from",   "further", "had",   "has",     "have",   "having",
     "he",      "her",     "here",   "hers",    "him",    "his",    "how",    "i",       "if",     "in",
     "into",    "is",      "it",     "its",     "itself", "just",   "me",     "more",    "most",   "my",
     "of",      "off",     "on",     "once",    "only",   "onto",   "or",     "other",   "our",    "ours",
     "out",     "over",    "own",    "same",    "she",    "should", "so",     "some",    "such",   "than",
     "that",    "the",     "their",  "theirs",  "them",   "then",   "there",  "these",   "they",   "this",
     "those",   "through", "to",     "too",     "under",  "until",  "up",     "very",    "was",    "we",
     "were",    "what",    "when",   "where",   "which",  "while",  "whom",   "why",     "with",   "would",
     "you",     "your",    "yours"}};

}  // namespace newsq::query
