// Writes per client address: a bucket of `per_minute` writes for each
// address, filled again at that rate; a write that finds it empty is
// answered 429 with the seconds to wait.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace blendin::server {

class WriteLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit WriteLimiter(double per_minute) : per_minute_(per_minute) {}

  // 0 when the write may go ahead (and is counted), else the whole seconds to wait.
  int seconds_to_wait(const std::string& client, Clock::time_point now);

 private:
  struct Bucket {
    double writes = 0;  // writes left
    Clock::time_point filled;
  };
  double per_minute_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace blendin::server
