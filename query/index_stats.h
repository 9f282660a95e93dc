// query/index_stats.h: what `newsq stats` shows of an index: articles, distinct terms, the date
// span, articles per source and the live generation's size on disk.
#pragma once

#include "newsq/searcher.h"
#include "query/index_view.h"

namespace newsq::query {

// Of what `index` shows now (no refresh). Throws Xapian errors.
IndexStats index_stats(const IndexView& index);

}  // namespace newsq::query
