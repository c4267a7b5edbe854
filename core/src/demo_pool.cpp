// [SECTION] Places
// [SECTION] Names and languages
// [SECTION] Drawing one person
#include <blendin/core/demo_pool.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

namespace blendin::core {

std::uint64_t DemoRandom::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t DemoRandom::below(std::uint64_t bound) { return bound ? next() % bound : 0; }

double DemoRandom::unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

namespace {

// [SECTION] Places

struct City {
  const char* name;
  double lat, lon;     // city centre
  int postcode_first;  // the city's 4-digit postcode areas run from here...
  int postcode_count;  // ...for this many areas
  int weight;          // relative population, in thousands
};

// Real city centres and postcode ranges. An area's centre is placed around the
// city centre by a fixed rule (see area_centre): coarse by design.
constexpr std::array<City, 24> cities{{
    {"Amsterdam", 52.3728, 4.8936, 1011, 98, 930},  {"Rotterdam", 51.9225, 4.4792, 3011, 80, 670},
    {"Den Haag", 52.0705, 4.3007, 2491, 90, 560},   {"Utrecht", 52.0907, 5.1214, 3511, 50, 370},
    {"Eindhoven", 51.4416, 5.4697, 5611, 47, 240},  {"Groningen", 53.2194, 6.5665, 9711, 47, 240},
    {"Tilburg", 51.5555, 5.0913, 5011, 38, 225},    {"Almere", 52.3508, 5.2647, 1311, 50, 220},
    {"Breda", 51.5719, 4.7683, 4811, 30, 185},      {"Nijmegen", 51.8126, 5.8372, 6511, 34, 180},
    {"Apeldoorn", 52.2112, 5.9699, 7311, 25, 165},  {"Arnhem", 51.9851, 5.8987, 6811, 35, 165},
    {"Haarlem", 52.3874, 4.6462, 2011, 27, 165},    {"Enschede", 52.2215, 6.8937, 7511, 35, 160},
    {"Amersfoort", 52.1561, 5.3878, 3811, 25, 160}, {"Zaanstad", 52.4391, 4.8275, 1501, 30, 160},
    {"Den Bosch", 51.6978, 5.3037, 5211, 35, 155},  {"Zwolle", 52.5168, 6.0830, 8011, 34, 130},
    {"Leiden", 52.1601, 4.4970, 2311, 25, 125},     {"Maastricht", 50.8514, 5.6910, 6211, 35, 120},
    {"Dordrecht", 51.8133, 4.6901, 3311, 20, 120},  {"Leeuwarden", 53.2012, 5.7999, 8911, 28, 125},
    {"Deventer", 52.2661, 6.1552, 7411, 20, 100},   {"Delft", 52.0116, 4.3571, 2611, 20, 105},
}};

struct Area {
  std::string postcode;
  double lat, lon;
};

// Areas spiral out from the centre (a sunflower pattern): the farthest of
// Amsterdam's 98 is 8 km out, of a small city's 20 about 3.6 km.
Area area_centre(const City& city, int area) {
  const double golden_angle_turns = 0.3819660112501051;
  const double turns = double(area) * golden_angle_turns;
  const double fraction = turns - double(long(turns));
  // cos/sin of 2*pi*fraction by a small table, so no libm call is involved.
  constexpr std::array<std::array<double, 2>, 16> directions{{
      {1.0, 0.0},
      {0.9239, 0.3827},
      {0.7071, 0.7071},
      {0.3827, 0.9239},
      {0.0, 1.0},
      {-0.3827, 0.9239},
      {-0.7071, 0.7071},
      {-0.9239, 0.3827},
      {-1.0, 0.0},
      {-0.9239, -0.3827},
      {-0.7071, -0.7071},
      {-0.3827, -0.9239},
      {0.0, -1.0},
      {0.3827, -0.9239},
      {0.7071, -0.7071},
      {0.9239, -0.3827},
  }};
  const auto& direction = directions[std::size_t(fraction * 16.0) % 16];
  const double radius_km = 0.8 * std::sqrt(double(area));  // equal areas: about 2 km2 each
  const double lat = city.lat + direction[1] * radius_km / 111.2;
  const double lon = city.lon + direction[0] * radius_km / 68.4;
  return {std::to_string(city.postcode_first + area), std::round(lat * 1e4) / 1e4, std::round(lon * 1e4) / 1e4};
}

// [SECTION] Names and languages

struct Community {
  const char* language;  // mother tongue
  int weight;
  std::array<const char*, 8> names;
  const char* second_language;  // often spoken too ("" for none)
};

constexpr std::array<Community, 8> newcomer_communities{{
    {"ar", 30, {"Amal", "Omar", "Rania", "Yousef", "Lina", "Khaled", "Nour", "Samir"}, "en"},
    {"ti", 16, {"Senait", "Yonas", "Helen", "Dawit", "Mebrat", "Tesfay", "Rahel", "Filmon"}, "am"},
    {"prs", 12, {"Farida", "Ahmad", "Mariam", "Sohrab", "Zahra", "Javid", "Parwana", "Bilal"}, "ps"},
    {"fa", 8, {"Shirin", "Reza", "Leila", "Dariush", "Mina", "Babak", "Sara", "Kian"}, "en"},
    {"uk", 22, {"Olena", "Taras", "Iryna", "Andrii", "Oksana", "Dmytro", "Kateryna", "Bohdan"}, "ru"},
    {"tr", 5, {"Elif", "Mehmet", "Zeynep", "Emre", "Ayse", "Burak", "Derya", "Can"}, "ku"},
    {"so", 4, {"Hodan", "Abdi", "Fadumo", "Ahmed", "Ifrah", "Mohamed", "Sahra", "Yusuf"}, "ar"},
    {"ku", 3, {"Berivan", "Azad", "Rojda", "Baran", "Dilan", "Rezan", "Hevi", "Soran"}, "ar"},
}};

constexpr std::array<const char*, 24> local_names{"Anouk", "Daan",   "Sanne", "Joris", "Femke",   "Bram",    "Lotte",  "Thijs",
                                                  "Iris",  "Ruben",  "Eva",   "Sem",   "Marieke", "Pieter",  "Noor",   "Wouter",
                                                  "Fleur", "Jeroen", "Ilse",  "Koen",  "Hanneke", "Mohamed", "Fatima", "Kees"};

template <typename Item, std::size_t N, typename Weight>
const Item& weighted_pick(DemoRandom& random, const std::array<Item, N>& items, Weight weight) {
  long total = 0;
  for (const auto& item : items) total += weight(item);
  long ticket = long(random.below(std::uint64_t(total)));
  for (const auto& item : items) {
    ticket -= weight(item);
    if (ticket < 0) return item;
  }
  return items.back();
}

// [SECTION] Drawing one person

LanguageLevel level_between(DemoRandom& random, LanguageLevel low, LanguageLevel high) {
  return LanguageLevel(int(low) + int(random.below(std::uint64_t(int(high) - int(low) + 1))));
}

// Zipf-like: interest i is drawn with weight 1/(i+2); the taxonomy's order is
// shuffled per pool seed, so popularity is not tied to the file order.
std::vector<std::size_t> draw_interests(DemoRandom& random, const std::vector<double>& cumulative,
                                        const std::vector<std::size_t>& popularity_order, std::size_t how_many) {
  std::vector<std::size_t> chosen;
  for (int attempts = 0; chosen.size() < how_many && attempts < 40; ++attempts) {
    const double ticket = random.unit() * cumulative.back();
    const std::size_t rank = std::size_t(std::upper_bound(cumulative.begin(), cumulative.end(), ticket) - cumulative.begin());
    const std::size_t interest = popularity_order[std::min(rank, popularity_order.size() - 1)];
    if (std::find(chosen.begin(), chosen.end(), interest) == chosen.end()) chosen.push_back(interest);
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

// Where: a postcode area of a city, most people nearer the centre.
void draw_place(DemoRandom& random, Profile& p) {
  const City& city = weighted_pick(random, cities, [](const City& c) { return c.weight; });
  // Most people live nearer the centre: the smaller of two draws.
  const int area =
      int(std::min(random.below(std::uint64_t(city.postcode_count)), random.below(std::uint64_t(city.postcode_count))));
  const Area place = area_centre(city, area);
  p.postcode_area = place.postcode;
  p.lat = place.lat;
  p.lon = place.lon;
}

// A name and the languages of someone from a newcomer community or a local.
void draw_name_and_languages(DemoRandom& random, Profile& p, bool newcomer) {
  if (newcomer) {
    const Community& community = weighted_pick(random, newcomer_communities, [](const Community& c) { return c.weight; });
    p.display_name = community.names[random.below(community.names.size())];
    p.languages.push_back({community.language, LanguageLevel::native});
    if (community.second_language[0] && random.chance(0.4))
      p.languages.push_back({community.second_language, level_between(random, LanguageLevel::a2, LanguageLevel::c1)});
    // Dutch is being learnt; some speak English too.
    p.languages.push_back({"nl", level_between(random, LanguageLevel::a1, LanguageLevel::b2)});
    if (std::string(community.second_language) != "en" && random.chance(0.45))
      p.languages.push_back({"en", level_between(random, LanguageLevel::a1, LanguageLevel::c1)});
  } else {
    p.display_name = local_names[random.below(local_names.size())];
    p.languages.push_back({"nl", LanguageLevel::native});
    if (random.chance(0.85)) p.languages.push_back({"en", level_between(random, LanguageLevel::a2, LanguageLevel::c2)});
    if (random.chance(0.12)) p.languages.push_back({"ar", level_between(random, LanguageLevel::a1, LanguageLevel::native)});
    if (random.chance(0.10)) p.languages.push_back({"de", level_between(random, LanguageLevel::a2, LanguageLevel::b2)});
    if (random.chance(0.04)) p.languages.push_back({"uk", level_between(random, LanguageLevel::a1, LanguageLevel::b2)});
  }
}

// Pillars, moments, gender and its preference, travel, capacity, meeting style, field.
void draw_preferences(DemoRandom& random, Profile& p, const Taxonomy& taxonomy, bool newcomer) {
  const std::size_t sector_count = taxonomy.sectors.size();
  p.pillars.insert(Pillar::social);
  if (random.chance(0.45)) p.pillars.insert(Pillar::culture);
  if (random.chance(newcomer ? 0.45 : 0.30)) p.pillars.insert(Pillar::work);
  if (random.chance(0.15)) p.pillars = PillarSet{std::uint8_t(1u << unsigned(random.below(3)))};

  for (int moment = 0; moment < availability_count; ++moment)
    if (random.chance(0.5)) p.availability.insert(Availability(moment));
  if (p.availability.empty()) p.availability.insert(Availability::weekend);

  if (random.chance(0.85)) {
    p.gender = random.chance(0.02) ? Gender::nonbinary : (random.chance(0.5) ? Gender::woman : Gender::man);
    // Some women prefer to meet women; a few people state other preferences.
    if (*p.gender == Gender::woman && random.chance(newcomer ? 0.35 : 0.15))
      p.gender_preference.insert(Gender::woman);
    else if (random.chance(0.03))
      p.gender_preference.insert(*p.gender);
  }
  constexpr std::array<double, 6> distances{3, 5, 8, 10, 15, 25};
  p.max_distance_km = distances[random.below(distances.size())];
  p.capacity = newcomer ? (random.chance(0.85) ? 1 : 2) : 1 + int(random.below(3));
  p.meeting_style =
      random.chance(0.6) ? MeetingStyle::either : (random.chance(0.6) ? MeetingStyle::alone : MeetingStyle::with_friends);
  if (sector_count && random.chance(0.8)) p.field = taxonomy.sectors[random.below(sector_count)];
}

// The sought sectors and occupation of a newcomer, the network of a local (Work).
void draw_work(DemoRandom& random, Profile& p, const Taxonomy& taxonomy, const std::vector<int>& occupation_sectors,
               bool newcomer) {
  const std::size_t sector_count = taxonomy.sectors.size();
  if (p.pillars.contains(Pillar::work) && sector_count) {
    if (newcomer) {
      const std::size_t first = p.field.empty() ? random.below(sector_count) : std::size_t(*taxonomy.sector_index(p.field));
      p.work.sought_sectors.push_back(taxonomy.sectors[first]);
      if (random.chance(0.4)) {
        const auto second = taxonomy.sectors[random.below(sector_count)];
        if (second != p.work.sought_sectors[0]) p.work.sought_sectors.push_back(second);
      }
      // An occupation within the first sought sector, when there is one.
      std::vector<std::size_t> fitting;
      for (std::size_t o = 0; o < occupation_sectors.size(); ++o)
        if (occupation_sectors[o] == int(first)) fitting.push_back(o);
      if (!fitting.empty() && random.chance(0.7))
        p.work.sought_occupation = taxonomy.occupations[fitting[random.below(fitting.size())]];
    } else {
      const std::size_t how_many = 1 + random.below(3);
      for (std::size_t s = 0; s < how_many; ++s) {
        const auto sector = taxonomy.sectors[random.below(sector_count)];
        if (std::find(p.work.network_sectors.begin(), p.work.network_sectors.end(), sector) == p.work.network_sectors.end())
          p.work.network_sectors.push_back(sector);
      }
      if (!p.field.empty()) {
        std::vector<std::size_t> fitting;
        const int field = *taxonomy.sector_index(p.field);
        for (std::size_t o = 0; o < occupation_sectors.size(); ++o)
          if (occupation_sectors[o] == field) fitting.push_back(o);
        if (!fitting.empty() && random.chance(0.6))
          p.work.occupation = taxonomy.occupations[fitting[random.below(fitting.size())]];
      }
    }
  }
}

}  // namespace

Pool make_demo_pool(const DemoPoolOptions& options, const Taxonomy& taxonomy, const std::vector<int>& occupation_sectors) {
  DemoRandom random(options.seed);
  // Its own stream: the share of locals who welcome beginners can change
  // without changing any other field of a seed's pool.
  DemoRandom beginners_random(options.seed ^ 0x6265'6769'6e6e'6572u);
  Pool pool;
  pool.reference_year = options.reference_year;
  pool.taxonomy = taxonomy;

  std::vector<std::size_t> popularity_order(taxonomy.interests.size());
  for (std::size_t i = 0; i < popularity_order.size(); ++i) popularity_order[i] = i;
  for (std::size_t i = popularity_order.size(); i > 1; --i) std::swap(popularity_order[i - 1], popularity_order[random.below(i)]);
  std::vector<double> cumulative;
  double sum = 0;
  for (std::size_t rank = 0; rank < popularity_order.size(); ++rank) cumulative.push_back(sum += 1.0 / double(rank + 2));

  pool.profiles.reserve(options.profiles);
  for (std::size_t n = 0; n < options.profiles; ++n) {
    Profile p;
    char id[24];
    std::snprintf(id, sizeof id, "p%07zu", n + 1);
    p.id = id;
    p.role = random.chance(options.newcomer_share) ? Role::newcomer : Role::local;
    const bool newcomer = p.role == Role::newcomer;

    draw_place(random, p);
    // Ages: newcomers mostly 18-45, locals 18-75, peaks in the twenties and thirties.
    const int age = newcomer ? 18 + int((random.below(28) + random.below(28) + random.below(10)) * 2 / 3)
                             : 18 + int((random.below(58) + random.below(58)) / 2);
    p.birth_year = options.reference_year - age;

    draw_name_and_languages(random, p, newcomer);
    for (auto index : draw_interests(random, cumulative, popularity_order, 2 + random.below(5)))
      p.interests.push_back(taxonomy.interests[index]);

    draw_preferences(random, p, taxonomy, newcomer);
    draw_work(random, p, taxonomy, occupation_sectors, newcomer);
    if (newcomer)
      p.waiting_since_days = int(random.below(120));
    else
      p.welcomes_beginners = beginners_random.chance(options.welcomes_beginners_share);
    pool.profiles.push_back(std::move(p));
  }
  compute_interest_rarity(pool);
  return pool;
}

}  // namespace blendin::core
