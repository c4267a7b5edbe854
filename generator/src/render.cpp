// Stage 4, render: schedules every output of the site on every core. Event
// cards and API members come first, since lists and API files reuse them;
// then every other output is a job, the longest first so that no worker is
// left with one at the end. The sitemap is assembled in planning order, so the
// bytes do not depend on the threads.
#include "render_site.hpp"

#include <blendin/core/parallel.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace blendin::generator {

void SiteRenderer::render_cards_and_api_fields(unsigned threads) {
  const std::size_t language_count = site_.config.languages.size();
  cards_.assign(site_.events.size(), std::vector<std::string>(language_count));
  api_fields_.assign(site_.events.size(), boost::json::object());
  calendar_.assign(site_.events.size(), CalendarState());
  core::for_each_index(site_.events.size(), threads, [&](std::size_t worker, std::size_t i) {
    const Entry& entry = *site_.events[i];
    if (entry.canonical) api_fields_[i] = event_api_fields(site_, entry);
    if (entry.any_built()) calendar_[i] = calendar_state(site_, entry);
    for (int lang = 0; lang < static_cast<int>(language_count); ++lang) {
      if (!entry.shown_in(lang, site_.fallback_chain)) continue;
      mu::data data;
      data["card"] = card_object(entry, lang);
      cards_[i][static_cast<std::size_t>(lang)] =
          renderers_[worker]->render("event-card", {&languages_[static_cast<std::size_t>(lang)].common, &data});
    }
  });
}

void SiteRenderer::plan_list_jobs(int lang, const std::string& kind, const std::string& key, std::vector<std::size_t> events,
                                  const std::string& rest, const std::string& title, std::vector<Job>& jobs) {
  const auto per_page = static_cast<std::size_t>(site_.config.paginate);
  const int pages = std::max(1, static_cast<int>((events.size() + per_page - 1) / per_page));
  auto shared = std::make_shared<std::vector<std::size_t>>(std::move(events));
  const std::string base = lang_url(lang, rest);
  const auto urls = per_language_urls(rest);
  for (int page = 1; page <= pages; ++page)
    jobs.push_back([this, lang, kind, key, shared, base, page, pages, title, urls](Renderer& r) {
      render_list(r, lang, kind, key, *shared, base, page, pages, title, urls);
    });
}

// A language's home, match page, event lists (upcoming, archive, each
// pillar, each city and each spoken language of the filter bar), feed and calendar.
void SiteRenderer::plan_language_jobs(int lang, std::vector<Job>& jobs, std::vector<Job>& long_jobs) {
  std::vector<std::size_t> upcoming, past;
  std::array<std::vector<std::size_t>, 3> by_pillar;
  for (std::size_t i = 0; i < site_.events.size(); ++i) {
    const Document* shown = site_.events[i]->shown_in(lang, site_.fallback_chain);
    if (!shown) continue;
    if (event_end_ms(*shown) >= site_.now_ms) {
      upcoming.push_back(i);
      for (std::size_t p = 0; p < 3; ++p)
        if (shown->pillar == pillar_ids[p]) by_pillar[p].push_back(i);
    } else {
      past.push_back(i);
    }
  }
  std::reverse(past.begin(), past.end());  // most recent first
  jobs.push_back([this, lang](Renderer& r) { render_home(r, lang); });
  jobs.push_back([this, lang](Renderer& r) { render_match(r, lang); });
  jobs.push_back([this, lang](Renderer& r) { render_search(r, lang); });
  jobs.push_back([this, lang](Renderer& r) { render_not_found(r, lang); });
  plan_list_jobs(lang, "upcoming", "", upcoming, "events/", t(lang, "events_upcoming"), jobs);
  plan_list_jobs(lang, "archive", "", past, "events/archive/", t(lang, "events_archive"), jobs);
  for (std::size_t p = 0; p < 3; ++p)
    plan_list_jobs(lang, "pillar", pillar_ids[p], by_pillar[p], std::string("pillars/") + pillar_ids[p] + "/",
                   t(lang, std::string("pillar_") + pillar_ids[p]), jobs);
  // A city is the canonical translation's, and a spoken language its `languages`,
  // so that every language has the same filter pages.
  const auto& filters = filters_[static_cast<std::size_t>(lang)];
  for (const auto& [slug, name] : filters.cities) {
    std::vector<std::size_t> in_city;
    for (std::size_t i : upcoming) {
      const Document* canonical = site_.events[i]->canonical;
      if (canonical && canonical->location && city_slug(canonical->location->city) == slug) in_city.push_back(i);
    }
    plan_list_jobs(lang, "city", slug, std::move(in_city), "events/city/" + slug + "/",
                   replace_all(t(lang, "events_in_city"), "{{city}}", name), jobs);
  }
  for (const auto& code : filters.languages) {
    std::vector<std::size_t> spoken;
    for (std::size_t i : upcoming) {
      const Document* canonical = site_.events[i]->canonical;
      if (canonical && std::find(canonical->languages.begin(), canonical->languages.end(), code) != canonical->languages.end())
        spoken.push_back(i);
    }
    plan_list_jobs(lang, "language", code, std::move(spoken), "events/language/" + code + "/",
                   replace_all(t(lang, "events_in_language"), "{{language}}", language_display_name(code, language(lang).code)),
                   jobs);
  }
  long_jobs.push_back([this, lang, upcoming](Renderer&) { render_feed(lang, upcoming); });
  long_jobs.push_back([this, lang](Renderer&) { render_calendar(lang); });
}

// Every built page and event in every language, each entry in the sitemap.
void SiteRenderer::plan_entry_jobs(std::vector<Job>& jobs) {
  const int language_count = static_cast<int>(site_.config.languages.size());
  const int default_lang = site_.config.language_index(site_.config.default_language);
  auto sitemap_entry = [&](const Entry& entry) {
    if (entry.any_built())
      add_sitemap(entry_urls(entry), entry.canonical ? site_.config.language_index(entry.canonical->lang) : default_lang);
  };
  for (const auto& entry : site_.pages) {
    if (entry->is_home) continue;
    // A pillar's page is shown on /<lang>/pillars/<pillar>/, which the
    // language-wide lists render and the sitemap already holds.
    for (int lang = 0; lang < language_count; ++lang) {
      const Document* d = entry->translations[static_cast<std::size_t>(lang)];
      if (d && d->built && d->pillar.empty())
        jobs.push_back([this, e = entry.get(), lang](Renderer& r) { render_page(r, *e, lang); });
    }
    if (!is_pillar_page(*entry)) sitemap_entry(*entry);
  }
  for (std::size_t i = 0; i < site_.events.size(); ++i) {
    const auto& entry = site_.events[i];
    for (int lang = 0; lang < language_count; ++lang) {
      const Document* d = entry->translations[static_cast<std::size_t>(lang)];
      if (d && d->built) jobs.push_back([this, e = entry.get(), i, lang](Renderer& r) { render_event(r, *e, i, lang); });
    }
    sitemap_entry(*entry);
  }
}

RenderStats SiteRenderer::run(const std::vector<Asset>& assets, const std::vector<MadeFile>& pictures, unsigned threads) {
  has_explorer_ =
      std::any_of(assets.begin(), assets.end(), [](const Asset& asset) { return asset.output_path == "explorer/explorer.mjs"; });
  build_language_data();
  renderers_.clear();
  for (unsigned t = 0; t < std::max(1u, threads); ++t) renderers_.push_back(std::make_unique<Renderer>(templates_));
  render_cards_and_api_fields(threads);
  plan_filters();

  std::vector<Job> long_jobs, jobs;
  long_jobs.push_back([this](Renderer&) { render_api(); });
  long_jobs.push_back([this](Renderer&) { render_calendar_ledger(); });
  long_jobs.push_back([this](Renderer&) { render_sitemap_and_robots(); });
  constexpr std::size_t api_files_per_job = 500;
  for (std::size_t first = 0; first < site_.events.size(); first += api_files_per_job)
    jobs.push_back([this, first](Renderer&) { render_api_events(first, first + api_files_per_job); });
  jobs.push_back([this](Renderer& r) { render_chooser(r); });
  jobs.push_back([this](Renderer& r) { render_not_found(r, -1); });
  sitemap_.clear();
  for (int lang = 0; lang < static_cast<int>(site_.config.languages.size()); ++lang) plan_language_jobs(lang, jobs, long_jobs);
  // Sitemap: language-wide pages (first page of each list), then pages and events.
  const int default_lang = site_.config.language_index(site_.config.default_language);
  add_sitemap(per_language_urls(""), default_lang);
  for (const char* rest : {"events/", "events/archive/", "match/", "pillars/social/", "pillars/culture/", "pillars/work/"})
    add_sitemap(per_language_urls(rest), default_lang);
  if (!filters_.empty()) {
    for (const auto& city : filters_[0].cities) add_sitemap(per_language_urls("events/city/" + city.first + "/"), default_lang);
    for (const auto& code : filters_[0].languages) add_sitemap(per_language_urls("events/language/" + code + "/"), default_lang);
  }
  plan_entry_jobs(jobs);
  for (const auto& asset : assets) jobs.push_back([this, &asset](Renderer&) { sink_.copy(asset.output_path, asset.source); });
  for (const auto& file : pictures) jobs.push_back([this, &file](Renderer&) { sink_.write(file.output_path, file.bytes); });
  for (const auto& [source, output] : templates_.assets)
    jobs.push_back([this, source = source, output = output](Renderer&) { sink_.copy(output, source); });

  jobs.insert(jobs.begin(), std::make_move_iterator(long_jobs.begin()), std::make_move_iterator(long_jobs.end()));
  core::for_each_index(jobs.size(), threads, [&](std::size_t worker, std::size_t i) { jobs[i](*renderers_[worker]); });
  return stats_;
}

// The cities and spoken languages of the upcoming events (by their canonical
// translation), the same for every language: cities by name, languages the
// site's own first in site.yaml's order, then the others by code.
void SiteRenderer::plan_filters() {
  std::map<std::string, std::string> cities;  // slug -> name (the first name seen)
  std::set<std::string> spoken;
  for (const auto& entry : site_.events) {
    const Document* canonical = entry->canonical;
    if (!canonical || !canonical->built || event_end_ms(*canonical) < site_.now_ms) continue;
    if (canonical->location && !city_slug(canonical->location->city).empty())
      cities.emplace(city_slug(canonical->location->city), canonical->location->city);
    spoken.insert(canonical->languages.begin(), canonical->languages.end());
  }
  EventFilters filters;
  for (const auto& [slug, name] : cities) filters.cities.emplace_back(slug, name);
  for (const auto& l : site_.config.languages)
    if (spoken.erase(l.code)) filters.languages.push_back(l.code);
  filters.languages.insert(filters.languages.end(), spoken.begin(), spoken.end());
  filters_.assign(site_.config.languages.size(), filters);
}

void SiteRenderer::run_entries(const std::vector<const Entry*>& entries) {
  build_language_data();
  renderers_.clear();
  renderers_.push_back(std::make_unique<Renderer>(templates_));
  const int language_count = static_cast<int>(site_.config.languages.size());
  for (const Entry* entry : entries)
    for (int lang = 0; lang < language_count; ++lang) {
      const Document* d = entry->translations[static_cast<std::size_t>(lang)];
      if (!d || !d->built) continue;
      if (entry->section == Section::event)
        render_event(*renderers_[0], *entry, 0, lang);
      else if (!entry->is_home && d->pillar.empty())
        render_page(*renderers_[0], *entry, lang);
    }
}

void render_entries(const Site& site, const TemplateSet& templates, const std::vector<const Entry*>& entries, OutputSink& sink) {
  SiteRenderer renderer(site, templates, sink);
  renderer.run_entries(entries);
}

RenderStats render_site(const Site& site, const TemplateSet& templates, const std::vector<Asset>& assets,
                        const std::vector<MadeFile>& pictures, OutputSink& sink, unsigned threads) {
  SiteRenderer renderer(site, templates, sink);
  return renderer.run(assets, pictures, threads);
}

}  // namespace blendin::generator
