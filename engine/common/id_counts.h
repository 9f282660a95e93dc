// engine/common/id_counts.h: counting 32-bit ids (place ids over a match set) in one flat table.
//
// Why: a match spy adds a few ids per match, tens of thousands of times per search; a
// std::unordered_map allocates a node per id and follows a pointer per add, this table probes an
// array (open addressing, linear probing, at most half full).
#pragma once

#include <cstdint>
#include <vector>

namespace newsq::common {

class IdCounts {
 public:
  void add(std::uint32_t id) {
    if (id == 0) {  // 0 marks an empty slot, so its count is kept aside.
      ++zero_;
      return;
    }
    if ((used_ + 1) * 2 > slots_.size()) grow();
    Slot& slot = slots_[slot_of(id)];
    if (slot.id == 0) {
      slot.id = id;
      ++used_;
    }
    ++slot.count;
  }

  // take(id, count) for every id added, in no particular order.
  template <class Take>
  void for_each(Take&& take) const {
    if (zero_) take(std::uint32_t{0}, zero_);
    for (const Slot& s : slots_)
      if (s.id != 0) take(s.id, s.count);
  }

  std::size_t size() const { return used_ + (zero_ != 0); }

 private:
  struct Slot {
    std::uint32_t id = 0;
    std::uint64_t count = 0;
  };

  // Ids of nearby places are close numbers: Fibonacci hashing mixes them into the product's high
  // bits, so they do not crowd into neighbouring slots.
  static std::size_t spread(std::uint32_t id) { return (std::uint64_t{id} * 0x9E3779B97F4A7C15ull) >> 32; }

  // The slot holding `id`, or the empty slot where it goes (the table is never full).
  std::size_t slot_of(std::uint32_t id) const {
    std::size_t at = spread(id) & (slots_.size() - 1);
    while (slots_[at].id != 0 && slots_[at].id != id) at = (at + 1) & (slots_.size() - 1);
    return at;
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 256 : old.size() * 2, Slot{});
    for (const Slot& s : old)
      if (s.id != 0) slots_[slot_of(s.id)] = s;
  }

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
  std::uint64_t zero_ = 0;
};

}  // namespace newsq::common
