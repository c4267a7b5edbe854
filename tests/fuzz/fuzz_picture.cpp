// Feeds the bytes as an editor's photo or logo to blendin::images (what
// generator/src/pictures.cpp does with each JPEG and PNG of the content):
// measure, then resize to two widths no wider than the picture. Refusing the
// bytes (core::Refused) is an answer; a crash, hang, leak, sanitizer report,
// any other exception, or files of another size than asked, is a finding.
#include <blendin/core/problem.hpp>
#include <blendin/images/image.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

using namespace blendin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const images::Measured measured = images::measure(bytes);
    const std::vector<int> widths{std::max(1, std::min(measured.width, 16)), std::min(measured.width, 48)};
    const auto files = images::resized(bytes, widths);
    for (std::size_t i = 0; i < files.size(); ++i) {
      const images::Measured made = images::measure(files[i]);
      if (made.width != widths[i] || made.height != images::height_at(measured, widths[i]) || made.format != measured.format) {
        std::fprintf(stderr, "fuzz_picture: asked %d wide, made %d x %d\n", widths[i], made.width, made.height);
        std::abort();
      }
    }
  } catch (const core::Refused&) {
  }
  return 0;
}
