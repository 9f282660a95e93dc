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
    case Level::country:
      return "country";
    case Level::region:
      return "region";
    case Level::city:
      return "city";
    case Level::sea:
      return "sea";
    case Level::district:
      return "district";
    case Level::continent:
      return "continent";
  }
  return "city";
}

int level_rank(Level level) {
  switch (level) {
    case Level::continent:
      return 0;
    case Level::country:
      return 1;
    case Level::region:
      return 2;
    case Level::district:
      return 3;
    case Level::city:
    case Level::sea:
      break;
  }
  return 4;
}

namespace {

template <typename T>
const T* section(const char* base, std::uint64_t off) {
  return reinterpret_cast<const T*>(base + off);
}

Error corrupt(const std::string& origin, const std::string& what) {
  return Error(origin + ": gazetteer file is truncated or corrupt (" + what +
               "); rebuild it with 'newsq gazetteer build'");
}

bool inside(const GazetteerHeader& h, StringRef s) {
  return s.off <= h.strings_size && s.len <= h.strings_size - s.off;
}

// The checks of one record against the sections the header gives (whose own bounds load() has
// checked), so that lookups never read outside the file or probe a full hash table forever (both
// found by tests/fuzz/gazetteer_fuzz.cc). A mapped file is checked record by record as lookups
// reach them: a search touches a few pages of a file of tens of megabytes, and checking all of it
// at every load cost a command-line search a third of its time (perf: 6 ms of 21 ms on the world
// gazetteer). Bytes already copied into memory are checked whole, at once (validate_all).
void check_place(const char* base, const GazetteerHeader& h, std::uint32_t i, const std::string& origin) {
  const PlaceRecord& r = section<PlaceRecord>(base, h.places_off)[i];
  if (!inside(h, r.name) || !inside(h, r.country_code) || !inside(h, r.admin1) || !inside(h, r.feature) ||
      !inside(h, r.alternate_names))
    throw corrupt(origin, "place " + std::to_string(i) + " has a string outside the string section");
  if (r.level > kMaxLevel) throw corrupt(origin, "place " + std::to_string(i) + " has an unknown level");
  if (r.within_off > h.n_ids || r.within_count > h.n_ids - r.within_off)
    throw corrupt(origin, "place " + std::to_string(i) + " has a 'within' list outside the id section");
  // NaN or an infinity would reach the distance arithmetic of 'near' filters and facets.
  if (r.has_coordinates && !(r.lat >= -90 && r.lat <= 90 && r.lon >= -180 && r.lon <= 180))
    throw corrupt(origin, "place " + std::to_string(i) + " has coordinates outside the globe");
}

void check_name(const char* base, const GazetteerHeader& h, std::uint32_t i, const std::string& origin) {
  const NameRecord& r = section<NameRecord>(base, h.names_off)[i];
  if (!inside(h, r.key)) throw corrupt(origin, "name " + std::to_string(i) + " has a key outside the string section");
  if (r.ids_off > h.n_ids || r.ids_count > h.n_ids - r.ids_off)
    throw corrupt(origin, "name " + std::to_string(i) + " has ids outside the id section");
}

// A slot may only name an existing record (0: empty).
void check_slot(const GazetteerHeader& h, std::uint32_t slot, std::uint32_t entry, const std::string& origin) {
  if (entry > h.n_names) throw corrupt(origin, "name table slot " + std::to_string(slot) + " names no record");
}

// Every check above for every record, plus the order of the places (find() is a binary search and
// needs the order the builder writes) and an empty slot in the name table.
void validate_all(const char* base, const GazetteerHeader& h, const std::string& origin) {
  const auto* places = section<PlaceRecord>(base, h.places_off);
  for (std::uint32_t i = 0; i < h.n_places; ++i) {
    check_place(base, h, i, origin);
    if (i > 0 && places[i - 1].id >= places[i].id) throw corrupt(origin, "places are not in order of id");
  }
  for (std::uint32_t i = 0; i < h.n_names; ++i) check_name(base, h, i, origin);
  const auto* table = section<std::uint32_t>(base, h.table_off);
  bool has_empty = false;
  for (std::uint32_t slot = 0; slot < h.table_size; ++slot) {
    if (table[slot] == 0)
      has_empty = true;
    else
      check_slot(h, slot, table[slot], origin);
  }
  if (!has_empty) throw corrupt(origin, "name table has no empty slot");
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
  std::shared_ptr<const std::uint64_t> storage(
      static_cast<const std::uint64_t*>(mapped),
      [size](const std::uint64_t* p) { ::munmap(const_cast<std::uint64_t*>(p), size); });
  return adopt(std::move(storage), size, path, /*check_all=*/false);
}

std::shared_ptr<const Gazetteer> Gazetteer::from_bytes(std::string bytes, const std::string& origin) {
  std::shared_ptr<std::uint64_t[]> storage(new std::uint64_t[(bytes.size() + 7) / 8]);
  std::memcpy(storage.get(), bytes.data(), bytes.size());
  return adopt(std::shared_ptr<const std::uint64_t>(storage, storage.get()), bytes.size(), origin, /*check_all=*/true);
}

std::shared_ptr<const Gazetteer> Gazetteer::adopt(std::shared_ptr<const std::uint64_t> storage, std::size_t size,
                                                  const std::string& origin, bool check_all) {
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
      !fits(h->names_off, std::uint64_t{h->n_names} * sizeof(NameRecord)) ||
      !fits(h->ids_off, std::uint64_t{h->n_ids} * 4) || !fits(h->table_off, std::uint64_t{h->table_size} * 4) ||
      h->strings_off > n || h->strings_size > n - h->strings_off || (h->table_size & (h->table_size - 1)) != 0 ||
      h->table_size == 0)
    throw Error(origin + ": gazetteer file is truncated or corrupt");
  if (check_all) validate_all(base, *h, origin);
  g->header_ = h;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h->checksum));
  g->checksum_ = hex;
  return g;
}

std::size_t Gazetteer::size() const { return header_->n_places; }

Place Gazetteer::at(std::size_t index) const {
  const char* base = reinterpret_cast<const char*>(storage_.get());
  check_place(base, *header_, static_cast<std::uint32_t>(index), origin_);
  const auto& r = section<PlaceRecord>(base, header_->places_off)[index];
  const char* strings = base + header_->strings_off;
  auto str = [&](StringRef s) { return std::string_view(strings + s.off, s.len); };
  Place p;
  p.id = r.id;
  p.level = static_cast<Level>(r.level);
  p.region = r.region;
  p.district = r.district;
  p.country = r.country;
  p.within = {section<std::uint32_t>(base, header_->ids_off) + r.within_off, r.within_count};
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
  // Out of order around the record found: a damaged file (validate_all checks the whole order).
  if (it != last && ((it != first && (it - 1)->id >= it->id) || (it + 1 != last && (it + 1)->id <= it->id)))
    throw corrupt(origin_, "places are not in order of id");
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
  std::uint32_t slot = static_cast<std::uint32_t>(name_hash(key)) & mask;
  // A sound table has an empty slot, so a probe ends within table_size steps.
  for (std::uint32_t probes = 0; probes < header_->table_size; ++probes, slot = (slot + 1) & mask) {
    std::uint32_t entry = table[slot];
    if (entry == 0) return SIZE_MAX;
    check_slot(*header_, slot, entry, origin_);
    check_name(base, *header_, entry - 1, origin_);
    const NameRecord& r = names[entry - 1];
    if (r.key.len == key.size() && std::memcmp(strings + r.key.off, key.data(), key.size()) == 0) return entry - 1;
  }
  throw corrupt(origin_, "name table has no empty slot");
}

std::span<const std::uint32_t> Gazetteer::lookup(std::string_view key) const {
  std::size_t i = find_name(key);
  if (i == SIZE_MAX) return {};
  const char* base = reinterpret_cast<const char*>(storage_.get());
  const NameRecord& r = section<NameRecord>(base, header_->names_off)[i];
  if (r.flags & (kNameAdjective | kNameDemonym)) return {};
  return {section<std::uint32_t>(base, header_->ids_off) + r.ids_off, r.ids_count};
}

bool Gazetteer::probe(std::string_view key, NameEntry& out) const {
  std::size_t i = find_name(key);
  if (i == SIZE_MAX) return false;
  const char* base = reinterpret_cast<const char*>(storage_.get());
  const NameRecord& r = section<NameRecord>(base, header_->names_off)[i];
  out.ids = {section<std::uint32_t>(base, header_->ids_off) + r.ids_off, r.ids_count};
  out.longer = r.lengths_mask;
  out.adjective = (r.flags & kNameAdjective) != 0;
  out.demonym = !out.adjective && (r.flags & kNameDemonym) != 0;
  return true;
}

}  // namespace newsq::places
