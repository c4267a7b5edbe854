// [SECTION] matching  [SECTION] the page's list  [SECTION] drawing
#include "results.hpp"

#include "app.hpp"
#include "widgets.hpp"
#include "words.hpp"

#include <blendin/core/wire.hpp>

#include <emscripten/emscripten.h>

#include <cmath>

namespace blendin::explorer {

// [SECTION] matching
bool Matching::load_pool(std::string_view json, std::string& problem) {
  try {
    auto pool = std::make_unique<core::Pool>(core::wire::parse_pool(json));
    index_ = std::make_unique<core::MatchIndex>(*pool, what_if.weights);
    pool_ = std::move(pool);
    applied_weights_ = what_if.weights;
    return true;
  } catch (const std::exception& refused) {
    problem = refused.what();
    return false;
  }
}

core::MatchFilters Matching::filters() const {
  core::MatchFilters filters;
  if (visitor_ && what_if.max_distance_km < visitor_->max_distance_km) filters.max_distance_km = what_if.max_distance_km;
  if (what_if.min_age > core::age_range.min) filters.min_age = int(std::lround(what_if.min_age));
  if (what_if.max_age < core::age_range.max) filters.max_age = int(std::lround(what_if.max_age));
  if (what_if.pillar >= 0) filters.pillar = core::Pillar(what_if.pillar);
  if (!what_if.language.empty()) filters.language = what_if.language;
  return filters;
}

void Matching::update(const std::optional<core::Profile>& visitor, const Catalog& catalog) {
  const double start = emscripten_get_now();
  visitor_ = visitor;
  results_.clear();
  reach_.reset();
  changes_.clear();
  if (!index_ || !visitor_) return;
  const auto& w = what_if.weights;
  const auto& a = applied_weights_;
  if (w.interests != a.interests || w.age != a.age || w.distance != a.distance || w.availability != a.availability ||
      w.field != a.field || w.work != a.work) {
    index_->set_weights(w);
    applied_weights_ = w;
  }
  const core::MatchFilters chosen = filters();
  for (const auto& match : index_->top_k(*visitor_, k, chosen)) {
    const core::Profile& candidate = pool_->profiles[match.index];
    MatchResult result{match.index, match.score, index_->model().explain(*visitor_, candidate, pool_->reference_year), {}};
    result.words = explanation_words(result.explanation, catalog);
    results_.push_back(std::move(result));
  }
  if (results_.size() < k) reach_ = index_->count_exclusions(*visitor_, chosen);
  if (results_.empty()) changes_ = index_->what_if(*visitor_, chosen);
  last_update_ms_ = emscripten_get_now() - start;
}

// [SECTION] the page's list
std::string Matching::results_json(const Catalog& catalog, core::Role role) const {
  std::string out = "{\"matches\":[";
  for (const auto& result : results_) {
    const core::Profile& p = pool_->profiles[result.index];
    if (out.back() != '[') out += ',';
    out += "{\"id\":";
    core::wire::append_json(out, std::string_view(p.id));
    out += ",\"name\":";
    core::wire::append_json(out, std::string_view(p.display_name));
    out += ",\"score\":";
    core::wire::append_json(out, result.score);
    out += ",\"age\":";
    core::wire::append_json(out, std::string_view(shown_age(result.explanation.age_b)));
    out += ",\"distance_km\":";
    core::wire::append_json(out, result.explanation.distance_km);
    out += ",\"words\":";
    core::wire::append_json(out, std::string_view(result.words));
    out += '}';
  }
  out += "],\"notes\":[";
  if (reach_ && visitor_) {
    const auto lines = reach_words(*reach_, results_.empty(), role, catalog, changes_);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i) out += ',';
      core::wire::append_json(out, std::string_view(lines[i]));
    }
  }
  return out + "]}";
}

// [SECTION] drawing
namespace {

ImU32 part_colour(const std::string& name) {
  if (name == "interests") return ui::colour::social;
  if (name == "work" || name == "field") return ui::colour::work;
  if (name == "distance") return ui::colour::accent;
  return ui::colour::culture;
}

void draw_card(App& app, std::size_t i) {
  const Catalog& c = app.catalog;
  const MatchResult& result = app.matching.results()[i];
  const core::Profile& person = app.matching.pool().profiles[result.index];
  const std::string id = "match." + std::to_string(i);
  ui::card_begin(id.c_str());
  ui::text(c.format("explorer_card_title", {{"name", person.display_name}, {"age", shown_age(result.explanation.age_b)}}),
           ui::colour::ink);
  ui::hint(result.words);
  ui::bar(c.t("explorer_overall"), float(result.score), ui::colour::accent);
  for (const auto& part : result.explanation.parts)
    ui::bar(c.t("explorer_part_" + part.name), float(part.value), part_colour(part.name));
  if (ui::button((id + ".map").c_str(), c.t("explorer_show_on_map"))) app.show_match_on_map(i);
  ui::card_end(id.c_str());
}

}  // namespace

void draw_matches(App& app) {
  const Catalog& c = app.catalog;
  const Matching& m = app.matching;
  ui::heading(c.t("explorer_matches_title"));
  if (!m.has_pool()) {
    ui::text_wrapped(c.t("explorer_pool_loading"), ui::colour::muted);
    return;
  }
  if (app.demo_pool()) ui::hint(c.t("explorer_demo_notice"));
  if (!m.visitor()) {
    ui::text_wrapped(c.t("explorer_answer_first"), ui::colour::warning);
    // On a narrow screen the questions are on a tab of their own.
    if (ImGui::GetIO().DisplaySize.x < App::wide_layout && ui::button("to_answers", c.t("explorer_to_answers"), true))
      app.show(Tab::answers);
    return;
  }
  draw_what_if(app);
  ui::separator();
  if (m.results().empty()) {
    ui::text_wrapped(c.t("explorer_none_found"), ui::colour::warning);
  }
  for (std::size_t i = 0; i < m.results().size(); ++i) draw_card(app, i);
  if (m.reach() && m.results().size() < Matching::k) {
    for (const auto& line : reach_words(*m.reach(), m.results().empty(), app.answers.role, c, m.changes()))
      ui::text_wrapped(line, ui::colour::muted);
  }
  ui::gap(24);
}

void draw_what_if(App& app) {
  const Catalog& c = app.catalog;
  WhatIf& w = app.matching.what_if;
  const std::string title = (w.open ? "− " : "+ ") + c.t("explorer_what_if");
  if (ui::chip("what_if", title, w.open)) w.open = !w.open;
  if (!w.open) return;
  ui::hint(c.t("explorer_what_if_hint"));
  auto weight = [&](const char* id, const char* key, double& value) {
    float v = float(value);
    const std::string shown = std::to_string(int(std::lround(v * 100)));
    if (ui::slider(id, c.t(key), shown, &v, 0, 1, 0.05f)) {
      value = v;
      app.changed();
    }
  };
  weight("weight.interests", "explorer_part_interests", w.weights.interests);
  weight("weight.age", "explorer_part_age", w.weights.age);
  weight("weight.distance", "explorer_part_distance", w.weights.distance);
  weight("weight.availability", "explorer_part_availability", w.weights.availability);
  weight("weight.field", "explorer_part_field", w.weights.field);
  weight("weight.work", "explorer_part_work", w.weights.work);
  ui::gap();
  const std::string km = c.format("explorer_km", {{"km", std::to_string(int(std::lround(w.max_distance_km)))}});
  if (ui::slider("filter.distance", c.t("explorer_filter_distance"), km, &w.max_distance_km, 1, 50, 1)) app.changed();
  if (ui::slider("filter.min_age", c.t("explorer_filter_min_age"), std::to_string(int(w.min_age)), &w.min_age, 16, 110, 1)) {
    if (w.max_age < w.min_age) w.max_age = w.min_age;
    app.changed();
  }
  if (ui::slider("filter.max_age", c.t("explorer_filter_max_age"), std::to_string(int(w.max_age)), &w.max_age, 16, 110, 1)) {
    if (w.min_age > w.max_age) w.min_age = w.max_age;
    app.changed();
  }
  ui::label(c.t("explorer_filter_pillar"));
  ui::flow_begin();
  if (ui::chip("filter.pillar.any", c.t("explorer_any"), w.pillar < 0)) w.pillar = -1, app.changed();
  for (int p = 0; p < 3; ++p) {
    const std::string id = std::string("filter.pillar.") + core::to_string(core::Pillar(p));
    if (ui::chip(id.c_str(), c.t(std::string("pillar_") + core::to_string(core::Pillar(p))), w.pillar == p)) {
      w.pillar = w.pillar == p ? -1 : p;
      app.changed();
    }
  }
  ui::flow_end();
  ui::label(c.t("explorer_filter_language"));
  ui::flow_begin();
  if (ui::chip("filter.language.any", c.t("explorer_any"), w.language.empty())) w.language.clear(), app.changed();
  for (const auto& spoken : app.answers.languages) {
    if (spoken.code.empty()) continue;
    const std::string id = "filter.language." + spoken.code;
    if (ui::chip(id.c_str(), c.label(c.languages(), spoken.code), w.language == spoken.code)) {
      w.language = w.language == spoken.code ? std::string() : spoken.code;
      app.changed();
    }
  }
  ui::flow_end();
  if (ui::button("what_if.reset", c.t("explorer_reset"))) {
    w = WhatIf();
    w.open = true;
    app.changed();
  }
}

}  // namespace blendin::explorer
