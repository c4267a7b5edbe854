// A person in the matching pool, as the core sees them: pseudonymous and
// coarse. No full name, no exact address, no birth date, no contact detail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace blendin::core {

enum class Role : std::uint8_t { newcomer, local };

enum class Pillar : std::uint8_t { social, culture, work };
inline constexpr int pillar_count = 3;

// CEFR levels, then native. A level is "usable" for meeting from A2 up. Below
// that a newcomer still meets a local who welcomes beginners in a language the
// local speaks fluently (C1 or better): language practice (docs/matching.md).
enum class LanguageLevel : std::uint8_t { a1, a2, b1, b2, c1, c2, native };
inline constexpr LanguageLevel usable_language_level = LanguageLevel::a2;
inline constexpr LanguageLevel fluent_language_level = LanguageLevel::c1;

enum class Availability : std::uint8_t { weekday_daytime, weekday_evening, weekend };
inline constexpr int availability_count = 3;

enum class Gender : std::uint8_t { woman, man, nonbinary };
inline constexpr int gender_count = 3;

// How a person likes to meet: alone, with friends, or either way.
enum class MeetingStyle : std::uint8_t { alone, with_friends, either };

// A small set over an enum with at most 8 values.
template <typename Enum>
struct EnumSet {
  std::uint8_t bits = 0;
  constexpr void insert(Enum value) { bits |= std::uint8_t(1u << unsigned(value)); }
  constexpr bool contains(Enum value) const { return bits & (1u << unsigned(value)); }
  constexpr bool empty() const { return bits == 0; }
  constexpr EnumSet intersect(EnumSet other) const { return EnumSet{std::uint8_t(bits & other.bits)}; }
  constexpr bool operator==(const EnumSet&) const = default;
};
using PillarSet = EnumSet<Pillar>;
using AvailabilitySet = EnumSet<Availability>;
using GenderSet = EnumSet<Gender>;

struct LanguageSkill {
  std::string code;  // ISO 639 code from core::known_languages(): "nl", "ar", "ti", "prs"
  LanguageLevel level = LanguageLevel::a1;
};

// The Work pillar (DoneerJeNetwerk): what a newcomer looks for, and what a
// local's professional network reaches.
struct WorkProfile {
  std::vector<std::string> sought_sectors;   // newcomer: sector ids sought
  std::string sought_occupation;             // newcomer: occupation id sought (may be empty)
  std::vector<std::string> network_sectors;  // local: sectors their network reaches
  std::string occupation;                    // local: their own occupation id (may be empty)
};

struct Profile {
  std::string id;  // pseudonymous, stable
  Role role = Role::newcomer;
  std::string display_name;  // first name or pseudonym
  int birth_year = 0;
  std::string postcode_area;  // 4-digit Dutch postcode area, "1011"
  double lat = 0;             // the postcode area's centre, WGS84 degrees
  double lon = 0;
  std::vector<std::string> interests;  // ids from content/data/interests.yaml
  std::vector<LanguageSkill> languages;
  PillarSet pillars;
  AvailabilitySet availability;
  std::optional<Gender> gender;
  GenderSet gender_preference;  // empty: no preference
  double max_distance_km = 10;
  int capacity = 1;  // how many matches they want, 1-3
  MeetingStyle meeting_style = MeetingStyle::either;
  bool welcomes_beginners = false;  // local: welcomes beginners (A1) in the languages they speak at C1 or better
  std::string field;                // study or work field: a sector id (may be empty)
  WorkProfile work;
  int waiting_since_days = 0;  // days waiting for a match (coordinators' priority)
};

// Names for the wire format and for messages.
const char* to_string(Role role);
const char* to_string(Pillar pillar);
const char* to_string(LanguageLevel level);
const char* to_string(Availability availability);
const char* to_string(Gender gender);
const char* to_string(MeetingStyle style);
std::optional<Role> parse_role(std::string_view text);
std::optional<Pillar> parse_pillar(std::string_view text);
std::optional<LanguageLevel> parse_language_level(std::string_view text);
std::optional<Availability> parse_availability(std::string_view text);
std::optional<Gender> parse_gender(std::string_view text);
std::optional<MeetingStyle> parse_meeting_style(std::string_view text);

// The language codes a profile may use, in a fixed order (bit positions).
const std::vector<std::string>& known_languages();
std::optional<int> language_index(std::string_view code);

}  // namespace blendin::core
