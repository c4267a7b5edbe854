// Stage 4, render.
// [SECTION] templates  [SECTION] shared data per language  [SECTION] HTML pages
// [SECTION] event cards and lists  [SECTION] iCalendar  [SECTION] Atom
// [SECTION] JSON API  [SECTION] sitemap, robots  [SECTION] entry point
#include "render.hpp"

#include "files.hpp"
#include "layer_stack.hpp"
#include "parallel.hpp"
#include "text.hpp"
#include "time.hpp"

#include <blendin/core/profile.hpp>

#include <kainjow/mustache.hpp>
#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
namespace mu = kainjow::mustache;

namespace blendin::generator {

namespace {

const char* const pillar_ids[] = {"social", "culture", "work"};
const char* const page_templates[] = {"chooser", "home", "page", "event", "list", "pillar", "match", "404", "event-card"};

}  // namespace

// [SECTION] templates
TemplateSet load_templates(const fs::path& dir, const Site& site, DiagnosticList& errors) {
  TemplateSet set;
  set.dir = dir;
  const std::string shown_dir = dir.generic_string();
  if (!fs::is_directory(dir)) {
    errors.add(shown_dir, 0, 0, "templates folder not found: expected it beside content/ or given with --templates");
    return set;
  }
  // Every file of the folder, links resolved inside it: <name>.mustache,
  // partials/<name>.mustache, and assets/** copied to /assets/.
  std::map<std::string, std::string> partials, pages;
  for (const auto& file : list_files(dir, dir, shown_dir, errors)) {
    const fs::path relative(file.relative);
    const std::string parent = relative.parent_path().generic_string();
    if (file.relative.rfind("assets/", 0) == 0) {
      set.assets.emplace_back(file.path, file.relative);
    } else if (relative.extension() == ".mustache" && (parent.empty() || parent == "partials")) {
      std::string text = read_file(file.path);
      if (check_text(shown_dir + "/" + file.relative, text, errors))
        (parent.empty() ? pages : partials)[relative.stem().string()] = std::move(text);
    }
  }
  if (pages.count("event-card") == 0 && partials.count("event-card")) pages["event-card"] = "{{> event-card}}";
  const std::regex partial_tag(R"(\{\{>\s*([A-Za-z0-9_-]+)\s*\}\})");
  std::function<std::string(const std::string&, const std::string&, int)> inline_partials =
      [&](const std::string& text, const std::string& file, int depth) -> std::string {
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), partial_tag);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      out.append(text, last, static_cast<std::size_t>(it->position()) - last);
      last = static_cast<std::size_t>(it->position() + it->length());
      const std::string name = (*it)[1];
      auto found = partials.find(name);
      if (found == partials.end() || depth > 8) {
        const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + it->position(), '\n'));
        errors.add(file, line, 0, "partial \"" + name + "\" not found: expected " + shown_dir + "/partials/" + name + ".mustache");
        continue;
      }
      std::string body = found->second;
      if (!body.empty() && body.back() == '\n') body.pop_back();
      out += inline_partials(body, shown_dir + "/partials/" + name + ".mustache", depth + 1);
    }
    out.append(text, last, std::string::npos);
    return out;
  };
  const std::regex string_tag(R"(\{\{\{?\s*t\.([A-Za-z0-9_]+))");
  const auto& strings = site.strings.empty() ? std::map<std::string, std::string>{} : site.strings.front();
  for (const char* name : page_templates) {
    const std::string file = shown_dir + "/" + name + ".mustache";
    auto found = pages.find(name);
    if (found == pages.end()) {
      errors.add(file, 0, 0, "template missing: every site needs " + std::string(name) + ".mustache");
      continue;
    }
    std::string text = inline_partials(found->second, file, 0);
    mu::mustache parsed(text);
    if (!parsed.is_valid()) errors.add(file, 0, 0, "template: " + parsed.error_message());
    // A missing interface string would print nothing: report it.
    for (auto it = std::sregex_iterator(text.begin(), text.end(), string_tag); it != std::sregex_iterator(); ++it)
      if (!site.strings.empty() && strings.count((*it)[1]) == 0)
        errors.add(file, 0, 0,
                   "interface string t." + std::string((*it)[1]) + " is missing from every i18n/<lang>.yaml (checked " +
                       site.config.fallback.front() + " and the fallback languages)");
    if (text.find("params") != std::string::npos) set.uses_page_params = true;
    set.sources[name] = std::move(text);
  }

  return set;
}

namespace {

// The same escaping as kainjow's default (& < > " ' as &apos;), without a reallocation per byte.
std::string escape_html(const std::string& text) { return escape_markup(text, "&apos;"); }

// One thread's parsed templates.
class Renderer {
 public:
  explicit Renderer(const TemplateSet& set) {
    for (const auto& [name, text] : set.sources) {
      auto parsed = std::make_unique<mu::mustache>(text);
      parsed->set_custom_escape(escape_html);
      templates_.emplace(name, std::move(parsed));
    }
  }
  std::string render(const std::string& name, const std::vector<const mu::data*>& layers) {
    auto& tmpl = *templates_.at(name);
    LayerStack ctx;
    for (const mu::data* layer : layers) ctx.push(layer);  // the last pushed is searched first
    Appender out;
    out.text.reserve(16384);
    tmpl.render(ctx, out);
    return std::move(out.text);
  }

 private:
  struct Appender {
    std::string text;
    Appender& operator<<(const std::string& s) {
      text += s;
      return *this;
    }
  };
  std::map<std::string, std::unique_ptr<mu::mustache>> templates_;
};

// [SECTION] shared data per language
struct Urls {
  const SiteConfig& config;
  std::string path(const std::string& url) const { return config.base_path + url.substr(1); }
  std::string permalink(const std::string& url) const { return config.base_url + url.substr(1); }
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

std::string paged_url(const std::string& base, int page) {
  return page <= 1 ? base : base + "page/" + std::to_string(page) + "/";
}

std::int64_t event_end_ms(const Document& event) {
  if (event.end) return event.end->all_day ? event.end->utc_ms + 86400000LL : event.end->utc_ms;
  return event.start.all_day ? event.start.utc_ms + 86400000LL : event.start.utc_ms;
}

mu::data yaml_to_data(const YamlNode& node) {
  if (node.IsMap()) {
    mu::data object;
    for (const auto& item : node) object[item.first.Scalar()] = yaml_to_data(item.second);
    return object;
  }
  if (node.IsSequence()) {
    mu::list list;
    for (const auto& item : node) list.push_back(yaml_to_data(item));
    return list;
  }
  if (node.IsScalar()) {
    if (node.Scalar() == "false") return mu::data(false);
    return mu::data(node.Scalar());
  }
  return mu::data(false);
}

struct LanguageData {
  mu::data common;  // site, lang, t, languages, urls, pillars, footer pages
  std::vector<std::string> chain;  // lang, then fallback codes
};

class SiteRenderer {
 public:
  SiteRenderer(const Site& site, const TemplateSet& templates, OutputSink& sink, DiagnosticList& errors)
      : site_(site), templates_(templates), sink_(sink), errors_(errors), urls_{site.config} {}

  RenderStats run(const std::vector<Asset>& assets, unsigned threads);

 private:
  using Job = std::function<void(Renderer&)>;
  const Site& site_;
  const TemplateSet& templates_;
  bool has_explorer_ = false;  // the build was given the explorer's module (--static)
  OutputSink& sink_;
  DiagnosticList& errors_;
  Urls urls_;
  std::vector<LanguageData> languages_;
  std::vector<std::vector<std::string>> cards_;  // [event][lang] rendered event-card HTML
  std::vector<std::string> api_members_;         // [event] its JSON API members, for events.json and its own file
  std::vector<std::string> sitemap_;
  std::mutex stats_mutex_;
  RenderStats stats_;

  const Language& language(int index) const { return site_.config.languages[static_cast<std::size_t>(index)]; }
  std::string lang_url(int lang, const std::string& rest = "") const {
    return "/" + language(lang).code + "/" + rest;
  }
  const std::string& t(int lang, const std::string& key) const {
    static const std::string empty;
    const auto& strings = site_.strings[static_cast<std::size_t>(lang)];
    auto found = strings.find(key);
    return found == strings.end() ? empty : found->second;
  }
  void build_language_data();
  void emit_html(int lang, const std::string& url, std::string html);
  mu::data alternates_for(const std::vector<std::string>& urls_by_lang, int current) const;
  mu::data head_links(const std::vector<std::string>& urls_by_lang) const;
  void add_sitemap(const std::vector<std::string>& urls_by_lang, int x_default);
  mu::data page_object(const Document& shown, int lang, const std::string& url) const;
  mu::data event_object(const Document& event, int lang) const;
  mu::data card_object(const Entry& entry, int lang) const;
  std::vector<std::string> entry_urls(const Entry& entry) const;
  std::vector<std::string> per_language_urls(const std::string& rest) const;

  void render_chooser(Renderer& renderer);
  void render_not_found(Renderer& renderer);
  void render_home(Renderer& renderer, int lang);
  void render_page(Renderer& renderer, const Entry& entry, int lang);
  void render_event(Renderer& renderer, const Entry& entry, std::size_t index, int lang);
  void render_list(Renderer& renderer, int lang, const std::string& kind, const std::string& pillar,
                   const std::vector<std::size_t>& events, const std::string& base, int page, int pages,
                   const std::string& title, const std::vector<std::string>& urls_by_lang);
  void render_match(Renderer& renderer, int lang);
  void render_feed(int lang, const std::vector<std::size_t>& upcoming);
  void render_calendar(int lang);
  void render_api_events(std::size_t first, std::size_t end);
  void render_api();
  void render_sitemap_and_robots();
};

void SiteRenderer::build_language_data() {
  const auto& config = site_.config;
  mu::list languages;
  for (const auto& l : config.languages) {
    mu::data item;
    item["code"] = l.code;
    item["name"] = l.name;
    item["dir"] = l.dir;
    item["url"] = urls_.path("/" + l.code + "/");
    languages.push_back(std::move(item));
  }
  for (int lang = 0; lang < static_cast<int>(config.languages.size()); ++lang) {
    LanguageData data;
    data.chain.push_back(language(lang).code);
    for (const auto& code : config.fallback) data.chain.push_back(code);
    mu::data common;
    mu::data site_object;
    site_object["title"] = config.title;
    site_object["base_url"] = config.base_url;
    site_object["base_path"] = config.base_path;
    site_object["year"] = site_.now_iso.substr(0, 4);
    site_object["generated"] = site_.now_iso;
    site_object["params"] = yaml_to_data(config.params);
    common["site"] = std::move(site_object);
    mu::data lang_object;
    lang_object["code"] = language(lang).code;
    lang_object["name"] = language(lang).name;
    lang_object["dir"] = language(lang).dir;
    common["lang"] = std::move(lang_object);
    mu::data strings;
    for (const auto& [key, text] : site_.strings[static_cast<std::size_t>(lang)]) strings[key] = text;
    common["t"] = std::move(strings);
    common["languages"] = languages;
    mu::data urls;
    urls["home"] = urls_.path(lang_url(lang));
    urls["events"] = urls_.path(lang_url(lang, "events/"));
    urls["archive"] = urls_.path(lang_url(lang, "events/archive/"));
    urls["match"] = urls_.path(lang_url(lang, "match/"));
    urls["feed"] = urls_.path(lang_url(lang, "events/feed.xml"));
    urls["calendar"] = urls_.path(lang_url(lang, "events/calendar.ics"));
    urls["webcal"] = "webcal://" + config.base_url.substr(config.base_url.find("://") + 3) + lang_url(lang, "events/calendar.ics").substr(1);
    urls["chooser"] = config.base_path;
    urls["css"] = urls_.path("/assets/site.css");
    common["urls"] = std::move(urls);
    mu::list pillars;
    for (const char* id : pillar_ids) {
      mu::data pillar;
      pillar["id"] = id;
      pillar["name"] = t(lang, std::string("pillar_") + id);
      pillar["url"] = urls_.path(lang_url(lang, std::string("pillars/") + id + "/"));
      pillars.push_back(std::move(pillar));
    }
    common["pillars"] = pillars;
    mu::list pages, menu;
    for (const auto& entry : site_.pages) {
      const Document* shown = entry->shown_in(lang, site_.fallback_chain);
      if (!shown || entry->is_home) continue;
      mu::data item;
      item["title"] = shown->title;
      item["url"] = urls_.path(shown->url);
      item["lang"] = shown->lang;
      item["dir"] = site_.config.language(shown->lang).dir;
      if (shown->lang != language(lang).code) item["fallback"] = true;
      if (shown->params["menu"] && shown->params["menu"].Scalar() == "true") menu.push_back(item);
      pages.push_back(std::move(item));
    }
    common["pages"] = pages;
    common["menu"] = menu;
    data.common = std::move(common);
    languages_.push_back(std::move(data));
  }
}

void SiteRenderer::emit_html(int lang, const std::string& url, std::string html) {
  std::string path = url.substr(1);
  if (path.empty() || path.back() == '/') path += "index.html";
  sink_.write(path, html);
  std::lock_guard lock(stats_mutex_);
  ++stats_.html_pages;
  if (lang >= 0) ++stats_.pages_per_language[language(lang).code];
}

mu::data SiteRenderer::alternates_for(const std::vector<std::string>& urls_by_lang, int current) const {
  mu::list list;
  for (int i = 0; i < static_cast<int>(urls_by_lang.size()); ++i) {
    mu::data item;
    item["code"] = language(i).code;
    item["name"] = language(i).name;
    item["dir"] = language(i).dir;
    const bool available = !urls_by_lang[static_cast<std::size_t>(i)].empty();
    item["url"] = urls_.path(available ? urls_by_lang[static_cast<std::size_t>(i)] : lang_url(i));
    if (available) item["available"] = true;
    if (i == current) item["current"] = true;
    list.push_back(std::move(item));
  }
  return list;
}

mu::data SiteRenderer::head_links(const std::vector<std::string>& urls_by_lang) const {
  mu::list list;
  for (int i = 0; i < static_cast<int>(urls_by_lang.size()); ++i) {
    if (urls_by_lang[static_cast<std::size_t>(i)].empty()) continue;
    mu::data item;
    item["code"] = language(i).code;
    item["permalink"] = urls_.permalink(urls_by_lang[static_cast<std::size_t>(i)]);
    list.push_back(std::move(item));
  }
  return list;
}

void SiteRenderer::add_sitemap(const std::vector<std::string>& urls_by_lang, int x_default) {
  std::string alternates;
  int count = 0;
  for (std::size_t i = 0; i < urls_by_lang.size(); ++i)
    if (!urls_by_lang[i].empty()) {
      ++count;
      alternates += "<xhtml:link rel=\"alternate\" hreflang=\"" + language(static_cast<int>(i)).code + "\" href=\"" +
                    xml_escape(urls_.permalink(urls_by_lang[i])) + "\"/>";
    }
  std::string x_default_url;
  if (x_default >= 0 && !urls_by_lang[static_cast<std::size_t>(x_default)].empty())
    x_default_url = urls_by_lang[static_cast<std::size_t>(x_default)];
  else
    for (const auto& u : urls_by_lang)
      if (!u.empty()) {
        x_default_url = u;
        break;
      }
  if (count > 1)
    alternates += "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"" + xml_escape(urls_.permalink(x_default_url)) + "\"/>";
  std::string block;
  for (const auto& u : urls_by_lang) {
    if (u.empty()) continue;
    block += "<url><loc>" + xml_escape(urls_.permalink(u)) + "</loc>" + (count > 1 ? alternates : "") + "</url>\n";
  }
  sitemap_.push_back(std::move(block));
}

std::vector<std::string> SiteRenderer::entry_urls(const Entry& entry) const {
  std::vector<std::string> urls;
  for (const Document* d : entry.translations) urls.push_back(d && d->built ? d->url : "");
  return urls;
}

std::vector<std::string> SiteRenderer::per_language_urls(const std::string& rest) const {
  std::vector<std::string> urls;
  for (int i = 0; i < static_cast<int>(site_.config.languages.size()); ++i) urls.push_back(lang_url(i, rest));
  return urls;
}

mu::data SiteRenderer::page_object(const Document& shown, int lang, const std::string& url) const {
  mu::data page;
  page["title"] = shown.title;
  page["description"] = shown.description;
  page["url"] = urls_.path(url);
  page["permalink"] = urls_.permalink(url);
  page["content"] = shown.html;
  page["content_lang"] = shown.lang;
  page["content_dir"] = site_.config.language(shown.lang).dir;
  if (shown.lang != language(lang).code) {
    page["fallback"] = true;
    page["fallback_notice"] = replace_all(t(lang, "translation_fallback_notice"), "{{language}}",
                                          site_.config.language(shown.lang).name);
  }
  if (shown.date_ms) page["date"] = format_date(*shown.date_ms, language(lang).code, site_.config.timezone);
  if (shown.params && templates_.uses_page_params) page["params"] = yaml_to_data(shown.params);
  return page;
}

// The name of a spoken language in the page's language ("Engels"), via ICU.
std::string language_display_name(const std::string& code, const std::string& in_lang) {
  thread_local std::map<std::string, std::string> cache;
  const std::string key = code + "|" + in_lang;
  auto found = cache.find(key);
  if (found != cache.end()) return found->second;
  icu::UnicodeString name;
  icu::Locale(code.c_str()).getDisplayLanguage(icu::Locale(in_lang.c_str()), name);
  std::string out;
  name.toUTF8String(out);
  if (out.empty()) out = code;
  return cache.emplace(key, out).first->second;
}

std::string format_price(double euros, const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<icu::NumberFormat>> formats;
  auto found = formats.find(lang);
  if (found == formats.end()) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::NumberFormat> format(
        icu::NumberFormat::createCurrencyInstance(icu::Locale((lang + "@currency=EUR").c_str()), status));
    if (U_FAILURE(status)) format.reset();
    found = formats.emplace(lang, std::move(format)).first;
  }
  if (!found->second) return "EUR " + format_number(euros);
  icu::UnicodeString text;
  found->second->format(euros, text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

mu::data SiteRenderer::event_object(const Document& event, int lang) const {
  const std::string& code = language(lang).code;
  const std::string& zone = site_.config.timezone;
  mu::data object;
  object["title"] = event.title;
  object["description"] = event.description;
  if (event.start.all_day) {
    object["all_day"] = true;
    object["when"] = format_date(event.start.utc_ms, code, zone);
    if (event.end && event.end->utc_ms != event.start.utc_ms)
      object["when_end"] = format_date(event.end->utc_ms, code, zone);
  } else {
    object["when"] = format_date_time(event.start.utc_ms, code, zone);
    if (event.end) {
      const bool same_day = event.end->year == event.start.year && event.end->month == event.start.month &&
                            event.end->day == event.start.day;
      object["when_end"] = same_day ? format_time(event.end->utc_ms, code, zone)
                                    : format_date_time(event.end->utc_ms, code, zone);
    }
  }
  object["start_iso"] = format_wall_iso(event.start);
  if (event.end) object["end_iso"] = format_wall_iso(*event.end);
  if (event.location) {
    mu::data location;
    location["name"] = event.location->name;
    if (!event.location->address.empty()) location["address"] = event.location->address;
    if (!event.location->postcode.empty()) location["postcode"] = event.location->postcode;
    if (!event.location->city.empty()) location["city"] = event.location->city;
    if (event.location->lat) {
      location["lat"] = format_number(*event.location->lat);
      location["lon"] = format_number(*event.location->lon);
      location["map_url"] = "https://www.openstreetmap.org/?mlat=" + format_number(*event.location->lat) +
                            "&mlon=" + format_number(*event.location->lon) + "#map=17/" +
                            format_number(*event.location->lat) + "/" + format_number(*event.location->lon);
    }
    object["location"] = std::move(location);
  }
  if (!event.online.empty()) object["online"] = event.online;
  mu::list spoken;
  for (const auto& l : event.languages) spoken.push_back(mu::data(language_display_name(l, code)));
  if (!spoken.empty()) {
    object["languages"] = spoken;
    object["has_languages"] = true;
  }
  mu::list interests;
  for (const auto& id : event.interests) {
    std::vector<std::string> chain = languages_[static_cast<std::size_t>(lang)].chain;
    interests.push_back(mu::data(site_.interests.label(id, chain)));
  }
  if (!interests.empty()) object["interests"] = interests;
  if (event.price) object["price"] = *event.price == 0 ? t(lang, "event_free") : format_price(*event.price, code);
  if (event.capacity) object["capacity"] = std::to_string(*event.capacity);
  if (!event.registration.empty()) object["registration"] = event.registration;
  if (!event.partner.empty()) object["partner"] = event.partner;
  if (!event.image_url.empty()) object["image"] = urls_.path(event.image_url);
  if (event.cancelled) object["cancelled"] = true;
  if (event.welcomes_beginners) object["welcomes_beginners"] = true;
  if (event_end_ms(event) < site_.now_ms) object["past"] = true;
  object["ics_url"] = urls_.path(event.url.substr(0, event.url.size() - 1) + ".ics");
  mu::data pillar;
  pillar["id"] = event.pillar;
  pillar["name"] = t(lang, "pillar_" + event.pillar);
  pillar["url"] = urls_.path(lang_url(lang, "pillars/" + event.pillar + "/"));
  object["pillar"] = std::move(pillar);
  return object;
}

// [SECTION] HTML pages
void SiteRenderer::render_chooser(Renderer& renderer) {
  const int lang = site_.config.language_index(site_.config.default_language);
  mu::data page;
  page["title"] = site_.config.title;
  page["url"] = site_.config.base_path;
  page["permalink"] = site_.config.base_url;
  mu::list choices;
  std::string codes;
  for (int i = 0; i < static_cast<int>(site_.config.languages.size()); ++i) {
    mu::data item;
    item["code"] = language(i).code;
    item["name"] = language(i).name;
    item["dir"] = language(i).dir;
    item["url"] = urls_.path(lang_url(i));
    item["title"] = t(i, "language_chooser_title");
    item["text"] = t(i, "language_chooser_text");
    choices.push_back(std::move(item));
    codes += (codes.empty() ? "" : ",") + json_quote(language(i).code, true);
  }
  mu::data data;
  data["page"] = std::move(page);
  data["choices"] = choices;
  data["codes_json"] = "[" + codes + "]";
  data["default_url"] = urls_.path(lang_url(lang));
  data["hreflang"] = head_links(per_language_urls(""));
  data["x_default"] = site_.config.base_url;
  emit_html(-1, "/", renderer.render("chooser", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

void SiteRenderer::render_not_found(Renderer& renderer) {
  const int lang = site_.config.language_index(site_.config.default_language);
  mu::data page;
  page["title"] = t(lang, "not_found_title");
  page["url"] = urls_.path("/404.html");
  page["permalink"] = urls_.permalink("/404.html");
  mu::list homes;
  for (int i = 0; i < static_cast<int>(site_.config.languages.size()); ++i) {
    mu::data item;
    item["code"] = language(i).code;
    item["dir"] = language(i).dir;
    item["name"] = language(i).name;
    item["title"] = t(i, "not_found_title");
    item["text"] = t(i, "not_found_text");
    item["back"] = t(i, "back_home");
    item["url"] = urls_.path(lang_url(i));
    homes.push_back(std::move(item));
  }
  mu::data data;
  data["page"] = std::move(page);
  data["homes"] = homes;
  data["noindex"] = true;
  data["alternates"] = alternates_for(per_language_urls(""), lang);
  sink_.write("404.html", renderer.render("404", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
  std::lock_guard lock(stats_mutex_);
  ++stats_.html_pages;
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
  emit_html(lang, url, renderer.render("home", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

void SiteRenderer::render_page(Renderer& renderer, const Entry& entry, int lang) {
  const Document& page = *entry.translations[static_cast<std::size_t>(lang)];
  mu::data data;
  data["page"] = page_object(page, lang, page.url);
  const auto urls = entry_urls(entry);
  data["alternates"] = alternates_for(urls, lang);
  data["hreflang"] = head_links(urls);
  if (entry.canonical) data["x_default"] = urls_.permalink(entry.canonical->url);
  data["og_type"] = "article";
  emit_html(lang, page.url, renderer.render("page", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

void SiteRenderer::render_event(Renderer& renderer, const Entry& entry, std::size_t, int lang) {
  const Document& event = *entry.translations[static_cast<std::size_t>(lang)];
  mu::data data;
  data["page"] = page_object(event, lang, event.url);
  data["event"] = event_object(event, lang);
  const auto urls = entry_urls(entry);
  data["alternates"] = alternates_for(urls, lang);
  data["hreflang"] = head_links(urls);
  if (entry.canonical) data["x_default"] = urls_.permalink(entry.canonical->url);
  data["og_type"] = "website";
  if (!event.image_url.empty()) data["og_image"] = urls_.permalink(event.image_url);
  data["json_ld"] = event_json_ld(site_, event);
  emit_html(lang, event.url, renderer.render("event", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
  sink_.write(event.url.substr(1, event.url.size() - 2) + ".ics", render_event_ics(site_, event));
}

mu::data SiteRenderer::card_object(const Entry& entry, int lang) const {
  const Document& shown = *entry.shown_in(lang, site_.fallback_chain);
  // What a card shows; the full event_object is for the event page.
  const std::string& code = language(lang).code;
  const std::string& zone = site_.config.timezone;
  mu::data card;
  card["title"] = shown.title;
  card["description"] = shown.description;
  card["when"] = shown.start.all_day ? format_date(shown.start.utc_ms, code, zone)
                                     : format_date_time(shown.start.utc_ms, code, zone);
  if (shown.start.all_day) card["all_day"] = true;
  card["start_iso"] = format_wall_iso(shown.start);
  if (shown.location) {
    mu::data location;
    location["name"] = shown.location->name;
    if (!shown.location->city.empty()) location["city"] = shown.location->city;
    card["location"] = std::move(location);
  }
  if (!shown.online.empty()) card["online"] = shown.online;
  if (shown.cancelled) card["cancelled"] = true;
  if (event_end_ms(shown) < site_.now_ms) card["past"] = true;
  mu::data pillar;
  pillar["id"] = shown.pillar;
  pillar["name"] = t(lang, "pillar_" + shown.pillar);
  pillar["url"] = urls_.path(lang_url(lang, "pillars/" + shown.pillar + "/"));
  card["pillar"] = std::move(pillar);
  card["url"] = urls_.path(shown.url);
  card["content_lang"] = shown.lang;
  card["content_dir"] = site_.config.language(shown.lang).dir;
  if (shown.lang != language(lang).code) {
    card["fallback"] = true;
    card["fallback_note"] = replace_all(t(lang, "event_in_language"), "{{language}}", site_.config.language(shown.lang).name);
  }
  return card;
}

// [SECTION] event cards and lists
void SiteRenderer::render_list(Renderer& renderer, int lang, const std::string& kind, const std::string& pillar,
                               const std::vector<std::size_t>& events, const std::string& base, int page, int pages,
                               const std::string& title, const std::vector<std::string>& urls_by_lang) {
  const std::string url = paged_url(base, page);
  const int per_page = site_.config.paginate;
  mu::data data;
  mu::data page_data;
  page_data["title"] = pages > 1 && page > 1 ? title + " (" + std::to_string(page) + "/" + std::to_string(pages) + ")" : title;
  page_data["url"] = urls_.path(url);
  page_data["permalink"] = urls_.permalink(url);
  page_data["description"] = t(lang, "site_tagline");
  data["page"] = std::move(page_data);
  data["list_title"] = title;
  data["kind_" + kind] = true;
  mu::list items;
  const std::size_t first = static_cast<std::size_t>((page - 1) * per_page);
  for (std::size_t i = first; i < events.size() && i < first + static_cast<std::size_t>(per_page); ++i) {
    mu::data item;
    item["card"] = cards_[events[i]][static_cast<std::size_t>(lang)];
    items.push_back(std::move(item));
  }
  data["events"] = items;
  if (items.empty()) data["no_events"] = true;
  if (pages > 1) {
    mu::data pagination;
    pagination["current"] = std::to_string(page);
    pagination["total"] = std::to_string(pages);
    if (page > 1) pagination["prev"] = urls_.path(paged_url(base, page - 1));
    if (page < pages) pagination["next"] = urls_.path(paged_url(base, page + 1));
    data["pagination"] = std::move(pagination);
  }
  if (!pillar.empty()) {
    mu::data pillar_data;
    pillar_data["id"] = std::move(pillar);
    pillar_data["name"] = t(lang, "pillar_" + pillar);
    mu::list pillar_pages;
    for (const auto& entry : site_.pages) {
      const Document* shown = entry->shown_in(lang, site_.fallback_chain);
      if (!shown || shown->pillar != pillar || entry->is_home) continue;
      mu::data item = mu::data(page_object(*shown, lang, shown->url));
      pillar_pages.push_back(std::move(item));
    }
    if (!pillar_pages.empty()) pillar_data["pages"] = pillar_pages;
    data["pillar"] = std::move(pillar_data);
  }
  data["alternates"] = alternates_for(urls_by_lang, lang);
  data["hreflang"] = head_links(urls_by_lang);
  data["x_default"] = urls_.permalink(urls_by_lang[static_cast<std::size_t>(
      site_.config.language_index(site_.config.default_language))]);
  data["og_type"] = "website";
  emit_html(lang, url, renderer.render(pillar.empty() ? "list" : "pillar",
                                       {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

void SiteRenderer::render_match(Renderer& renderer, int lang) {
  const std::string url = lang_url(lang, "match/");
  mu::data data;
  mu::data page;
  page["title"] = t(lang, "match_title");
  page["description"] = t(lang, "match_intro");
  page["url"] = urls_.path(url);
  page["permalink"] = urls_.permalink(url);
  data["page"] = std::move(page);
  const auto urls = per_language_urls("match/");
  data["alternates"] = alternates_for(urls, lang);
  data["hreflang"] = head_links(urls);
  data["x_default"] = urls_.permalink(urls[static_cast<std::size_t>(site_.config.language_index(site_.config.default_language))]);
  data["og_type"] = "website";
  data["api_events"] = urls_.path("/api/v1/events.json");
  data["api_base"] = urls_.path("/api/v1/");
  // The explorer's module and data, when the build was given them (--static).
  data["explorer_base"] = urls_.path("/explorer/");
  if (has_explorer_) data["explorer_script"] = urls_.path("/explorer/explorer.mjs");
  emit_html(lang, url, renderer.render("match", {&languages_[static_cast<std::size_t>(lang)].common, &data}));
}

}  // namespace

// [SECTION] iCalendar
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

std::string event_json_ld(const Site& site, const Document& event) {
  JsonWriter json(true);
  json.begin_object();
  json.key("@context").string("https://schema.org");
  json.key("@type").string("Event");
  json.key("name").string(event.title);
  if (!event.description.empty()) json.key("description").string(event.description);
  json.key("url").string(site.config.base_url + event.url.substr(1));
  json.key("inLanguage").string(event.lang);
  if (event.start.all_day) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", event.start.year, event.start.month, event.start.day);
    json.key("startDate").string(buffer);
    if (event.end) {
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", event.end->year, event.end->month, event.end->day);
      json.key("endDate").string(buffer);
    }
  } else {
    json.key("startDate").string(format_wall_iso(event.start));
    if (event.end) json.key("endDate").string(format_wall_iso(*event.end));
  }
  json.key("eventStatus").string(event.cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled");
  json.key("eventAttendanceMode")
      .string(event.location ? (event.online.empty() ? "https://schema.org/OfflineEventAttendanceMode"
                                                     : "https://schema.org/MixedEventAttendanceMode")
                             : "https://schema.org/OnlineEventAttendanceMode");
  json.key("location");
  if (event.location) {
    json.begin_object().key("@type").string("Place").key("name").string(event.location->name);
    json.key("address").begin_object().key("@type").string("PostalAddress");
    if (!event.location->address.empty()) json.key("streetAddress").string(event.location->address);
    if (!event.location->postcode.empty()) json.key("postalCode").string(event.location->postcode);
    if (!event.location->city.empty()) json.key("addressLocality").string(event.location->city);
    json.key("addressCountry").string("NL").end_object();
    if (event.location->lat)
      json.key("geo").begin_object().key("@type").string("GeoCoordinates").key("latitude").number(*event.location->lat)
          .key("longitude").number(*event.location->lon).end_object();
    json.end_object();
  } else {
    json.begin_object().key("@type").string("VirtualLocation").key("url").string(event.online).end_object();
  }
  json.key("organizer").begin_object().key("@type").string("Organization").key("name").string(site.config.title)
      .key("url").string(site.config.base_url).end_object();
  if (event.price) {
    json.key("isAccessibleForFree").boolean(*event.price == 0);
    json.key("offers").begin_object().key("@type").string("Offer").key("price").number(*event.price)
        .key("priceCurrency").string("EUR");
    if (!event.registration.empty()) json.key("url").string(event.registration);
    json.end_object();
  }
  if (event.capacity) json.key("maximumAttendeeCapacity").integer(*event.capacity);
  if (!event.image_url.empty()) json.key("image").string(site.config.base_url + event.image_url.substr(1));
  json.end_object();
  return json.str();
}

namespace {

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

// [SECTION] Atom
void SiteRenderer::render_feed(int lang, const std::vector<std::size_t>& upcoming) {
  const std::string& code = language(lang).code;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + code + "\">\n";
  out += "<title>" + xml_escape(site_.config.title + " — " + t(lang, "feed_title")) + "</title>\n";
  out += "<id>" + xml_escape(urls_.permalink(lang_url(lang, "events/"))) + "</id>\n";
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_escape(urls_.permalink(lang_url(lang, "events/feed.xml"))) + "\"/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(urls_.permalink(lang_url(lang, "events/"))) + "\"/>\n";
  out += "<updated>" + site_.now_iso + "</updated>\n<author><name>" + xml_escape(site_.config.title) + "</name></author>\n";
  int count = 0;
  for (std::size_t index : upcoming) {
    if (++count > 100) break;
    const Document& event = *site_.events[index]->shown_in(lang, site_.fallback_chain);
    const std::string updated = event.date_ms ? format_utc_iso(*event.date_ms) : site_.now_iso;
    std::string summary = format_date_time(event.start.utc_ms, code, site_.config.timezone);
    if (event.location) summary += " — " + event.location->name + (event.location->city.empty() ? "" : ", " + event.location->city);
    if (event.cancelled) summary = t(lang, "event_cancelled") + ": " + summary;
    if (!event.description.empty()) summary += ". " + event.description;
    out += "<entry xml:lang=\"" + event.lang + "\">\n<title>" + xml_escape((event.cancelled ? t(lang, "event_cancelled") + ": " : "") + event.title) + "</title>\n";
    out += "<id>" + xml_escape(urls_.permalink(event.url)) + "</id>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(urls_.permalink(event.url)) + "\"/>\n";
    out += "<updated>" + updated + "</updated>\n";
    out += "<summary>" + xml_escape(summary) + "</summary>\n";
    out += "<category term=\"" + event.pillar + "\" label=\"" + xml_escape(t(lang, "pillar_" + event.pillar)) + "\"/>\n</entry>\n";
  }
  out += "</feed>\n";
  sink_.write(lang_url(lang, "events/feed.xml").substr(1), out);
}

// [SECTION] JSON API
void write_event_fields(JsonWriter& json, const Site& site, const Entry& entry) {
  const Document& event = *entry.canonical;
  json.key("id").string(entry.slug);
  json.key("pillar").string(event.pillar);
  json.key("interests").begin_array();
  for (const auto& id : event.interests) json.string(id);
  json.end_array();
  json.key("languages").begin_array();
  for (const auto& l : event.languages) json.string(l);
  json.end_array();
  json.key("welcomes_beginners").boolean(event.welcomes_beginners);
  const std::int64_t end_ms = event.end ? (event.end->all_day ? event.end->utc_ms + 86400000LL : event.end->utc_ms)
                                        : (event.start.all_day ? event.start.utc_ms + 86400000LL : event.start.utc_ms);
  json.key("start").string(format_utc_iso(event.start.utc_ms));
  json.key("end").string(format_utc_iso(end_ms));
  json.key("start_local").string(format_wall_iso(event.start));
  json.key("end_local");
  if (event.end) json.string(format_wall_iso(*event.end)); else json.null();
  json.key("all_day").boolean(event.start.all_day);
  json.key("timezone").string(site.config.timezone);
  json.key("location");
  if (event.location) {
    json.begin_object();
    json.key("name").string(event.location->name);
    json.field_or_null("address", event.location->address);
    json.field_or_null("city", event.location->city);
    json.field_or_null("postcode", event.location->postcode);
    json.key("lat");
    if (event.location->lat) json.number(*event.location->lat); else json.null();
    json.key("lon");
    if (event.location->lon) json.number(*event.location->lon); else json.null();
    json.end_object();
  } else {
    json.null();
  }
  json.field_or_null("online", event.online);
  json.key("cancelled").boolean(event.cancelled);
  json.key("capacity");
  if (event.capacity) json.integer(*event.capacity); else json.null();
  json.key("price");
  if (event.price) json.number(*event.price); else json.null();
  json.field_or_null("registration", event.registration);
  json.field_or_null("partner", event.partner);
  json.key("default_language").string(event.lang);
  json.key("translations").begin_object();
  for (const Document* d : entry.translations) {
    if (!d || !d->built) continue;
    json.key(d->lang).begin_object();
    json.key("title").string(d->title);
    json.key("description").string(d->description);
    json.key("url").string(site.config.base_url + d->url.substr(1));
    json.key("ics").string(site.config.base_url + d->url.substr(1, d->url.size() - 2) + ".ics");
    json.end_object();
  }
  json.end_object();
}

// Each event's own file, for events [first, end).
void SiteRenderer::render_api_events(std::size_t first, std::size_t end) {
  for (std::size_t i = first; i < end && i < site_.events.size(); ++i) {
    if (!site_.events[i]->canonical) continue;
    JsonWriter json;
    json.begin_object().key("version").integer(1).key("generated").string(site_.now_iso).key("event").begin_object();
    json.members(api_members_[i]);
    json.end_object().end_object();
    sink_.write("api/v1/events/" + site_.events[i]->slug + ".json", json.str() + "\n");
  }
}

// Every event in one file, the taxonomies, the interface strings and the site.
void SiteRenderer::render_api() {
  {
    JsonWriter json;
    json.begin_object().key("version").integer(1).key("generated").string(site_.now_iso).key("events").begin_array();
    for (std::size_t i = 0; i < site_.events.size(); ++i) {
      if (!site_.events[i]->canonical) continue;
      json.begin_object().members(api_members_[i]).end_object();
    }
    json.end_array().end_object();
    sink_.write("api/v1/events.json", json.str() + "\n");
  }
  for (const auto& [name, taxonomy] : {std::pair{"interests", &site_.interests}, std::pair{"sectors", &site_.sectors},
                                       std::pair{"occupations", &site_.occupations}}) {
    JsonWriter json;
    json.begin_object().key("version").integer(1).key(name).begin_array();
    for (const auto& id : taxonomy->ids) {
      json.begin_object().key("id").string(id);
      if (auto sector = taxonomy->sector_of.find(id); sector != taxonomy->sector_of.end())
        json.key("sector").string(sector->second);
      json.key("labels").begin_object();
      for (const auto& [lang, label] : taxonomy->labels.at(id)) json.key(lang).string(label);
      json.end_object().end_object();
    }
    json.end_array().end_object();
    sink_.write(std::string("api/v1/") + name + ".json", json.str() + "\n");
  }
  {
    // The languages a profile may give (the core's list), named in every site language.
    JsonWriter json;
    json.begin_object().key("version").integer(1).key("languages").begin_array();
    for (const auto& code : core::known_languages()) {
      json.begin_object().key("code").string(code).key("names").begin_object();
      for (const auto& in : site_.config.languages) json.key(in.code).string(language_display_name(code, in.code));
      json.end_object().end_object();
    }
    json.end_array().end_object();
    sink_.write("api/v1/languages.json", json.str() + "\n");
  }
  for (int lang = 0; lang < static_cast<int>(site_.config.languages.size()); ++lang) {
    JsonWriter json;
    json.begin_object().key("version").integer(1).key("lang").string(language(lang).code).key("dir").string(language(lang).dir);
    json.key("strings").begin_object();
    for (const auto& [key, text] : site_.strings[static_cast<std::size_t>(lang)]) json.key(key).string(text);
    json.end_object().end_object();
    sink_.write("api/v1/i18n/" + language(lang).code + ".json", json.str() + "\n");
  }
  JsonWriter json;
  json.begin_object().key("version").integer(1).key("title").string(site_.config.title);
  json.key("base_url").string(site_.config.base_url).key("default_language").string(site_.config.default_language);
  json.key("timezone").string(site_.config.timezone).key("languages").begin_array();
  for (const auto& l : site_.config.languages)
    json.begin_object().key("code").string(l.code).key("name").string(l.name).key("dir").string(l.dir).end_object();
  json.end_array().key("fallback").begin_array();
  for (const auto& code : site_.config.fallback) json.string(code);
  json.end_array().end_object();
  sink_.write("api/v1/site.json", json.str() + "\n");
}

// [SECTION] sitemap, robots
void SiteRenderer::render_sitemap_and_robots() {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
  for (const auto& block : sitemap_) out += block;
  out += "</urlset>\n";
  sink_.write("sitemap.xml", out);
  sink_.write("robots.txt", "User-agent: *\nAllow: /\n\nSitemap: " + site_.config.base_url + "sitemap.xml\n");
}

// [SECTION] entry point
RenderStats SiteRenderer::run(const std::vector<Asset>& assets, unsigned threads) {
  has_explorer_ = std::any_of(assets.begin(), assets.end(),
                              [](const Asset& asset) { return asset.output_path == "explorer/explorer.mjs"; });
  build_language_data();
  const int language_count = static_cast<int>(site_.config.languages.size());
  const int default_lang = site_.config.language_index(site_.config.default_language);

  std::vector<std::unique_ptr<Renderer>> renderers;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) renderers.push_back(std::make_unique<Renderer>(templates_));
  std::mutex renderer_mutex;
  std::map<std::thread::id, Renderer*> owners;
  auto renderer_for_this_thread = [&]() -> Renderer& {
    std::lock_guard lock(renderer_mutex);
    auto found = owners.find(std::this_thread::get_id());
    if (found == owners.end()) found = owners.emplace(std::this_thread::get_id(), renderers[owners.size()].get()).first;
    return *found->second;
  };

  // Event cards and API members first: lists and API files reuse them.
  cards_.assign(site_.events.size(), std::vector<std::string>(static_cast<std::size_t>(language_count)));
  api_members_.assign(site_.events.size(), std::string());
  parallel_for(site_.events.size(), threads, [&](std::size_t i) {
    if (site_.events[i]->canonical) {
      JsonWriter json;
      write_event_fields(json, site_, *site_.events[i]);
      api_members_[i] = json.str();
    }
    Renderer& renderer = renderer_for_this_thread();
    for (int lang = 0; lang < language_count; ++lang) {
      if (!site_.events[i]->shown_in(lang, site_.fallback_chain)) continue;
      mu::data data;
      data["card"] = card_object(*site_.events[i], lang);
          cards_[i][static_cast<std::size_t>(lang)] =
          renderer.render("event-card", {&languages_[static_cast<std::size_t>(lang)].common, &data});
    }
  });

  // Every other output as a job, the longest first so that no thread is left with
  // one at the end; the sitemap is assembled in job order.
  std::vector<Job> long_jobs, jobs;
  long_jobs.push_back([this](Renderer&) { render_api(); });
  long_jobs.push_back([this](Renderer&) { render_sitemap_and_robots(); });
  constexpr std::size_t api_files_per_job = 500;
  for (std::size_t first = 0; first < site_.events.size(); first += api_files_per_job)
    jobs.push_back([this, first](Renderer&) { render_api_events(first, first + api_files_per_job); });
  jobs.push_back([this](Renderer& r) { render_chooser(r); });
  jobs.push_back([this](Renderer& r) { render_not_found(r); });
  sitemap_.clear();
  for (int lang = 0; lang < language_count; ++lang) {
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
    auto add_list = [&](const std::string& kind, const std::string& pillar, std::vector<std::size_t> events,
                        const std::string& rest, const std::string& title) {
      const int per_page = site_.config.paginate;
      const int pages = std::max(1, static_cast<int>((events.size() + static_cast<std::size_t>(per_page) - 1) / static_cast<std::size_t>(per_page)));
      auto shared = std::make_shared<std::vector<std::size_t>>(std::move(events));
      const std::string base = lang_url(lang, rest);
      const auto urls = per_language_urls(rest);
      for (int page = 1; page <= pages; ++page)
        jobs.push_back([this, lang, kind, pillar, shared, base, page, pages, title, urls](Renderer& r) {
          render_list(r, lang, kind, pillar, *shared, base, page, pages, title, urls);
        });
    };
    add_list("upcoming", "", upcoming, "events/", t(lang, "events_upcoming"));
    add_list("archive", "", past, "events/archive/", t(lang, "events_archive"));
    for (std::size_t p = 0; p < 3; ++p)
      add_list("pillar", pillar_ids[p], by_pillar[p], std::string("pillars/") + pillar_ids[p] + "/",
               t(lang, std::string("pillar_") + pillar_ids[p]));
    long_jobs.push_back([this, lang, upcoming](Renderer&) { render_feed(lang, upcoming); });
    long_jobs.push_back([this, lang](Renderer&) { render_calendar(lang); });
  }
  // Sitemap: language-wide pages (first page of each list), then pages and events.
  add_sitemap(per_language_urls(""), default_lang);
  for (const char* rest : {"events/", "events/archive/", "match/", "pillars/social/", "pillars/culture/", "pillars/work/"})
    add_sitemap(per_language_urls(rest), default_lang);
  for (const auto& entry : site_.pages) {
    if (entry->is_home) continue;
    for (int lang = 0; lang < language_count; ++lang) {
      const Document* d = entry->translations[static_cast<std::size_t>(lang)];
      if (d && d->built) jobs.push_back([this, e = entry.get(), lang](Renderer& r) { render_page(r, *e, lang); });
    }
    if (entry->any_built()) add_sitemap(entry_urls(*entry), entry->canonical ? site_.config.language_index(entry->canonical->lang) : default_lang);
  }
  for (std::size_t i = 0; i < site_.events.size(); ++i) {
    const auto& entry = site_.events[i];
    for (int lang = 0; lang < language_count; ++lang) {
      const Document* d = entry->translations[static_cast<std::size_t>(lang)];
      if (d && d->built) jobs.push_back([this, e = entry.get(), i, lang](Renderer& r) { render_event(r, *e, i, lang); });
    }
    if (entry->any_built()) add_sitemap(entry_urls(*entry), entry->canonical ? site_.config.language_index(entry->canonical->lang) : default_lang);
  }
  for (const auto& asset : assets) jobs.push_back([this, &asset](Renderer&) { sink_.copy(asset.output_path, asset.source); });
  for (const auto& [source, output] : templates_.assets)
    jobs.push_back([this, source = source, output = output](Renderer&) { sink_.copy(output, source); });

  jobs.insert(jobs.begin(), std::make_move_iterator(long_jobs.begin()), std::make_move_iterator(long_jobs.end()));
  owners.clear();  // parallel_for's threads are new ones
  parallel_for(jobs.size(), threads, [&](std::size_t i) { jobs[i](renderer_for_this_thread()); });
  (void)errors_;
  return stats_;
}

}  // namespace

RenderStats render_site(const Site& site, const TemplateSet& templates, const std::vector<Asset>& assets,
                        OutputSink& sink, unsigned threads, DiagnosticList& errors) {
  SiteRenderer renderer(site, templates, sink, errors);
  return renderer.run(assets, threads);
}

}  // namespace blendin::generator
