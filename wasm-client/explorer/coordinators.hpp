// The coordinators' tab: a pool file read in the browser (it never leaves
// the device), its counts by role, pillar and city, and a batch round with
// the same core as `blendin match assign`, whose pairs download as the same
// JSON and CSV bytes.
#pragma once

#include <blendin/core/assign.hpp>
#include <blendin/core/pool.hpp>
#include <blendin/core/pool_statistics.hpp>
#include <blendin/core/top_k.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::explorer {

class App;
class Catalog;

class Coordinators {
 public:
  void receive_pool(std::string_view json, const Catalog& catalog);
  void draw(App& app);
  bool has_pool() const { return index_ != nullptr; }
  const std::optional<core::Assignment>& result() const { return result_; }

 private:
  void run_round();
  core::AssignOptions options() const;
  void draw_pool_counts(const Catalog& c) const;   // who is in the pool, by role, pillar, waiting and place
  void draw_round_options(const Catalog& c);       // mode, capacity, pillar, and the button that runs a round
  void draw_round_result(const Catalog& c) const;  // the summary, downloads, the unmatched with reasons, the pairs

  std::unique_ptr<core::Pool> pool_;
  std::unique_ptr<core::MatchIndex> index_;
  std::string problem_;
  core::PoolStatistics statistics_;
  std::vector<std::pair<std::string, std::size_t>> cities_;  // people per place, the most first
  int mode_ = 0;                                             // core::AssignMode
  int capacity_ = 0;                                         // 0: each local's own; else 1-3 for everyone
  int pillar_ = -1;                                          // -1: any
  std::optional<core::Assignment> result_;
  std::string json_, pairs_csv_, unmatched_csv_;
};

}  // namespace blendin::explorer
