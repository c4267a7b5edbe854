// Feeds the bytes as one content file's text, as an editor's commit brings it:
// YAML front matter between two "---" lines, then Markdown. parse_document
// reads it as an event and as a page; a reading without errors has its body
// rendered by render_markdown, with links resolved against a small site.
// Problems must come back as diagnostics: a crash, hang, leak, undefined
// behaviour, or an exception out of rendering (the build would stop without
// naming the file) is a finding.
#include "../../generator/src/load.hpp"
#include "../../generator/src/markdown.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

using namespace blendin::generator;

namespace {

// The fixture site's configuration: nl (the default), en, ar (right to left),
// and the interest ids the seed files use ("knitting" stays unknown). Images
// are looked up in the fixture site's folders, which the target only reads.
Site make_site() {
  Site site;
  site.config.base_url = "https://fuzz.blendin.example/";
  site.config.base_path = "/";
  site.config.default_language = "nl";
  site.config.timezone = "Europe/Amsterdam";
  site.config.languages = {{"nl", "Nederlands", "ltr"}, {"en", "English", "ltr"}, {"ar", "العربية", "rtl"}};
  site.config.fallback = {"en", "nl"};
  site.fallback_chain = {1, 0};
  for (const char* id : {"art",         "baking",      "board-games",
                         "chess",       "coffee",      "cooking",
                         "dance",       "design",      "entrepreneurship",
                         "film",        "fitness",     "football",
                         "hiking",      "history",     "language-exchange",
                         "languages",   "museums",     "music",
                         "nature",      "photography", "poetry",
                         "programming", "reading",     "running",
                         "singing",     "tech",        "volunteering",
                         "writing"}) {
    site.interests.ids.push_back(id);
    site.interests.labels[id]["en"] = id;
  }
  site.content_dir = BLENDIN_SOURCE_DIR "/tests/fixtures/site-valid";
  site.content_display = "content";
  return site;
}

// The markdown stage once every URL is known: the document is built, has the
// URL the resolver gives it, and may link to itself or to one other page.
void render(const Site& site, Document& document) {
  Entry own;
  own.section = document.section;
  own.slug = document.file_slug;
  own.translations = {&document, nullptr, nullptr};
  own.canonical = &document;
  document.entry = &own;
  document.built = true;
  document.url = document.section == Section::event ? "/nl/events/x/" : "/nl/x/";

  Document about;
  about.section = Section::page;
  about.relative_path = "pages/about.nl.md";
  about.file_slug = "about";
  about.lang = "nl";
  about.url = "/nl/about/";
  about.built = true;
  about.heading_ids = {"team"};
  Entry about_entry;
  about_entry.slug = "about";
  about_entry.translations = {&about, nullptr, nullptr};
  about_entry.canonical = &about;
  about.entry = &about_entry;

  const std::map<std::string, Document*> by_path = {{about.relative_path, &about}, {document.relative_path, &document}};
  const std::string own_folder_slug = document.section == Section::event ? "events/2027/x" : "pages/x";
  const std::map<std::string, Entry*> by_folder_slug = {{"pages/about", &about_entry}, {own_folder_slug, &own}};
  const MarkdownContext context{site, by_path, by_folder_slug};
  MarkdownOutput output;
  DiagnosticList errors;
  render_markdown(context, document, output, errors);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Site site = make_site();
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const Section section : {Section::event, Section::page}) {
    Document document;
    document.section = section;
    document.relative_path = section == Section::event ? "events/2027/x.nl.md" : "pages/x.nl.md";
    document.display_path = "content/" + document.relative_path;
    document.source = site.content_dir / document.relative_path;
    document.file_slug = "x";
    document.lang = "nl";
    DiagnosticList errors;
    try {
      parse_document(site, document, text, errors);
    } catch (const std::exception&) {
      continue;  // the loader reports an exception as the file's error (load_documents)
    }
    if (errors.empty()) render(site, document);
  }
  return 0;
}
