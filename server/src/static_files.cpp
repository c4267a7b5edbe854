#include "static_files.hpp"

#include "files.hpp"  // generator/src: the one check of a path and its resolution inside a root

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
  // The path as the generator checks a path from content (generator/src/files.hpp):
  // relative, plain ("..", ".", empty parts, backslashes and control
  // characters refused), then resolved with its symbolic links inside the site.
  const auto decoded = percent_decoded(path);
  if (!decoded || decoded->empty() || decoded->front() != '/') return not_found(site);
  std::string relative = decoded->substr(1);
  const bool folder_asked = relative.empty() || relative.back() == '/';
  if (!relative.empty() && relative.back() == '/') relative.pop_back();
  if (!relative.empty() && !generator::relative_path_problem(relative).empty()) return not_found(site);
  std::error_code error;
  if (fs::is_directory(site / relative, error)) {
    if (!folder_asked) {
      Response response{301, "text/plain; charset=utf-8", ""};
      response.headers.emplace_back("Location", std::string(path) + "/");
      return response;
    }
    relative = relative.empty() ? "index.html" : relative + "/index.html";
  }
  std::string problem;
  const auto real = generator::resolve_inside(site, relative, problem);
  if (!real) return not_found(site);
  auto body = read_whole(*real);
  if (!body) return not_found(site);
  return Response{200, media_type(*real), std::move(*body)};
}

}  // namespace blendin::server
