// indexer/places/gazetteer.cc: loading the gazetteer file and looking places and names up in it.
#include "indexer/places/gazetteer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "indexer/places/gazetteer_format.h"
#include "newsq/error.h"

namespace newsq::places {

std::string_view level_name(Level level) {
  switch (level) {
    case Level::country: return "country";
    case Level::region: return "region";
    case Level::city: return "city";
    case Level::sea: return "sea";
  }
  return "city";
}

namespace {

template <typename T>
const T* section(const char* base, std::uint64_t off) {
  return reinterpret_cast<const T*>(base + off);
}

// Checks every record against the sections the header gives, so that at(), find(), lookup() and
// probe() can follow the file's offsets without checks of their own: a damaged or hostile file is
// refused here with a clear message instead of making a later lookup read outside the mapping or
// probe a full hash table forever (both found by tests/fuzz/gazetteer_fuzz.cc). The header's own
// sections are already known to lie inside the file. This reads the place and name records and
// the hash table once (not the strings): linear, and a small part of the file.
void validate_records(const char* base, const GazetteerHeader& h, const std::string& origin) {
  auto corrupt = [&](const std::string& what) {
    return Error(origin + ": gazetteer file is truncated or corrupt (" + what + "); rebuild it with 'newsq gazetteer build'");
  };
  auto inside = [&](StringRef s) { return s.off <= h.strings_size && s.len <= h.strings_size - s.off; };
  const auto* places = section<PlaceRecord>(base, h.places_off);
  for (std::uint32_t i = 0; i < h.n_places; ++i) {
    const PlaceRecord& r = places[i];
    if (!inside(r.name) || !inside(r.country_code) || !inside(r.admin1) || !inside(r.feature) ||
        !inside(r.alternate_names))
      throw corrupt("place " + std::to_string(i) + " has a string outside the string section");
    if (r.level > static_cast<std::uint8_t>(Level::sea)) throw corrupt("place " + std::to_string(i) + " has an unknown level");
    // find() is a binary search: it needs the order the builder writes.
    if (i > 0 && places[i - 1].id >= r.id) throw corrupt("places are not in order of id");
    // NaN or an infinity would reach the distance arithmetic of 'near' filters and facets.
    if (r.has_coordinates && !(r.lat >= -90 && r.lat <= 90 && r.lon >= -180 && r.lon <= 180))
      throw corrupt("place " + std::to_string(i) + " has coordinates outside the globe");
  }
  const auto* names = section<NameRecord>(base, h.names_off);
  for (std::uint32_t i = 0; i < h.n_names; ++i) {
    const NameRecord& r = names[i];
    if (!inside(r.key)) throw corrupt("name " + std::to_string(i) + " has a key outside the string section");
    if (r.ids_off > h.n_ids || r.ids_count > h.n_ids - r.ids_off)
      throw corrupt("name " + std::to_string(i) + " has ids outside the id section");
  }
  // find_name() probes until it meets an empty slot: a table without one would never end for a
  // name that is not in it, and a slot may only name an existing record.
  const auto* table = section<std::uint32_t>(base, h.table_off);
  bool has_empty = false;
  for (std::uint32_t slot = 0; slot < h.table_size; ++slot) {
    if (table[slot] == 0) has_empty = true;
    else if (table[slot] > h.n_names) throw corrupt("name table slot " + std::to_string(slot) + " names no record");
  }
  if (!has_empty) throw corrupt("name table has no empty slot");
}

}  // namespace

std::shared_ptr<const Gazetteer> Gazetteer::load(const std::string& path) {
  // Mapped, not read: a search from the command line touches a few pages of a file of tens of
  // megabytes. `gazetteer build` replaces a file by renaming a new one over it, so the mapping
  // keeps the old contents valid.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(path + ": cannot open the gazetteer (build one with 'newsq gazetteer build')");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Error(path + ": cannot read the gazetteer");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) {  // mmap(2) takes no empty file.
    ::close(fd);
    throw Error(path + ": not a newsq gazetteer file");
  }
  void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) throw Error(path + ": cannot read the gazetteer");
  std::shared_ptr<const std::uint64_t> storage(static_cast<const std::uint64_t*>(mapped),
                                               [size](const std::uint64_t* p) { ::munmap(const_cast<std::uint64_t*>(p), size); });
  return adopt(std::move(storage), size, path);
}

std::shared_ptr<const Gazetteer> Gazetteer::from_bytes(std::string bytes, const std::string& origin) {
  std::shared_ptr<std::uint64_t[]> storage(new std::uint64_t[(bytes.size() + 7) / 8]);
  std::memcpy(storage.get(), bytes.data(), bytes.size());
  return adopt(std::shared_ptr<const std::uint64_t>(storage, storage.get()), bytes.size(), origin);
}

std::shared_ptr<const Gazetteer> Gazetteer::adopt(std::shared_ptr<const std::uint64_t> storage, std::size_t size,
                                                  const std::string& origin) {
  std::shared_ptr<Gazetteer> g(new Gazetteer());
  g->origin_ = origin;
  g->bytes_ = size;
  g->storage_ = std::move(storage);
  if (size < sizeof(GazetteerHeader) || std::memcmp(g->storage_.get(), kGazetteerMagic, 8) != 0)
    throw Error(origin + ": not a newsq gazetteer file");
  const char* base = reinterpret_cast<const char*>(g->storage_.get());
  const auto* h = section<GazetteerHeader>(base, 0);
  if (h->endian_check != kEndianCheck) throw Error(origin + ": gazetteer written on a machine of other byte order");
  if (h->version != kGazetteerVersion)
    throw Error(origin + ": gazetteer format version " + std::to_string(h->version) + ", this newsq reads version " +
                std::to_string(kGazetteerVersion) + ": rebuild it with 'newsq gazetteer build'");
  const std::uint64_t n = size;
  auto fits = [&](std::uint64_t off, std::uint64_t len) { return off <= n && len <= n - off && off % 8 == 0; };
  if (h->file_size != n || !fits(h->places_off, std::uint64_t{h->n_places} * sizeof(PlaceRecord)) ||
      !fits(h->names_off, std::uint64_t{h->n_names} * sizeof(NameRecord)) || !fits(h->ids_off, std::uint64_t{h->n_ids} * 4) ||
      !fits(h->table_off, std::uint64_t{h->table_size} * 4) || h->strings_off > n || h->strings_size > n - h->strings_off ||
      (h->table_size & (h->table_size - 1)) != 0 || h->table_size == 0)
    throw Error(origin + ": gazetteer file is truncated or corrupt");
  validate_records(base, *h, origin);
  g->header_ = h;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h->checksum));
  g->checksum_ = hex;
  return g;
}

std::size_t Gazetteer::size() const { return header_->n_places; }

Place Gazetteer::at(std::size_t index) const {
  const char* base = reinterpret_cast<const char*>(storage_.get());
  const auto& r = section<PlaceRecord>(base, header_->places_off)[index];
  const char* strings = base + header_->strings_off;
  auto str = [&](StringRef s) { return std::string_view(strings + s.off, s.len); };
  Place p;
  p.id = r.id;
  p.level = static_cast<Level>(r.level);
  p.region = r.region;
  p.country = r.country;
  p.has_coordinates = r.has_coordinates != 0;
  p.lat = r.lat;
  p.lon = r.lon;
  p.population = r.population;
  p.name = str(r.name);
  p.country_code = str(r.country_code);
  p.admin1 = str(r.admin1);
  p.feature = str(r.feature);
  p.alternate_names = str(r.alternate_names);
  return p;
}

bool Gazetteer::find(std::uint32_t id, Place& out) const {
  const char* base = reinterpret_cast<const char*>(storage_.get());
  const auto* first = section<PlaceRecord>(base, header_->places_off);
  const auto* last = first + header_->n_places;
  const auto* it = std::lower_bound(first, last, id, [](const PlaceRecord& r, std::uint32_t v) { return r.id < v; });
  if (it == last || it->id != id) return false;
  out = at(static_cast<std::size_t>(it - first));
  return true;
}

std::size_t Gazetteer::find_name(std::string_view key) const {
  const char* base = reinterpret_cast<const char*>(storage_.get());
  const auto* table = section<std::uint32_t>(base, header_->table_off);
  const auto* names = section<NameRecord>(base, header_->names_off);
  const char* strings = base + header_->strings_off;
  const std::uint32_t mask = header_->table_size - 1;
  for (std::uint32_t slot = static_cast<std::uint32_t>(name_hash(key)) & mask;; slot = (slot + 1) & mask) {
    std::uint32_t entry = table[slot];
    if (entry == 0) return SIZE_MAX;
    const NameRecord& r = names[entry - 1];
    if (r.key.len == key.size() && std::memcmp(strings + r.key.off, key.data(), key.size()) == 0) return entry - 1;
  }
}

std::span<const std::uint32_t> Gazetteer::lookup(std::string_view key) const {
  std::size_t i = find_name(key);
  if (i == SIZE_MAX) return {};
  const char* base = reinterpret_cast<const char*>(storage_.get());
  const NameRecord& r = section<NameRecord>(base, header_->names_off)[i];
  return {section<std::uint32_t>(base, header_->ids_off) + r.ids_off, r.ids_count};
}

bool Gazetteer::probe(std::string_view key, NameEntry& out) const {
  std::size_t i = find_name(key);
  if (i == SIZE_MAX) return false;
  const char* base = reinterpret_cast<const char*>(storage_.get());
  const NameRecord& r = section<NameRecord>(base, header_->names_off)[i];
  out.ids = {section<std::uint32_t>(base, header_->ids_off) + r.ids_off, r.ids_count};
  out.longer = r.lengths_mask;
  return true;
}

}  // namespace newsq::places
