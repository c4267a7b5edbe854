#include "yaml_fields.hpp"

#include "files.hpp"
#include "text.hpp"

#include <cmath>
#include <cstdlib>

namespace fs = std::filesystem;

namespace blendin::generator {

std::string describe(const YamlNode& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "\"" + node.Scalar() + "\"";
    default: return "nothing";
  }
}

std::optional<std::string> get_string(const Place& place, const YamlNode& node, const std::string& key) {
  if (!node.IsScalar()) {
    place.at(node, key + ": expected a text, got " + describe(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<bool> get_bool(const Place& place, const YamlNode& node, const std::string& key) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  place.at(node, key + ": expected true or false, got " + describe(node));
  return std::nullopt;
}

std::optional<double> get_number(const Place& place, const YamlNode& node, const std::string& key, double low, double high,
                                 const std::string& expected) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    char* end = nullptr;
    const double value = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == '\0' && std::isfinite(value) && value >= low && value <= high) return value;
  }
  place.at(node, key + ": expected " + expected + ", got " + describe(node));
  return std::nullopt;
}

std::optional<std::string> get_pillar(const Place& place, const YamlNode& node) {
  auto s = get_string(place, node, "pillar");
  if (s && *s != "social" && *s != "culture" && *s != "work") {
    place.at(node, "pillar: expected one of social, culture, work, got \"" + *s + "\"");
    return std::nullopt;
  }
  return s;
}

bool looks_like_url(const std::string& s, bool allow_mailto) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0 || (allow_mailto && s.rfind("mailto:", 0) == 0);
}

std::optional<YamlNode> load_yaml_file(const fs::path& root, const std::string& relative, const std::string& display,
                                       DiagnosticList& errors) {
  try {
    std::string problem;
    const auto path = resolve_inside(root, relative, problem);
    if (!path) {
      errors.add(display, 0, 0, problem + ", expected a file inside " + root.generic_string());
      return std::nullopt;
    }
    std::string text = read_file(*path);
    if (!check_text(display, text, errors)) return std::nullopt;
    return YamlNode::load(text);
  } catch (const YAML::Exception& error) {
    errors.add(display, error.mark.line + 1, error.mark.column + 1, "YAML: " + error.msg);
  } catch (const std::exception& error) {
    errors.add(display, 0, 0, error.what());
  }
  return std::nullopt;
}

std::string display_of(const Site& site, const std::string& relative) {
  std::string base = site.content_display;
  if (!base.empty() && base.back() != '/') base += '/';
  return base + relative;
}

}  // namespace blendin::generator
