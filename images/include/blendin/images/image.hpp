// Photos and logos that editors commit, made fit for a phone: read (JPEG and
// PNG), turned upright (a camera's EXIF orientation), scaled down and written
// again without any metadata, so that a photo's GPS position or camera serial
// never reaches the site. Bytes in, bytes out: no files, no clock; the same
// bytes give the same bytes (docs/images.md).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::images {

enum class Format { jpeg, png };

// What a header tells: the format and the size as the image is shown (a
// quarter turn from EXIF swaps width and height).
struct Measured {
  Format format = Format::jpeg;
  int width = 0, height = 0;
};

// The format of the bytes, by their signature; nothing for other formats.
std::optional<Format> format_of(std::string_view bytes);

// Throws core::Refused (one Problem, with only its message) when the bytes are
// not a JPEG or PNG that can be shown on a web page.
Measured measure(std::string_view bytes);

// The image at each of `widths` (each at most the shown width, heights in
// proportion), in its own format, decoded once. Throws core::Refused as above,
// also for damage that only a full decode finds.
std::vector<std::string> resized(std::string_view bytes, std::span<const int> widths);

// The height of an image `width` wide with the shape of one `measured`, as
// resized() makes it (rounded, at least 1).
int height_at(const Measured& measured, int width);

}  // namespace blendin::images
