// The built site's files, and nothing outside its folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "responses.hpp"

namespace blendin::server {

class SiteFiles {
 public:
  explicit SiteFiles(std::filesystem::path site);  // a canonical path

  // GET or HEAD of a file under the site: a folder answers with its
  // index.html (a path without its final slash is redirected to it), a
  // missing file with status 404 and the 404.html of the path's first folder
  // (/ar/... gets /ar/404.html, in its language), else the site's. A path that would
  // leave the folder (a ".." or "." segment, written plainly or %-encoded, a
  // backslash, a NUL byte, a symbolic link that leads out) is answered 404,
  // as if it did not exist.
  Response serve(const Request& request);

 private:
  // A file found by a path's full check, remembered with what identifies its
  // bytes: the page goal (at least 0.8 of nginx's rate, bench/goals.md) needs
  // a request to cost one lstat, not a path's resolution and a read. A file
  // is written anew by each build and each live preview (a new inode or
  // time) and hard-linked when unchanged (the same inode, the same bytes), so
  // a remembered file whose inode, size and time still match has its bytes.
  struct Remembered {
    std::filesystem::path real;
    std::shared_ptr<const std::string> body;
    std::string media_type;
    std::uint64_t device = 0, inode = 0, size = 0;
    std::int64_t modified_ns = 0;
  };
  // The remembered answer for an asked path, when its file is unchanged.
  std::shared_ptr<const Remembered> recall(const std::string& asked) const;
  // Reads a checked file and remembers it under `asked` (files above a size,
  // and any once the memory's budget is spent, are read each time).
  std::shared_ptr<const Remembered> read(const std::string& asked, const std::filesystem::path& real);
  Response not_found(std::string_view path);  // the page of the path's /<lang>/, else /404.html

  std::filesystem::path site_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Remembered>> remembered_;
  std::size_t remembered_bytes_ = 0;
};

}  // namespace blendin::server
