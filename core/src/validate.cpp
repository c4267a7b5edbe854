#include <blendin/core/geo.hpp>
#include <blendin/core/parallel.hpp>
#include <blendin/core/text.hpp>
#include <blendin/core/validate.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace blendin::core {

namespace {

class Collector {
 public:
  Collector(const Profile& profile, std::size_t position, std::vector<Problem>& out)
      : id_(profile.id.empty() ? "#" + std::to_string(position) : profile.id), out_(out) {}
  void add(std::string field, std::string message) { out_.push_back({id_, std::move(field), std::move(message)}); }

 private:
  std::string id_;
  std::vector<Problem>& out_;
};

// The ids a profile may use, looked up by hash: a pool checks a few hundred
// thousand of them against lists of dozens. Interests and languages by their
// position, to find one listed twice in one pass over a list of any length.
struct KnownIds {
  explicit KnownIds(const Taxonomy& taxonomy)
      : taxonomy_interests(taxonomy.interests.size()),
        sectors(taxonomy.sectors.begin(), taxonomy.sectors.end()),
        occupations(taxonomy.occupations.begin(), taxonomy.occupations.end()) {
    for (std::size_t i = 0; i < taxonomy.interests.size(); ++i) interests.emplace(taxonomy.interests[i], i);
    for (std::size_t i = 0; i < known_languages().size(); ++i) languages.emplace(known_languages()[i], i);
  }
  std::size_t taxonomy_interests;
  // Id -> position (the first, if a taxonomy repeats an id).
  std::unordered_map<std::string_view, std::size_t> interests, languages;
  std::unordered_set<std::string_view> sectors, occupations;
};

// A number as printf's %g writes it ("50.6"): the same text in glibc and in
// Emscripten's libc.
std::string short_number(double number) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", number);
  return text;
}

// Adds a problem when `text` holds a control character; false then.
template <typename Field>
bool check_text(Collector& errors, Field field, std::string_view text) {
  const auto control = find_control_character(text);
  if (control) errors.add(field(), control_character_problem(*control));
  return !control;
}

// `field` names the field for a message, made only when there is one.
template <typename Field>
void check_sector(Collector& errors, const KnownIds& known, Field field, const std::string& id) {
  if (check_text(errors, field, id) && !known.sectors.count(id))
    errors.add(field(), "unknown sector id " + quoted(id) + ": expected an id from sectors.yaml");
}

std::string indexed(const char* list, std::size_t i, const char* after = "") {
  return std::string(list) + "[" + std::to_string(i) + "]" + after;
}

void check_profile(const Profile& p, std::size_t position, const KnownIds& known, int reference_year, std::vector<Problem>& out) {
  Collector errors(p, position, out);
  const auto named = [](const char* field) { return [field] { return std::string(field); }; };
  if (p.id.empty()) errors.add("id", "missing: expected a non-empty pseudonymous id");
  check_text(errors, named("id"), p.id);
  check_text(errors, named("display_name"), p.display_name);
  // Counted wide: a profile made in code may hold any int.
  const long long age = static_cast<long long>(reference_year) - p.birth_year;
  if (!age_range.contains(age))
    errors.add("birth_year", "gives an age of " + std::to_string(age) + " in " + std::to_string(reference_year) +
                                 ": expected an age from " + std::to_string(age_range.min) + " to " +
                                 std::to_string(age_range.max));
  const bool postcode_digits =
      p.postcode_area.size() == 4 && p.postcode_area[0] != '0' &&
      std::all_of(p.postcode_area.begin(), p.postcode_area.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (check_text(errors, named("postcode_area"), p.postcode_area) && !postcode_digits)
    errors.add("postcode_area", quoted(p.postcode_area) + ": expected a 4-digit Dutch postcode area from 1000 to 9999");
  constexpr GeoBounds nl = netherlands_bounds;
  if (!nl.contains_lat(p.lat))
    errors.add("lat", "latitude " + std::to_string(p.lat) + " is outside the Netherlands: expected " + short_number(nl.min_lat) +
                          " to " + short_number(nl.max_lat));
  if (!nl.contains_lon(p.lon))
    errors.add("lon", "longitude " + std::to_string(p.lon) + " is outside the Netherlands: expected " + short_number(nl.min_lon) +
                          " to " + short_number(nl.max_lon));

  // Each known interest and language seen, by its position: a repeat is found
  // in one pass, however long the list.
  std::vector<char> seen(known.taxonomy_interests, 0);
  for (std::size_t i = 0; i < p.interests.size(); ++i) {
    const auto field = [i] { return indexed("interests", i); };
    if (!check_text(errors, field, p.interests[i])) continue;
    const auto found = known.interests.find(p.interests[i]);
    if (found == known.interests.end())
      errors.add(field(), "unknown interest id " + quoted(p.interests[i]) + ": expected an id from interests.yaml");
    else if (std::exchange(seen[found->second], 1))
      errors.add(field(), "interest " + quoted(p.interests[i]) + " is listed twice");
  }
  if (p.languages.empty()) errors.add("languages", "empty: expected at least one language with a level");
  seen.assign(known_languages().size(), 0);
  for (std::size_t i = 0; i < p.languages.size(); ++i) {
    const auto field = [i] { return indexed("languages", i, ".code"); };
    if (!check_text(errors, field, p.languages[i].code)) continue;
    const auto found = known.languages.find(p.languages[i].code);
    if (found == known.languages.end())
      errors.add(field(), unknown_language_code(p.languages[i].code));
    else if (std::exchange(seen[found->second], 1))
      errors.add(field(), "language " + quoted(p.languages[i].code) + " is listed twice");
  }
  if (p.pillars.empty()) errors.add("pillars", "empty: expected at least one of social, culture, work");
  if (p.availability.empty())
    errors.add("availability", "empty: expected at least one of weekday_daytime, weekday_evening, weekend");
  if (!std::isfinite(p.max_distance_km) || p.max_distance_km <= 0 || p.max_distance_km > max_distance_km_limit)
    errors.add("max_distance_km", std::to_string(p.max_distance_km) + ": expected more than 0 and at most " +
                                      std::to_string(int(max_distance_km_limit)) + " km");
  if (p.welcomes_beginners && p.role != Role::local)
    errors.add("welcomes_beginners", "true for a newcomer: expected false or absent (locals offer language practice)");
  if (!capacity_range.contains(p.capacity))
    errors.add("capacity", expected_whole_number(capacity_range) + ", got " + std::to_string(p.capacity));
  if (!waiting_days_range.contains(p.waiting_since_days))
    errors.add("waiting_since_days", expected_whole_number(waiting_days_range) + ", got " + std::to_string(p.waiting_since_days));
  if (!p.field.empty()) check_sector(errors, known, named("field"), p.field);

  const auto& work = p.work;
  for (std::size_t i = 0; i < work.sought_sectors.size(); ++i)
    check_sector(
        errors, known, [i] { return indexed("work.sought_sectors", i); }, work.sought_sectors[i]);
  for (std::size_t i = 0; i < work.network_sectors.size(); ++i)
    check_sector(
        errors, known, [i] { return indexed("work.network_sectors", i); }, work.network_sectors[i]);
  for (const auto* occupation : {&work.sought_occupation, &work.occupation}) {
    const char* field = occupation == &work.occupation ? "work.occupation" : "work.sought_occupation";
    if (!occupation->empty() && check_text(errors, named(field), *occupation) && !known.occupations.count(*occupation))
      errors.add(field, "unknown occupation id " + quoted(*occupation) + ": expected an id from occupations.yaml");
  }
  if (p.role == Role::local && (!work.sought_sectors.empty() || !work.sought_occupation.empty()))
    errors.add("work.sought_sectors", "a local offers a network: expected network_sectors, not sought_sectors");
  if (p.role == Role::newcomer && !work.network_sectors.empty())
    errors.add("work.network_sectors", "a newcomer seeks work: expected sought_sectors, not network_sectors");
}

}  // namespace

std::string expected_whole_number(WholeRange range) {
  return "expected a whole number from " + std::to_string(range.min) + " to " + std::to_string(range.max);
}

std::string unknown_language_code(std::string_view code) {
  return "unknown language code " + quoted(code) + ": expected an ISO 639 code such as nl, ar, ti, prs";
}

std::vector<Problem> validate_profile(const Profile& profile, const Taxonomy& taxonomy, int reference_year) {
  std::vector<Problem> errors;
  check_profile(profile, 0, KnownIds(taxonomy), reference_year, errors);
  return errors;
}

std::vector<Problem> validate_pool(const Pool& pool) {
  std::vector<Problem> errors;
  const auto& taxonomy = pool.taxonomy;
  if (taxonomy.interests.size() > std::size_t(max_interests))
    errors.push_back({"(pool)", "taxonomy.interests", "more than 128 interests: the core's bitsets hold 128"});
  if (taxonomy.sectors.size() > std::size_t(max_sectors))
    errors.push_back({"(pool)", "taxonomy.sectors", "more than 64 sectors: the core's bitsets hold 64"});
  if (taxonomy.occupations.size() > std::size_t(max_occupations))
    errors.push_back({"(pool)", "taxonomy.occupations",
                      "more than " + std::to_string(max_occupations) + " occupations: the core's compact profiles hold 16 bits"});
  if (!reference_year_range.contains(pool.reference_year))
    errors.push_back({"(pool)", "reference_year",
                      expected_whole_number(reference_year_range) + ", got " + std::to_string(pool.reference_year)});
  const auto check_ids = [&](const std::vector<std::string>& ids, const char* list, const char* after) {
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (const auto control = find_control_character(ids[i]))
        errors.push_back({"(pool)", indexed(list, i, after), control_character_problem(*control)});
  };
  check_ids(taxonomy.interests, "taxonomy.interests", ".id");
  check_ids(taxonomy.sectors, "taxonomy.sectors", "");
  check_ids(taxonomy.occupations, "taxonomy.occupations", "");
  if (taxonomy.interest_rarity.size() != taxonomy.interests.size())
    errors.push_back({"(pool)", "taxonomy.interests", "every interest needs a rarity weight"});
  for (std::size_t i = 0; i < taxonomy.interest_rarity.size(); ++i)
    if (!std::isfinite(taxonomy.interest_rarity[i]) || taxonomy.interest_rarity[i] <= 0)
      errors.push_back({"(pool)", "taxonomy.interests[" + std::to_string(i) + "].rarity", "expected a positive number"});
  const std::size_t n = pool.profiles.size();
  const KnownIds known(taxonomy);
  // Duplicate ids in order (the second of two is reported); the profiles'
  // own checks in two halves on two threads natively, each half's errors by
  // profile, joined in the order of one pass.
  std::vector<char> duplicate(n, 0);
  auto find_duplicates = [&] {
    std::unordered_set<std::string_view> ids;
    ids.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (!pool.profiles[i].id.empty() && !ids.insert(pool.profiles[i].id).second) duplicate[i] = 1;
  };
  struct Half {
    std::vector<Problem> errors;
    std::vector<std::size_t> end;  // per profile of the half, where its errors end
  };
  auto check_range = [&](std::size_t first, std::size_t last, Half& half) {
    half.end.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
      check_profile(pool.profiles[i], i, known, pool.reference_year, half.errors);
      half.end.push_back(half.errors.size());
    }
  };
  const std::size_t middle = n / 2;
  Half halves[2];
  run_parts(2, n >= 2048, [&](std::size_t half) {
    if (half == 0) {
      check_range(0, middle, halves[0]);
    } else {
      check_range(middle, n, halves[1]);
      find_duplicates();
    }
  });
  for (int h = 0; h < 2; ++h) {
    const std::size_t first = h == 0 ? 0 : middle;
    std::size_t begin = 0;
    for (std::size_t j = 0; j < halves[h].end.size(); ++j) {
      const std::size_t end = halves[h].end[j];
      for (std::size_t e = begin; e < end; ++e) errors.push_back(std::move(halves[h].errors[e]));
      begin = end;
      const auto& profile = pool.profiles[first + j];
      if (duplicate[first + j]) errors.push_back({profile.id, "id", "duplicate id: every profile needs its own"});
    }
  }
  return errors;
}

// [SECTION] Score weights

std::vector<Problem> validate_weights(const ScoreWeights& weights) {
  std::vector<Problem> errors;
  const auto check = [&](const char* field, double value, double min, double max, const char* unit) {
    if (!(value >= min && value <= max))  // NaN fails too
      errors.push_back(
          {"(weights)", field,
           "expected a number from " + short_number(min) + " to " + short_number(max) + unit + ", got " + short_number(value)});
  };
  const std::pair<const char*, double> parts[] = {{"interests", weights.interests}, {"age", weights.age},
                                                  {"distance", weights.distance},   {"availability", weights.availability},
                                                  {"field", weights.field},         {"work", weights.work}};
  bool any_above_zero = false;
  for (const auto& [field, value] : parts) {
    check(field, value, 0, score_weight_limit, "");
    any_above_zero = any_above_zero || value > 0;
  }
  if (!any_above_zero && errors.empty())
    errors.push_back({"(weights)", "", "every part's weight is 0: expected at least one above 0"});
  check("age_span_years", weights.age_span_years, age_span_years_min, age_span_years_max, " years");
  check("distance_half_km", weights.distance_half_km, distance_half_km_min, distance_half_km_max, " km");
  return errors;
}

}  // namespace blendin::core
