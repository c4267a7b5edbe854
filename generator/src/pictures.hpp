// Editors' photos (an event's or a page's `image`) and partners' and funders'
// logos (site.yaml's `organisation`) at the widths a page offers them: each
// JPEG or PNG is read, measured, turned upright, scaled and written anew
// without metadata (blendin/images), its files named after it with their width
// (koken.jpg: koken-480.jpg, koken-800.jpg, koken-1200.jpg). Other formats
// (WebP, GIF, AVIF) are copied as they are. docs/images.md.
#pragma once

#include "markdown.hpp"
#include "model.hpp"

#include <string>
#include <vector>

namespace blendin::generator {

// A file the build writes from bytes made here.
struct MadeFile {
  std::string output_path;  // from the site root, without leading '/'
  std::string bytes;
};

// The widths offered: a photo fills the text column on a phone or a laptop
// (and 1200 is what a shared link's card asks for); a logo is shown at most
// 160 CSS pixels wide, twice that on a sharp screen. An image in a Markdown
// body keeps its name and is written once, at most as wide as the column on a
// laptop at twice its density.
inline constexpr int photo_widths[] = {480, 800, 1200};
inline constexpr int logo_widths[] = {160, 320};
inline constexpr int body_image_widths[] = {1200};

// Sets each built document's `picture` and `image_url` and each logo's
// picture, adds the files to `made` and the images left as they are (other
// formats) to `assets`. A JPEG or PNG of a Markdown body (an asset with
// `body_image`) leaves `assets` for `made`, under its own name. A file that is
// not an image it can read is reported at the line that names it.
void make_pictures(Site& site, std::vector<MadeFile>& made, std::vector<Asset>& assets, unsigned threads, DiagnosticList& errors);

}  // namespace blendin::generator
