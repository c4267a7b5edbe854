// The visitor's matches: the core's top_k over the candidate pool with the
// what-if weights and filters, each explained; recomputed only when the
// answers or the what-if controls change, and timed (the page's benchmark
// reads the time through App::state_json).
#pragma once

#include <blendin/core/pool.hpp>
#include <blendin/core/score.hpp>
#include <blendin/core/top_k.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::explorer {

class App;
class Catalog;

struct WhatIf {
  core::ScoreWeights weights;
  float max_distance_km = 50;  // a filter only while below the visitor's own maximum
  float min_age = 16, max_age = 110;
  int pillar = -1;       // -1: any; else a core::Pillar
  std::string language;  // empty: any shared language
  bool open = false;     // the controls are shown
};

struct MatchResult {
  std::size_t index = 0;  // in the pool
  double score = 0;
  core::Explanation explanation;
  std::string words;  // the explanation in the page's language
};

class Matching {
 public:
  // The candidate pool (wire format); false with `problem` when it is refused.
  bool load_pool(std::string_view json, std::string& problem);
  bool has_pool() const { return index_ != nullptr; }
  const core::Pool& pool() const { return *pool_; }
  const core::MatchIndex& index() const { return *index_; }
  int reference_year() const { return pool_ ? pool_->reference_year : 2026; }

  // Recomputes the results for `visitor` (nothing: no results) with the current what-if.
  void update(const std::optional<core::Profile>& visitor, const Catalog& catalog);
  const std::vector<MatchResult>& results() const { return results_; }
  // When fewer than asked were found: who the constraints and filters left out.
  const std::optional<core::MatchIndex::Exclusions>& reach() const { return reach_; }
  // When nobody was found: what each change to the visitor's answers would find.
  const std::vector<core::MatchIndex::WhatIf>& changes() const { return changes_; }
  const std::optional<core::Profile>& visitor() const { return visitor_; }
  double last_update_ms() const { return last_update_ms_; }
  // The results for the page's list beside the canvas, in the wire format's
  // terms: {"matches": [...], "notes": [why fewer were found, one a line]}.
  std::string results_json(const Catalog& catalog, core::Role role) const;

  WhatIf what_if;
  static constexpr std::size_t k = 10;

 private:
  core::MatchFilters filters() const;

  std::unique_ptr<core::Pool> pool_;
  std::unique_ptr<core::MatchIndex> index_;
  core::ScoreWeights applied_weights_;
  std::optional<core::Profile> visitor_;
  std::vector<MatchResult> results_;
  std::optional<core::MatchIndex::Exclusions> reach_;
  std::vector<core::MatchIndex::WhatIf> changes_;
  double last_update_ms_ = 0;
};

void draw_matches(App& app);
void draw_what_if(App& app);

}  // namespace blendin::explorer
