// [SECTION] the pool and its counts  [SECTION] a round  [SECTION] drawing
#include "coordinators.hpp"

#include "app.hpp"
#include "js.hpp"
#include "widgets.hpp"
#include "words.hpp"

#include <blendin/core/wire.hpp>
#include <blendin/core/wire_assignment.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace blendin::explorer {

// [SECTION] the pool and its counts
namespace {

// The name of the largest place near an area's centre (the pool has postcode
// areas only): among places of 10,000 people or more, the nearest.
std::string city_of(double lat, double lon, const Catalog& catalog) {
  const Place* best = nullptr;
  double best_distance = 1e300;
  for (const auto& place : catalog.places()) {
    if (place.population < 10000) continue;
    const double dy = place.lat - lat, dx = (place.lon - lon) * 0.613;
    const double d = dx * dx + dy * dy;
    if (d < best_distance) best_distance = d, best = &place;
  }
  return best ? best->name : std::string("?");
}

}  // namespace

void Coordinators::receive_pool(std::string_view json, const Catalog& catalog) {
  result_.reset();
  json_.clear();
  pairs_csv_.clear();
  unmatched_csv_.clear();
  problem_.clear();
  try {
    auto pool = std::make_unique<core::Pool>(core::wire::parse_pool(json));
    index_ = std::make_unique<core::MatchIndex>(*pool);
    pool_ = std::move(pool);
  } catch (const std::exception& refused) {
    index_.reset();
    pool_.reset();
    problem_ = refused.what();
    return;
  }
  statistics_ = core::pool_statistics(*pool_);
  // The pool names postcode areas only: each is named after the place nearest its centre.
  std::map<std::string, std::pair<double, double>> centre;
  for (const auto& p : pool_->profiles) centre.try_emplace(p.postcode_area, p.lat, p.lon);
  std::map<std::string, std::size_t> by_city;
  for (const auto& area : statistics_.by_area) {
    const auto [lat, lon] = centre[area.postcode_area];
    by_city[city_of(lat, lon, catalog)] += area.people[0] + area.people[1];
  }
  cities_.assign(by_city.begin(), by_city.end());
  std::stable_sort(cities_.begin(), cities_.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
}

// [SECTION] a round
core::AssignOptions Coordinators::options() const {
  core::AssignOptions options;
  options.mode = core::AssignMode(mode_);
  if (capacity_ > 0) options.capacity = capacity_;
  if (pillar_ >= 0) options.pillar = core::Pillar(pillar_);
  options.threads = 1;
  return options;
}

void Coordinators::run_round() {
  if (!index_) return;
  const core::AssignOptions chosen = options();
  result_ = core::assign_round(*index_, chosen);
  auto joined = [](const std::vector<std::string>& pieces) {
    std::string text;
    for (const auto& piece : pieces) text += piece;
    return text;
  };
  // The same bytes as `blendin match assign` (--format json, csv, --unmatched-out).
  json_ = joined(core::wire::assignment_json(*index_, chosen, *result_));
  pairs_csv_ = joined(core::wire::assignment_pairs_csv(*index_, *result_));
  unmatched_csv_ = joined(core::wire::assignment_unmatched_csv(*index_, *result_));
}

// [SECTION] drawing
void Coordinators::draw(App& app) {
  const Catalog& c = app.catalog;
  ui::heading(c.t("explorer_coordinators_title"));
  ui::hint(c.t("explorer_coordinators_hint"));
  if (ui::button("coordinators.load", c.t("explorer_load_pool"), !index_)) js::pick_pool_file();
  if (!problem_.empty()) {
    ui::text_wrapped(c.t("explorer_pool_file_refused"), ui::colour::warning);
    ui::hint(problem_);
  }
  if (!index_) return;
  draw_pool_counts(c);
  draw_round_options(c);
  if (!result_) return;
  draw_round_result(c);
}

void Coordinators::draw_pool_counts(const Catalog& c) const {
  ui::separator();
  const auto& newcomers = statistics_.by_role[0];
  const auto& locals = statistics_.by_role[1];
  ui::text_wrapped(c.format("explorer_counts_roles",
                            {{"newcomers", std::to_string(newcomers.people)}, {"locals", std::to_string(locals.people)}}));
  const std::size_t people = std::max<std::size_t>(1, newcomers.people + locals.people);
  for (int i = 0; i < 3; ++i)
    ui::bar(c.t(std::string("pillar_") + core::to_string(core::Pillar(i))),
            float(newcomers.by_pillar[std::size_t(i)] + locals.by_pillar[std::size_t(i)]) / float(people),
            i == 0   ? ui::colour::social
            : i == 1 ? ui::colour::culture
                     : ui::colour::work);
  // Waiting 30 days or more: the bands from [30, 90) on.
  std::size_t waiting = 0;
  for (std::size_t band = 2; band < core::waiting_band_first_days.size(); ++band)
    waiting += newcomers.by_waiting[band] + locals.by_waiting[band];
  ui::text_wrapped(c.format("explorer_counts_waiting", {{"count", std::to_string(waiting)}}));
  ui::text_wrapped(c.format("explorer_counts_practice", {{"beginners", std::to_string(newcomers.beginners)},
                                                         {"welcoming", std::to_string(locals.welcoming_beginners)}}));
  ui::label(c.t("explorer_counts_cities"));
  const std::size_t largest = cities_.empty() ? 1 : cities_.front().second;
  for (std::size_t i = 0; i < cities_.size() && i < 8; ++i)
    ui::bar(cities_[i].first + " (" + std::to_string(cities_[i].second) + ")", float(cities_[i].second) / float(largest),
            ui::colour::accent);
}

void Coordinators::draw_round_options(const Catalog& c) {
  ui::separator();
  ui::label(c.t("explorer_round_mode"));
  static const char* const modes[] = {"max", "coverage", "stable"};
  ui::flow_begin();
  for (int i = 0; i < 3; ++i) {
    const std::string id = std::string("round.mode.") + modes[i];
    if (ui::chip(id.c_str(), c.t(std::string("explorer_mode_") + modes[i]), mode_ == i)) mode_ = i;
  }
  ui::flow_end();
  ui::hint(c.t(std::string("explorer_mode_") + modes[mode_] + "_hint"));
  ui::label(c.t("explorer_round_capacity"));
  ui::flow_begin();
  for (int i = 0; i <= 3; ++i) {
    const std::string id = "round.capacity." + std::to_string(i);
    if (ui::chip(id.c_str(), i == 0 ? c.t("explorer_capacity_own") : std::to_string(i), capacity_ == i)) capacity_ = i;
  }
  ui::flow_end();
  ui::label(c.t("explorer_round_pillar"));
  ui::flow_begin();
  if (ui::chip("round.pillar.any", c.t("explorer_any"), pillar_ < 0)) pillar_ = -1;
  for (int i = 0; i < 3; ++i) {
    const std::string id = std::string("round.pillar.") + core::to_string(core::Pillar(i));
    if (ui::chip(id.c_str(), c.t(std::string("pillar_") + core::to_string(core::Pillar(i))), pillar_ == i)) pillar_ = i;
  }
  ui::flow_end();
  if (ui::button("round.run", c.t("explorer_run_round"), true)) run_round();
}

void Coordinators::draw_round_result(const Catalog& c) const {
  ui::separator();
  const core::Assignment& r = *result_;
  ui::text_wrapped(c.format("explorer_round_summary", {{"pairs", std::to_string(r.pairs.size())},
                                                       {"matched", std::to_string(r.matched)},
                                                       {"newcomers", std::to_string(r.newcomers)},
                                                       {"unmatched", std::to_string(r.unmatched.size())}}));
  ui::flow_begin();
  if (ui::chip("round.download_csv", c.t("explorer_download_csv"), false)) js::download("pairs.csv", "text/csv", pairs_csv_);
  if (ui::chip("round.download_unmatched", c.t("explorer_download_unmatched"), false))
    js::download("unmatched.csv", "text/csv", unmatched_csv_);
  if (ui::chip("round.download_json", c.t("explorer_download_json"), false))
    js::download("pairs.json", "application/json", json_);
  ui::flow_end();
  ui::label(c.t("explorer_unmatched_title"));
  for (std::size_t i = 0; i < r.unmatched.size() && i < 40; ++i) {
    const core::UnmatchedPerson& person = r.unmatched[i];
    const core::Profile& p = pool_->profiles[person.person];
    ui::text(p.id + " · " + p.display_name, ui::colour::ink);
    ui::hint(unmatched_words(person, c));
  }
  if (r.unmatched.size() > 40) ui::hint(c.format("explorer_and_more", {{"count", std::to_string(r.unmatched.size() - 40)}}));
  ui::label(c.t("explorer_pairs_title"));
  for (std::size_t i = 0; i < r.pairs.size() && i < 40; ++i) {
    const core::AssignedPair& pair = r.pairs[i];
    ui::bar(pool_->profiles[pair.newcomer].id + " – " + pool_->profiles[pair.local].id, float(pair.score), ui::colour::accent);
  }
  if (r.pairs.size() > 40) ui::hint(c.format("explorer_and_more", {{"count", std::to_string(r.pairs.size() - 40)}}));
}

}  // namespace blendin::explorer
