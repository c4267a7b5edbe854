// What the explorer's font atlas costs per page language: its texture size and
// the time ImGui 1.86 takes to rasterise it, at 18 px on screens of device
// pixel ratio 1, 2 and 3. Prints figures; never fails on a timing.
//   font_atlas_bench FONTS_DIR
#include <blendin/fonts/atlas.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace blendin;

namespace {

std::vector<unsigned char> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const std::string dir = argv[1];
  const auto latin = read_file(dir + "/latin.ttf");
  std::printf("%-10s %4s %6s %12s %10s %10s\n", "page", "dpr", "glyphs", "texture", "MB (RGBA)", "build ms");
  for (const char* script_name : {"latin", "cyrillic", "arabic", "ethiopic"}) {
    const auto bytes = read_file(dir + "/" + script_name + ".ttf");
    const fonts::Script script = *fonts::script_named(script_name);
    for (const float ratio : {1.0f, 2.0f, 3.0f}) {
      double best = 1e9;
      int width = 0, height = 0, glyphs = 0;
      for (int round = 0; round < 4; ++round) {  // the best of the last three: the first warms up
        ImFontAtlas atlas;
        std::vector<fonts::FontFile> files = {{"latin", latin.data(), latin.size()}};
        if (script != fonts::Script::latin) files.push_back({script_name, bytes.data(), bytes.size()});
        const auto start = std::chrono::steady_clock::now();
        const ImFont* font = fonts::build_atlas(atlas, files, 18 * ratio);
        unsigned char* pixels = nullptr;
        atlas.GetTexDataAsRGBA32(&pixels, &width, &height);  // what the OpenGL backend uploads
        const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
        if (round > 0) best = std::min(best, spent.count());
        glyphs = font->Glyphs.Size;
      }
      std::printf("%-10s %4.0f %6d %5dx%-6d %10.1f %10.1f\n", script_name, ratio, glyphs, width, height,
                  width * height * 4 / 1048576.0, best);
    }
  }
}
