// Stage 3, markdown.
// [SECTION] links and images  [SECTION] raw HTML  [SECTION] headings  [SECTION] entry point
#include "markdown.hpp"

#include "files.hpp"
#include "text.hpp"

#include <cmark.h>
#include <algorithm>
#include <optional>
#include <regex>
#include <tuple>

#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace blendin::generator {

namespace {

struct CmarkFree {  // cmark returns malloc'ed strings
  void operator()(char* p) const { std::free(p); }
};

bool has_scheme(const std::string& url) {
  const auto colon = url.find(':');
  if (colon == std::string::npos) return false;
  const auto slash = url.find('/');
  return slash == std::string::npos || colon < slash;
}

// [SECTION] links and images
void resolve_link(const MarkdownContext& context, Document& document, cmark_node* node, MarkdownOutput& output,
                  DiagnosticList& errors) {
  const char* raw_url = cmark_node_get_url(node);
  std::string url = raw_url ? raw_url : "";
  const int line = document.body_line + cmark_node_get_start_line(node) - 1;
  const int column = cmark_node_get_start_column(node);
  const bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
  if (url.empty() || has_scheme(url) || url.rfind("//", 0) == 0) return;
  const Site& site = context.site;
  if (url[0] == '#') {
    if (!image) output.links.push_back({&document, line, column, document.url + url});
    return;
  }
  const fs::path folder = fs::path(document.relative_path).parent_path();
  if (image) {
    const std::string path = url.substr(0, url.find_first_of("?#"));
    std::string problem;
    const auto source =
        find_content_image({site.content_dir, site.content_display}, folder, path, site.config.unsafe_html, problem);
    if (!source) {
      errors.add(document.display_path, line, column, "image " + problem);
    } else if (url[0] != '/') {
      const std::string name = source->filename().string();
      output.assets.push_back({*source, document.url.substr(1) + name, TextPosition{document.display_path, line, column}});
      cmark_node_set_url(node, (site.config.base_path + document.url.substr(1) + name).c_str());
    }
    return;
  }
  if (url[0] == '/') {
    output.links.push_back({&document, line, column, url});
    return;
  }
  const auto hash = url.find('#');
  const std::string path_part = url.substr(0, std::min(url.find('?'), hash));
  const std::string anchor = hash == std::string::npos ? "" : url.substr(hash);
  const std::string target = (folder / path_part).lexically_normal().generic_string();
  if (path_part.size() < 3 || path_part.substr(path_part.size() - 3) != ".md") {
    // A relative link to something else: check it as a path from this page.
    output.links.push_back({&document, line, column, document.url + url});
    return;
  }
  Entry* entry = nullptr;
  if (auto found = context.by_path.find(target); found != context.by_path.end()) {
    entry = found->second->entry;
  } else {
    const std::string stem = target.substr(0, target.size() - 3);
    if (auto by_slug = context.by_folder_slug.find(stem); by_slug != context.by_folder_slug.end()) entry = by_slug->second;
  }
  if (!entry) {
    errors.add(document.display_path, line, column,
               "link to " + path_part + ": no such content file " + (fs::path(site.content_display) / target).generic_string() +
                   ", expected a path relative to this file such as ../pages/about.nl.md");
    return;
  }
  const Document* shown = entry->shown_in(site.config.language_index(document.lang), site.fallback_chain);
  if (!shown) {
    errors.add(document.display_path, line, column,
               "link to " + path_part + ": that content is not built (draft or dated in the future)");
    return;
  }
  cmark_node_set_url(node, (site.config.base_path + shown->url.substr(1) + anchor).c_str());
  if (!anchor.empty()) output.links.push_back({&document, line, column, shown->url + anchor});
}

// [SECTION] raw HTML: shown as text, so a commit cannot inject markup or script
void escape_raw_html(cmark_node* node) {
  const char* literal = cmark_node_get_literal(node);
  std::string text = literal ? literal : "";
  if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE) {
    cmark_node* replacement = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(replacement, text.c_str());
    cmark_node_replace(node, replacement);
  } else {
    while (!text.empty() && text.back() == '\n') text.pop_back();
    cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node* content = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(content, text.c_str());
    cmark_node_append_child(paragraph, content);
    cmark_node_replace(node, paragraph);
  }
  cmark_node_free(node);
}

// [SECTION] headings: every heading gets an id, so #anchors can be checked
std::string plain_text(cmark_node* node) {
  std::string out;
  cmark_iter* iter = cmark_iter_new(node);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* child = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* literal = cmark_node_get_literal(child)) out += literal;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: out += ' '; break;
      default: break;
    }
  }
  cmark_iter_free(iter);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string add_heading_ids(const std::string& html, const std::vector<std::pair<int, std::string>>& headings) {
  std::string out;
  out.reserve(html.size() + headings.size() * 24);
  std::size_t pos = 0;
  for (const auto& [level, id] : headings) {
    const std::string tag = "<h" + std::to_string(level) + ">";
    const auto found = html.find(tag, pos);
    if (found == std::string::npos) break;
    out.append(html, pos, found - pos);
    out += "<h" + std::to_string(level) + " id=\"" + xml_escape(id) + "\">";
    pos = found + tag.size();
  }
  out.append(html, pos, std::string::npos);
  return out;
}

// Where the first numeric character reference that decodes to a control
// character stands, from line `first_line` (1-based, of the body) on: the line
// and the column in characters. cmark places inline text only by its block, so
// an entity's problem is found again in the text the editor wrote.
std::optional<std::pair<int, int>> control_reference(std::string_view body, int first_line) {
  static const std::regex reference("&#([0-9]{1,7}|[xX][0-9a-fA-F]{1,6});");
  int line = 1;
  for (std::size_t start = 0; start <= body.size(); ++line) {
    const std::size_t end = std::min(body.find('\n', start), body.size());
    if (line >= first_line) {
      const std::string text(body.substr(start, end - start));
      for (auto it = std::sregex_iterator(text.begin(), text.end(), reference); it != std::sregex_iterator(); ++it) {
        const std::string digits = (*it)[1].str();
        const long value = digits[0] == 'x' || digits[0] == 'X' ? std::stol(digits.substr(1), nullptr, 16) : std::stol(digits);
        const bool control =
            (value > 0 && value < 0x20 && value != '\t' && value != '\n' && value != '\r') || (value >= 0x7f && value <= 0x9f);
        if (!control) continue;
        const std::string_view before = std::string_view(text).substr(0, std::size_t(it->position()));
        const auto characters = std::count_if(before.begin(), before.end(), [](char c) { return (c & 0xC0) != 0x80; });
        return std::pair{line, int(characters) + 1};
      }
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

// [SECTION] entry point
void render_markdown(const MarkdownContext& context, Document& document, MarkdownOutput& output, DiagnosticList& errors) {
  const bool unsafe = context.site.config.unsafe_html;
  const int options = CMARK_OPT_SMART | (unsafe ? CMARK_OPT_UNSAFE : 0);
  cmark_node* root = cmark_parse_document(document.body.data(), document.body.size(), options);
  std::vector<cmark_node*> raw_html, links;
  std::vector<std::pair<int, std::string>> headings;
  std::unordered_set<std::string> used_ids;
  std::unordered_map<std::string, int> next_suffix;  // heading text -> the last "-N" it took
  // Entities (&#1;) decode to characters that the file's bytes could not
  // hold (check_text): the first is reported where the entity stands.
  struct {
    int line = 0, column = 0;
    std::string message;
  } control_problem;
  auto note_control = [&](const char* text, cmark_node* node) {
    if (!text || control_problem.line) return;
    if (auto problem = find_text_problem(text)) {
      int line = cmark_node_get_start_line(node), column = cmark_node_get_start_column(node);
      if (const auto place = control_reference(document.body, line)) std::tie(line, column) = *place;
      control_problem = {document.body_line + line - 1, column, problem->message};
    }
  };
  cmark_node* first_paragraph = nullptr;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        if (!unsafe) raw_html.push_back(node);
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        links.push_back(node);
        note_control(cmark_node_get_title(node), node);
        break;
      case CMARK_NODE_PARAGRAPH:
        if (!first_paragraph) first_paragraph = node;
        break;
      case CMARK_NODE_HEADING: {
        // A repeated heading takes the first free "-N" after its text's last
        // one, so N equal headings cost N look-ups, not N squared.
        const std::string base = slugify(plain_text(node));
        std::string id = base;
        for (int& n = next_suffix[base]; used_ids.count(id);) id = base + "-" + std::to_string(++n);
        used_ids.insert(id);
        headings.emplace_back(cmark_node_get_heading_level(node), id);
        break;
      }
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: note_control(cmark_node_get_literal(node), node); break;
      default: break;
    }
  }
  cmark_iter_free(iter);
  if (control_problem.line)
    errors.add(document.display_path, control_problem.line, control_problem.column, control_problem.message);
  for (cmark_node* node : links) resolve_link(context, document, node, output, errors);
  if (!document.description_given && first_paragraph) document.description = shorten(plain_text(first_paragraph), 200);
  for (cmark_node* node : raw_html) escape_raw_html(node);
  std::unique_ptr<char, CmarkFree> html(cmark_render_html(root, options));
  cmark_node_free(root);
  document.html = html ? std::string(html.get()) : std::string();
  if (!headings.empty()) document.html = add_heading_ids(document.html, headings);
  for (const auto& [level, id] : headings) document.heading_ids.insert(id);
}

}  // namespace blendin::generator
