// The explorer's one ImGui font: the Latin file first, the page's own script
// merged into it, both at the same em size, with the glyph ranges that hold
// every code point blendin::text can hand ImGui (Arabic presentation forms
// included). The files are those fonts.json lists for the page's language.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace blendin::fonts {

enum class Script { latin, cyrillic, arabic, ethiopic };

// The script of a key of fonts.json ("latin", "cyrillic", "arabic", "ethiopic").
std::optional<Script> script_named(std::string_view name);

// The code points ImGui rasterises from a script's file, as ImFontConfig's
// zero-terminated pairs (static storage): the script's Unicode blocks, so
// that the subset file alone decides which glyphs the atlas gets.
const ImWchar* glyph_ranges(Script script);

struct FontFile {
  std::string_view script;              // its key in fonts.json: "latin", "cyrillic", "arabic", "ethiopic"
  const unsigned char* data = nullptr;  // a TrueType file
  std::size_t size = 0;
};

// Clears `atlas`, adds the explorer's font and builds the atlas; returns the
// font. The latin file is sized at `pixel_size` (ImGui's size: the Latin
// font's line height, ascent to descent, in device pixels); every other file
// is merged in at the Latin font's em size, so that Arabic, whose line is
// taller, is not drawn smaller. The atlas keeps its own copies of the bytes.
// Throws std::invalid_argument when no file is latin, a script is unknown, a
// file is not a TrueType font or pixel_size is not in (0, 1000),
// std::runtime_error when ImGui cannot build the atlas. Rebuild after a change of device pixel ratio, then let the
// renderer upload the texture again.
ImFont* build_atlas(ImFontAtlas& atlas, std::span<const FontFile> files, float pixel_size);

}  // namespace blendin::fonts
