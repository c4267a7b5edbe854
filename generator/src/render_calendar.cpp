// iCalendar (RFC 5545): an event's own .ics, each language's calendar, and
// the ledger that keeps each event's SEQUENCE and LAST-MODIFIED from one build
// to the next, so that a change (a cancellation above all) reaches the
// calendars that subscribed, and nothing else changes their files.
//
// The build is stateless from the content, so the state lives in the built
// site: api/v1/calendar-ledger.json holds, per UID, the hash of what its
// VEVENTs say in every language, its SEQUENCE and its LAST-MODIFIED. A build
// into the same --out reads it back (read_calendar_ledger): an unchanged hash
// keeps both; a changed one raises SEQUENCE by one and sets LAST-MODIFIED to
// the build's --now. An event the ledger does not know starts at SEQUENCE 0
// with LAST-MODIFIED its `updated`, else its `date`, else --now. DTSTAMP is
// LAST-MODIFIED, so a calendar's bytes change only when an event does.
#include "render_site.hpp"
#include "text.hpp"
#include "time.hpp"

#include <blendin/core/wire.hpp>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace blendin::generator {

namespace {

constexpr const char* ledger_path = "api/v1/calendar-ledger.json";

std::string uid_host(const Site& site) {
  const std::string& base = site.config.base_url;
  const auto start = base.find("://");
  std::string host = start == std::string::npos ? base : base.substr(start + 3);
  return host.substr(0, host.find('/'));
}

std::string uid_of(const Site& site, const Entry& entry) { return entry.slug + "@" + uid_host(site); }

// What a VEVENT says of the event: every line but UID, DTSTAMP, SEQUENCE and LAST-MODIFIED.
void append_vevent_facts(std::string& out, const Site& site, const Document& event) {
  if (event.start.all_day) {
    ical_line(out, "DTSTART;VALUE=DATE", format_ical_date(date_of(event.start)));
    const EventTime& last = event.end ? *event.end : event.start;  // DTEND is exclusive: the day after
    ical_line(out, "DTEND;VALUE=DATE", format_ical_date(std::chrono::sys_days{date_of(last)} + std::chrono::days{1}));
  } else {
    ical_line(out, "DTSTART", format_ical_utc(event.start.utc_ms));
    if (event.end) ical_line(out, "DTEND", format_ical_utc(event.end->utc_ms));
  }
  ical_line(out, "SUMMARY", ical_escape(event.title));
  if (!event.description.empty()) ical_line(out, "DESCRIPTION", ical_escape(event.description));
  if (event.location) {
    std::string where = event.location->name;
    for (const auto* part : {&event.location->address, &event.location->postcode, &event.location->city})
      if (!part->empty()) where += ", " + *part;
    ical_line(out, "LOCATION", ical_escape(where));
    if (event.location->lat)
      ical_line(out, "GEO", format_number(*event.location->lat) + ";" + format_number(*event.location->lon));
  } else if (!event.online.empty()) {
    ical_line(out, "LOCATION", "Online");  // the meeting link is for those who registered, never published
  }
  ical_line(out, "URL", site.config.base_url + event.url.substr(1));
  ical_line(out, "STATUS", event.cancelled ? "CANCELLED" : "CONFIRMED");
}

void append_vevent(std::string& out, const Site& site, const Document& event, const CalendarState& state) {
  ical_line(out, "BEGIN", "VEVENT");
  ical_line(out, "UID", uid_of(site, *event.entry));  // the same event in every language
  ical_line(out, "DTSTAMP", format_ical_utc(state.last_modified_ms));
  ical_line(out, "LAST-MODIFIED", format_ical_utc(state.last_modified_ms));
  ical_line(out, "SEQUENCE", std::to_string(state.sequence));
  append_vevent_facts(out, site, event);
  ical_line(out, "END", "VEVENT");
}

void begin_calendar(std::string& out, const std::string& name, const std::string& lang) {
  ical_line(out, "BEGIN", "VCALENDAR");
  ical_line(out, "VERSION", "2.0");
  ical_line(out, "PRODID", "-//Blendin//blendin generator//" + lang);
  ical_line(out, "CALSCALE", "GREGORIAN");
  ical_line(out, "METHOD", "PUBLISH");
  ical_line(out, "X-WR-CALNAME", ical_escape(name));
}

std::optional<std::int64_t> parse_utc(const std::string& text, const std::string& zone) {
  auto parsed = parse_event_time(text, zone);
  if (!parsed.time) return std::nullopt;
  return parsed.time->utc_ms;
}

}  // namespace

CalendarState calendar_state(const Site& site, const Entry& entry) {
  std::string facts;
  std::optional<std::int64_t> written;  // the latest `updated` (else `date`) of its translations
  for (const Document* d : entry.translations) {
    if (!d || !d->built) continue;
    facts += d->lang + "\n";
    append_vevent_facts(facts, site, *d);
    const auto when = d->updated_ms ? d->updated_ms : d->date_ms;
    if (when && (!written || *when > *written)) written = when;
  }
  CalendarState state;
  state.hash = text_hash(facts);
  const auto previous = site.calendar_ledger.find(uid_of(site, entry));
  if (previous == site.calendar_ledger.end()) {
    state.last_modified_ms = written.value_or(site.now_ms);
  } else if (previous->second.hash == state.hash) {
    state = previous->second;
  } else {
    state.sequence = previous->second.sequence + 1;
    state.last_modified_ms = std::max(site.now_ms, previous->second.last_modified_ms);
  }
  state.last_modified_ms -= state.last_modified_ms % 1000;  // iCalendar counts whole seconds
  return state;
}

std::string render_event_ics(const Site& site, const Document& event, const CalendarState& state) {
  std::string out;
  begin_calendar(out, event.title, event.lang);
  append_vevent(out, site, event, state);
  ical_line(out, "END", "VCALENDAR");
  return out;
}

void SiteRenderer::render_calendar(int lang) {
  std::string out;
  begin_calendar(out, site_.config.title + " — " + t(lang, "feed_title"), language(lang).code);
  for (std::size_t i = 0; i < site_.events.size(); ++i) {
    const Document* shown = site_.events[i]->shown_in(lang, site_.fallback_chain);
    if (shown) append_vevent(out, site_, *shown, calendar_[i]);
  }
  ical_line(out, "END", "VCALENDAR");
  sink_.write(lang_url(lang, "events/calendar.ics").substr(1), out);
}

void SiteRenderer::render_calendar_ledger() {
  boost::json::array events;
  for (std::size_t i = 0; i < site_.events.size(); ++i) {
    if (!site_.events[i]->any_built()) continue;
    events.push_back({{"uid", uid_of(site_, *site_.events[i])},
                      {"hash", calendar_[i].hash},
                      {"sequence", calendar_[i].sequence},
                      {"last_modified", format_utc_iso(calendar_[i].last_modified_ms)}});
  }
  boost::json::object file{{"version", 1}, {"events", std::move(events)}};
  sink_.write(ledger_path, core::wire::serialize(file) + "\n");
}

std::map<std::string, CalendarState> read_calendar_ledger(const std::filesystem::path& out) {
  std::map<std::string, CalendarState> ledger;
  std::ifstream file(out / ledger_path, std::ios::binary);
  if (!file) return ledger;
  std::stringstream text;
  text << file.rdbuf();
  boost::system::error_code error;
  const boost::json::value document = boost::json::parse(text.str(), error);
  if (error || !document.is_object()) return ledger;
  const auto* events = document.as_object().if_contains("events");
  if (!events || !events->is_array()) return ledger;
  for (const auto& item : events->as_array()) {
    const auto* object = item.if_object();
    if (!object) continue;
    const auto* uid = object->if_contains("uid");
    const auto* hash = object->if_contains("hash");
    const auto* sequence = object->if_contains("sequence");
    const auto* modified = object->if_contains("last_modified");
    if (!uid || !uid->is_string() || !hash || !hash->is_string() || !sequence || !sequence->is_int64() || !modified ||
        !modified->is_string() || sequence->as_int64() < 0)
      continue;
    const auto when = parse_utc(std::string(modified->as_string()), "UTC");
    if (!when) continue;
    ledger[std::string(uid->as_string())] = {std::string(hash->as_string()), sequence->as_int64(), *when};
  }
  return ledger;
}

}  // namespace blendin::generator
