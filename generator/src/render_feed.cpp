// Atom (RFC 4287): each language's upcoming events. An entry's <updated> is its
// calendar LAST-MODIFIED (render_calendar.cpp) and the feed's the latest of
// those, so the feed changes only when its events do.
#include "render_site.hpp"
#include "text.hpp"
#include "time.hpp"

#include <algorithm>

namespace blendin::generator {

void SiteRenderer::render_feed(int lang, const std::vector<std::size_t>& upcoming) {
  const std::string& code = language(lang).code;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + code + "\">\n";
  out += "<title>" + xml_escape(site_.config.title + " — " + t(lang, "feed_title")) + "</title>\n";
  out += "<id>" + xml_escape(urls_.permalink(lang_url(lang, "events/"))) + "</id>\n";
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         xml_escape(urls_.permalink(lang_url(lang, "events/feed.xml"))) + "\"/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(urls_.permalink(lang_url(lang, "events/"))) + "\"/>\n";
  constexpr std::size_t most = 100;
  std::int64_t latest = 0;
  for (std::size_t n = 0; n < upcoming.size() && n < most; ++n)
    latest = std::max(latest, calendar_[upcoming[n]].last_modified_ms);
  out += "<updated>" + (upcoming.empty() ? site_.now_iso : format_utc_iso(latest)) + "</updated>\n<author><name>" +
         xml_escape(site_.config.title) + "</name></author>\n";
  std::size_t count = 0;
  for (std::size_t index : upcoming) {
    if (++count > most) break;
    const Document& event = *site_.events[index]->shown_in(lang, site_.fallback_chain);
    const std::string updated = format_utc_iso(calendar_[index].last_modified_ms);
    std::string summary = format_date_time(event.start.utc_ms, code, site_.config.timezone);
    if (event.location)
      summary += " — " + event.location->name + (event.location->city.empty() ? "" : ", " + event.location->city);
    if (event.cancelled) summary = t(lang, "event_cancelled") + ": " + summary;
    if (!event.description.empty()) summary += ". " + event.description;
    out += "<entry xml:lang=\"" + event.lang + "\">\n<title>" +
           xml_escape((event.cancelled ? t(lang, "event_cancelled") + ": " : "") + event.title) + "</title>\n";
    out += "<id>" + xml_escape(urls_.permalink(event.url)) + "</id>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(urls_.permalink(event.url)) + "\"/>\n";
    out += "<updated>" + updated + "</updated>\n";
    out += "<summary>" + xml_escape(summary) + "</summary>\n";
    out +=
        "<category term=\"" + event.pillar + "\" label=\"" + xml_escape(t(lang, "pillar_" + event.pillar)) + "\"/>\n</entry>\n";
  }
  out += "</feed>\n";
  sink_.write(lang_url(lang, "events/feed.xml").substr(1), out);
}

}  // namespace blendin::generator
