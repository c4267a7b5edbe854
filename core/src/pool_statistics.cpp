#include <blendin/core/pool_statistics.hpp>

#include <algorithm>
#include <map>

namespace blendin::core {

PoolStatistics pool_statistics(const Pool& pool) {
  PoolStatistics statistics;
  std::array<std::vector<int>, 2> waiting;  // days, per role
  std::map<std::string, std::array<std::size_t, 2>, std::less<>> areas;
  for (auto& role : statistics.by_role) role.by_language.assign(known_languages().size(), 0);
  for (const Profile& profile : pool.profiles) {
    const std::size_t slot = profile.role == Role::newcomer ? 0 : 1;
    RoleStatistics& role = statistics.by_role[slot];
    ++role.people;
    role.places += std::size_t(std::max(profile.capacity, 0));
    for (int p = 0; p < pillar_count; ++p) role.by_pillar[std::size_t(p)] += profile.pillars.contains(Pillar(p));
    // A language listed twice counts once (validation refuses it anyway).
    std::vector<char> speaks(known_languages().size(), 0);
    for (const auto& skill : profile.languages)
      if (const auto index = language_index(skill.code); index && skill.level >= usable_language_level)
        speaks[std::size_t(*index)] = 1;
    for (std::size_t l = 0; l < speaks.size(); ++l) role.by_language[l] += std::size_t(speaks[l]);
    role.welcoming_beginners += profile.welcomes_beginners;
    role.beginners += profile.role == Role::newcomer &&
                      std::any_of(profile.languages.begin(), profile.languages.end(),
                                  [](const LanguageSkill& skill) { return skill.level < usable_language_level; });
    const int days = profile.waiting_since_days;
    std::size_t band = 0;
    while (band + 1 < waiting_band_first_days.size() && days >= waiting_band_first_days[band + 1]) ++band;
    ++role.by_waiting[band];
    waiting[slot].push_back(days);
    ++areas[profile.postcode_area][slot];
  }
  for (std::size_t slot = 0; slot < 2; ++slot) {
    auto& days = waiting[slot];
    if (days.empty()) continue;
    const auto median = days.begin() + std::ptrdiff_t((days.size() - 1) / 2);
    std::nth_element(days.begin(), median, days.end());
    statistics.by_role[slot].median_waiting_days = *median;
    statistics.by_role[slot].longest_waiting_days = *std::max_element(days.begin(), days.end());
  }
  statistics.by_area.reserve(areas.size());
  for (auto& [area, people] : areas) statistics.by_area.push_back({area, people});
  return statistics;
}

}  // namespace blendin::core
