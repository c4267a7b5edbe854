// The built site's files, and nothing outside its folder.
#pragma once

#include <filesystem>

#include "responses.hpp"

namespace blendin::server {

// GET or HEAD of a file under `site` (a canonical path): a folder answers with
// its index.html (a path without its final slash is redirected to it), a
// missing file with the site's 404.html and status 404. A path that would
// leave the folder (a ".." or "." segment, written plainly or %-encoded, a
// backslash, a NUL byte, a symbolic link that leads out) is answered 404, as
// if it did not exist.
Response serve_file(const std::filesystem::path& site, const Request& request);

}  // namespace blendin::server
