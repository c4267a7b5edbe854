#include <blendin/core/profile.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace blendin::core {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(std::string_view text, const std::array<const char*, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (text == names[i]) return Enum(i);
  return std::nullopt;
}

constexpr std::array<const char*, 2> role_names{"newcomer", "local"};
constexpr std::array<const char*, 3> pillar_names{"social", "culture", "work"};
constexpr std::array<const char*, 7> level_names{"A1", "A2", "B1", "B2", "C1", "C2", "native"};
constexpr std::array<const char*, 3> availability_names{"weekday_daytime", "weekday_evening", "weekend"};
constexpr std::array<const char*, 3> gender_names{"woman", "man", "nonbinary"};
constexpr std::array<const char*, 3> meeting_names{"alone", "with_friends", "either"};

}  // namespace

const char* to_string(Role value) { return role_names[std::size_t(value)]; }
const char* to_string(Pillar value) { return pillar_names[std::size_t(value)]; }
const char* to_string(LanguageLevel value) { return level_names[std::size_t(value)]; }
const char* to_string(Availability value) { return availability_names[std::size_t(value)]; }
const char* to_string(Gender value) { return gender_names[std::size_t(value)]; }
const char* to_string(MeetingStyle value) { return meeting_names[std::size_t(value)]; }

std::optional<Role> parse_role(std::string_view text) { return parse_name<Role>(text, role_names); }
std::optional<Pillar> parse_pillar(std::string_view text) { return parse_name<Pillar>(text, pillar_names); }
std::optional<LanguageLevel> parse_language_level(std::string_view text) { return parse_name<LanguageLevel>(text, level_names); }
std::optional<Availability> parse_availability(std::string_view text) {
  return parse_name<Availability>(text, availability_names);
}
std::optional<Gender> parse_gender(std::string_view text) { return parse_name<Gender>(text, gender_names); }
std::optional<MeetingStyle> parse_meeting_style(std::string_view text) { return parse_name<MeetingStyle>(text, meeting_names); }

const std::vector<std::string>& known_languages() {
  // Languages of the Netherlands and of the largest newcomer communities.
  // The order is the bit order in CompactProfile: append, never reorder.
  static const std::vector<std::string> codes{"nl", "en", "ar", "ti", "fa", "prs", "uk",  "ru",  "tr",  "so", "ku", "ps",
                                              "am", "fr", "de", "es", "pl", "fy",  "pap", "zgh", "ber", "ur", "hi", "zh",
                                              "pt", "it", "ro", "bg", "hr", "sr",  "bs",  "sq",  "hy",  "ka", "az", "be",
                                              "uz", "bn", "ta", "sw", "om", "ha",  "yo",  "ig",  "ln",  "vi", "th"};
  return codes;
}

std::optional<int> language_index(std::string_view code) {
  const auto& codes = known_languages();
  auto found = std::find(codes.begin(), codes.end(), code);
  if (found == codes.end()) return std::nullopt;
  return int(found - codes.begin());
}

}  // namespace blendin::core
