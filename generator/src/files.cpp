// [SECTION] reading  [SECTION] names  [SECTION] paths inside a root  [SECTION] listing
// [SECTION] active content
#include "files.hpp"

#include "text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace fs = std::filesystem;

namespace blendin::generator {

// [SECTION] reading
std::string read_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot read " + path.string());
  std::string text;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && info.st_size > 0) text.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  const int error = errno;
  ::close(fd);
  if (n < 0) throw std::system_error(error, std::generic_category(), "cannot read " + path.string());
  return text;
}

// [SECTION] names
namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

// The name in quotes, with control characters (and every byte above ASCII
// when the name is not UTF-8) written as \xNN, so a message prints safely.
std::string quote_name(std::string_view name) {
  const bool utf8 = !find_text_problem(name);
  std::string out = "\"";
  for (const char c : name) {
    if (is_control(static_cast<unsigned char>(c)) || (!utf8 && static_cast<unsigned char>(c) >= 0x80)) {
      static const char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
      out += hex[static_cast<unsigned char>(c) & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string relative_path_problem(std::string_view path) {
  if (path.empty()) return "is empty";
  if (path.front() == '/') return "is absolute";
  if (std::any_of(path.begin(), path.end(), [](char c) { return is_control(static_cast<unsigned char>(c)); }))
    return "holds a control character";
  if (path.find('\\') != std::string_view::npos) return "holds a backslash";
  if (find_text_problem(path)) return "is not UTF-8";
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, slash - start);
    if (part.empty()) return "has an empty part";
    if (part == "." || part == "..") return "has a \"" + std::string(part) + "\" part";
    start = slash + 1;
  }
  return "";
}

std::string url_segment_problem(std::string_view segment) {
  const std::string expected = ": expected a URL segment of letters, digits and dashes, such as koken-in-utrecht";
  if (segment.empty()) return "empty" + expected;
  if (segment.front() == '.') return quote_name(segment) + " starts with '.'" + expected;
  if (find_text_problem(segment)) return "not UTF-8 text: " + quote_name(segment) + expected;
  for (const char c : segment) {
    const auto u = static_cast<unsigned char>(c);
    if (is_control(u)) return "control character in " + quote_name(segment) + expected;
    if (c == '/' || c == '\\' || c == '?' || c == '#' || c == '%' || c == ' ')
      return quote_name(segment) + " holds '" + std::string(1, c) + "'" + expected;
  }
  return "";
}

std::string language_code_problem(std::string_view code) {
  auto fail = [&] {
    return "expected a language code such as nl, en, ti or pt-BR (letters and '-' only), got " + quote_name(code);
  };
  if (code.size() > 20) return fail();
  std::size_t start = 0;
  for (int part = 0; start <= code.size(); ++part) {
    const std::size_t dash = std::min(code.find('-', start), code.size());
    const std::string_view subtag = code.substr(start, dash - start);
    const bool lower = std::all_of(subtag.begin(), subtag.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    const bool alphanumeric = std::all_of(subtag.begin(), subtag.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
    if (part == 0 ? !(lower && subtag.size() >= 2 && subtag.size() <= 3)
                  : !(alphanumeric && subtag.size() >= 2 && subtag.size() <= 8))
      return fail();
    start = dash + 1;
  }
  return "";
}

// [SECTION] paths inside a root
namespace {

bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [outer_end, inner_end] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return outer_end == outer.end();
}

std::string leads_outside(const fs::path& root, const fs::path& target) {
  return "leads outside " + root.generic_string() + " (a symbolic link to " + target.generic_string() + ")";
}

}  // namespace

std::optional<fs::path> resolve_inside(const fs::path& root, std::string_view relative, std::string& problem) {
  std::error_code error;
  const fs::path real_root = fs::canonical(root, error);
  const fs::path real = error ? fs::path() : fs::canonical(root / fs::path(relative), error);
  if (error || !fs::is_regular_file(real)) {
    problem = "does not exist";
    return std::nullopt;
  }
  if (!is_within(real, real_root)) {
    problem = leads_outside(root, real);
    return std::nullopt;
  }
  return real;
}

std::optional<fs::path> find_content_image(const ContentFolders& folders, const fs::path& document_folder, std::string_view name,
                                           bool allow_active, std::string& problem) {
  const bool in_static = !name.empty() && name.front() == '/';
  const std::string_view relative = in_static ? name.substr(1) : name;
  const fs::path folder = in_static ? fs::path("static") : document_folder;
  const std::string shown_folder = (fs::path(folders.content_display) / folder).generic_string();
  if (const std::string reason = relative_path_problem(relative); !reason.empty()) {
    problem = quote_name(name) + " " + reason + ": expected a path inside " + shown_folder +
              (in_static ? ", such as /images/photo.jpg" : ", such as photo.jpg or images/photo.jpg");
    return std::nullopt;
  }
  const fs::path path = folders.content_dir / folder / fs::path(relative);
  std::string where;
  if (!resolve_inside(folders.content_dir, (folder / fs::path(relative)).generic_string(), where)) {
    problem = quote_name(name) + " " + where + ", expected a file " +
              (where == "does not exist" ? (fs::path(shown_folder) / fs::path(relative)).generic_string()
                                         : "inside " + folders.content_display);
    return std::nullopt;
  }
  if (!allow_active && is_active_content(path)) {
    problem = quote_name(name) +
              " can run script in a visitor's browser (HTML, SVG, JavaScript or XML): expected an image such as "
              ".jpg, .png or .webp, or unsafeHTML: true in site.yaml";
    return std::nullopt;
  }
  return path;
}

// [SECTION] listing
std::vector<FoundFile> list_files(const fs::path& root, const fs::path& folder, const std::string& display_root,
                                  DiagnosticList& errors) {
  std::vector<FoundFile> found;
  if (!fs::is_directory(folder)) return found;
  std::error_code error;
  const fs::path real_root = fs::canonical(root, error);
  // The iterator's paths start with `root` as given, so the relative path is
  // the rest (fs::relative would resolve every component with a system call).
  const std::size_t prefix = (root / "").generic_string().size();
  std::string base = display_root;
  if (!base.empty() && base.back() != '/') base += '/';
  for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) {
    const std::string relative = it->path().generic_string().substr(prefix);
    auto refuse = [&](const std::string& message) { errors.add(base + relative, 0, 0, message); };
    if (std::any_of(relative.begin(), relative.end(), [](char c) { return is_control(static_cast<unsigned char>(c)); }) ||
        relative.find('\\') != std::string::npos) {
      refuse("a name with a control character or backslash: expected a plain file name");
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink()) {
      const fs::path target = fs::canonical(it->path(), error);
      if (error)
        refuse("a symbolic link that leads nowhere: expected a file");
      else if (!is_within(target, real_root))
        refuse(leads_outside(root, target) + ", expected a file inside " + root.generic_string());
      else if (fs::is_directory(target))
        refuse("a symbolic link to a folder: expected a file or a folder of its own");
      else if (fs::is_regular_file(target))
        found.push_back({it->path(), relative});
      continue;
    }
    if (it->is_regular_file()) found.push_back({it->path(), relative});
  }
  std::sort(found.begin(), found.end(), [](const FoundFile& a, const FoundFile& b) { return a.relative < b.relative; });
  return found;
}

// [SECTION] active content
bool is_active_content(const fs::path& path) {
  std::string extension = path.extension().string();
  for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  static const char* const active[] = {".html", ".htm", ".xhtml", ".shtml", ".svg",  ".svgz", ".js",
                                       ".mjs",  ".cjs", ".xml",   ".xsl",   ".xslt", ".wasm"};
  return std::any_of(std::begin(active), std::end(active), [&](const char* e) { return extension == e; });
}

}  // namespace blendin::generator
