// newsq/maintenance.h: whole-index operations for scheduled jobs: rebuild from scratch beside the
// live index and swap it in, and compact. Both take the index's write lock, and both publish the
// result with one atomic rename: a searcher opening the index meanwhile sees the old index or the
// new one, never a mix or nothing. Killed midway, they leave the live index untouched, and the
// next writer removes what they left behind.
#pragma once

#include <string>
#include <vector>

#include "newsq/index_writer.h"
#include "newsq/ingest.h"

namespace newsq {

// Builds a fresh index of `inputs` (new analysis, new settings) and makes it the live index of
// `dir`, which is created if missing; older generations are removed. Throws like ingest(); on a
// throw the live index is unchanged.
IngestReport rebuild(const std::string& dir, const std::vector<std::string>& inputs,
                     const IngestOptions& options = {}, const WriterOptions& writer_options = {});

// Rewrites the live index of `dir` compactly (Xapian compaction) and swaps it in. Throws
// DatabaseError.
void compact(const std::string& dir, const WriterOptions& writer_options = {});

}  // namespace newsq
