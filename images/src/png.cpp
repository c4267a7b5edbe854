// PNG through libpng's simplified API (png_image), which handles palettes,
// 16-bit channels and gamma itself and reports errors in `message` rather than
// by a jump.
#include "pixels.hpp"

#include <png.h>

#include <stdexcept>

namespace blendin::images {

namespace {

struct PngReader {
  png_image image{};
  explicit PngReader(std::string_view bytes) {
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
      refuse(std::string("not a PNG that can be read (") + image.message + ")");
    check_pixel_count(image.width, image.height);
  }
  ~PngReader() { png_image_free(&image); }
  PngReader(const PngReader&) = delete;
  PngReader& operator=(const PngReader&) = delete;
};

}  // namespace

Measured read_png_header(std::string_view bytes) {
  PngReader reader(bytes);
  return {Format::png, static_cast<int>(reader.image.width), static_cast<int>(reader.image.height)};
}

Pixels decode_png(std::string_view bytes) {
  PngReader reader(bytes);
  png_image& image = reader.image;
  const bool alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  image.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  Pixels pixels;
  pixels.width = static_cast<int>(image.width);
  pixels.height = static_cast<int>(image.height);
  pixels.channels = alpha ? 4 : 3;
  pixels.data.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, pixels.data.data(), 0, nullptr))
    refuse(std::string("a PNG that cannot be read to its end (") + image.message + "): expected the whole file; export it again");
  return pixels;
}

std::string encode_png(const Pixels& pixels) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(pixels.width);
  image.height = static_cast<png_uint_32>(pixels.height);
  image.format = pixels.channels == 4 ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data.data(), 0, nullptr))
    throw std::runtime_error(std::string("libpng could not encode: ") + image.message);
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, pixels.data.data(), 0, nullptr))
    throw std::runtime_error(std::string("libpng could not encode: ") + image.message);
  out.resize(size);
  return out;
}

}  // namespace blendin::images
