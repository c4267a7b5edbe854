// The JSON API (api/v1/: the events, each event, the taxonomies, the spoken
// languages, the interface strings, the site) and an event's JSON-LD, as
// Boost.JSON values written by the core's one serialiser.
#include "render_site.hpp"
#include "text.hpp"
#include "time.hpp"

#include <blendin/core/profile.hpp>
#include <blendin/core/wire.hpp>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <cstdio>

namespace json = boost::json;

namespace blendin::generator {

namespace {

// A value, or null when there is none.
json::value string_or_null(const std::string& text) { return text.empty() ? json::value(nullptr) : json::value(text); }
template <typename Number>
json::value number_or_null(const std::optional<Number>& number) {
  return number ? json::value(*number) : json::value(nullptr);
}

json::array strings_of(const std::vector<std::string>& list) { return json::array(list.begin(), list.end()); }

std::string iso_date(const EventTime& time) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", time.year, time.month, time.day);
  return buffer;
}

json::object json_ld_location(const Site& site, const Document& event) {
  // An online event's meeting link is for those who registered: the event's own page stands for it.
  if (!event.location) return {{"@type", "VirtualLocation"}, {"url", site.config.base_url + event.url.substr(1)}};
  const Location& where = *event.location;
  json::object address{{"@type", "PostalAddress"}};
  if (!where.address.empty()) address["streetAddress"] = where.address;
  if (!where.postcode.empty()) address["postalCode"] = where.postcode;
  if (!where.city.empty()) address["addressLocality"] = where.city;
  address["addressCountry"] = "NL";
  json::object place{{"@type", "Place"}, {"name", where.name}, {"address", std::move(address)}};
  if (where.lat) place["geo"] = {{"@type", "GeoCoordinates"}, {"latitude", *where.lat}, {"longitude", *where.lon}};
  return place;
}

// The document an API file holds: its version, then its members.
std::string api_file(json::object members) {
  json::object file{{"version", 1}};
  for (auto& member : members) file.emplace(member.key(), std::move(member.value()));
  return core::wire::serialize(file) + "\n";
}

}  // namespace

std::string event_json_ld(const Site& site, const Document& event) {
  json::object o{{"@context", "https://schema.org"}, {"@type", "Event"}, {"name", event.title}};
  if (!event.description.empty()) o["description"] = event.description;
  o["url"] = site.config.base_url + event.url.substr(1);
  o["inLanguage"] = event.lang;
  if (event.start.all_day) {
    o["startDate"] = iso_date(event.start);
    if (event.end) o["endDate"] = iso_date(*event.end);
  } else {
    o["startDate"] = format_wall_iso(event.start);
    if (event.end) o["endDate"] = format_wall_iso(*event.end);
  }
  o["eventStatus"] = event.cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled";
  o["eventAttendanceMode"] = event.location ? (event.online.empty() ? "https://schema.org/OfflineEventAttendanceMode"
                                                                    : "https://schema.org/MixedEventAttendanceMode")
                                            : "https://schema.org/OnlineEventAttendanceMode";
  o["location"] = json_ld_location(site, event);
  o["organizer"] = {{"@type", "Organization"}, {"name", site.config.title}, {"url", site.config.base_url}};
  if (event.price) {
    o["isAccessibleForFree"] = *event.price == 0;
    json::object offer{{"@type", "Offer"}, {"price", *event.price}, {"priceCurrency", "EUR"}};
    if (!event.registration.empty()) offer["url"] = event.registration;
    o["offers"] = std::move(offer);
  }
  if (event.capacity) o["maximumAttendeeCapacity"] = *event.capacity;
  if (!event.image_url.empty()) o["image"] = site.config.base_url + event.image_url.substr(1);
  return script_safe_json(core::wire::serialize(o));
}

json::object event_api_fields(const Site& site, const Entry& entry) {
  const Document& event = *entry.canonical;
  json::object o{{"id", entry.slug},
                 {"pillar", event.pillar},
                 {"interests", strings_of(event.interests)},
                 {"languages", strings_of(event.languages)},
                 {"welcomes_beginners", event.welcomes_beginners}};
  o["start"] = format_utc_iso(event.start.utc_ms);
  o["end"] = format_utc_iso(event_end_ms(event));
  o["start_local"] = format_wall_iso(event.start);
  o["end_local"] = event.end ? json::value(format_wall_iso(*event.end)) : json::value(nullptr);
  o["all_day"] = event.start.all_day;
  o["timezone"] = site.config.timezone;
  if (event.location) {
    const Location& where = *event.location;
    o["location"] = {{"name", where.name},
                     {"address", string_or_null(where.address)},
                     {"city", string_or_null(where.city)},
                     {"postcode", string_or_null(where.postcode)},
                     {"lat", number_or_null(where.lat)},
                     {"lon", number_or_null(where.lon)}};
  } else {
    o["location"] = nullptr;
  }
  o["online"] = !event.online.empty();  // whether it is online; its meeting link is never published
  o["cancelled"] = event.cancelled;
  o["capacity"] = number_or_null(event.capacity);
  o["price"] = number_or_null(event.price);
  o["registration"] = string_or_null(event.registration);
  o["partner"] = string_or_null(event.partner);
  o["default_language"] = event.lang;
  json::object translations;
  for (const Document* d : entry.translations) {
    if (!d || !d->built) continue;
    translations[d->lang] = {{"title", d->title},
                             {"description", d->description},
                             {"url", site.config.base_url + d->url.substr(1)},
                             {"ics", site.config.base_url + d->url.substr(1, d->url.size() - 2) + ".ics"}};
  }
  o["translations"] = std::move(translations);
  return o;
}

// Each event's own file, for events [first, end).
void SiteRenderer::render_api_events(std::size_t first, std::size_t end) {
  for (std::size_t i = first; i < end && i < site_.events.size(); ++i) {
    if (!site_.events[i]->canonical) continue;
    sink_.write("api/v1/events/" + site_.events[i]->slug + ".json",
                api_file({{"updated", format_utc_iso(calendar_[i].last_modified_ms)}, {"event", api_fields_[i]}}));
  }
}

// Every event in one file, the taxonomies, the interface strings and the site.
void SiteRenderer::render_api() {
  // "updated": the latest LAST-MODIFIED of the events (render_calendar.cpp),
  // never the build's clock, so that a build with no change rewrites no file.
  json::array events;
  std::int64_t updated_ms = 0;
  for (std::size_t i = 0; i < site_.events.size(); ++i) {
    if (!site_.events[i]->canonical) continue;
    events.push_back(api_fields_[i]);
    updated_ms = std::max(updated_ms, calendar_[i].last_modified_ms);
  }
  sink_.write("api/v1/events.json", api_file({{"updated", events.empty() ? site_.now_iso : format_utc_iso(updated_ms)},
                                              {"events", std::move(events)}}));
  for (const auto& [name, taxonomy] : {std::pair{"interests", &site_.interests}, std::pair{"sectors", &site_.sectors},
                                       std::pair{"occupations", &site_.occupations}}) {
    json::array items;
    for (const auto& id : taxonomy->ids) {
      json::object item{{"id", id}};
      if (auto sector = taxonomy->sector_of.find(id); sector != taxonomy->sector_of.end()) item["sector"] = sector->second;
      json::object labels;
      for (const auto& [lang, label] : taxonomy->labels.at(id)) labels[lang] = label;
      item["labels"] = std::move(labels);
      items.push_back(std::move(item));
    }
    sink_.write(std::string("api/v1/") + name + ".json", api_file({{name, std::move(items)}}));
  }
  // The languages a profile may give (the core's list), named in every site language.
  json::array spoken;
  for (const auto& code : core::known_languages()) {
    json::object names;
    for (const auto& in : site_.config.languages) names[in.code] = language_display_name(code, in.code);
    spoken.push_back({{"code", code}, {"names", std::move(names)}});
  }
  sink_.write("api/v1/languages.json", api_file({{"languages", std::move(spoken)}}));
  for (int lang = 0; lang < static_cast<int>(site_.config.languages.size()); ++lang) {
    json::object strings;
    for (const auto& [key, text] : site_.strings[static_cast<std::size_t>(lang)]) strings[key] = text;
    sink_.write("api/v1/i18n/" + language(lang).code + ".json",
                api_file({{"lang", language(lang).code}, {"dir", language(lang).dir}, {"strings", std::move(strings)}}));
  }
  json::array languages;
  for (const auto& l : site_.config.languages) languages.push_back({{"code", l.code}, {"name", l.name}, {"dir", l.dir}});
  sink_.write("api/v1/site.json", api_file({{"title", site_.config.title},
                                            {"base_url", site_.config.base_url},
                                            {"default_language", site_.config.default_language},
                                            {"timezone", site_.config.timezone},
                                            {"languages", std::move(languages)},
                                            {"fallback", strings_of(site_.config.fallback)}}));
}

}  // namespace blendin::generator
