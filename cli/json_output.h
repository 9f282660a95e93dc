// cli/json_output.h: the JSON the CLI prints. Field names are a contract: later versions add
// fields, never rename these.
#pragma once

#include <nlohmann/json.hpp>

#include "newsq/searcher.h"
#include "newsq/understood_query.h"

namespace newsq::cli {

// {"text","terms","synonyms","date":{"from","to"},"places","sources"}; "date" absent without one,
// "from"/"to" absent for open ends.
nlohmann::json understood_json(const UnderstoodQuery& u);

// {"total","hits":[{"id","date","source","title","url","score","snippet","similar","places"}],"facets":{...}};
// location facet values add "id","level", and "lat","lon","country","region" when known.
nlohmann::json results_json(const SearchResults& r);

// [{"id","name","level","lat","lon","count"}]: an article's places ("lat","lon" when known).
nlohmann::json places_json(const std::vector<HitPlace>& places);

// {"id","date","source","title","url","text","places"}
nlohmann::json article_json(const StoredArticle& a);

// {"places":[{"name","id","level","country","count"}]} ("country" absent when none).
nlohmann::json place_names_json(const std::vector<PlaceSuggestion>& found);

// {"articles","terms","first_date","last_date","disk_bytes","sources":{name: count}}
nlohmann::json stats_json(const IndexStats& s);

}  // namespace newsq::cli
