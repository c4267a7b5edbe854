#include "static_files.hpp"

#include <algorithm>
#include <fstream>
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

// The relative path inside the site, or nothing for one that would leave it.
std::optional<fs::path> inside_path(std::string_view decoded) {
  if (decoded.empty() || decoded.front() != '/') return std::nullopt;
  if (decoded.find('\0') != std::string_view::npos || decoded.find('\\') != std::string_view::npos) return std::nullopt;
  fs::path relative;
  std::size_t start = 1;
  while (start <= decoded.size()) {
    std::size_t end = decoded.find('/', start);
    if (end == std::string_view::npos) end = decoded.size();
    const std::string_view segment = decoded.substr(start, end - start);
    if (segment == "." || segment == "..") return std::nullopt;
    if (!segment.empty()) relative /= std::string(segment);
    start = end + 1;
  }
  return relative;
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

Response not_found(const fs::path& site) {
  Response response{404, "text/html; charset=utf-8", "<!DOCTYPE html><title>404</title><p>Not found.</p>\n"};
  if (auto page = read_whole(site / "404.html")) response.body = std::move(*page);
  return response;
}

}  // namespace

Response serve_file(const fs::path& site, const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    Response response{405, "text/plain; charset=utf-8", "method not allowed: expected GET or HEAD\n"};
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  const std::string_view target(request.target);
  const std::string_view path = target.substr(0, target.find('?'));
  const auto decoded = percent_decoded(path);
  const auto relative = decoded ? inside_path(*decoded) : std::nullopt;
  if (!relative) return not_found(site);
  std::error_code error;
  fs::path file = site / *relative;
  if (fs::is_directory(file, error)) {
    if (decoded->back() != '/') {
      Response response{301, "text/plain; charset=utf-8", ""};
      response.headers.emplace_back("Location", std::string(path) + "/");
      return response;
    }
    file /= "index.html";
  }
  // Symbolic links are followed, but only to files inside the site.
  const fs::path real = fs::canonical(file, error);
  if (error || !fs::is_regular_file(real, error)) return not_found(site);
  const auto [end, ignored] = std::mismatch(site.begin(), site.end(), real.begin(), real.end());
  if (end != site.end()) return not_found(site);
  auto body = read_whole(real);
  if (!body) return not_found(site);
  return Response{200, media_type(real), std::move(*body)};
}

}  // namespace blendin::server
