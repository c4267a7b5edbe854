#include "events_view.hpp"

#include "app.hpp"
#include "js.hpp"
#include "widgets.hpp"
#include "words.hpp"

#include <blendin/core/events.hpp>

#include <cmath>

namespace blendin::explorer {

namespace {

void draw_event(App& app, std::size_t index, const core::EventSuggestion* why) {
  const Catalog& c = app.catalog;
  const core::EventInfo& event = c.events()[index];
  const EventText& text = c.event_text(index);
  const std::string id = "event." + event.id;
  ui::card_begin(id.c_str());
  ui::text_wrapped(text.title.empty() ? event.id : text.title, ui::colour::ink);
  std::string where = text.city.empty() ? c.t("explorer_event_online") : text.city;
  ui::hint(text.when + (text.when.empty() ? "" : " · ") + where);
  if (why) {
    std::vector<std::string> reasons;
    if (why->pillar_wanted) reasons.push_back(c.t(std::string("pillar_") + core::to_string(event.pillar)));
    std::vector<std::string> interests;
    for (const auto& interest : why->shared_interests) interests.push_back(c.label(c.interests(), interest));
    if (!interests.empty()) reasons.push_back(list_words(interests, c));
    if (why->distance_km)
      reasons.push_back(c.format("explorer_why_distance", {{"km", std::to_string(int(std::lround(*why->distance_km)))}}));
    if (!why->language.empty())
      reasons.push_back(c.format("explorer_event_language", {{"language", c.label(c.languages(), why->language)}}));
    std::string line;
    for (const auto& reason : reasons) line += (line.empty() ? "" : " · ") + reason;
    if (!line.empty()) ui::hint(line);
  }
  if (!text.url.empty() && ui::button((id + ".open").c_str(), c.t("explorer_event_open"))) js::open_url(text.url);
  ui::card_end(id.c_str());
}

}  // namespace

void draw_events(App& app) {
  const Catalog& c = app.catalog;
  ui::heading(c.t("explorer_events_title"));
  if (c.events().empty()) {
    ui::text_wrapped(c.t("explorer_events_none"), ui::colour::muted);
    return;
  }
  const auto& visitor = app.matching.visitor();
  if (visitor && app.matching.has_pool()) {
    const auto suggestions = core::suggest_events(*visitor, c.events(), app.matching.pool().taxonomy, 5, app.now_utc);
    if (suggestions.empty()) ui::text_wrapped(c.t("explorer_events_none_for_you"), ui::colour::muted);
    for (const auto& suggestion : suggestions) draw_event(app, suggestion.index, &suggestion);
    return;
  }
  // Before the questionnaire: the next events, soonest first.
  ui::hint(c.t("explorer_events_answer_first"));
  std::size_t shown = 0;
  for (std::size_t i = 0; i < c.events().size() && shown < 5; ++i) {
    const core::EventInfo& event = c.events()[i];
    if (event.cancelled || event.start_utc < app.now_utc) continue;
    draw_event(app, i, nullptr);
    ++shown;
  }
}

}  // namespace blendin::explorer
