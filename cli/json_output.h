// cli/json_output.h: the JSON the CLI prints and `newsq serve` answers. Field names are a
// contract: later versions add fields, never rename these. Search answers, understood queries and
// articles are written as text (cli/json_text.h: they are large or frequent); stats and place
// completions, small, as nlohmann::json trees that a command may extend.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "cli/json_text.h"

#include "newsq/searcher.h"
#include "newsq/understood_query.h"

namespace newsq::cli {

// {"text","terms","synonyms","date":{"from","to"},"places","sources","spans"}; "date" absent
// without one, "from"/"to" absent for open ends; "date_not_understood" when there are such words.
void write_understood(JsonText& out, const UnderstoodQuery& u);
std::string understood_json(const UnderstoodQuery& u);

// {"total","hits":[{"id","date","source","title","url","score","snippet","similar","places"}],"facets":{...}},
// location facet values add "id","level", and "lat","lon","country","region" when known; then
// `understood` as "understood" and, under its first name, "query": `newsq search --json`'s
// object, which GET /api/search answers too.
std::string search_json(const SearchResults& r, const UnderstoodQuery& understood);

// [{"id","name","level","lat","lon","count"}]: an article's places ("lat","lon" when known).
void write_places(JsonText& out, const std::vector<HitPlace>& places);

// {"id","date","source","title","url","text","places"}
std::string article_json(const StoredArticle& a);

// An nlohmann::json tree as the text every command and `newsq serve` print: compact, UTF-8 as it is,
// invalid UTF-8 replaced by U+FFFD (what JsonText writes too).
std::string dump_json(const nlohmann::json& j);

// {"places":[{"name","id","level","country","count"}]} ("country" absent when none).
nlohmann::json place_names_json(const std::vector<PlaceSuggestion>& found);

// {"articles","terms","first_date","last_date","disk_bytes","sources":{name: count}}
nlohmann::json stats_json(const IndexStats& s);

}  // namespace newsq::cli
