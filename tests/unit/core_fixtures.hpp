// Small builders for core tests: a taxonomy and profiles that pass every hard
// constraint with each other, to be changed one field at a time.
#pragma once

#include <blendin/core/pool.hpp>
#include <blendin/core/profile.hpp>

namespace blendin::test {

inline core::Taxonomy small_taxonomy() {
  core::Taxonomy t;
  t.interests = {"cooking", "football", "music", "chess", "poetry"};
  t.interest_rarity = {1.0, 1.0, 1.0, 3.0, 4.0};  // chess and poetry are rare
  t.sectors = {"care", "tech", "education"};
  t.occupations = {"nurse", "software-developer", "teacher"};
  return t;
}

// Amsterdam centre, speaks Dutch at B1, wants Social, free on weekends.
inline core::Profile person(const char* id, core::Role role) {
  core::Profile p;
  p.id = id;
  p.role = role;
  p.display_name = "Sam";
  p.birth_year = 1990;
  p.postcode_area = "1011";
  p.lat = 52.3728;
  p.lon = 4.8936;
  p.interests = {"cooking"};
  p.languages = {{"nl", core::LanguageLevel::b1}};
  p.pillars.insert(core::Pillar::social);
  p.availability.insert(core::Availability::weekend);
  p.max_distance_km = 10;
  return p;
}

inline core::Profile newcomer(const char* id) { return person(id, core::Role::newcomer); }
inline core::Profile local(const char* id) { return person(id, core::Role::local); }

inline core::Pool pool_of(std::vector<core::Profile> profiles) {
  core::Pool pool;
  pool.reference_year = 2026;
  pool.taxonomy = small_taxonomy();
  pool.profiles = std::move(profiles);
  return pool;
}

}  // namespace blendin::test
