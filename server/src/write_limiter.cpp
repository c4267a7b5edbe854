#include "write_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace blendin::server {

int WriteLimiter::seconds_to_wait(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  // A full bucket says nothing that a new one would not: when many addresses
  // have written, the full ones are forgotten, so the table stays bounded by
  // the addresses that wrote within the last minute.
  if (buckets_.size() > 100'000)
    std::erase_if(buckets_, [&](const auto& entry) {
      return entry.second.writes + std::chrono::duration<double>(now - entry.second.filled).count() * per_minute_ / 60 >=
             per_minute_;
    });
  auto [found, inserted] = buckets_.try_emplace(client, Bucket{per_minute_, now});
  Bucket& bucket = found->second;
  if (!inserted) {
    const double seconds = std::chrono::duration<double>(now - bucket.filled).count();
    bucket.writes = std::min(per_minute_, bucket.writes + seconds * per_minute_ / 60);
    bucket.filled = now;
  }
  if (bucket.writes >= 1) {
    bucket.writes -= 1;
    return 0;
  }
  return std::max(1, int(std::ceil((1 - bucket.writes) * 60 / per_minute_)));
}

}  // namespace blendin::server
