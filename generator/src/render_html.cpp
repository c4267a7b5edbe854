// The HTML pages: the language chooser, the 404 page, each language's home,
// pages, events, event lists and the match explorer's page.
#include "render_site.hpp"
#include "text.hpp"
#include "time.hpp"

#include <blendin/core/wire.hpp>
#include <boost/json/array.hpp>

namespace blendin::generator {

void SiteRenderer::emit_html(int lang, const std::string& url, std::string html) {
  std::string path = url.substr(1);
  if (path.empty() || path.back() == '/') path += "index.html";
  sink_.write(path, html);
  std::lock_guard lock(stats_mutex_);
  ++stats_.html_pages;
  if (lang >= 0) ++stats_.pages_per_language[language(lang).code];
}

void SiteRenderer::render_chooser(Renderer& renderer) {
  const int lang = site_.config.language_index(site_.config.default_language);
  mu::data page;
  page["title"] = site_.config.title;
  page["url"] = site_.config.base_path;
  page["permalink"] = site_.config.base_url;
  mu::list choices;
  boost::json::array codes;
  for (int i = 0; i < static_cast<int>(site_.config.languages.size()); ++i) {
    mu::data item;
    item["code"] = language(i).code;
    item["name"] = language(i).name;
    item["dir"] = language(i).dir;
    item["url"] = urls_.path(lang_url(i));
    item["title"] = t(i, "language_chooser_title");
    item["text"] = t(i, "language_chooser_text");
    choices.push_back(std::move(item));
    codes.emplace_back(language(i).code);
  }
  mu::data data;
  data["page"] = std::move(page);
  data["choices"] = choices;
  data["codes_json"] = script_safe_json(core::wire::serialize(codes));
  data["default_url"] = urls_.path(lang_url(lang));
  data["hreflang"] = head_links(per_language_urls(""));
  data["x_default"] = site_.config.base_url;
  data["canonical"] = site_.config.base_url;
  emit_html(-1, "/", renderer.render("chooser", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

// A language's 404 page, /<lang>/404.html (`blendin serve` answers a missing
// path under /<lang>/ with it), or with `lang` -1 the site's /404.html in the
// default language; each names the other languages' homes in their own words.
void SiteRenderer::render_not_found(Renderer& renderer, int lang) {
  const bool site_wide = lang < 0;
  if (site_wide) lang = site_.config.language_index(site_.config.default_language);
  const std::string url = site_wide ? "/404.html" : lang_url(lang, "404.html");
  mu::data page;
  page["title"] = t(lang, "not_found_title");
  page["url"] = urls_.path(url);
  page["permalink"] = urls_.permalink(url);
  page["canonical"] = urls_.permalink(url);
  mu::list others;
  for (int i = 0; i < static_cast<int>(site_.config.languages.size()); ++i) {
    if (i == lang) continue;
    mu::data item;
    item["code"] = language(i).code;
    item["dir"] = language(i).dir;
    item["name"] = language(i).name;
    item["title"] = t(i, "not_found_title");
    item["back"] = t(i, "back_home");
    item["url"] = urls_.path(lang_url(i));
    others.push_back(std::move(item));
  }
  mu::data data;
  data["page"] = std::move(page);
  data["canonical"] = urls_.permalink(url);
  data["not_found_text"] = t(lang, "not_found_text");
  data["others"] = others;
  data["noindex"] = true;
  data["alternates"] = alternates_for(per_language_urls(""), lang);  // each language's home
  std::string html = renderer.render("404", {&languages_[static_cast<std::size_t>(lang)].common, &data});
  if (site_wide) {
    sink_.write("404.html", html);
    std::lock_guard lock(stats_mutex_);
    ++stats_.html_pages;
  } else {
    emit_html(lang, url, std::move(html));
  }
}

void SiteRenderer::render_home(Renderer& renderer, int lang) {
  const std::string url = lang_url(lang);
  mu::data data;
  const Document* shown = site_.home ? site_.home->shown_in(lang, site_.fallback_chain) : nullptr;
  if (shown) {
    data["page"] = page_object(*shown, lang, url);
  } else {
    mu::data page;
    page["title"] = site_.config.title;
    page["url"] = urls_.path(url);
    page["permalink"] = urls_.permalink(url);
    data["page"] = std::move(page);
  }
  mu::list upcoming;
  int count = 0;
  for (std::size_t i = 0; i < site_.events.size() && count < 6; ++i) {
    const Document* event = site_.events[i]->shown_in(lang, site_.fallback_chain);
    if (!event || event_end_ms(*event) < site_.now_ms) continue;
    mu::data item;
    item["card"] = cards_[i][static_cast<std::size_t>(lang)];
    upcoming.push_back(std::move(item));
    ++count;
  }
  data["events"] = upcoming;
  if (upcoming.empty()) data["no_events"] = true;
  const auto urls = per_language_urls("");
  data["alternates"] = alternates_for(urls, lang);
  data["hreflang"] = head_links(urls);
  data["x_default"] = site_.config.base_url;
  data["og_type"] = "website";
  data["is_home"] = true;
  data["canonical"] = urls_.permalink(url);
  emit_html(lang, url, renderer.render("home", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

void SiteRenderer::render_page(Renderer& renderer, const Entry& entry, int lang) {
  const Document& page = *entry.translations[static_cast<std::size_t>(lang)];
  mu::data data;
  data["page"] = page_object(page, lang, page.url);
  data["canonical"] = urls_.permalink(page.url);
  const auto urls = entry_urls(entry);
  data["alternates"] = alternates_for(urls, lang, &entry);
  data["hreflang"] = head_links(urls);
  if (entry.canonical) data["x_default"] = urls_.permalink(entry.canonical->url);
  data["og_type"] = "article";
  emit_html(lang, page.url, renderer.render("page", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

void SiteRenderer::render_event(Renderer& renderer, const Entry& entry, std::size_t index, int lang) {
  const Document& event = *entry.translations[static_cast<std::size_t>(lang)];
  mu::data data;
  data["page"] = page_object(event, lang, event.url);
  data["event"] = event_object(event, lang);
  data["canonical"] = urls_.permalink(event.url);
  const auto urls = entry_urls(entry);
  data["alternates"] = alternates_for(urls, lang, &entry);
  data["hreflang"] = head_links(urls);
  if (entry.canonical) data["x_default"] = urls_.permalink(entry.canonical->url);
  data["og_type"] = "website";
  if (!event.image_url.empty()) data["og_image"] = urls_.permalink(event.image_url);
  if (event.picture) {
    const Picture::File& shared = event.picture->widest();
    data["og_image_width"] = std::to_string(shared.width);
    data["og_image_height"] = std::to_string(shared.height);
    data["og_image_type"] = shared.url.ends_with(".png") ? "image/png" : "image/jpeg";
  }
  data["json_ld"] = event_json_ld(site_, event);
  emit_html(lang, event.url, renderer.render("event", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
  // A live preview renders an entry alone (run_entries): its calendar state is made for it.
  const CalendarState state = index < calendar_.size() ? calendar_[index] : calendar_state(site_, entry);
  sink_.write(event.url.substr(1, event.url.size() - 2) + ".ics", render_event_ics(site_, event, state));
}

// The filter bar of the lists: every pillar, city and spoken language with
// upcoming events, each a pre-built page; `kind` and `key` mark the current one.
mu::data SiteRenderer::filter_bar(int lang, const std::string& kind, const std::string& key) const {
  const std::string& code = language(lang).code;
  auto link = [&](const std::string& name, const std::string& rest, bool current) {
    mu::data item;
    item["name"] = name;
    item["url"] = urls_.path(lang_url(lang, rest));
    if (current) item["current"] = true;
    return item;
  };
  mu::data bar;
  bar["all"] = link(t(lang, "events_filter_all"), "events/", kind == "upcoming");
  mu::list pillars, cities, spoken;
  for (const char* id : pillar_ids) {
    mu::data item = link(t(lang, std::string("pillar_") + id), std::string("pillars/") + id + "/", kind == "pillar" && key == id);
    item["id"] = id;
    pillars.push_back(std::move(item));
  }
  const auto& filters = filters_[static_cast<std::size_t>(lang)];
  for (const auto& [slug, name] : filters.cities)
    cities.push_back(link(name, "events/city/" + slug + "/", kind == "city" && key == slug));
  for (const auto& spoken_code : filters.languages) {
    mu::data item = link(language_display_name(spoken_code, code), "events/language/" + spoken_code + "/",
                         kind == "language" && key == spoken_code);
    item["code"] = spoken_code;
    spoken.push_back(std::move(item));
  }
  bar["pillars"] = pillars;
  if (!cities.empty()) bar["cities"] = mu::data("items", mu::data(cities));
  if (!spoken.empty()) bar["languages"] = mu::data("items", mu::data(spoken));
  return bar;
}

void SiteRenderer::render_list(Renderer& renderer, int lang, const std::string& kind, const std::string& key,
                               const std::vector<std::size_t>& events, const std::string& base, int page, int pages,
                               const std::string& title, const std::vector<std::string>& urls_by_lang) {
  const std::string url = paged_url(base, page);
  const int per_page = site_.config.paginate;
  mu::data data;
  mu::data page_data;
  page_data["title"] =
      pages > 1 && page > 1
          ? title + " (" + localize_digits(std::to_string(page) + "/" + std::to_string(pages), language(lang).code) + ")"
          : title;
  page_data["url"] = urls_.path(url);
  page_data["permalink"] = urls_.permalink(url);
  page_data["description"] = t(lang, "site_tagline");
  data["page"] = std::move(page_data);
  data["list_title"] = title;
  data["kind_" + kind] = true;
  // The page's events, and the same grouped by the month they start in (a heading each).
  mu::list items, months, month_items;
  mu::data month;
  int month_key = 0;
  const auto close_month = [&] {
    if (month_items.empty()) return;
    month["events"] = month_items;
    months.push_back(month);
    month_items = mu::list();
  };
  const std::size_t first = static_cast<std::size_t>((page - 1) * per_page);
  for (std::size_t i = first; i < events.size() && i < first + static_cast<std::size_t>(per_page); ++i) {
    const Document& shown = *site_.events[events[i]]->shown_in(lang, site_.fallback_chain);
    const int key_of_month = shown.start.year * 100 + shown.start.month;
    if (key_of_month != month_key) {
      close_month();
      month = mu::data();
      month["heading"] = format_month(shown.start.utc_ms, language(lang).code, site_.config.timezone);
      month["id"] = "m" + std::to_string(key_of_month);
      month_key = key_of_month;
    }
    mu::data item;
    item["card"] = cards_[events[i]][static_cast<std::size_t>(lang)];
    month_items.push_back(item);
    items.push_back(std::move(item));
  }
  close_month();
  data["events"] = items;
  data["months"] = months;
  if (items.empty()) data["no_events"] = true;
  data["filters"] = filter_bar(lang, kind, key);
  if (pages > 1) {
    mu::data pagination;
    pagination["current"] = localize_digits(std::to_string(page), language(lang).code);
    pagination["total"] = localize_digits(std::to_string(pages), language(lang).code);
    if (page > 1) pagination["prev"] = urls_.path(paged_url(base, page - 1));
    if (page < pages) pagination["next"] = urls_.path(paged_url(base, page + 1));
    data["pagination"] = std::move(pagination);
  }
  if (kind == "pillar") {
    const std::string& pillar = key;
    mu::data pillar_data;
    pillar_data["id"] = pillar;
    pillar_data["name"] = t(lang, "pillar_" + pillar);
    mu::list pillar_pages;
    for (const auto& entry : site_.pages) {
      const Document* shown = entry->shown_in(lang, site_.fallback_chain);
      if (!shown || shown->pillar != pillar || entry->is_home) continue;
      mu::data item = mu::data(page_object(*shown, lang, url));
      pillar_pages.push_back(std::move(item));
    }
    // The pillar's page (one per language, resolve.cpp) heads the first page of its list.
    if (!pillar_pages.empty() && page == 1) pillar_data["pages"] = pillar_pages;
    data["pillar"] = std::move(pillar_data);
  }
  data["alternates"] = alternates_for(urls_by_lang, lang);
  data["hreflang"] = head_links(urls_by_lang);
  data["x_default"] =
      urls_.permalink(urls_by_lang[static_cast<std::size_t>(site_.config.language_index(site_.config.default_language))]);
  data["og_type"] = "website";
  data["canonical"] = urls_.permalink(url);
  emit_html(lang, url,
            renderer.render(kind == "pillar" ? "pillar" : "list", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

// What a page the site makes of itself in every language (the explorer, the
// search) gives its head: title, description, URLs and alternates.
mu::data SiteRenderer::own_page_data(int lang, const std::string& path, const std::string& title_key,
                                     const std::string& description_key) {
  const std::string url = lang_url(lang, path);
  mu::data data;
  mu::data page;
  page["title"] = t(lang, title_key);
  page["description"] = t(lang, description_key);
  page["url"] = urls_.path(url);
  page["permalink"] = urls_.permalink(url);
  data["page"] = std::move(page);
  const auto urls = per_language_urls(path);
  data["alternates"] = alternates_for(urls, lang);
  data["hreflang"] = head_links(urls);
  data["x_default"] = urls_.permalink(urls[static_cast<std::size_t>(site_.config.language_index(site_.config.default_language))]);
  data["og_type"] = "website";
  data["canonical"] = urls_.permalink(url);
  return data;
}

void SiteRenderer::render_match(Renderer& renderer, int lang) {
  mu::data data = own_page_data(lang, "match/", "match_title", "match_intro");
  data["api_events"] = urls_.path("/api/v1/events.json");
  data["api_base"] = urls_.path("/api/v1/");
  // The explorer's module and data, when the build was given them (--static).
  data["explorer_base"] = urls_.path("/explorer/");
  if (has_explorer_) data["explorer_script"] = urls_.path("/explorer/explorer.mjs");
  emit_html(lang, lang_url(lang, "match/"),
            renderer.render("match", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

// The site search of the page's language: Pagefind's index and interface,
// built over the site after the build (scripts/site.sh) and loaded by
// /assets/search.js only when present.
void SiteRenderer::render_search(Renderer& renderer, int lang) {
  mu::data data = own_page_data(lang, "search/", "search_title", "search_intro");
  data["pagefind_base"] = urls_.path("/pagefind/");
  data["search_script"] = asset_url("assets/search.js");
  emit_html(lang, lang_url(lang, "search/"),
            renderer.render("search", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

}  // namespace blendin::generator
