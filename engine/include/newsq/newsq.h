// newsq/newsq.h: everything a program needs to build and search a newsq index.
//
//   newsq::IndexWriter writer("archive.db");
//   newsq::ingest(writer, {"articles.jsonl.gz"});
//   newsq::Searcher searcher("archive.db");
//   auto results = searcher.search({.query = "shelling kyiv", .from = "2022-03-01"});
#pragma once

#include "newsq/article.h"
#include "newsq/error.h"
#include "newsq/index_writer.h"
#include "newsq/ingest.h"
#include "newsq/maintenance.h"
#include "newsq/searcher.h"
#include "newsq/shards.h"
#include "newsq/understood_query.h"
#include "newsq/places.h"
#include "newsq/version.h"
