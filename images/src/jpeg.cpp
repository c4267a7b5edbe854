// JPEG through libjpeg (libjpeg-turbo in Debian). libjpeg reports a fatal
// error by calling error_exit, which must not return: it jumps back with
// longjmp to the one function that calls setjmp, `guarded`, whose frame and
// the lambdas it runs hold no object with a destructor. Every libjpeg call
// that can fail runs inside it; destroying never fails.
#include "pixels.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <jpeglib.h>
// jpeglib.h before jerror.h, which needs its types.
#include <jerror.h>

namespace blendin::images {

namespace {

struct ErrorManager {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  bool truncated;  // the data ended before the image did (libjpeg only warns)
};

[[noreturn]] void on_error(j_common_ptr info) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  (*info->err->format_message)(info, errors->message);
  std::longjmp(errors->jump, 1);
}

// Warnings (level -1) are not printed; a file cut short is remembered, since
// libjpeg would show its missing part grey.
void on_message(j_common_ptr info, int level) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF) errors->truncated = true;
}

void install(ErrorManager& errors) {
  jpeg_std_error(&errors.manager);
  errors.manager.error_exit = on_error;
  errors.manager.emit_message = on_message;
  errors.message[0] = '\0';
  errors.truncated = false;
}

template <typename Steps>
bool guarded(ErrorManager& errors, const Steps& steps) {
  if (setjmp(errors.jump)) return false;
  steps();
  return true;
}

// EXIF's orientation (tag 0x0112 in the first IFD of the TIFF structure in an
// APP1 "Exif" marker); 1 when absent or unreadable.
int exif_orientation(const jpeg_saved_marker_ptr markers) {
  for (jpeg_saved_marker_ptr marker = markers; marker; marker = marker->next) {
    if (marker->marker != JPEG_APP0 + 1 || marker->data_length < 14 || std::memcmp(marker->data, "Exif\0\0", 6) != 0) continue;
    const unsigned char* tiff = marker->data + 6;
    const std::size_t size = marker->data_length - 6;
    const bool little = tiff[0] == 'I' && tiff[1] == 'I';
    if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return 1;
    auto u16 = [&](std::size_t at) -> unsigned { return little ? tiff[at] | tiff[at + 1] << 8 : tiff[at] << 8 | tiff[at + 1]; };
    auto u32 = [&](std::size_t at) -> std::size_t {
      return little ? u16(at) | std::size_t{u16(at + 2)} << 16 : std::size_t{u16(at)} << 16 | u16(at + 2);
    };
    const std::size_t directory = u32(4);
    if (directory > size - 2) return 1;
    const unsigned entries = u16(directory);
    for (unsigned i = 0; i < entries; ++i) {
      const std::size_t entry = directory + 2 + 12 * std::size_t{i};
      if (entry + 12 > size) return 1;
      if (u16(entry) == 0x0112 && u16(entry + 2) == 3) {  // type 3: SHORT
        const unsigned value = u16(entry + 8);
        return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
      }
    }
    return 1;
  }
  return 1;
}

const unsigned char* bytes_of(std::string_view bytes) { return reinterpret_cast<const unsigned char*>(bytes.data()); }

// The header of `bytes` read into `info`, with the APP1 markers that may hold EXIF.
bool read_header(jpeg_decompress_struct& info, ErrorManager& errors, std::string_view bytes) {
  return guarded(errors, [&] {
    jpeg_mem_src(&info, bytes_of(bytes), static_cast<unsigned long>(bytes.size()));
    jpeg_save_markers(&info, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&info, TRUE);
  });
}

void refuse_unreadable(const ErrorManager& errors) {
  refuse(std::string("not a JPEG that can be read (") + errors.message + ")");
}

void check_colours(const jpeg_decompress_struct& info) {
  if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK)
    refuse("a JPEG in CMYK (for print): expected RGB; save it again as an sRGB JPEG");
}

// Owns a decompressor for the span of one call.
struct Decompressor {
  jpeg_decompress_struct info{};
  ErrorManager errors{};
  Decompressor() {
    info.err = &errors.manager;
    install(errors);
    if (!guarded(errors, [&] { jpeg_create_decompress(&info); }))
      throw std::runtime_error(std::string("libjpeg could not start: ") + errors.message);
  }
  ~Decompressor() { jpeg_destroy_decompress(&info); }
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;
};

}  // namespace

JpegHeader read_jpeg_header(std::string_view bytes) {
  Decompressor d;
  if (!read_header(d.info, d.errors, bytes)) refuse_unreadable(d.errors);
  check_colours(d.info);
  check_pixel_count(d.info.image_width, d.info.image_height);
  return {static_cast<int>(d.info.image_width), static_cast<int>(d.info.image_height), exif_orientation(d.info.marker_list)};
}

Pixels decode_jpeg(std::string_view bytes, int min_width, int min_height) {
  Decompressor d;
  if (!read_header(d.info, d.errors, bytes)) refuse_unreadable(d.errors);
  check_colours(d.info);
  check_pixel_count(d.info.image_width, d.info.image_height);
  // The smallest scale M/8 whose output is still at least the size asked for.
  unsigned eighths = 1;
  while (eighths < 8 && (d.info.image_width * eighths < 8u * static_cast<unsigned>(min_width) ||
                         d.info.image_height * eighths < 8u * static_cast<unsigned>(min_height)))
    ++eighths;
  Pixels pixels;
  const bool decoded = guarded(d.errors, [&] {
    d.info.out_color_space = JCS_RGB;
    d.info.scale_num = eighths;
    d.info.scale_denom = 8;
    d.info.dct_method = JDCT_ISLOW;  // exact integer arithmetic: the same pixels on every machine
    jpeg_start_decompress(&d.info);
    pixels.width = static_cast<int>(d.info.output_width);
    pixels.height = static_cast<int>(d.info.output_height);
    pixels.channels = 3;
    pixels.data.resize(std::size_t(pixels.width) * pixels.height * 3);
    while (d.info.output_scanline < d.info.output_height) {
      JSAMPROW row = pixels.data.data() + std::size_t(d.info.output_scanline) * pixels.width * 3;
      jpeg_read_scanlines(&d.info, &row, 1);
    }
    jpeg_finish_decompress(&d.info);
  });
  if (!decoded) refuse_unreadable(d.errors);
  if (d.errors.truncated)
    refuse("a JPEG cut short (the file ends before the image does): expected the whole file; export it again");
  return pixels;
}

std::string encode_jpeg(const Pixels& pixels) {
  jpeg_compress_struct info{};
  ErrorManager errors{};
  info.err = &errors.manager;
  install(errors);
  if (!guarded(errors, [&] { jpeg_create_compress(&info); }))
    throw std::runtime_error(std::string("libjpeg could not start: ") + errors.message);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  const bool encoded = guarded(errors, [&] {
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(pixels.width);
    info.image_height = static_cast<JDIMENSION>(pixels.height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 80, TRUE);
    info.dct_method = JDCT_ISLOW;
    info.optimize_coding = TRUE;
    jpeg_simple_progression(&info);  // a slow connection shows the whole photo early, then sharpens it
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
      auto row = const_cast<JSAMPROW>(pixels.data.data() + std::size_t(info.next_scanline) * pixels.width * 3);
      jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
  });
  std::string out;
  if (encoded) out.assign(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&info);
  std::free(buffer);
  if (!encoded) throw std::runtime_error(std::string("libjpeg could not encode: ") + errors.message);
  return out;
}

}  // namespace blendin::images
