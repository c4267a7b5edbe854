#include "join.hpp"

#include "app.hpp"
#include "js.hpp"
#include "widgets.hpp"

#include <boost/json.hpp>

namespace blendin::explorer {

void Joining::receive(std::string_view text) {
  boost::system::error_code error;
  const boost::json::value value = boost::json::parse(text, error);
  const boost::json::object* object = error ? nullptr : value.if_object();
  if (!object) return;
  auto string_at = [&](const char* key) {
    const boost::json::value* field = object->if_contains(key);
    return field && field->is_string() ? std::string(field->get_string()) : std::string();
  };
  const std::string said = string_at("state");
  if (said == "joined") {
    state = State::joined;
    joined_name = string_at("name");
  } else if (said == "failed") {
    state = State::failed;
    message = string_at("message");
  } else if (said == "open") {
    state = State::open;
    joined_name.clear();
  }
}

void draw_joining(App& app) {
  Joining& j = app.joining;
  if (!j.server) return;
  const Catalog& c = app.catalog;
  ui::separator();
  ui::heading(c.t("explorer_join_title"));
  if (j.state == Joining::State::joined) {
    ui::text_wrapped(c.format("explorer_joined", {{"name", j.joined_name}}));
    if (ui::button("join.leave", c.t("explorer_join_leave"))) {
      j.state = Joining::State::sending;
      js::leave();
    }
    return;
  }
  ui::hint(c.t("explorer_join_hint"));
  ui::text_field("join.name", c.t("explorer_join_name"), j.name, sizeof j.name, false);
  const bool named = is_display_name(j.name);
  if (j.name[0] && !named) ui::hint(c.t("explorer_join_name_one_word"));
  ui::text_field("join.contact", c.t("explorer_join_contact"), j.contact, sizeof j.contact, false);
  ui::checkbox("join.visible", c.t("explorer_join_visible"), &j.visible);
  ui::checkbox("join.consent", c.t("explorer_join_consent"), &j.consent);
  if (j.state == Joining::State::failed) {
    ui::text_wrapped(c.t("explorer_join_failed"), ui::colour::warning);
    if (!j.message.empty()) ui::hint(j.message);
  }
  if (j.state == Joining::State::sending) {
    ui::hint(c.t("explorer_join_sending"));
    return;
  }
  const auto body = registration_json(app.answers, c, app.matching.reference_year(), j.name, j.visible, j.contact);
  if (ui::button("join.send", c.t("explorer_join_send"), true) && body && j.consent) {
    j.state = Joining::State::sending;
    js::join(*body);
  }
  if (!j.consent) ui::hint(c.t("explorer_join_needs_consent"));
}

}  // namespace blendin::explorer
