#include <blendin/core/calendar.hpp>
#include <blendin/core/events.hpp>
#include <blendin/core/geo.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

namespace blendin::core {

std::optional<std::int64_t> parse_utc_timestamp(std::string_view text) {
  const calendar::TimestampReading reading = calendar::read_timestamp(text);
  if (!reading.timestamp) return std::nullopt;
  return calendar::utc_seconds(*reading.timestamp);
}

std::vector<EventSuggestion> suggest_events(const Profile& person, const std::vector<EventInfo>& events, const Taxonomy& taxonomy,
                                            std::size_t k, std::int64_t now_utc, const EventWeights& weights) {
  // Interests by their place in the taxonomy, looked up by hash: an event's
  // list is read once, whatever its length.
  const std::size_t interest_count = taxonomy.interests.size();
  std::unordered_map<std::string_view, std::size_t> position;
  for (std::size_t t = interest_count; t-- > 0;) position[taxonomy.interests[t]] = t;  // the first of a repeated id
  auto mark = [&](const std::vector<std::string>& interests, std::vector<char>& held) {
    held.assign(interest_count, 0);
    for (const auto& id : interests)
      if (const auto found = position.find(id); found != position.end()) held[found->second] = 1;
  };
  auto rarity = [&](std::size_t t) { return t < taxonomy.interest_rarity.size() ? taxonomy.interest_rarity[t] : 0.0; };
  std::vector<char> own, offered;
  mark(person.interests, own);
  double own_sum = 0;
  for (std::size_t t = 0; t < interest_count; ++t)
    if (own[t]) own_sum += rarity(t);

  std::vector<EventSuggestion> found;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const EventInfo& event = events[i];
    if (event.cancelled || event.start_utc < now_utc) continue;
    EventSuggestion s;
    s.index = i;
    // The first event language the person can use there; at an event that
    // welcomes beginners a usable one still comes before one to practise.
    for (const bool practice : {false, true}) {
      if (practice && (!event.welcomes_beginners || !s.language.empty())) break;
      for (const auto& code : event.languages) {
        auto skill = std::find_if(person.languages.begin(), person.languages.end(), [&](const LanguageSkill& l) {
          return l.code == code && (practice || l.level >= usable_language_level);
        });
        if (skill != person.languages.end()) {
          s.language = code;
          s.language_practice = practice;
          break;
        }
      }
    }
    if (!event.languages.empty() && s.language.empty()) continue;
    double distance = 0;
    if (event.lat && event.lon) {
      distance = distance_km(person.lat, person.lon, *event.lat, *event.lon);
      if (distance > person.max_distance_km) continue;
      s.distance_km = std::round(distance * 10.0) / 10.0;
    }
    s.pillar_wanted = person.pillars.contains(event.pillar);
    // Shared interests in taxonomy order; the part is the shared rarity over the person's own.
    double shared_sum = 0;
    mark(event.interests, offered);
    for (std::size_t t = 0; t < interest_count; ++t)
      if (own[t] && offered[t]) {
        s.shared_interests.push_back(taxonomy.interests[t]);
        shared_sum += rarity(t);
      }
    const double interest_part = own_sum > 0 ? shared_sum / own_sum : 0.0;
    const double distance_part = weights.distance_half_km / (weights.distance_half_km + distance);
    const double days = double(event.start_utc - now_utc) / 86400.0;
    s.days_until = std::round(days * 10.0) / 10.0;
    const double soon_part = weights.soon_half_days / (weights.soon_half_days + days);
    const double total = weights.pillar + weights.interests + weights.distance + weights.soon;
    s.score = (weights.pillar * (s.pillar_wanted ? 1.0 : 0.0) + weights.interests * interest_part +
               weights.distance * distance_part + weights.soon * soon_part) /
              total;
    found.push_back(std::move(s));
  }
  std::sort(found.begin(), found.end(), [&](const EventSuggestion& a, const EventSuggestion& b) {
    if (a.score != b.score) return a.score > b.score;
    if (events[a.index].start_utc != events[b.index].start_utc) return events[a.index].start_utc < events[b.index].start_utc;
    return events[a.index].id < events[b.index].id;
  });
  if (found.size() > k) found.resize(k);
  return found;
}

}  // namespace blendin::core
