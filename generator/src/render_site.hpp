// The renderer's shared parts: one thread's parsed templates, the site's URLs,
// the data every page of a language starts from, and SiteRenderer, whose
// outputs are written by a file each: render_html.cpp (pages), render_objects.cpp
// (what templates read of a page, an event, a card), render_calendar.cpp
// (iCalendar), render_feed.cpp (Atom), render_api.cpp (the JSON API and an
// event's JSON-LD), render_sitemap.cpp (sitemap, robots), scheduled by
// render.cpp.
#pragma once

#include "render.hpp"

#include <boost/json/object.hpp>
#include <kainjow/mustache.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace blendin::generator {

namespace mu = kainjow::mustache;

inline const char* const pillar_ids[] = {"social", "culture", "work"};

// A page that names a pillar is shown on /<lang>/pillars/<pillar>/ and has no
// URL of its own (resolve.cpp: its translations name one pillar).
inline bool is_pillar_page(const Entry& entry) {
  if (entry.section != Section::page) return false;
  for (const Document* d : entry.translations)
    if (d && !d->pillar.empty()) return true;
  return false;
}

// One thread's parsed templates (render_templates.cpp).
class Renderer {
 public:
  explicit Renderer(const TemplateSet& set);
  // Renders template `name` over the layers, the last searched first.
  std::string render(const std::string& name, const std::vector<const mu::data*>& layers);

 private:
  std::map<std::string, std::unique_ptr<mu::mustache>> templates_;
};

struct Urls {
  const SiteConfig& config;
  std::string path(const std::string& url) const { return config.base_path + url.substr(1); }
  std::string permalink(const std::string& url) const { return config.base_url + url.substr(1); }
};

// A picture as templates read it: src (the widest file), srcset, width and height (docs/templates.md).
kainjow::mustache::data picture_object(const Picture& picture, const Urls& urls);

std::string replace_all(std::string text, const std::string& from, const std::string& to);
std::string paged_url(const std::string& base, int page);
// The URL segment of a city's filter page: ASCII letters in lower case, digits
// and other UTF-8 kept, every other run of characters one '-' ("Den Haag" -> den-haag).
std::string city_slug(const std::string& city);
// When an event is over: its end, or its start; an all-day one at the end of its day.
std::int64_t event_end_ms(const Document& event);
mu::data yaml_to_data(const YamlNode& node);
// The name of a spoken language in the page's language ("Engels"), via ICU.
std::string language_display_name(const std::string& code, const std::string& in_lang);
std::string format_price(double euros, const std::string& lang);

// What subscribers' calendars know of an entry: the hash of its VEVENTs in
// every language, with the SEQUENCE and LAST-MODIFIED the ledger gives it.
CalendarState calendar_state(const Site& site, const Entry& entry);
std::string render_event_ics(const Site& site, const Document& event, const CalendarState& state);
std::string event_json_ld(const Site& site, const Document& event);
// An event's members in the JSON API (events.json and its own file).
boost::json::object event_api_fields(const Site& site, const Entry& entry);

struct LanguageData {
  mu::data common;                 // site, lang, t, languages, urls, pillars, footer pages
  std::vector<std::string> chain;  // lang, then fallback codes
};
class SiteRenderer {
 public:
  SiteRenderer(const Site& site, const TemplateSet& templates, OutputSink& sink)
      : site_(site), templates_(templates), sink_(sink), urls_{site.config} {}

  RenderStats run(const std::vector<Asset>& assets, const std::vector<MadeFile>& pictures, unsigned threads);
  void run_entries(const std::vector<const Entry*>& entries);

 private:
  using Job = std::function<void(Renderer&)>;
  const Site& site_;
  const TemplateSet& templates_;
  bool has_explorer_ = false;  // the build was given the explorer's module (--static)
  OutputSink& sink_;
  Urls urls_;
  std::vector<LanguageData> languages_;
  std::vector<std::vector<std::string>> cards_;  // [event][lang] rendered event-card HTML
  std::vector<boost::json::object> api_fields_;  // [event] its JSON API members, for events.json and its own file
  std::vector<CalendarState> calendar_;          // [event] its SEQUENCE and LAST-MODIFIED
  // [lang] the upcoming events' cities (slug, name) and spoken languages, for the filter pages and bar.
  struct EventFilters {
    std::vector<std::pair<std::string, std::string>> cities;
    std::vector<std::string> languages;
  };
  std::vector<EventFilters> filters_;
  mu::data filter_bar(int lang, const std::string& kind, const std::string& key) const;
  std::vector<std::string> sitemap_;
  std::mutex stats_mutex_;
  RenderStats stats_;

  const Language& language(int index) const { return site_.config.languages[static_cast<std::size_t>(index)]; }
  std::string lang_url(int lang, const std::string& rest = "") const { return "/" + language(lang).code + "/" + rest; }
  const std::string& t(int lang, const std::string& key) const {
    static const std::string empty;
    const auto& strings = site_.strings[static_cast<std::size_t>(lang)];
    auto found = strings.find(key);
    return found == strings.end() ? empty : found->second;
  }
  void build_language_data();
  void emit_html(int lang, const std::string& url, std::string html);
  // The language switcher: each language's URL of this page; where `entry`
  // has no translation in a language, the one that language's lists link.
  mu::data alternates_for(const std::vector<std::string>& urls_by_lang, int current, const Entry* entry = nullptr) const;
  mu::data head_links(const std::vector<std::string>& urls_by_lang) const;
  void add_sitemap(const std::vector<std::string>& urls_by_lang, int x_default);
  mu::data page_object(const Document& shown, int lang, const std::string& url) const;
  mu::data event_object(const Document& event, int lang) const;
  // A file of templates/assets/ ("assets/site.css") as pages link it: with ?v= and its version.
  std::string asset_url(const std::string& path) const;
  mu::data card_object(const Entry& entry, int lang) const;
  std::vector<std::string> entry_urls(const Entry& entry) const;
  std::vector<std::string> per_language_urls(const std::string& rest) const;

  void render_chooser(Renderer& renderer);
  void render_not_found(Renderer& renderer, int lang);
  void render_home(Renderer& renderer, int lang);
  void render_page(Renderer& renderer, const Entry& entry, int lang);
  void render_event(Renderer& renderer, const Entry& entry, std::size_t index, int lang);
  // kind: upcoming, archive, pillar, city or language; key: the pillar, city slug or language code.
  void render_list(Renderer& renderer, int lang, const std::string& kind, const std::string& key,
                   const std::vector<std::size_t>& events, const std::string& base, int page, int pages, const std::string& title,
                   const std::vector<std::string>& urls_by_lang);
  void render_match(Renderer& renderer, int lang);
  void render_search(Renderer& renderer, int lang);
  mu::data own_page_data(int lang, const std::string& path, const std::string& title_key, const std::string& description_key);
  void render_feed(int lang, const std::vector<std::size_t>& upcoming);
  void render_calendar(int lang);
  void render_calendar_ledger();
  void render_api_events(std::size_t first, std::size_t end);
  void render_api();
  void render_sitemap_and_robots();

  // render.cpp: what run() schedules.
  void render_cards_and_api_fields(unsigned threads);
  void plan_filters();
  void plan_language_jobs(int lang, std::vector<Job>& jobs, std::vector<Job>& long_jobs);
  void plan_list_jobs(int lang, const std::string& kind, const std::string& key, std::vector<std::size_t> events,
                      const std::string& rest, const std::string& title, std::vector<Job>& jobs);
  void plan_entry_jobs(std::vector<Job>& jobs);
  std::vector<std::unique_ptr<Renderer>> renderers_;  // one per worker of core::for_each_index
};

}  // namespace blendin::generator
