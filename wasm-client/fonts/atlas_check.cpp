// Checks the explorer's font against the built font files (the wasm preset's
// ctest, under Node.js): the glyph ranges lose no code point of any file,
// every code point blendin::text gives for Arabic and Persian letters has a
// glyph, and the merged script is drawn at the Latin em size.
//   font_atlas_check FONTS_DIR
#include <blendin/fonts/atlas.hpp>
#include <blendin/text/layout.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

using namespace blendin;

namespace {

int problems = 0;

void problem(const std::string& what) {
  std::printf("%s\n", what.c_str());
  ++problems;
}

std::string hex(unsigned c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", c);
  return buffer;
}

std::vector<unsigned char> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) problem(path + ": cannot read");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The code points that have a glyph in `font`.
std::set<unsigned> glyphs_of(const ImFont& font) {
  std::set<unsigned> out;
  for (const ImFontGlyph& glyph : font.Glyphs) out.insert(glyph.Codepoint);
  return out;
}

std::set<unsigned> code_points(const std::string& utf8) {
  std::set<unsigned> out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const int length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    unsigned c = length == 1 ? lead : lead & (0x7fu >> length);
    for (int k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3f);
    out.insert(c);
    i += static_cast<std::size_t>(length);
  }
  return out;
}

std::string utf8_of(char32_t c) {
  std::string out;
  if (c < 0x800) {
    out += static_cast<char>(0xc0 | (c >> 6));
  } else {
    out += static_cast<char>(0xe0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
  }
  out += static_cast<char>(0x80 | (c & 0x3f));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: font_atlas_check FONTS_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  const auto latin = read_file(dir + "/latin.ttf");

  for (const char* name : {"latin", "cyrillic", "arabic", "ethiopic"}) {
    const fonts::Script script = *fonts::script_named(name);
    const auto bytes = read_file(dir + "/" + name + ".ttf");
    // The file on its own over the whole Basic Multilingual Plane, against the
    // explorer's font: whatever the file holds, the ranges must take.
    ImFontAtlas everything;
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;
    static const ImWchar plane[] = {0x0001, 0xFFFF, 0};
    everything.AddFontFromMemoryTTF(const_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), 18, &config, plane);
    everything.Build();
    ImFontAtlas atlas;
    std::vector<fonts::FontFile> files = {{"latin", latin.data(), latin.size()}};
    if (script != fonts::Script::latin) files.push_back({name, bytes.data(), bytes.size()});
    const ImFont* font = fonts::build_atlas(atlas, files, 18);
    const std::set<unsigned> merged = glyphs_of(*font);
    for (const unsigned c : glyphs_of(*everything.Fonts[0]))
      if (c >= 0x20 && !merged.count(c)) problem(std::string(name) + ": " + hex(c) + " is in the file but not in the atlas");

    if (script == fonts::Script::arabic) {
      // Every letter alone, first, in the middle and last (tatweel joins it),
      // and lam with every alef: all the forms the layout gives.
      std::string samples;
      for (char32_t c = 0x0621; c <= 0x06FF; ++c) {
        const std::string x = utf8_of(c), tatweel = "\u0640";
        for (const std::string& word : {x, x + tatweel, tatweel + x + tatweel, tatweel + x, "\u0644" + x, tatweel + "\u0644" + x})
          samples += blendin::text::visual_line(word, blendin::text::Direction::rtl) + " ";
      }
      for (const unsigned c : code_points(samples))
        if (!merged.count(c)) problem("arabic: the layout gives " + hex(c) + ", which has no glyph");
      // The Arabic em is the Latin em: alef (0.714 em in Noto Sans Arabic)
      // stands about as tall as l (0.760 em in DejaVu Sans).
      const ImFontGlyph* alef = font->FindGlyphNoFallback(0x0627);
      const ImFontGlyph* l = font->FindGlyphNoFallback('l');
      const float ratio = alef && l ? (alef->Y1 - alef->Y0) / (l->Y1 - l->Y0) : 0;
      if (ratio < 0.85f || ratio > 1.05f) problem("arabic: alef is " + std::to_string(ratio) + " times as tall as l");
    }
    std::printf("%s: %zu glyphs in the explorer's font\n", name, merged.size());
  }
  std::printf("%d problems\n", problems);
  return problems ? 1 : 0;
}
