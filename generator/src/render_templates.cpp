// Templates: read once with their partials inlined (kainjow re-parses a
// partial at every use otherwise), checked, and parsed by each thread.
#include "files.hpp"
#include "layer_stack.hpp"
#include "render_site.hpp"
#include "text.hpp"

#include <algorithm>
#include <regex>

namespace fs = std::filesystem;

namespace blendin::generator {

namespace {

const char* const page_templates[] = {"chooser", "home",  "page",   "event", "list",
                                      "pillar",  "match", "search", "404",   "event-card"};

// The same escaping as kainjow's default (& < > " ' as &apos;), without a reallocation per byte.
std::string escape_html(const std::string& text) { return escape_markup(text, "&apos;"); }

struct Appender {
  std::string text;
  Appender& operator<<(const std::string& s) {
    text += s;
    return *this;
  }
};

}  // namespace

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
      set.asset_versions[file.relative] = text_hash(read_file(file.path)).substr(0, 10);
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
        errors.add(file, line, 0,
                   "partial \"" + name + "\" not found: expected " + shown_dir + "/partials/" + name + ".mustache");
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

Renderer::Renderer(const TemplateSet& set) {
  for (const auto& [name, text] : set.sources) {
    auto parsed = std::make_unique<mu::mustache>(text);
    parsed->set_custom_escape(escape_html);
    templates_.emplace(name, std::move(parsed));
  }
}

std::string Renderer::render(const std::string& name, const std::vector<const mu::data*>& layers) {
  auto& tmpl = *templates_.at(name);
  LayerStack ctx;
  for (const mu::data* layer : layers) ctx.push(layer);  // the last pushed is searched first
  Appender out;
  out.text.reserve(16384);
  tmpl.render(ctx, out);
  return std::move(out.text);
}

}  // namespace blendin::generator
