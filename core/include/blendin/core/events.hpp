// Upcoming events for a person: ranked by pillar, shared interests, distance,
// a language the person speaks, and how soon they are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <blendin/core/profile.hpp>
#include <blendin/core/taxonomy.hpp>

namespace blendin::core {

struct EventInfo {
  std::string id;  // the event's slug
  Pillar pillar = Pillar::social;
  std::vector<std::string> interests;  // interest ids
  std::vector<std::string> languages;  // language codes spoken at the event; empty: not said
  bool welcomes_beginners = false;     // open to people who speak those languages at A1 (a conversation afternoon)
  std::optional<double> lat, lon;      // none for online events
  std::int64_t start_utc = 0;          // seconds since 1970-01-01T00:00:00Z
  bool cancelled = false;
};

struct EventWeights {
  double pillar = 0.30;
  double interests = 0.30;
  double distance = 0.20;
  double soon = 0.20;
  double distance_half_km = 10;  // distance part is 0.5 this far away; online events count as 0 km
  double soon_half_days = 14;    // date part is 0.5 this many days ahead
};

struct EventSuggestion {
  std::size_t index = 0;  // position in the events given
  double score = 0;
  bool pillar_wanted = false;
  std::vector<std::string> shared_interests;  // in taxonomy order
  std::optional<double> distance_km;          // rounded to 0.1; none when online
  std::string language;                       // the first event language the person speaks at A2 or better, or,
                                              // at an event that welcomes beginners, at any level
  bool language_practice = false;             // the person speaks `language` below A2: they come to practise
  double days_until = 0;                      // rounded to 0.1
};

// The k best events that have not started by `now_utc`, are not cancelled, and
// are in a language the person speaks at A2 or better, or at A1 when the event
// welcomes beginners (when the event says its languages).
// Ties: earlier start first, then id.
std::vector<EventSuggestion> suggest_events(const Profile& person, const std::vector<EventInfo>& events, const Taxonomy& taxonomy,
                                            std::size_t k, std::int64_t now_utc, const EventWeights& weights = {});

// "2027-02-13T13:00:00Z" (or with an offset, "+01:00"; without one, UTC) to
// seconds since the epoch, as calendar::read_timestamp reads it.
std::optional<std::int64_t> parse_utc_timestamp(std::string_view text);

}  // namespace blendin::core
