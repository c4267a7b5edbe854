// Shared by the two pool readers (wire.cpp, wire_pool_events.cpp); not part of
// the core's interface.
#pragma once

#include <blendin/core/pool.hpp>
#include <blendin/core/validate.hpp>

#include <cstddef>
#include <vector>

namespace blendin::core::wire {

// From this size a pool's text is read in two parts on two threads natively,
// by either reader.
inline constexpr std::size_t two_part_pool_bytes = std::size_t(1) << 20;

// What both readers do last: interest weights from the profiles when the pool
// has none, then validation; throws WireError with `errors` (what could not be
// read) and the problems found.
Pool finish_pool(Pool pool, bool have_rarity, std::vector<ValidationError> errors);

}  // namespace blendin::core::wire
