#include <blendin/fonts/atlas.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace blendin::fonts {

namespace {

// The vertical metrics stb_truetype sizes a font by (hhea's ascender and
// descender over head's units per em), read from the table directory with
// every offset checked: a truncated or wrong download is refused here, since
// stb_truetype trusts its input (the files themselves are the site's own).
struct Metrics {
  int units_per_em = 0;
  int ascent = 0;
  int descent = 0;
};

std::optional<Metrics> metrics_of(std::span<const unsigned char> font) {
  const auto u16 = [&](std::size_t at) { return static_cast<unsigned>(font[at] << 8 | font[at + 1]); };
  const auto u32 = [&](std::size_t at) { return std::uint32_t{u16(at)} << 16 | u16(at + 2); };
  if (font.size() < 12 || (u32(0) != 0x00010000 && u32(0) != 0x74727565)) return std::nullopt;  // TrueType outlines
  const std::size_t tables = u16(4);
  if (font.size() < 12 + 16 * tables) return std::nullopt;
  std::size_t head = 0, hhea = 0, cmap = 0, glyf = 0;
  for (std::size_t i = 0; i < tables; ++i) {
    const std::size_t entry = 12 + 16 * i;
    const std::uint32_t offset = u32(entry + 8), length = u32(entry + 12);
    if (offset > font.size() || length > font.size() - offset) return std::nullopt;
    const std::uint32_t tag = u32(entry);
    if (tag == 0x68656164 && length >= 54)
      head = offset;  // 'head'
    else if (tag == 0x68686561 && length >= 36)
      hhea = offset;  // 'hhea'
    else if (tag == 0x636d6170)
      cmap = offset;  // 'cmap'
    else if (tag == 0x676c7966)
      glyf = offset;  // 'glyf'
  }
  if (!head || !hhea || !cmap || !glyf) return std::nullopt;
  Metrics out{static_cast<int>(u16(head + 18)), static_cast<std::int16_t>(u16(hhea + 4)),
              static_cast<std::int16_t>(u16(hhea + 6))};
  if (out.units_per_em <= 0 || out.ascent - out.descent <= 0) return std::nullopt;
  return out;
}

// Every Arabic code point the layout gives: the Arabic block (digits, marks,
// nominal letters without forms) and both blocks of presentation forms.
constexpr ImWchar arabic_ranges[] = {0x0600, 0x06FF, 0x0750, 0x077F, 0xFB50, 0xFDFF, 0xFE70, 0xFEFF, 0};
constexpr ImWchar latin_ranges[] = {0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A and -B
                                    0x0259, 0x0259,  // schwa
                                    0x02B0, 0x036F,  // spacing modifiers, combining accents
                                    0x2000, 0x206F,  // spaces and general punctuation
                                    0x20A0, 0x20CF,  // currency
                                    0x2100, 0x22FF,  // letterlike symbols, numero sign, arrows, mathematical operators
                                    0x2500, 0x27BF,  // geometric shapes, stars, check marks
                                    0xFFFD, 0xFFFD,  // the replacement character, ImGui's fallback
                                    0};
constexpr ImWchar cyrillic_ranges[] = {0x0400, 0x052F, 0};
constexpr ImWchar ethiopic_ranges[] = {0x1200, 0x139F, 0x2D80, 0x2DDF, 0xAB00, 0xAB2F, 0};

const char* name_of(Script script) {
  switch (script) {
    case Script::latin: return "latin";
    case Script::cyrillic: return "cyrillic";
    case Script::arabic: return "arabic";
    case Script::ethiopic: return "ethiopic";
  }
  return "?";
}

}  // namespace

std::optional<Script> script_named(std::string_view name) {
  for (const Script script : {Script::latin, Script::cyrillic, Script::arabic, Script::ethiopic})
    if (name == name_of(script)) return script;
  return std::nullopt;
}

const ImWchar* glyph_ranges(Script script) {
  switch (script) {
    case Script::latin: return latin_ranges;
    case Script::cyrillic: return cyrillic_ranges;
    case Script::arabic: return arabic_ranges;
    case Script::ethiopic: return ethiopic_ranges;
  }
  return latin_ranges;
}

ImFont* build_atlas(ImFontAtlas& atlas, std::span<const FontFile> files, float pixel_size) {
  struct Checked {
    Script script;
    std::span<const unsigned char> bytes;
    Metrics metrics;
  };
  if (!(pixel_size > 0 && pixel_size < 1000)) throw std::invalid_argument("fonts: pixel size out of range");
  std::vector<Checked> checked;
  for (const FontFile& file : files) {
    const auto script = script_named(file.script);
    if (!script) throw std::invalid_argument("fonts: unknown script \"" + std::string(file.script) + "\"");
    const std::span<const unsigned char> bytes(file.data, file.size);
    const auto metrics = metrics_of(bytes);
    if (!metrics) throw std::invalid_argument("fonts: " + std::string(file.script) + ": not a TrueType font");
    checked.push_back({*script, bytes, *metrics});
  }
  // Latin first: merged files never replace a glyph the font already has.
  std::stable_partition(checked.begin(), checked.end(), [](const Checked& c) { return c.script == Script::latin; });
  if (checked.empty() || checked.front().script != Script::latin)
    throw std::invalid_argument("fonts: no latin file among the page's fonts");
  const Metrics& latin = checked.front().metrics;
  const float em_pixels = pixel_size * static_cast<float>(latin.units_per_em) / static_cast<float>(latin.ascent - latin.descent);

  atlas.Clear();
  atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // WebGL2 takes any height: no rows of nothing
  for (const Checked& file : checked) {
    ImFontConfig config;
    config.MergeMode = &file != &checked.front();
    // stb_truetype sizes a font by its line height: this height gives the
    // file an em of em_pixels.
    config.SizePixels = em_pixels * static_cast<float>(file.metrics.ascent - file.metrics.descent) /
                        static_cast<float>(file.metrics.units_per_em);
    // Large sizes (high-density screens) gain nothing from horizontal
    // oversampling but a texture twice as wide.
    config.OversampleH = pixel_size >= 32 ? 1 : 2;
    config.OversampleV = 1;
    config.PixelSnapH = config.OversampleH == 1;
    config.GlyphRanges = glyph_ranges(file.script);
    std::snprintf(config.Name, sizeof config.Name, "%s, %dpx", name_of(file.script), static_cast<int>(pixel_size));
    // The atlas frees what it owns with IM_FREE: give it a copy made with IM_ALLOC.
    void* copy = IM_ALLOC(file.bytes.size());
    std::memcpy(copy, file.bytes.data(), file.bytes.size());
    atlas.AddFontFromMemoryTTF(copy, static_cast<int>(file.bytes.size()), config.SizePixels, &config);
  }
  if (!atlas.Build()) throw std::runtime_error("fonts: ImGui could not build the font atlas");
  return atlas.Fonts[0];
}

}  // namespace blendin::fonts
