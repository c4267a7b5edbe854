// Stage 3, markdown: CommonMark (cmark, smart punctuation) to HTML once every
// URL is known. Raw HTML is shown as text unless site.yaml says unsafeHTML.
#pragma once

#include "model.hpp"

#include <functional>
#include <map>
#include <optional>

namespace blendin::generator {

struct Asset {  // a file copied into the output (images next to an event)
  std::filesystem::path source;
  std::string output_path;                 // from the site root, without leading '/'
  std::optional<TextPosition> body_image;  // an image of a Markdown body: where it is named
};

struct MarkdownContext {
  const Site& site;
  // content-relative path ("pages/about.nl.md") -> document
  const std::map<std::string, Document*>& by_path;
  // "pages/about" (folder + slug, no language) -> entry
  const std::map<std::string, Entry*>& by_folder_slug;
};

struct MarkdownOutput {
  std::vector<InternalLink> links;
  std::vector<Asset> assets;
};

// Renders document.body into document.html (and the description when absent).
void render_markdown(const MarkdownContext& context, Document& document, MarkdownOutput& output, DiagnosticList& errors);

}  // namespace blendin::generator
