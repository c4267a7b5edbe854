// Editors' photos and partners' logos at the widths a page offers (pictures.hpp).
#include "pictures.hpp"

#include <blendin/core/parallel.hpp>
#include <blendin/core/problem.hpp>
#include <blendin/generator/read_file.hpp>
#include <blendin/images/image.hpp>

#include "files.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <span>

namespace blendin::generator {

namespace fs = std::filesystem;

namespace {

// One place that shows a picture.
struct Use {
  fs::path source;
  std::string url_stem;      // the files' URL before "-<width>.<ext>"
  std::string plain_output;  // where to copy a source of another format; empty: it is copied already (static/)
  std::span<const int> offered;
  TextPosition where;
  std::string key;                  // "image", "partners: logo", ...
  bool logo = false;                // a logo must be a JPEG or PNG: it is shown only at its widths
  std::optional<Picture>* picture;  // null for a Markdown body's image
  std::string* image_url;           // a document's `image_url`, made the widest file's; may be null
  std::string own_name;             // a Markdown body's image: its one file, under the source's name
};

// What one source gave, for every use of it with the same offered widths.
struct Made {
  bool other_format = false;
  images::Measured measured;
  std::vector<int> widths;
  std::vector<std::string> files;
  std::string problem;
};

// The offered widths below the picture's own (one that is nearly as wide is
// left out), then the widest: the picture's width, or the widest offered.
std::vector<int> widths_for(int shown_width, std::span<const int> offered) {
  const int widest = std::min(shown_width, offered.back());
  std::vector<int> widths;
  for (const int width : offered)
    if (width * 100 < widest * 85) widths.push_back(width);
  widths.push_back(widest);
  return widths;
}

void make(const fs::path& source, std::span<const int> offered, Made& made) {
  const std::string bytes = read_file(source);
  if (!images::format_of(bytes)) {
    std::string extension = source.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    if (extension == ".jpg" || extension == ".jpeg" || extension == ".png")
      made.problem = "\"" + source.filename().string() + "\" is not the " + (extension == ".png" ? "PNG" : "JPEG") +
                     " its name says: expected a photo saved as JPEG (.jpg) or an image saved as PNG (.png)";
    else
      made.other_format = true;
    return;
  }
  try {
    made.measured = images::measure(bytes);
    made.widths = widths_for(made.measured.width, offered);
    made.files = images::resized(bytes, made.widths);
  } catch (const core::Refused& refused) {
    made.problem = refused.problems().front().message;
  }
}

std::string stem_of(const std::string& url) {
  const auto slash = url.rfind('/');
  const auto dot = url.rfind('.');
  return dot != std::string::npos && dot > slash ? url.substr(0, dot) : url;
}

std::vector<Use> uses_of(Site& site, std::vector<Asset>& assets, DiagnosticList& errors) {
  std::vector<Use> uses;
  // Images of Markdown bodies: each JPEG or PNG written anew under its own name.
  std::erase_if(assets, [&](const Asset& asset) {
    if (!asset.body_image) return false;
    uses.push_back({asset.source, "", asset.output_path, body_image_widths, *asset.body_image, "image", false, nullptr, nullptr,
                    asset.output_path});
    return true;
  });
  for (auto& document : site.documents) {
    if (!document->built || document->image.empty() || document->image_source.empty()) continue;
    const YAML::Mark mark = document->params["image"].Mark();
    const bool in_static = document->image.front() == '/';
    uses.push_back({document->image_source, stem_of(document->image_url), in_static ? "" : document->image_url.substr(1),
                    photo_widths, TextPosition{document->display_path, mark.line + 2, mark.column + 1}, "image", false,
                    &document->picture, &document->image_url, ""});
  }
  Organisation& organisation = site.config.organisation;
  for (auto [key, links] : {std::pair{"partners", &organisation.partners}, std::pair{"funders", &organisation.funders}})
    for (auto& link : *links) {
      if (link.logo.empty()) continue;
      const std::string where = std::string(key) + ": logo";
      std::string problem;
      if (link.logo.front() != '/') {
        errors.add(link.logo_at.file, link.logo_at.line, link.logo_at.column,
                   where + ": \"" + link.logo + "\" is not in static/: expected a path such as /images/partners/name.png");
        continue;
      }
      const auto source = find_content_image({site.content_dir, site.content_display}, {}, link.logo, false, problem);
      if (!source) {
        errors.add(link.logo_at.file, link.logo_at.line, link.logo_at.column, where + ": " + problem);
        continue;
      }
      uses.push_back({*source, stem_of(link.logo), "", logo_widths, link.logo_at, where, true, &link.logo_picture, nullptr, ""});
    }
  return uses;
}

}  // namespace

void make_pictures(Site& site, std::vector<MadeFile>& made_files, std::vector<Asset>& assets, unsigned threads,
                   DiagnosticList& errors) {
  std::vector<Use> uses = uses_of(site, assets, errors);
  // Each source is read and scaled once for every use that offers the same widths.
  std::map<std::pair<fs::path, const int*>, std::size_t> group_of;
  std::vector<std::pair<fs::path, std::span<const int>>> groups;
  for (const Use& use : uses)
    if (group_of.emplace(std::pair{use.source, use.offered.data()}, groups.size()).second)
      groups.emplace_back(use.source, use.offered);
  std::vector<Made> made(groups.size());
  core::for_each_index(groups.size(), threads,
                       [&](std::size_t, std::size_t i) { make(groups[i].first, groups[i].second, made[i]); });

  std::set<std::string> taken;
  for (const Asset& asset : assets) taken.insert(asset.output_path);
  for (const Use& use : uses)
    if (!use.own_name.empty()) taken.insert(use.own_name);
  for (const Use& use : uses) {
    const Made& result = made[group_of.at({use.source, use.offered.data()})];
    if (!result.problem.empty()) {
      errors.add(use.where.file, use.where.line, use.where.column, use.key + ": " + result.problem);
      continue;
    }
    if (result.other_format && use.logo) {
      errors.add(use.where.file, use.where.line, use.where.column,
                 use.key + ": \"" + use.source.filename().string() + "\" is not a PNG or JPEG: expected a logo saved as .png");
      continue;
    }
    if (result.other_format) {  // WebP, GIF, AVIF: shown as they are
      if (!use.plain_output.empty()) assets.push_back({use.source, use.plain_output, std::nullopt});
      continue;
    }
    if (!use.own_name.empty()) {
      made_files.push_back({use.own_name, result.files.back()});
      continue;
    }
    const std::string extension = result.measured.format == images::Format::png ? ".png" : ".jpg";
    Picture picture;
    for (std::size_t i = 0; i < result.widths.size(); ++i) {
      const int width = result.widths[i];
      const std::string url = use.url_stem + "-" + std::to_string(width) + extension;
      if (taken.count(url.substr(1))) {
        errors.add(
            use.where.file, use.where.line, use.where.column,
            use.key + ": the picture's file " + url + " would replace a file of that name in the content: rename one of them");
        continue;
      }
      picture.files.push_back({width, images::height_at(result.measured, width), url});
      made_files.push_back({url.substr(1), result.files[i]});
    }
    if (picture.files.size() != result.widths.size()) continue;
    if (use.image_url) *use.image_url = picture.widest().url;
    *use.picture = std::move(picture);
  }
  // One file per path: a picture shown twice (a photo under static/ on two events, an image twice in one text) is written once.
  std::sort(made_files.begin(), made_files.end(),
            [](const MadeFile& a, const MadeFile& b) { return a.output_path < b.output_path; });
  made_files.erase(std::unique(made_files.begin(), made_files.end(),
                               [](const MadeFile& a, const MadeFile& b) { return a.output_path == b.output_path; }),
                   made_files.end());
}

}  // namespace blendin::generator
