// What the codecs and the scaler share: pixels in memory, and the refusal of
// bytes that are not an image this can show.
#pragma once

#include <blendin/images/image.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace blendin::images {

// Rows from the top, 3 channels (RGB) or 4 (RGBA, alpha not premultiplied), sRGB.
struct Pixels {
  int width = 0, height = 0, channels = 3;
  std::vector<std::uint8_t> data;
};

// A photo larger than this is refused rather than decoded: a small file can
// claim a size whose pixels would not fit in memory.
inline constexpr long long max_pixels = 60'000'000;

[[noreturn]] void refuse(const std::string& message);
void check_pixel_count(long long width, long long height);

// JPEG (jpeg.cpp). `orientation` is EXIF's, 1 to 8 (1: as stored).
struct JpegHeader {
  int width = 0, height = 0;  // as stored
  int orientation = 1;
};
JpegHeader read_jpeg_header(std::string_view bytes);
// Decoded at the smallest of libjpeg's scales (1/8 to 8/8) that is still at
// least `min_width` × `min_height` as stored.
Pixels decode_jpeg(std::string_view bytes, int min_width, int min_height);
std::string encode_jpeg(const Pixels& pixels);

// PNG (png.cpp), through libpng's simplified API.
Measured read_png_header(std::string_view bytes);
Pixels decode_png(std::string_view bytes);
std::string encode_png(const Pixels& pixels);

// Scaling and turning (scale.cpp). `orientation` is EXIF's, 1 to 8.
// The source scaled to `width` × `height` as stored (no larger than the
// source; area average), then shown as `orientation` says.
Pixels scaled(const Pixels& pixels, int width, int height, int orientation);
std::pair<int, int> shown_at(int x, int y, int w, int h, int orientation);  // where stored (x, y) is shown
bool swaps_sides(int orientation);                                          // a quarter turn: 5 to 8

}  // namespace blendin::images
