// query/collect/snippet.h: the passage of an article shown under a hit: the window of text holding the
// most distinct query words, cut at word boundaries, with those words marked.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include "indexer/analysis/text_analyzer.h"

namespace newsq::query {

// Returns about `length` bytes of `text` (more only to finish a word), with every word whose stem is
// in `stems` or whose normalised form is in `words` wrapped in kHighlightStart/kHighlightEnd.
// "..." marks text cut at either end. Without any match it is the start of the text.
std::string make_snippet(std::string_view text, analysis::TextAnalyzer& analyzer, const std::set<std::string>& stems,
                         const std::set<std::string>& words, std::size_t length);

}  // namespace newsq::query
