// The entry points: which format, what size, and the widths asked for.
#include <blendin/core/problem.hpp>
#include <blendin/images/image.hpp>

#include "pixels.hpp"

#include <algorithm>
#include <cmath>

namespace blendin::images {

void refuse(const std::string& message) { throw core::Refused(core::Problem{.message = message}); }

void check_pixel_count(long long width, long long height) {
  if (width <= 0 || height <= 0) refuse("an image without pixels: expected a photo or a logo");
  if (width * height > max_pixels)
    refuse("an image of " + std::to_string(width) + " × " + std::to_string(height) + " pixels: expected at most " +
           std::to_string(max_pixels / 1'000'000) + " megapixels; make it smaller before you commit it");
}

namespace {

bool is_jpeg(std::string_view bytes) { return bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3); }
bool is_png(std::string_view bytes) {
  return bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8);
}

}  // namespace

std::optional<Format> format_of(std::string_view bytes) {
  if (is_png(bytes)) return Format::png;
  if (is_jpeg(bytes)) return Format::jpeg;
  return std::nullopt;
}

Measured measure(std::string_view bytes) {
  if (is_png(bytes)) return read_png_header(bytes);
  if (!is_jpeg(bytes)) refuse("not a JPEG or PNG: expected a photo as .jpg or a logo as .png");
  const JpegHeader header = read_jpeg_header(bytes);
  const bool swap = swaps_sides(header.orientation);
  return {Format::jpeg, swap ? header.height : header.width, swap ? header.width : header.height};
}

int height_at(const Measured& measured, int width) {
  return std::max(1, static_cast<int>(std::lround(static_cast<double>(measured.height) * width / measured.width)));
}

std::vector<std::string> resized(std::string_view bytes, std::span<const int> widths) {
  const Measured shown = measure(bytes);
  const int largest = widths.empty() ? 0 : *std::max_element(widths.begin(), widths.end());
  if (largest <= 0 || largest > shown.width) throw std::invalid_argument("resized: widths must be from 1 to the image's width");
  int orientation = 1;
  Pixels pixels;
  if (shown.format == Format::png) {
    pixels = decode_png(bytes);
  } else {
    orientation = read_jpeg_header(bytes).orientation;
    const bool swap = swaps_sides(orientation);
    const int need_width = largest, need_height = height_at(shown, largest);
    pixels = decode_jpeg(bytes, swap ? need_height : need_width, swap ? need_width : need_height);
  }
  std::vector<std::string> out;
  for (const int width : widths) {
    const int height = height_at(shown, width);
    const bool swap = swaps_sides(orientation);
    const Pixels small = scaled(pixels, swap ? height : width, swap ? width : height, orientation);
    out.push_back(shown.format == Format::png ? encode_png(small) : encode_jpeg(small));
  }
  return out;
}

}  // namespace blendin::images
