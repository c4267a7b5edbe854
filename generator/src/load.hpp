// Stage 1, load: site.yaml, taxonomies, interface strings and every content
// file's front matter, with the position of every error.
#pragma once

#include "model.hpp"

namespace blendin::generator {

// Reads site.yaml, data/*.yaml and i18n/*.yaml into `site`; errors go to `errors`.
void load_configuration(Site& site, DiagnosticList& errors);

// The content folder as every command opens it: its name as messages show it,
// then load_configuration; refused (core::Refused) when the folder is missing
// or its configuration has a problem, since nothing else can be read without it.
void open_content(Site& site, const std::filesystem::path& content_dir);

// Finds pages/**/*.md and events/**/*.md (sorted) and parses each file's front
// matter on `threads` threads. Documents with errors are still returned.
void load_documents(Site& site, unsigned threads, DiagnosticList& errors);

// Parses one file's bytes (exposed for tests and the fuzz target): refuses
// text that is not UTF-8 or holds control characters (check_text), then reads
// the front matter and keeps the body.
void parse_document(const Site& site, Document& document, std::string text, DiagnosticList& errors);

}  // namespace blendin::generator

namespace blendin::generator {
// data/interests.yaml, data/sectors.yaml, data/occupations.yaml and i18n/<lang>.yaml (after load_configuration);
// interface strings are templates/i18n/<lang>.yaml overridden by content/i18n/<lang>.yaml,
// a missing key falling back along site.yaml's fallback languages.
void load_taxonomies_and_strings(Site& site, const std::filesystem::path& templates_dir, DiagnosticList& errors);
void load_strings(Site& site, const std::filesystem::path& templates_dir, DiagnosticList& errors);
}  // namespace blendin::generator
