// What templates read: the data every page of a language starts from, and a
// page, an event and an event's card as Mustache data.
#include "render_site.hpp"
#include "text.hpp"
#include "time.hpp"

#include <algorithm>

#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/unistr.h>

namespace blendin::generator {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

std::string city_slug(const std::string& city) {
  std::string slug;
  for (const char c : city) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || byte >= 0x80)
      slug += c;
    else if (c >= 'A' && c <= 'Z')
      slug += static_cast<char>(c - 'A' + 'a');
    else if (!slug.empty() && slug.back() != '-')
      slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
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

std::string SiteRenderer::asset_url(const std::string& path) const {
  const auto version = templates_.asset_versions.find(path);
  const std::string url = urls_.path("/" + path);
  return version == templates_.asset_versions.end() ? url : url + "?v=" + version->second;
}

mu::data picture_object(const Picture& picture, const Urls& urls) {
  mu::data object;
  std::string srcset;
  for (const auto& file : picture.files)
    srcset += (srcset.empty() ? "" : ", ") + urls.path(file.url) + " " + std::to_string(file.width) + "w";
  object["src"] = urls.path(picture.widest().url);
  object["srcset"] = srcset;
  object["width"] = std::to_string(picture.widest().width);
  object["height"] = std::to_string(picture.widest().height);
  return object;
}

namespace {

// site.yaml's organisation as templates read it: only the fields that are
// filled, and a has_* flag for each group, so that a template shows a heading
// only above what is there (docs/templates.md).
mu::data organisation_data(const Organisation& organisation, const Urls& urls) {
  mu::data data;
  bool has_facts = false;
  const auto set = [&](const char* key, const std::string& value) {
    if (value.empty()) return false;
    data[key] = value;
    return true;
  };
  has_facts |= set("legal_name", organisation.legal_name);
  has_facts |= set("kvk", organisation.kvk);
  has_facts |= set("rsin", organisation.rsin);
  has_facts |= set("founded", organisation.founded);
  if (organisation.anbi) data["anbi"] = has_facts = true;
  if (has_facts) data["has_registration"] = true;  // the list of the five facts above
  if (!organisation.board.empty()) {
    mu::list board;
    for (const auto& person : organisation.board) {
      mu::data item;
      item["name"] = person.name;
      if (!person.role.empty()) item["role"] = person.role;
      board.push_back(std::move(item));
    }
    data["board"] = std::move(board);
    data["has_board"] = has_facts = true;
  }
  for (const auto& [key, links] : {std::pair{"partners", &organisation.partners}, std::pair{"funders", &organisation.funders}}) {
    if (links->empty()) continue;
    mu::list list;
    for (const auto& link : *links) {
      mu::data item;
      item["name"] = link.name;
      if (!link.url.empty()) item["url"] = link.url;
      if (link.logo_picture) item["logo"] = picture_object(*link.logo_picture, urls);
      list.push_back(std::move(item));
    }
    data[key] = std::move(list);
    data[std::string("has_") + key] = has_facts = true;
  }
  if (has_facts) data["has_facts"] = true;
  bool has_address = false;
  mu::data address;
  for (const auto& [key, value] : {std::pair{"street", &organisation.street}, std::pair{"postcode", &organisation.postcode},
                                   std::pair{"city", &organisation.city}})
    if (!value->empty()) {
      address[key] = *value;
      has_address = true;
    }
  if (has_address) data["address"] = std::move(address);
  bool has_contact = has_address;
  if (set("email", organisation.email)) {
    data["email_url"] = "mailto:" + organisation.email;
    has_contact = true;
  }
  if (set("phone", organisation.phone)) {
    std::string dial;
    for (const char c : organisation.phone)
      if ((c >= '0' && c <= '9') || c == '+') dial += c;
    data["phone_url"] = "tel:" + dial;
    has_contact = true;
  }
  if (has_contact) data["has_contact"] = true;
  if (!organisation.legal_name.empty()) data["has_controller"] = true;
  return data;
}

}  // namespace

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
  const mu::data organisation = organisation_data(config.organisation, urls_);
  for (int lang = 0; lang < static_cast<int>(config.languages.size()); ++lang) {
    LanguageData data;
    data.chain.push_back(language(lang).code);
    for (const auto& code : config.fallback) data.chain.push_back(code);
    mu::data common;
    mu::data site_object;
    site_object["title"] = config.title;
    site_object["base_url"] = config.base_url;
    site_object["base_path"] = config.base_path;
    site_object["year"] = localize_digits(site_.now_iso.substr(0, 4), language(lang).code);
    site_object["generated"] = site_.now_iso;
    site_object["params"] = yaml_to_data(config.params);
    common["site"] = std::move(site_object);
    common["organisation"] = mu::data(organisation);
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
    urls["search"] = urls_.path(lang_url(lang, "search/"));
    urls["feed"] = urls_.path(lang_url(lang, "events/feed.xml"));
    urls["calendar"] = urls_.path(lang_url(lang, "events/calendar.ics"));
    urls["webcal"] =
        "webcal://" + config.base_url.substr(config.base_url.find("://") + 3) + lang_url(lang, "events/calendar.ics").substr(1);
    urls["chooser"] = config.base_path;
    urls["css"] = asset_url("assets/site.css");
    common["urls"] = std::move(urls);
    // Every file of templates/assets/ by its name, "." "-" "/" as "_"
    // (assets.favicon_svg), with its version (docs/templates.md).
    mu::data assets;
    for (const auto& [path, version] : templates_.asset_versions) {
      std::string key = path.substr(std::string_view("assets/").size());
      std::replace_if(
          key.begin(), key.end(), [](char c) { return c == '.' || c == '-' || c == '/'; }, '_');
      assets[key] = asset_url(path);
    }
    common["assets"] = std::move(assets);
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
      // Pillars' pages are in the navigation (`pillars`), at their pillar's URL.
      if (!shown || entry->is_home || is_pillar_page(*entry)) continue;
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

mu::data SiteRenderer::alternates_for(const std::vector<std::string>& urls_by_lang, int current, const Entry* entry) const {
  mu::list list;
  for (int i = 0; i < static_cast<int>(urls_by_lang.size()); ++i) {
    mu::data item;
    item["code"] = language(i).code;
    item["name"] = language(i).name;
    item["dir"] = language(i).dir;
    item["hreflang"] = language(i).code;
    const bool available = !urls_by_lang[static_cast<std::size_t>(i)].empty();
    std::string url = available ? urls_by_lang[static_cast<std::size_t>(i)] : lang_url(i);
    // A page or event not written in language i: the translation that
    // language's lists link (the fallback chain), so the visitor stays on it.
    if (const Document* shown = !available && entry ? entry->shown_in(i, site_.fallback_chain) : nullptr) {
      url = shown->url;
      item["hreflang"] = shown->lang;
      item["fallback"] = true;
    }
    item["url"] = urls_.path(url);
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
  page["content"] = without_title_heading(shown.html, shown.title);
  page["canonical"] = urls_.permalink(url);
  page["content_lang"] = shown.lang;
  page["content_dir"] = site_.config.language(shown.lang).dir;
  if (shown.lang != language(lang).code) {
    page["fallback"] = true;
    // The language named in the reader's language ("الإنجليزية" on an ar page), by ICU.
    page["fallback_notice"] = replace_all(t(lang, "translation_fallback_notice"), "{{language}}",
                                          language_display_name(shown.lang, language(lang).code));
  }
  if (shown.date_ms) page["date"] = format_date(*shown.date_ms, language(lang).code, site_.config.timezone);
  if (!shown.facts.empty()) page["facts_" + shown.facts] = true;
  if (shown.params && templates_.uses_page_params) page["params"] = yaml_to_data(shown.params);
  return page;
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
    if (event.end && event.end->utc_ms != event.start.utc_ms) object["when_end"] = format_date(event.end->utc_ms, code, zone);
  } else {
    object["when"] = format_date_time(event.start.utc_ms, code, zone);
    if (event.end) {
      const bool same_day =
          event.end->year == event.start.year && event.end->month == event.start.month && event.end->day == event.start.day;
      object["when_end"] =
          same_day ? format_time(event.end->utc_ms, code, zone) : format_date_time(event.end->utc_ms, code, zone);
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
                            "&mlon=" + format_number(*event.location->lon) + "#map=17/" + format_number(*event.location->lat) +
                            "/" + format_number(*event.location->lon);
    }
    object["location"] = std::move(location);
  }
  // An online event's meeting link is never published: people get it when they register.
  if (!event.online.empty()) object["online"] = true;
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
  if (event.capacity) object["capacity"] = format_count(*event.capacity, code);
  if (event.places_left) {
    if (*event.places_left == 0)
      object["full"] = true;
    else
      object["places_left"] = format_count(*event.places_left, code);
    object["has_places_left"] = true;
  }
  mu::list access;
  for (const char* id : access_ids)
    if (std::find(event.access.begin(), event.access.end(), id) != event.access.end()) {
      mu::data fact;
      fact["id"] = id;
      fact["label"] = t(lang, "access_" + replace_all(id, "-", "_"));
      access.push_back(std::move(fact));
    }
  if (!access.empty()) {
    object["access"] = access;
    object["has_access"] = true;
  }
  if (!event.registration.empty()) object["registration"] = event.registration;
  if (!event.partner.empty()) object["partner"] = event.partner;
  if (!event.image_url.empty()) {
    object["image"] = urls_.path(event.image_url);
    object["image_alt"] = event.image_alt.value_or("");
    if (event.picture) object["picture"] = picture_object(*event.picture, urls_);
  }
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

mu::data SiteRenderer::card_object(const Entry& entry, int lang) const {
  const Document& shown = *entry.shown_in(lang, site_.fallback_chain);
  // What a card shows; the full event_object is for the event page.
  const std::string& code = language(lang).code;
  const std::string& zone = site_.config.timezone;
  mu::data card;
  card["title"] = shown.title;
  card["description"] = shown.description;
  card["when"] =
      shown.start.all_day ? format_date(shown.start.utc_ms, code, zone) : format_date_time(shown.start.utc_ms, code, zone);
  if (shown.start.all_day) card["all_day"] = true;
  card["start_iso"] = format_wall_iso(shown.start);
  if (shown.location) {
    mu::data location;
    location["name"] = shown.location->name;
    if (!shown.location->city.empty()) location["city"] = shown.location->city;
    card["location"] = std::move(location);
  }
  if (!shown.online.empty()) card["online"] = true;  // never the meeting link
  if (shown.places_left) {
    if (*shown.places_left == 0)
      card["full"] = true;
    else
      card["places_left"] = format_count(*shown.places_left, code);
  }
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
    card["fallback_note"] = replace_all(t(lang, "event_in_language"), "{{language}}", language_display_name(shown.lang, code));
  }
  return card;
}

}  // namespace blendin::generator
