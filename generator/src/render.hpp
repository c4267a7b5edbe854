// Stage 4, render: every output file of the site, from the resolved Site and
// the Mustache templates (render_site.hpp says which file writes what).
#pragma once

#include "markdown.hpp"
#include "model.hpp"
#include "output.hpp"
#include "pictures.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace blendin::generator {

struct TemplateSet {
  std::filesystem::path dir;
  std::map<std::string, std::string> sources;                         // name -> text with partials inlined
  std::vector<std::pair<std::filesystem::path, std::string>> assets;  // templates/assets/** -> output path
  // "assets/site.css" -> a hash of its bytes, put in the URL pages use
  // (?v=...), so that a host may let browsers keep /assets/ for a year
  std::map<std::string, std::string> asset_versions;
  bool uses_page_params = false;  // some template reads page.params (built per page only then)
};

// Reads templates/*.mustache and templates/partials/*.mustache; checks that
// every page template exists, parses, and uses only interface strings that exist.
TemplateSet load_templates(const std::filesystem::path& dir, const Site& site, DiagnosticList& errors);

struct RenderStats {
  std::map<std::string, int> pages_per_language;
  int html_pages = 0;
};

// Renders every output into `sink` on `threads` threads, with the assets
// copied and the pictures' files written.
RenderStats render_site(const Site& site, const TemplateSet& templates, const std::vector<Asset>& assets,
                        const std::vector<MadeFile>& pictures, OutputSink& sink, unsigned threads);
// Renders only the pages of `entries` (each built translation's page, and an
// event's own calendar file) into `sink`: what an edit of their Markdown
// changes on their own pages (a live preview; lists and feeds wait for the
// full build).
void render_entries(const Site& site, const TemplateSet& templates, const std::vector<const Entry*>& entries, OutputSink& sink);

// The calendar ledger a build wrote into `out` (api/v1/calendar-ledger.json),
// by UID; empty when there is none or it cannot be read (the next build then
// starts every event afresh, render_calendar.cpp).
std::map<std::string, CalendarState> read_calendar_ledger(const std::filesystem::path& out);

}  // namespace blendin::generator
