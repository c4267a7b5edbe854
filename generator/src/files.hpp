// The files a site is built from: the one reader, and the one place that
// decides whether a name written in content (a language code, a slug, an
// image path) may become a path, and inside which folder. Content comes from
// commits, so a name is refused unless it is plain, and a path unless it stays
// inside its root once every symbolic link is resolved.
#pragma once

#include <blendin/generator/error.hpp>
#include <blendin/generator/read_file.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::generator {

// A name from content in double quotes, control characters (and, when the
// name is not UTF-8, every byte above ASCII) written as \xNN: safe to print.
std::string quote_name(std::string_view name);

// "" when `path` is a plain relative path inside a folder ("photo.jpg",
// "img/photo.jpg"), else why not, to follow the quoted path: "is absolute",
// "has a \"..\" part", "holds a backslash", "holds a control character", ...
std::string relative_path_problem(std::string_view path);

// Each returns "" when the name is fine, else what is wrong with it and what
// was expected, ready to follow "<key>: ".
//
// One URL path segment that is also one folder name: no '/', '\', '?', '#',
// '%', space or control character, not "." or "..", not starting with '.'.
std::string url_segment_problem(std::string_view segment);
// A language code used as a folder name and an ICU locale: a BCP 47 tag of
// lower-case letters with optional subtags ("nl", "ti", "pt-BR", "zh-Hant").
std::string language_code_problem(std::string_view code);

// `relative` (a relative_path_problem-free path) under `root`, with every
// symbolic link resolved. Nothing when it does not exist or leads outside
// `root`; `problem` then says which ("does not exist", "leads outside ...").
std::optional<std::filesystem::path> resolve_inside(const std::filesystem::path& root, std::string_view relative,
                                                    std::string& problem);

// An image named in content (front matter `image:` or a Markdown image):
// "/images/x.png" is under <content>/static, anything else relative to the
// document's folder. Nothing when the name is not plain, the file does not
// exist or leads outside <content>, or it is active content that
// `allow_active` (site.yaml's unsafeHTML) does not allow; `problem` then says
// what is wrong and what was expected, after the quoted name.
struct ContentFolders {
  const std::filesystem::path& content_dir;
  const std::string& content_display;  // the content folder as the editor typed it
};
std::optional<std::filesystem::path> find_content_image(const ContentFolders& folders,
                                                        const std::filesystem::path& document_folder, std::string_view name,
                                                        bool allow_active, std::string& problem);

struct FoundFile {
  std::filesystem::path path;  // as found, starting with the folder as given
  std::string relative;        // from `root`, with '/'
};

// Every regular file under `folder` (a folder inside `root`), recursively,
// sorted by relative path. A symbolic link that leads outside `root`, a link
// to a folder, or a name with a control character or backslash is reported
// as an error at `display_root`/<relative> and left out.
std::vector<FoundFile> list_files(const std::filesystem::path& root, const std::filesystem::path& folder,
                                  const std::string& display_root, DiagnosticList& errors);

// Files that browsers run as script or markup when opened from the site
// (HTML, SVG, JavaScript, XML): allowed among content's files only where
// site.yaml says unsafeHTML, as raw HTML in Markdown is.
bool is_active_content(const std::filesystem::path& path);

}  // namespace blendin::generator
