#include <blendin/core/pool.hpp>
#include <blendin/core/taxonomy.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

namespace blendin::core {

namespace {
std::optional<int> index_of(const std::vector<std::string>& ids, std::string_view id) {
  auto found = std::find(ids.begin(), ids.end(), id);
  if (found == ids.end()) return std::nullopt;
  return int(found - ids.begin());
}
}  // namespace

std::optional<int> Taxonomy::interest_index(std::string_view id) const { return index_of(interests, id); }
std::optional<int> Taxonomy::sector_index(std::string_view id) const { return index_of(sectors, id); }
std::optional<int> Taxonomy::occupation_index(std::string_view id) const { return index_of(occupations, id); }

double rarity_weight(std::size_t count, std::size_t pool_size) {
  if (pool_size == 0) return 1.0;
  return std::sqrt(double(pool_size) / double(std::max<std::size_t>(count, 1)));
}

void compute_interest_rarity(Pool& pool) {
  auto& taxonomy = pool.taxonomy;
  std::unordered_map<std::string_view, std::size_t> position;
  for (std::size_t i = 0; i < taxonomy.interests.size(); ++i) position.emplace(taxonomy.interests[i], i);
  std::vector<std::size_t> counts(taxonomy.interests.size(), 0);
  for (const auto& profile : pool.profiles)
    for (const auto& interest : profile.interests)
      if (auto found = position.find(interest); found != position.end()) ++counts[found->second];
  taxonomy.interest_rarity.resize(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) taxonomy.interest_rarity[i] = rarity_weight(counts[i], pool.profiles.size());
}

}  // namespace blendin::core
