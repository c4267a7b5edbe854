// Widgets that follow the page's direction. Dear ImGui lays out and draws
// text left to right and does not shape Arabic; these hand it every string in
// visual order (blendin::text) and place labels, chips, check boxes and bar
// fills from the start side: the left in nl, en, uk, ti, the right in ar and
// fa. Each interactive widget has a stable id, used for ImGui and, with its
// place on the canvas, reported to the page's tests (marks()).
#pragma once

#include <imgui.h>

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace blendin::explorer {
class Input;
}

namespace blendin::explorer::ui {

// Colours of the design: the site's (templates/assets/site.css) and one per pillar.
namespace colour {
inline constexpr ImU32 ink = IM_COL32(33, 37, 41, 255);
inline constexpr ImU32 muted = IM_COL32(90, 96, 104, 255);
inline constexpr ImU32 accent = IM_COL32(0, 102, 153, 255);
inline constexpr ImU32 paper = IM_COL32(250, 248, 243, 255);
inline constexpr ImU32 card = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 line = IM_COL32(214, 210, 200, 255);
inline constexpr ImU32 warning = IM_COL32(160, 60, 20, 255);
inline constexpr ImU32 social = IM_COL32(214, 96, 54, 255);
inline constexpr ImU32 culture = IM_COL32(122, 78, 160, 255);
inline constexpr ImU32 work = IM_COL32(30, 120, 90, 255);
}  // namespace colour

// The direction, the visual forms of strings (cached: most do not change
// from frame to frame) and the marks, for one frame.
void begin_frame(bool rtl, Input& input);
bool rtl();
const std::string& visual(std::string_view logical);
// Where an item's box is, in CSS pixels: id -> {x, y, width, height}.
const std::map<std::string, ImVec4>& marks();
// The id of the marked item that has the keyboard's focus, if any.
const std::string& focused();

// [SECTION] text
void text(std::string_view logical, ImU32 colour = colour::ink);  // one line, at the start side
void text_wrapped(std::string_view logical, ImU32 colour = colour::ink);
void heading(std::string_view logical);
void label(std::string_view logical);  // a field's label, on its own line above it
void hint(std::string_view logical);   // smaller print: muted and wrapped
void gap(float height = 0);

// [SECTION] controls
bool button(const char* id, std::string_view logical, bool primary = false);
// A pill that is on or off (interests, pillars, tabs); in a flow (below).
bool chip(const char* id, std::string_view logical, bool selected, ImU32 tint = colour::accent);
// Chips placed one after another from the start side, wrapping into rows.
void flow_begin();
void flow_end();
bool checkbox(const char* id, std::string_view logical, bool* value);
// A slider whose fill grows from the start side; the value's text beside
// its label. `step` rounds the value (0: none).
bool slider(const char* id, std::string_view logical, std::string_view value_text, float* value, float min, float max,
            float step = 0);
// A text field; `digits` keeps to 0-9 and asks phones for a number pad.
bool text_field(const char* id, std::string_view logical, char* buffer, std::size_t size, bool digits);
// True while the active text field takes digits only (phones then show a number pad).
bool active_text_is_digits();
// A choice from a list that opens below it; `items` in logical order. Each
// item is marked as "<id>.<item id>" (`item_ids`, else its position).
bool select(const char* id, std::string_view logical, const std::vector<std::string>& items, int* current,
            const std::vector<std::string>* item_ids = nullptr);
// A bar with a label at the start side and a fill from the start side.
void bar(std::string_view logical, float fraction, ImU32 fill);
void separator();

// A white card around what is drawn between card_begin and card_end, as
// tall as its content, with padding on both sides.
void card_begin(const char* id);
void card_end(const char* id);

// Record the last item's box under `id` for the page's tests.
void mark(const char* id);

}  // namespace blendin::explorer::ui
