// engine/index/stored_article.cc: simdjson's on-demand parser over a document's stored data.
#include "engine/index/stored_article.h"

#include <simdjson.h>

#include <string_view>

#include "engine/index/schema.h"

namespace newsq::query {
namespace {

namespace od = simdjson::ondemand;

template <typename T>
void read_string(T&& value, std::string& out) {
  std::string_view s;
  if (!value.get_string().get(s)) out.assign(s);
}

void read_place(od::object object, HitPlace& place) {
  bool has_lat = false, has_lon = false;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    od::value value;
    if (field.value().get(value)) return;
    if (key == "id") {
      if (value.get_uint64().get(place.id)) place.id = 0;
    } else if (key == "name")
      read_string(value, place.name);
    else if (key == "level")
      read_string(value, place.level);
    else if (key == "lat")
      has_lat = !value.get_double().get(place.lat);
    else if (key == "lon")
      has_lon = !value.get_double().get(place.lon);
    else if (key == "count") {
      std::uint64_t n = 0;
      if (!value.get_uint64().get(n)) place.mentions = static_cast<std::uint32_t>(n);
    }
  }
  place.has_coordinates = has_lat && has_lon;
}

}  // namespace

struct StoredArticleReader::Impl {
  od::parser parser;
};

StoredArticleReader::StoredArticleReader() : impl_(std::make_unique<Impl>()) {}
StoredArticleReader::~StoredArticleReader() = default;

StoredArticle StoredArticleReader::read(std::string data) {
  StoredArticle out;
  const std::size_t length = data.size();
  data.resize(length + simdjson::SIMDJSON_PADDING);  // simdjson reads a little past the end.
  od::document doc;
  if (impl_->parser.iterate(simdjson::padded_string_view(data.data(), length, data.size())).get(doc)) return out;
  od::object object;
  if (doc.get_object().get(object)) return out;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) break;
    od::value value;
    if (field.value().get(value)) break;
    if (key == schema::kFieldId)
      read_string(value, out.id);
    else if (key == schema::kFieldDate)
      read_string(value, out.date);
    else if (key == schema::kFieldSource)
      read_string(value, out.source);
    else if (key == schema::kFieldTitle)
      read_string(value, out.title);
    else if (key == schema::kFieldUrl)
      read_string(value, out.url);
    else if (key == schema::kFieldText)
      read_string(value, out.text);
    else if (key == schema::kFieldPlaces) {
      od::array places;
      if (value.get_array().get(places)) continue;
      for (auto element : places) {
        od::object place;
        if (element.get_object().get(place)) break;
        read_place(place, out.places.emplace_back());
      }
    }
  }
  return out;
}

}  // namespace newsq::query
