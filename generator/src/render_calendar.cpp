// iCalendar (RFC 5545): an event's own .ics and each language's calendar.
#include "render_site.hpp"
#include "text.hpp"
#include "time.hpp"

namespace blendin::generator {

namespace {

std::string uid_host(const Site& site) {
  const std::string& base = site.config.base_url;
  const auto start = base.find("://");
  std::string host = start == std::string::npos ? base : base.substr(start + 3);
  return host.substr(0, host.find('/'));
}

void append_vevent(std::string& out, const Site& site, const Document& event) {
  ical_line(out, "BEGIN", "VEVENT");
  ical_line(out, "UID", event.entry->slug + "@" + uid_host(site));  // the same event in every language
  ical_line(out, "DTSTAMP", format_ical_utc(site.now_ms));
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
    ical_line(out, "LOCATION", ical_escape(event.online));
  }
  ical_line(out, "URL", site.config.base_url + event.url.substr(1));
  ical_line(out, "STATUS", event.cancelled ? "CANCELLED" : "CONFIRMED");
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

}  // namespace

std::string render_event_ics(const Site& site, const Document& event) {
  std::string out;
  begin_calendar(out, event.title, event.lang);
  append_vevent(out, site, event);
  ical_line(out, "END", "VCALENDAR");
  return out;
}

void SiteRenderer::render_calendar(int lang) {
  std::string out;
  begin_calendar(out, site_.config.title + " — " + t(lang, "feed_title"), language(lang).code);
  for (const auto& entry : site_.events) {
    const Document* shown = entry->shown_in(lang, site_.fallback_chain);
    if (shown) append_vevent(out, site_, *shown);
  }
  ical_line(out, "END", "VCALENDAR");
  sink_.write(lang_url(lang, "events/calendar.ics").substr(1), out);
}

}  // namespace blendin::generator
