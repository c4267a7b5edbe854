#include <blendin/core/events.hpp>
#include <blendin/core/geo.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string_view>
#include <unordered_map>

namespace blendin::core {

namespace {

bool read_digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_utc_timestamp(std::string_view text) {
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' || !read_digits(text, 5, 2, month) ||
      text[7] != '-' || !read_digits(text, 8, 2, day))
    return std::nullopt;
  std::size_t at = 10;
  if (at < text.size() && text[at] == 'T') {
    if (!read_digits(text, 11, 2, hour) || text.size() < 16 || text[13] != ':' || !read_digits(text, 14, 2, minute))
      return std::nullopt;
    at = 16;
    if (at < text.size() && text[at] == ':') {
      if (!read_digits(text, 17, 2, second)) return std::nullopt;
      at = 19;
    }
  }
  int offset_minutes = 0;
  if (at < text.size()) {
    if (text[at] == 'Z' && at + 1 == text.size()) {
      // UTC
    } else if ((text[at] == '+' || text[at] == '-') && text.size() == at + 6 && text[at + 3] == ':') {
      int oh, om;
      if (!read_digits(text, at + 1, 2, oh) || !read_digits(text, at + 4, 2, om) || oh > 23 || om > 59)
        return std::nullopt;
      offset_minutes = (oh * 60 + om) * (text[at] == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  // Only a day the month has, in the proleptic Gregorian calendar of <chrono>:
  // the rule the generator applies to front matter.
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                                         std::chrono::day{unsigned(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const std::int64_t days = std::chrono::sys_days{date}.time_since_epoch().count();
  return days * 86400 + hour * 3600 + minute * 60 + second - std::int64_t(offset_minutes) * 60;
}

std::vector<EventSuggestion> suggest_events(const Profile& person, const std::vector<EventInfo>& events,
                                            const Taxonomy& taxonomy, std::size_t k, std::int64_t now_utc,
                                            const EventWeights& weights) {
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
    if (events[a.index].start_utc != events[b.index].start_utc)
      return events[a.index].start_utc < events[b.index].start_utc;
    return events[a.index].id < events[b.index].id;
  });
  if (found.size() > k) found.resize(k);
  return found;
}

}  // namespace blendin::core
