#include "static_files.hpp"

#include "files.hpp"  // generator/src: the one check of a path and its resolution inside a root

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>

namespace blendin::server {

namespace fs = std::filesystem;

namespace {

// The media type of a file the site holds, by its extension; the types
// browsers insist on are stated here (WebAssembly compiles as it streams in
// only as application/wasm; modules load only with a JavaScript type).
std::string media_type(const fs::path& file) {
  static const std::pair<std::string_view, std::string_view> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript"},
      {".mjs", "text/javascript"},
      {".json", "application/json"},
      {".wasm", "application/wasm"},
      {".xml", "application/xml"},
      {".ics", "text/calendar; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".ttf", "font/ttf"},
      {".woff2", "font/woff2"},
      {".pdf", "application/pdf"},
  };
  const std::string extension = file.extension().string();
  for (const auto& [suffix, type] : types)
    if (extension == suffix) return std::string(type);
  return "application/octet-stream";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The path's text with %XX decoded, or nothing when an escape is malformed.
std::optional<std::string> percent_decoded(std::string_view path) {
  std::string text;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') {
      text += path[i];
      continue;
    }
    if (i + 2 >= path.size()) return std::nullopt;
    const int high = hex_value(path[i + 1]), low = hex_value(path[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    text += char(high * 16 + low);
    i += 2;
  }
  return text;
}

// The file's bytes, read once into a string of their size.
std::optional<std::string> read_whole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  std::string bytes(std::size_t(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), std::streamsize(bytes.size()))) return std::nullopt;
  return bytes;
}

// Files are remembered up to this many bytes in all, each up to a page's or a
// font's size; a larger file (the explorer's module) is read each time.
constexpr std::size_t remembered_budget = 64 << 20;
constexpr std::size_t largest_remembered = 1 << 20;

}  // namespace

SiteFiles::SiteFiles(fs::path site) : site_(std::move(site)) {}

std::shared_ptr<const SiteFiles::Remembered> SiteFiles::recall(const std::string& asked) const {
  std::shared_ptr<const Remembered> entry;
  {
    std::shared_lock lock(mutex_);
    const auto found = remembered_.find(asked);
    if (found == remembered_.end()) return nullptr;
    entry = found->second;
  }
  struct stat now {};
  if (::lstat(entry->real.c_str(), &now) != 0 || !S_ISREG(now.st_mode) || std::uint64_t(now.st_dev) != entry->device ||
      std::uint64_t(now.st_ino) != entry->inode || std::uint64_t(now.st_size) != entry->size ||
      std::int64_t(now.st_mtim.tv_sec) * 1'000'000'000 + now.st_mtim.tv_nsec != entry->modified_ns)
    return nullptr;
  return entry;
}

std::shared_ptr<const SiteFiles::Remembered> SiteFiles::read(const std::string& asked, const fs::path& real) {
  struct stat before {};
  if (::lstat(real.c_str(), &before) != 0 || !S_ISREG(before.st_mode)) return nullptr;
  auto body = read_whole(real);
  if (!body || body->size() != std::size_t(before.st_size)) return nullptr;  // changed while read: not remembered
  auto entry = std::make_shared<Remembered>();
  entry->real = real;
  entry->media_type = media_type(real);
  entry->device = std::uint64_t(before.st_dev);
  entry->inode = std::uint64_t(before.st_ino);
  entry->size = std::uint64_t(before.st_size);
  entry->modified_ns = std::int64_t(before.st_mtim.tv_sec) * 1'000'000'000 + before.st_mtim.tv_nsec;
  entry->body = std::make_shared<const std::string>(std::move(*body));
  if (entry->size <= largest_remembered) {
    std::unique_lock lock(mutex_);
    if (remembered_bytes_ + entry->size > remembered_budget) {  // spent: start again with what is asked now
      remembered_.clear();
      remembered_bytes_ = 0;
    }
    auto& slot = remembered_[asked];
    if (slot) remembered_bytes_ -= slot->size;
    slot = entry;
    remembered_bytes_ += entry->size;
  }
  return entry;
}

Response SiteFiles::not_found(std::string_view path) {
  Response response{404, "text/html; charset=utf-8", "<!DOCTYPE html><title>404</title><p>Not found.</p>\n"};
  // A missing path under /<lang>/ answers with that language's page, the
  // generator's /<lang>/404.html; any other with /404.html (the default language's).
  std::string folder;
  if (path.size() > 1 && path.front() == '/') {
    const std::size_t end = path.find('/', 1);
    if (end != std::string_view::npos) folder = std::string(path.substr(1, end - 1));
  }
  const bool plain_folder = !folder.empty() && std::all_of(folder.begin(), folder.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  std::shared_ptr<const Remembered> page;
  if (plain_folder) {
    const std::string key = std::string("\0") + folder + "/404";  // never an asked path (a NUL byte is refused)
    page = recall(key);
    std::string problem;
    if (!page)
      if (const auto real = generator::resolve_inside(site_, folder + "/404.html", problem)) page = read(key, *real);
  }
  if (!page) {
    const std::string key("\0404", 4);
    page = recall(key);
    if (!page) page = read(key, site_ / "404.html");
  }
  if (page) response.body = *page->body;
  return response;
}

namespace {

// The pages link each file of /assets/ with its version in the URL (?v=, a
// hash of its bytes; docs/templates.md), so a browser may keep it for a year:
// a changed file comes under a new URL. Pages and everything else are asked
// for again as browsers see fit.
Response with_lifetime(std::string_view path, Response response) {
  if (path.starts_with("/assets/")) response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  return response;
}

}  // namespace

Response SiteFiles::serve(const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    Response response{405, "text/plain; charset=utf-8", "method not allowed: expected GET or HEAD\n"};
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  const std::string_view target(request.target);
  const std::string_view path = target.substr(0, target.find('?'));
  // The path as the generator checks a path from content (generator/src/files.hpp):
  // relative, plain ("..", ".", empty parts, backslashes and control
  // characters refused), then resolved with its symbolic links inside the site.
  const auto decoded = percent_decoded(path);
  if (!decoded || decoded->empty() || decoded->front() != '/') return not_found(path);
  if (auto known = recall(*decoded)) return with_lifetime(*decoded, Response{200, known->media_type, *known->body});
  std::string relative = decoded->substr(1);
  const bool folder_asked = relative.empty() || relative.back() == '/';
  if (!relative.empty() && relative.back() == '/') relative.pop_back();
  if (!relative.empty() && !generator::relative_path_problem(relative).empty()) return not_found(*decoded);
  std::error_code error;
  if (fs::is_directory(site_ / relative, error)) {
    if (!folder_asked) {
      Response response{301, "text/plain; charset=utf-8", ""};
      response.headers.emplace_back("Location", std::string(path) + "/");
      return response;
    }
    relative = relative.empty() ? "index.html" : relative + "/index.html";
  }
  std::string problem;
  const auto real = generator::resolve_inside(site_, relative, problem);
  if (!real) return not_found(*decoded);
  const auto file = read(*decoded, *real);
  if (!file) return not_found(*decoded);
  return with_lifetime(*decoded, Response{200, file->media_type, *file->body});
}

}  // namespace blendin::server
