// Stage 2, resolve: translations grouped into entries (one per slug), their
// URLs and canonical translation, images found, pages and events in order.
#include "stages.hpp"

#include "files.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace blendin::generator {

namespace {

const std::set<std::string> reserved_page_slugs = {"events", "pillars", "match", "search", "pagefind", "api", "assets"};

// Each document into the entry of its slug and section, one per language;
// which documents are built (drafts, future dates).
void group_into_entries(Site& site, const BuildOptions& options, DiagnosticList& errors) {
  const auto& config = site.config;
  const std::size_t language_count = config.languages.size();
  std::map<std::string, Entry*> entries[2];
  std::map<std::string, Document*> first_file[2];  // slug -> first file seen, for duplicates across folders
  for (auto& owned : site.documents) {
    Document& document = *owned;
    const int lang = config.language_index(document.lang);
    if (lang < 0) continue;
    document.built =
        (!document.draft || options.drafts) && (!document.date_ms || *document.date_ms <= site.now_ms || options.future);
    const int kind = document.section == Section::event ? 1 : 0;
    auto [found, inserted] = first_file[kind].emplace(document.file_slug, &document);
    if (!inserted) {
      const Document& first = *found->second;
      const std::string first_folder = fs::path(first.relative_path).parent_path().generic_string();
      const std::string folder = fs::path(document.relative_path).parent_path().generic_string();
      if (first_folder != folder) {
        errors.add(document.display_path, 1, 1,
                   "duplicate " + std::string(kind ? "event" : "page") + " slug \"" + document.file_slug +
                       "\": already used by " + first.display_path + "; expected a slug unique across all " +
                       (kind ? "years" : "folders") + " (translations sit in one folder)");
        continue;
      }
    }
    Entry*& entry = entries[kind][document.file_slug];
    if (!entry) {
      auto created = std::make_unique<Entry>();
      created->section = document.section;
      created->slug = document.file_slug;
      created->translations.assign(language_count, nullptr);
      created->is_home = kind == 0 && document.file_slug == "_index";
      entry = created.get();
      (kind ? site.events : site.pages).push_back(std::move(created));
    }
    Document*& slot = entry->translations[static_cast<std::size_t>(lang)];
    if (slot) {
      errors.add(document.display_path, 1, 1,
                 "a second file for " + document.file_slug + " in language " + document.lang + ": " + slot->display_path +
                     " is the same translation; expected one file per language");
      continue;
    }
    slot = &document;
    document.entry = entry;
    if (kind == 0)
      for (const Document* other : entry->translations)
        if (other && other != &document && other->pillar != document.pillar) {
          errors.add(document.display_path, 1, 1,
                     "pillar: \"" + document.pillar + "\" here but \"" + other->pillar + "\" in " + other->display_path +
                         "; expected the same pillar (or none) in every translation of a page");
          break;
        }
    if (kind == 0 && reserved_page_slugs.count(document.url_slug.empty() ? document.file_slug : document.url_slug))
      errors.add(document.display_path, 1, 1,
                 "the page slug \"" + document.file_slug + "\" is reserved for generated pages; expected another name");
  }
}

// An image the front matter names: a file beside the document or under
// static/ (a site path). pictures.cpp makes its files.
void resolve_image(const Site& site, Document& document, DiagnosticList& errors) {
  const auto& config = site.config;
  if (!document.image.empty()) {
    const std::string& image = document.image;
    const YAML::Mark mark = document.params["image"].Mark();
    std::string problem;
    const auto source = find_content_image({site.content_dir, site.content_display},
                                           fs::path(document.relative_path).parent_path(), image, config.unsafe_html, problem);
    if (!source) {
      errors.add(document.display_path, mark.line + 2, mark.column + 1, "image: " + problem);
    } else {
      document.image_source = *source;
      document.image_url = image[0] == '/' ? image : document.url + source->filename().string();
    }
  }
}

// URLs, the canonical translation (the default language's, else along the
// fallback chain), images; two documents at one URL are an error. A page that
// names a `pillar` is that pillar's page: its one URL is /<lang>/pillars/<pillar>/,
// where its text is shown above the pillar's events (render_list), so a second
// page naming the same pillar in one language is an error.
void assign_urls(Site& site, DiagnosticList& errors) {
  const auto& config = site.config;
  std::map<std::string, const Document*> by_url;
  for (auto* list : {&site.pages, &site.events}) {
    for (auto& entry : *list) {
      const int default_lang = config.language_index(config.default_language);
      entry->canonical = nullptr;
      if (entry->translations[static_cast<std::size_t>(default_lang)] &&
          entry->translations[static_cast<std::size_t>(default_lang)]->built)
        entry->canonical = entry->translations[static_cast<std::size_t>(default_lang)];
      if (!entry->canonical) entry->canonical = entry->shown_in(-1, site.fallback_chain);
      for (Document* document : entry->translations) {
        if (!document) continue;
        const std::string segment = document->url_slug.empty() ? entry->slug : document->url_slug;
        if (entry->is_home)
          document->url = "/" + document->lang + "/";
        else if (entry->section == Section::page && !document->pillar.empty())
          document->url = "/" + document->lang + "/pillars/" + document->pillar + "/";
        else if (entry->section == Section::page)
          document->url = "/" + document->lang + "/" + segment + "/";
        else
          document->url = "/" + document->lang + "/events/" + segment + "/";
        if (!document->built) continue;
        auto [found, inserted] = by_url.emplace(document->url, document);
        if (!inserted && entry->section == Section::page && !document->pillar.empty())
          errors.add(document->display_path, document->params["pillar"].Mark().line + 2,
                     document->params["pillar"].Mark().column + 1,
                     "pillar: " + document->pillar + " is already the pillar of " + found->second->display_path +
                         ", whose text is shown on " + document->url + "; expected one page per pillar in each language");
        else if (!inserted)
          errors.add(
              document->display_path, 1, 1,
              "the URL " + document->url + " is also produced by " + found->second->display_path + "; expected a different slug");
        resolve_image(site, *document, errors);
      }
    }
  }
}

// Pages by weight then slug, events by start then slug; the home page found;
// events with no built translation left out of every list.
void order_entries(Site& site) {
  auto page_order = [](const std::unique_ptr<Entry>& a, const std::unique_ptr<Entry>& b) {
    const int wa = a->canonical ? a->canonical->weight : 0, wb = b->canonical ? b->canonical->weight : 0;
    return wa != wb ? wa < wb : a->slug < b->slug;
  };
  std::sort(site.pages.begin(), site.pages.end(), page_order);
  auto event_start = [](const Entry& e) -> std::int64_t {
    const Document* d = e.canonical;
    if (!d)
      for (const Document* t : e.translations)
        if (t) d = t;
    return d ? d->start.utc_ms : 0;
  };
  std::sort(site.events.begin(), site.events.end(), [&](const std::unique_ptr<Entry>& a, const std::unique_ptr<Entry>& b) {
    const auto sa = event_start(*a), sb = event_start(*b);
    return sa != sb ? sa < sb : a->slug < b->slug;
  });
  for (auto& entry : site.pages)
    if (entry->is_home) site.home = entry.get();
  site.events.erase(
      std::remove_if(site.events.begin(), site.events.end(), [](const std::unique_ptr<Entry>& e) { return !e->any_built(); }),
      site.events.end());
}

}  // namespace

void resolve(Site& site, const BuildOptions& options, DiagnosticList& errors) {
  group_into_entries(site, options, errors);
  assign_urls(site, errors);
  order_entries(site);
}

}  // namespace blendin::generator
