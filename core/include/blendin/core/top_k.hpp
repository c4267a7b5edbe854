// The k best admissible candidates for a person. For large pools an index
// (areas of people at the same postcode-area centre, bucketed on a grid, each
// with the union of its members' interests) bounds whole areas and skips them,
// so that a query does not score the whole pool. Ties are broken by id.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <blendin/core/pool.hpp>
#include <blendin/core/score.hpp>

namespace blendin::core {

// Narrow a query beyond the hard constraints. Made in code they are not
// range-checked (the wire format checks them): a filter that makes no sense
// (a negative or NaN distance, min_age above max_age, an unknown language)
// reaches nobody.
struct MatchFilters {
  std::optional<Pillar> pillar;           // only candidates who want this pillar (and so does the person)
  std::optional<double> max_distance_km;  // tighter than the person's own maximum
  double min_score = 0;                   // drop candidates below this score
  bool same_meeting_style = false;        // only compatible meeting styles (alone / with friends)
  std::optional<int> min_age, max_age;    // only candidates of this age (both included) in the pool's reference year
  std::optional<std::string> language;    // only candidates the person can talk with in this language, at A2
                                          // or better or as language practice (a code of known_languages())
  std::vector<std::string> exclude_ids;   // already met, already matched, vetoed
};

struct Match {
  std::size_t index = 0;  // position in the pool's profiles
  double score = 0;
};

// True when a ranks before b: higher score first, then the smaller id.
bool ranks_before(const Match& a, const Match& b, const Pool& pool);

class MatchIndex {
 public:
  // Keeps a reference to the pool: it must outlive the index. Throws
  // Refused (problem.hpp) for weights that validate_weights refuses.
  explicit MatchIndex(const Pool& pool, ScoreWeights weights = {});

  const Pool& pool() const { return *pool_; }
  const ScoringModel& model() const { return model_; }
  // Answers with other weights from now on, without a rebuild: nothing the
  // index holds depends on them (compact profiles, areas and their unions are
  // made from the profiles; an area's bound is computed by each query with
  // the model's weights). Refused weights (Refused) change nothing.
  void set_weights(const ScoreWeights& weights) { model_.set_weights(weights); }
  const CompactProfile& compact(std::size_t index) const { return compact_[position_[index]]; }
  std::size_t size() const { return compact_.size(); }

  // The k best candidates for `person` (in the pool or not; never themself).
  std::vector<Match> top_k(const Profile& person, std::size_t k, const MatchFilters& filters = {}) const;

  // Every admissible candidate of pool member `index` with its score, in pool order.
  std::vector<Match> admissible_candidates(std::size_t index) const;

  // Why top_k finds so few for `person` (in the pool or not): everyone in the
  // pool but the person, each counted once, where the query leaves them.
  // candidates == sum of by_constraint + by_filters + admissible.
  struct Exclusions {
    std::size_t candidates = 0;  // everyone in the pool but the person
    // The first hard constraint broken, in Constraint order: role counts the
    // person's own role, the others people of the other role.
    std::array<std::size_t, constraint_count> by_constraint{};
    std::size_t by_filters = 0;  // admissible, but left out by a filter (exclude_ids and min_score too)
    std::size_t admissible = 0;  // what top_k would list with a k large enough
  };
  Exclusions count_exclusions(const Profile& person, const MatchFilters& filters = {}) const;
  // The same for pool member `index`.
  Exclusions count_exclusions(std::size_t index, const MatchFilters& filters = {}) const {
    return count_exclusions(pool_->profiles[index], filters);
  }

  // What would change an answer: one change to the person's own profile at a
  // time, with how many candidates it would make admissible (count_exclusions'
  // `admissible`, the filters kept). Only the changes that apply to the person
  // are listed, in Change order.
  enum class Change : std::uint8_t {
    welcome_beginners,  // a local who does not yet, with a language at C1 or better
    speak_at_a2,        // a newcomer who speaks a language at A1: that language at A2
    travel_farther,     // twice their maximum distance, at most 300 km
    every_pillar,       // all three pillars, for someone who wants fewer
  };
  struct WhatIf {
    Change change = Change::welcome_beginners;
    std::size_t admissible = 0;
    double max_distance_km = 0;  // travel_farther: the distance tried
  };
  std::vector<WhatIf> what_if(const Profile& person, const MatchFilters& filters = {}) const;

  // top_k(profile, k, filters) for every member of the pool at once, indexed like
  // pool().profiles: each pair in reach is scored once and offered to both sides,
  // which is far cheaper than one query a person (coordinators' rounds).
  // `threads` > 1 splits the work natively (the result is the same); WebAssembly uses one.
  std::vector<std::vector<Match>> top_k_for_everyone(std::size_t k, const MatchFilters& filters = {}, unsigned threads = 1) const;

  std::optional<std::size_t> find(const std::string& id) const;
  // Every pool index, in the order of the profiles' ids.
  const std::vector<std::uint32_t>& by_id() const { return by_id_; }

 private:
  // People of one role at one location, with what bounds their best score.
  struct Area {
    double lat = 0, lon = 0;
    std::uint32_t first = 0, count = 0;        // range of positions (members_, compact_)
    std::array<std::uint64_t, 2> interests{};  // union of the members' interests
    ConversationLanguages languages;           // union
    float max_distance_km = 0;                 // the largest of the members'
    std::int16_t birth_year_min = 0, birth_year_max = 0;
    PillarSet pillars;                                                 // union
    AvailabilitySet availability;                                      // union
    std::uint32_t first_language_group = 0, language_group_count = 0;  // range of language_groups_
  };
  // How many members of an area have one set of conversation languages:
  // exclusion counts for areas out of reach need only these.
  struct LanguageGroup {
    ConversationLanguages languages;
    std::uint32_t count = 0;
  };
  struct Query;
  struct Everyone;  // one call of top_k_for_everyone (top_k_everyone.cpp)
  template <typename Visit>
  void visit_admissible(const Query& query, Visit&& visit) const;
  Query make_query(const Profile& person, const MatchFilters& filters) const;
  double area_upper_bound(const Query& query, const Area& area, double distance_km) const;
  void group_by_area(std::vector<CompactProfile>& by_pool_order);

  const Pool* pool_;
  ScoringModel model_;
  // Compact profiles in area order (members of an area side by side, for the
  // cache); members_[position] is the pool index, position_[pool index] the position.
  std::vector<CompactProfile> compact_;
  std::vector<std::uint32_t> members_;
  std::vector<std::uint32_t> position_;
  std::vector<Area> areas_[2];  // per role
  std::vector<LanguageGroup> language_groups_;
  std::vector<std::vector<std::uint32_t>> grid_cells_[2];  // area indices per cell, per role
  double grid_lat0_ = 0, grid_lon0_ = 0;
  int grid_rows_ = 0, grid_cols_ = 0;
  std::vector<std::uint32_t> by_id_;  // pool indices sorted by id
};

// The free form the API speaks: top_k(profile, pool, k, filters).
inline std::vector<Match> top_k(const Profile& person, const MatchIndex& pool, std::size_t k, const MatchFilters& filters = {}) {
  return pool.top_k(person, k, filters);
}

}  // namespace blendin::core
