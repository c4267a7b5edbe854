#include <blendin/core/geo.hpp>
#include <blendin/core/score.hpp>

#include <doctest/doctest.h>

#include <cmath>

#include "core_fixtures.hpp"

using namespace blendin::core;
using blendin::test::local;
using blendin::test::newcomer;
using blendin::test::small_taxonomy;

namespace {

// Both directions of every constraint: a->b and b->a must agree.
std::optional<Constraint> check(const ScoringModel& model, const Profile& a, const Profile& b) {
  const auto ca = model.compact(a), cb = model.compact(b);
  const auto forward = model.violated_constraint(ca, cb, distance_km(ca, cb));
  const auto backward = model.violated_constraint(cb, ca, distance_km(cb, ca));
  CHECK(forward == backward);
  return forward;
}

}  // namespace

TEST_CASE("core::geo distances agree with the haversine within 0.1 %") {
  // Amsterdam - Rotterdam is 57.0 km, Groningen - Maastricht 241 km (haversine).
  auto haversine = [](double la1, double lo1, double la2, double lo2) {
    const double r = 3.14159265358979323846 / 180.0;
    const double a = std::pow(std::sin((la2 - la1) * r / 2), 2) +
                     std::cos(la1 * r) * std::cos(la2 * r) * std::pow(std::sin((lo2 - lo1) * r / 2), 2);
    return 2 * 6371.0088 * std::asin(std::sqrt(a));
  };
  const double pairs[][4] = {{52.3728, 4.8936, 51.9225, 4.4792},
                             {53.2194, 6.5665, 50.8514, 5.6910},
                             {52.0907, 5.1214, 52.0907, 5.2214},
                             {51.4416, 5.4697, 53.2012, 5.7999}};
  for (const auto& p : pairs) {
    const double ours = distance_km(p[0], p[1], p[2], p[3]);
    const double reference = haversine(p[0], p[1], p[2], p[3]);
    CHECK(std::abs(ours - reference) / reference < 0.001);
  }
  CHECK(distance_km(52.0, 5.0, 52.0, 5.0) == 0.0);
  CHECK(portable_cos(0.0) == 1.0);
  CHECK(std::abs(portable_cos(1.0) - std::cos(1.0)) < 1e-12);
  CHECK(std::abs(portable_cos(1.5) - std::cos(1.5)) < 1e-12);
}

TEST_CASE("core::score hard constraints each in both directions") {
  const ScoringModel model(small_taxonomy());
  auto a = newcomer("a");
  auto b = local("b");
  REQUIRE_FALSE(check(model, a, b).has_value());

  SUBCASE("role: two newcomers or two locals never match") {
    CHECK(check(model, a, newcomer("c")) == Constraint::role);
    CHECK(check(model, local("c"), b) == Constraint::role);
  }
  SUBCASE("language: a shared language at A2 or better on both sides") {
    b.languages = {{"en", LanguageLevel::c2}};
    CHECK(check(model, a, b) == Constraint::language);
    b.languages = {{"nl", LanguageLevel::a1}};  // shared, but A1 on one side
    CHECK(check(model, a, b) == Constraint::language);
    a.languages = {{"nl", LanguageLevel::a1}};
    b.languages = {{"nl", LanguageLevel::native}};  // the other side at A1
    CHECK(check(model, a, b) == Constraint::language);
    a.languages = {{"nl", LanguageLevel::a2}};  // A2 is enough
    CHECK_FALSE(check(model, a, b).has_value());
    a.languages = {{"ti", LanguageLevel::native}, {"ar", LanguageLevel::b1}};
    b.languages = {{"ar", LanguageLevel::a2}};
    CHECK_FALSE(check(model, a, b).has_value());
  }
  SUBCASE("language practice: a newcomer at A1 with a local at C1 or better who welcomes beginners") {
    a.languages = {{"nl", LanguageLevel::a1}, {"ti", LanguageLevel::native}};
    b.languages = {{"nl", LanguageLevel::native}};
    CHECK(check(model, a, b) == Constraint::language);  // a native local who does not welcome beginners
    b.welcomes_beginners = true;
    CHECK_FALSE(check(model, a, b).has_value());  // who does
    b.languages = {{"nl", LanguageLevel::c2}};
    CHECK_FALSE(check(model, a, b).has_value());
    b.languages = {{"nl", LanguageLevel::c1}};  // C1 is fluent enough
    CHECK_FALSE(check(model, a, b).has_value());
    b.languages = {{"nl", LanguageLevel::b2}};  // B2 is not
    CHECK(check(model, a, b) == Constraint::language);
    b.languages = {{"nl", LanguageLevel::native}, {"ti", LanguageLevel::a1}};
    a.languages = {{"ti", LanguageLevel::native}};  // only the local is the beginner: not practice
    CHECK(check(model, a, b) == Constraint::language);
    // The practice language must be one both speak.
    a.languages = {{"ar", LanguageLevel::a1}};
    b.languages = {{"nl", LanguageLevel::native}};
    CHECK(check(model, a, b) == Constraint::language);
    // Two locals or two newcomers never match, whatever they welcome.
    auto c = local("c");
    c.languages = {{"nl", LanguageLevel::a1}};
    CHECK(check(model, b, c) == Constraint::role);
  }
  SUBCASE("distance: within each person's own maximum") {
    b.lat = 52.0907;  // Utrecht, about 36 km from Amsterdam
    b.lon = 5.1214;
    a.max_distance_km = 50;
    b.max_distance_km = 30;
    CHECK(check(model, a, b) == Constraint::distance);  // b's maximum is too short
    b.max_distance_km = 50;
    a.max_distance_km = 30;
    CHECK(check(model, a, b) == Constraint::distance);  // a's maximum is too short
    a.max_distance_km = 40;
    b.max_distance_km = 40;
    CHECK_FALSE(check(model, a, b).has_value());
  }
  SUBCASE("gender: a stated preference is respected, in either direction") {
    a.gender = Gender::woman;
    a.gender_preference.insert(Gender::woman);
    b.gender = Gender::man;
    CHECK(check(model, a, b) == Constraint::gender);
    b.gender.reset();  // unknown gender does not meet a preference
    CHECK(check(model, a, b) == Constraint::gender);
    b.gender = Gender::woman;
    CHECK_FALSE(check(model, a, b).has_value());
    b.gender_preference.insert(Gender::man);  // now b's preference fails
    CHECK(check(model, a, b) == Constraint::gender);
    b.gender_preference.insert(Gender::woman);
    CHECK_FALSE(check(model, a, b).has_value());
  }
  SUBCASE("pillar: at least one pillar both want") {
    b.pillars = PillarSet{};
    b.pillars.insert(Pillar::work);
    CHECK(check(model, a, b) == Constraint::pillar);
    a.pillars.insert(Pillar::work);
    CHECK_FALSE(check(model, a, b).has_value());
  }
}

TEST_CASE("core::score is symmetric and in 0 to 1 and explained part by part") {
  const ScoringModel model(small_taxonomy());
  auto a = newcomer("a");
  auto b = local("b");
  a.interests = {"cooking", "chess", "music"};
  b.interests = {"chess", "football"};
  b.birth_year = 1980;
  b.lat = 52.36;
  a.availability.insert(Availability::weekday_evening);
  const auto ca = model.compact(a), cb = model.compact(b);
  const double ab = model.score(ca, cb, distance_km(ca, cb));
  const double ba = model.score(cb, ca, distance_km(cb, ca));
  CHECK(ab == ba);
  CHECK(ab > 0.0);
  CHECK(ab < 1.0);

  const auto e = model.explain(a, b, 2026);
  CHECK(e.shared_interests == std::vector<std::string>{"chess"});
  CHECK(e.age_a == 36);
  CHECK(e.age_b == 46);
  CHECK(e.distance_km == doctest::Approx(1.5).epsilon(0.1));
  REQUIRE(e.shared_languages.size() == 1);
  CHECK(e.shared_languages[0].code == "nl");
  CHECK(e.shared_availability == std::vector<Availability>{Availability::weekend});
  double sum = 0;
  for (const auto& part : e.parts) sum += part.contribution;
  CHECK(sum == doctest::Approx(ab).epsilon(1e-12));
  // Weighted Dice over rarity: 2*3 / ((1+3+1) + (3+1)) = 6/9
  CHECK(e.parts[0].name == "interests");
  CHECK(e.parts[0].value == doctest::Approx(6.0 / 9.0));
  // A 10-year gap over a 25-year span
  CHECK(e.parts[1].value == doctest::Approx(0.6));
  // one shared moment of two
  CHECK(e.parts[3].value == doctest::Approx(0.5));
}

TEST_CASE("core::score a shared rare interest says more than a shared common one") {
  const ScoringModel model(small_taxonomy());
  auto a = newcomer("a");
  auto common = local("common");
  auto rare = local("rare");
  a.interests = {"cooking", "poetry"};
  common.interests = {"cooking", "football"};
  rare.interests = {"poetry", "football"};
  const auto ca = model.compact(a);
  CHECK(*model.admissible_score(ca, model.compact(rare)) > *model.admissible_score(ca, model.compact(common)));
}

TEST_CASE("core::score each part moves the score the documented way") {
  const ScoringModel model(small_taxonomy());
  const auto a = newcomer("a");
  const auto base_local = local("b");
  const double base = *model.admissible_score(model.compact(a), model.compact(base_local));
  auto score_with = [&](auto change) {
    auto b = base_local;
    change(b);
    return *model.admissible_score(model.compact(a), model.compact(b));
  };
  SUBCASE("age closeness") {
    CHECK(score_with([](Profile& b) { b.birth_year = 1960; }) < base);
  }
  SUBCASE("distance decay") {
    CHECK(score_with([](Profile& b) { b.lat += 0.05; }) < base);
  }
  SUBCASE("availability overlap") {
    CHECK(score_with([](Profile& b) { b.availability.insert(Availability::weekday_daytime); }) < base);
  }
  SUBCASE("same study or work field") {
    auto a2 = a;
    a2.field = "care";
    auto b = base_local;
    b.field = "care";
    const double same = *model.admissible_score(model.compact(a2), model.compact(b));
    b.field = "tech";
    const double other = *model.admissible_score(model.compact(a2), model.compact(b));
    CHECK(same > other);
  }
  SUBCASE("work: sector and occupation fit count only when both want Work") {
    auto n = a;
    auto l = base_local;
    n.pillars.insert(Pillar::work);
    l.pillars.insert(Pillar::work);
    n.work.sought_sectors = {"care"};
    n.work.sought_occupation = "nurse";
    l.work.network_sectors = {"tech"};
    const double none = *model.admissible_score(model.compact(n), model.compact(l));
    l.work.network_sectors = {"tech", "care"};
    const double sector = *model.admissible_score(model.compact(n), model.compact(l));
    l.work.occupation = "nurse";
    const double both = *model.admissible_score(model.compact(n), model.compact(l));
    CHECK(none < sector);
    CHECK(sector < both);
    const auto e = model.explain(n, l, 2026);
    CHECK(e.shared_sectors == std::vector<std::string>{"care"});
    CHECK(e.occupation_fit);
    CHECK(e.parts.back().name == "work");
    CHECK(e.parts.back().value == doctest::Approx(1.0));
    // Without Work on one side the work part is left out entirely.
    l.pillars = PillarSet{};
    l.pillars.insert(Pillar::social);
    CHECK(model.explain(n, l, 2026).parts.back().name == "field");
  }
}

TEST_CASE("core::score weights are configurable") {
  ScoreWeights only_age;
  only_age.interests = only_age.distance = only_age.availability = only_age.field = only_age.work = 0;
  only_age.age = 1;
  const ScoringModel model(small_taxonomy(), only_age);
  auto a = newcomer("a");
  auto b = local("b");
  b.birth_year = a.birth_year + 5;
  CHECK(*model.admissible_score(model.compact(a), model.compact(b)) == doctest::Approx(0.8));
}

TEST_CASE("core::score meeting styles: alone and with friends differ and either fits both") {
  CHECK(meeting_styles_compatible(MeetingStyle::alone, MeetingStyle::alone));
  CHECK(meeting_styles_compatible(MeetingStyle::either, MeetingStyle::with_friends));
  CHECK_FALSE(meeting_styles_compatible(MeetingStyle::alone, MeetingStyle::with_friends));
}

TEST_CASE("core::score language practice is explained and scores as a shared language does") {
  const ScoringModel model(small_taxonomy());
  auto a = newcomer("a");
  auto b = local("b");
  a.languages = {{"ti", LanguageLevel::native}, {"nl", LanguageLevel::a1}, {"en", LanguageLevel::b1}};
  b.languages = {{"en", LanguageLevel::a2}, {"nl", LanguageLevel::native}};
  b.welcomes_beginners = true;
  const auto e = model.explain(a, b, 2026);
  REQUIRE(e.shared_languages.size() == 2);  // in a's order
  CHECK(e.shared_languages[0].code == "nl");
  CHECK(e.shared_languages[0].practice);
  CHECK(e.shared_languages[0].level_a == LanguageLevel::a1);
  CHECK(e.shared_languages[0].level_b == LanguageLevel::native);
  CHECK(e.shared_languages[1].code == "en");
  CHECK_FALSE(e.shared_languages[1].practice);
  // From the local's side too.
  const auto from_b = model.explain(b, a, 2026);
  REQUIRE(from_b.shared_languages.size() == 2);
  CHECK(from_b.shared_languages[1].code == "nl");
  CHECK(from_b.shared_languages[1].practice);

  // No bonus, no penalty: the score does not depend on which way they talk.
  auto by_practice = a, by_shared = a;
  by_practice.languages = {{"nl", LanguageLevel::a1}};
  by_shared.languages = {{"nl", LanguageLevel::b2}};
  const auto cb = model.compact(b);
  const auto practice_score = model.admissible_score(model.compact(by_practice), cb);
  const auto shared_score = model.admissible_score(model.compact(by_shared), cb);
  REQUIRE(practice_score.has_value());
  REQUIRE(shared_score.has_value());
  CHECK(*practice_score == *shared_score);
}
