#include <blendin/core/validate.hpp>
#include <blendin/core/parallel.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_set>

namespace blendin::core {

namespace {

// The Netherlands with a margin: a coarse location outside it is a typo.
constexpr double min_lat = 50.6, max_lat = 53.7, min_lon = 3.2, max_lon = 7.3;
constexpr int min_age = 16, max_age = 110;

class Collector {
 public:
  Collector(const Profile& profile, std::size_t position, std::vector<ValidationError>& out)
      : id_(profile.id.empty() ? "#" + std::to_string(position) : profile.id), out_(out) {}
  void add(std::string field, std::string message) { out_.push_back({id_, std::move(field), std::move(message)}); }

 private:
  std::string id_;
  std::vector<ValidationError>& out_;
};

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// The ids a profile may use, looked up by hash: a pool checks a few hundred
// thousand of them against lists of dozens.
struct KnownIds {
  explicit KnownIds(const Taxonomy& taxonomy)
      : interests(taxonomy.interests.begin(), taxonomy.interests.end()),
        sectors(taxonomy.sectors.begin(), taxonomy.sectors.end()),
        occupations(taxonomy.occupations.begin(), taxonomy.occupations.end()),
        languages(known_languages().begin(), known_languages().end()) {}
  std::unordered_set<std::string_view> interests, sectors, occupations, languages;
};

// `field` names the field for a message, made only when there is one.
template <typename Field>
void check_sector(Collector& errors, const KnownIds& known, Field field, const std::string& id) {
  if (!known.sectors.count(id)) errors.add(field(), "unknown sector id " + quoted(id) + ": expected an id from sectors.yaml");
}

std::string indexed(const char* list, std::size_t i, const char* after = "") {
  return std::string(list) + "[" + std::to_string(i) + "]" + after;
}

void check_profile(const Profile& p, std::size_t position, const KnownIds& known, int reference_year,
                   std::vector<ValidationError>& out) {
  Collector errors(p, position, out);
  if (p.id.empty()) errors.add("id", "missing: expected a non-empty pseudonymous id");
  const int age = reference_year - p.birth_year;
  if (age < min_age || age > max_age)
    errors.add("birth_year", "gives an age of " + std::to_string(age) + " in " + std::to_string(reference_year) +
                                 ": expected an age from " + std::to_string(min_age) + " to " + std::to_string(max_age));
  if (p.postcode_area.size() != 4 || !std::all_of(p.postcode_area.begin(), p.postcode_area.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      p.postcode_area[0] == '0')
    errors.add("postcode_area", quoted(p.postcode_area) + ": expected a 4-digit Dutch postcode area from 1000 to 9999");
  if (!std::isfinite(p.lat) || p.lat < min_lat || p.lat > max_lat)
    errors.add("lat", "latitude " + std::to_string(p.lat) + " is outside the Netherlands: expected 50.6 to 53.7");
  if (!std::isfinite(p.lon) || p.lon < min_lon || p.lon > max_lon)
    errors.add("lon", "longitude " + std::to_string(p.lon) + " is outside the Netherlands: expected 3.2 to 7.3");

  // Lists are short: a linear look-back finds repeats without allocating.
  auto repeated = [](const auto& list, std::size_t i, auto key) {
    for (std::size_t j = 0; j < i; ++j)
      if (key(list[j]) == key(list[i])) return true;
    return false;
  };
  const auto same = [](const std::string& id) -> const std::string& { return id; };
  for (std::size_t i = 0; i < p.interests.size(); ++i) {
    if (!known.interests.count(p.interests[i]))
      errors.add(indexed("interests", i), "unknown interest id " + quoted(p.interests[i]) + ": expected an id from interests.yaml");
    else if (repeated(p.interests, i, same))
      errors.add(indexed("interests", i), "interest " + quoted(p.interests[i]) + " is listed twice");
  }
  if (p.languages.empty()) errors.add("languages", "empty: expected at least one language with a level");
  const auto code = [](const LanguageSkill& skill) -> const std::string& { return skill.code; };
  for (std::size_t i = 0; i < p.languages.size(); ++i) {
    if (!known.languages.count(p.languages[i].code))
      errors.add(indexed("languages", i, ".code"),
                 "unknown language code " + quoted(p.languages[i].code) + ": expected an ISO 639 code such as nl, ar, ti, prs");
    else if (repeated(p.languages, i, code))
      errors.add(indexed("languages", i, ".code"), "language " + quoted(p.languages[i].code) + " is listed twice");
  }
  if (p.pillars.empty()) errors.add("pillars", "empty: expected at least one of social, culture, work");
  if (p.availability.empty())
    errors.add("availability", "empty: expected at least one of weekday_daytime, weekday_evening, weekend");
  if (!std::isfinite(p.max_distance_km) || p.max_distance_km <= 0 || p.max_distance_km > 300)
    errors.add("max_distance_km", std::to_string(p.max_distance_km) + ": expected more than 0 and at most 300 km");
  if (p.capacity < 1 || p.capacity > 3)
    errors.add("capacity", std::to_string(p.capacity) + ": expected 1, 2 or 3 matches");
  if (p.waiting_since_days < 0) errors.add("waiting_since_days", "negative: expected 0 or more days");
  if (!p.field.empty()) check_sector(errors, known, [] { return std::string("field"); }, p.field);

  const auto& work = p.work;
  for (std::size_t i = 0; i < work.sought_sectors.size(); ++i)
    check_sector(errors, known, [i] { return indexed("work.sought_sectors", i); }, work.sought_sectors[i]);
  for (std::size_t i = 0; i < work.network_sectors.size(); ++i)
    check_sector(errors, known, [i] { return indexed("work.network_sectors", i); }, work.network_sectors[i]);
  for (const auto* occupation : {&work.sought_occupation, &work.occupation})
    if (!occupation->empty() && !known.occupations.count(*occupation))
      errors.add(occupation == &work.occupation ? "work.occupation" : "work.sought_occupation",
                 "unknown occupation id " + quoted(*occupation) + ": expected an id from occupations.yaml");
  if (p.role == Role::local && (!work.sought_sectors.empty() || !work.sought_occupation.empty()))
    errors.add("work.sought_sectors", "a local offers a network: expected network_sectors, not sought_sectors");
  if (p.role == Role::newcomer && !work.network_sectors.empty())
    errors.add("work.network_sectors", "a newcomer seeks work: expected sought_sectors, not network_sectors");
}

}  // namespace

std::string ValidationError::to_string() const {
  // "(request)" and "(pool)" name a part of a document rather than a profile.
  const bool document_part = !profile_id.empty() && profile_id.front() == '(';
  std::string text = document_part ? profile_id.substr(1, profile_id.size() - 2) : "profile \"" + profile_id + "\"";
  if (!field.empty()) text += ": " + field;
  return text + ": " + message;
}

std::vector<ValidationError> validate_profile(const Profile& profile, const Taxonomy& taxonomy, int reference_year) {
  std::vector<ValidationError> errors;
  check_profile(profile, 0, KnownIds(taxonomy), reference_year, errors);
  return errors;
}

std::vector<ValidationError> validate_pool(const Pool& pool) {
  std::vector<ValidationError> errors;
  const auto& taxonomy = pool.taxonomy;
  if (taxonomy.interests.size() > std::size_t(max_interests))
    errors.push_back({"(pool)", "taxonomy.interests", "more than 128 interests: the core's bitsets hold 128"});
  if (taxonomy.sectors.size() > std::size_t(max_sectors))
    errors.push_back({"(pool)", "taxonomy.sectors", "more than 64 sectors: the core's bitsets hold 64"});
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
    std::vector<ValidationError> errors;
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

}  // namespace blendin::core
