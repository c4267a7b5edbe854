// [SECTION] frame state and visual text  [SECTION] text  [SECTION] controls
#include "widgets.hpp"

#include "input.hpp"

#include <blendin/text/layout.hpp>

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace blendin::explorer::ui {

// [SECTION] frame state and visual text
namespace {

struct Flow {
  bool open = false;
  float start_x = 0, width = 0, row_y = 0, used = 0, row_height = 0;
};

struct FrameState {
  bool rtl = false;
  Input* input = nullptr;
  std::map<std::string, ImVec4> marks;
  std::string focused;  // the marked item that has the keyboard's focus
  Flow flow;
};

FrameState frame;
std::unordered_map<std::string, std::string> visual_cache;
bool text_field_is_digits = false;

// Characters that need reordering: Hebrew, Arabic, Syriac, Thaana, NKo
// (U+0590-U+07FF), Arabic Extended (U+08A0-U+08FF) and the presentation
// forms (U+FB1D-U+FEFF). Text without them, on a left-to-right page, is
// already in visual order.
bool needs_reordering(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xd6 && c <= 0xdf) return true;
    if (c == 0xe0 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xa2 &&
        static_cast<unsigned char>(text[i + 1]) <= 0xa3)
      return true;
    if (c == 0xef && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xac &&
        static_cast<unsigned char>(text[i + 1]) <= 0xbb)
      return true;
  }
  return false;
}

float frame_height() { return ImGui::GetFrameHeight(); }

// Where an item of `width` starts on the current line: from the start side.
void place_at_start(float width) {
  if (!frame.rtl) return;
  const float avail = ImGui::GetContentRegionAvail().x;
  if (width < avail) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - width);
}

}  // namespace

void begin_frame(bool rtl, Input& input) {
  frame.rtl = rtl;
  frame.input = &input;
  frame.marks.clear();
  frame.focused.clear();
  frame.flow = {};
  if (visual_cache.size() > 20000) visual_cache.clear();
  text_field_is_digits = false;
}

bool rtl() { return frame.rtl; }

const std::string& visual(std::string_view logical) {
  const std::string key(logical);
  auto found = visual_cache.find(key);
  if (found != visual_cache.end()) return found->second;
  std::string shown = frame.rtl || needs_reordering(logical)
                          ? text::visual_line(logical, frame.rtl ? text::Direction::rtl : text::Direction::ltr)
                          : key;
  return visual_cache.emplace(key, std::move(shown)).first->second;
}

const std::map<std::string, ImVec4>& marks() { return frame.marks; }

const std::string& focused() { return frame.focused; }

void mark(const char* id) {
  if (ImGui::IsItemFocused()) frame.focused = id;
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  // Only what can be seen (and so tapped) is reported.
  if (max.y <= clip.Min.y || min.y >= clip.Max.y) return;
  frame.marks[id] =
      ImVec4(min.x, std::max(min.y, clip.Min.y), max.x - min.x, std::min(max.y, clip.Max.y) - std::max(min.y, clip.Min.y));
}

// [SECTION] text
void text(std::string_view logical, ImU32 colour) {
  const std::string& shown = visual(logical);
  place_at_start(ImGui::CalcTextSize(shown.c_str()).x);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(shown.c_str());
  ImGui::PopStyleColor();
}

void text_wrapped(std::string_view logical, ImU32 colour) {
  const float width = std::max(40.0f, ImGui::GetContentRegionAvail().x);
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  const auto lines = text::wrap(logical, frame.rtl ? text::Direction::rtl : text::Direction::ltr, width,
                                [&](char32_t c) { return font->GetCharAdvance(static_cast<ImWchar>(c)) * scale; });
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  for (const auto& line : lines) {
    place_at_start(line.width);
    ImGui::TextUnformatted(line.text.c_str());
  }
  ImGui::PopStyleColor();
}

void heading(std::string_view logical) {
  gap(4);
  text_wrapped(logical, colour::accent);
  gap(2);
}

void label(std::string_view logical) { text_wrapped(logical, colour::ink); }

void hint(std::string_view logical) { text_wrapped(logical, colour::muted); }

void gap(float height) { ImGui::Dummy(ImVec2(1, height > 0 ? height : ImGui::GetStyle().ItemSpacing.y)); }

void separator() {
  gap(2);
  ImGui::Separator();
  gap(2);
}

// [SECTION] controls
bool button(const char* id, std::string_view logical, bool primary) {
  const std::string& shown = visual(logical);
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  const float width = ImGui::CalcTextSize(shown.c_str()).x + padding.x * 2;
  place_at_start(width);
  if (primary) {
    ImGui::PushStyleColor(ImGuiCol_Button, colour::accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0, 82, 123, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(0, 66, 99, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, colour::card);
  }
  ImGui::PushID(id);
  const bool pressed = ImGui::Button(shown.c_str(), ImVec2(width, 0));
  ImGui::PopID();
  if (primary) ImGui::PopStyleColor(4);
  mark(id);
  return pressed;
}

void flow_begin() {
  Flow& flow = frame.flow;
  flow.open = true;
  flow.start_x = ImGui::GetCursorScreenPos().x;
  flow.width = ImGui::GetContentRegionAvail().x;
  flow.row_y = ImGui::GetCursorScreenPos().y;
  flow.used = 0;
  flow.row_height = frame_height();
}

void flow_end() {
  Flow& flow = frame.flow;
  if (!flow.open) return;
  flow.open = false;
  if (flow.used > 0) {
    ImGui::SetCursorScreenPos(ImVec2(flow.start_x, flow.row_y + flow.row_height + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(0, 0));
  }
}

bool chip(const char* id, std::string_view logical, bool selected, ImU32 tint) {
  const std::string& shown = visual(logical);
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size(ImGui::CalcTextSize(shown.c_str()).x + style.FramePadding.x * 2, frame_height());
  Flow& flow = frame.flow;
  if (flow.open) {
    const float width = std::min(size.x, flow.width);
    if (flow.used > 0 && flow.used + width > flow.width) {
      flow.row_y += flow.row_height + style.ItemSpacing.y;
      flow.used = 0;
    }
    const float x = frame.rtl ? flow.start_x + flow.width - flow.used - width : flow.start_x + flow.used;
    ImGui::SetCursorScreenPos(ImVec2(x, flow.row_y));
    flow.used += width + style.ItemSpacing.x;
  } else {
    place_at_start(size.x);
  }
  ImGui::PushID(id);
  const bool pressed = ImGui::InvisibleButton("chip", size);
  const ImGuiID item = ImGui::GetItemID();
  ImGui::PopID();
  const ImRect box(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const bool hovered = ImGui::IsItemHovered();
  const float rounding = size.y / 2;
  if (selected) {
    draw->AddRectFilled(box.Min, box.Max, tint, rounding);
  } else {
    draw->AddRectFilled(box.Min, box.Max, hovered ? IM_COL32(240, 237, 230, 255) : colour::card, rounding);
    draw->AddRect(box.Min, box.Max, tint, rounding, 0, 1.5f);
  }
  const ImVec2 text_size = ImGui::CalcTextSize(shown.c_str());
  draw->AddText(ImVec2(box.Min.x + (size.x - text_size.x) / 2, box.Min.y + (size.y - text_size.y) / 2),
                selected ? colour::card : colour::ink, shown.c_str());
  ImGui::RenderNavHighlight(box, item);
  mark(id);
  return pressed;
}

bool checkbox(const char* id, std::string_view logical, bool* value) {
  const float box = frame_height() - 8;
  const float spacing = ImGui::GetStyle().ItemInnerSpacing.x;
  const float avail = ImGui::GetContentRegionAvail().x;
  // The label wrapped beside the box, so that a long statement (a consent)
  // is read whole on a phone; one line keeps the row a frame high.
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  const auto lines =
      text::wrap(logical, frame.rtl ? text::Direction::rtl : text::Direction::ltr, std::max(40.0f, avail - box - spacing),
                 [&](char32_t c) { return font->GetCharAdvance(static_cast<ImWchar>(c)) * scale; });
  float text_width = 0;
  for (const auto& line : lines) text_width = std::max(text_width, line.width);
  const float line_height = ImGui::GetTextLineHeight();
  const float line_step = line_height + ImGui::GetStyle().ItemSpacing.y;  // as text_wrapped's lines
  const float padding = (frame_height() - line_height) / 2;
  const float height = std::max(frame_height(), line_step * float(lines.size()) - ImGui::GetStyle().ItemSpacing.y + 2 * padding);
  const float width = std::min(avail, box + spacing + text_width);
  place_at_start(width);
  ImGui::PushID(id);
  const bool pressed = ImGui::InvisibleButton("check", ImVec2(width, height));
  const ImGuiID item = ImGui::GetItemID();
  ImGui::PopID();
  if (pressed) *value = !*value;
  const ImRect row(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float box_x = frame.rtl ? row.Max.x - box : row.Min.x;
  const ImVec2 box_min(box_x, row.Min.y + 4), box_max(box_x + box, row.Min.y + 4 + box);
  draw->AddRectFilled(box_min, box_max, *value ? colour::accent : colour::card, 4);
  draw->AddRect(box_min, box_max, colour::accent, 4, 0, 1.5f);
  if (*value) ImGui::RenderCheckMark(draw, ImVec2(box_min.x + box * 0.2f, box_min.y + box * 0.2f), colour::card, box * 0.6f);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const float text_x = frame.rtl ? box_min.x - spacing - lines[i].width : box_max.x + spacing;
    draw->AddText(ImVec2(text_x, row.Min.y + padding + line_step * float(i)), colour::ink, lines[i].text.c_str());
  }
  ImGui::RenderNavHighlight(row, item);
  mark(id);
  return pressed;
}

bool slider(const char* id, std::string_view logical, std::string_view value_text, float* value, float min, float max,
            float step) {
  // The label at the start side and the value at the end side, on one line.
  const std::string& shown_label = visual(logical);
  const std::string& shown_value = visual(value_text);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float y = ImGui::GetCursorPosY(), x0 = ImGui::GetCursorPosX();
  const float value_width = ImGui::CalcTextSize(shown_value.c_str()).x;
  const float label_width = ImGui::CalcTextSize(shown_label.c_str()).x;
  ImGui::SetCursorPosX(frame.rtl ? x0 + avail - label_width : x0);
  ImGui::TextUnformatted(shown_label.c_str());
  ImGui::SetCursorPos(ImVec2(frame.rtl ? x0 : x0 + avail - value_width, y));
  ImGui::PushStyleColor(ImGuiCol_Text, colour::accent);
  ImGui::TextUnformatted(shown_value.c_str());
  ImGui::PopStyleColor();
  ImGui::SetNextItemWidth(avail);
  ImGui::PushID(id);
  // A reversed range grows to the left: the slider then runs from the right.
  const bool changed = ImGui::SliderFloat("##slider", value, frame.rtl ? max : min, frame.rtl ? min : max, "",
                                          ImGuiSliderFlags_NoInput | ImGuiSliderFlags_AlwaysClamp);
  ImGui::PopID();
  if (changed && step > 0) *value = std::round(*value / step) * step;
  // The fill, from the start side to the value.
  const ImRect box(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  const float t = max > min ? std::clamp((*value - min) / (max - min), 0.0f, 1.0f) : 0;
  const float fill = (box.GetWidth() - 4) * t;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 fill_min(frame.rtl ? box.Max.x - 2 - fill : box.Min.x + 2, box.Min.y + 2);
  const ImVec2 fill_max(frame.rtl ? box.Max.x - 2 : box.Min.x + 2 + fill, box.Max.y - 2);
  draw->AddRectFilled(fill_min, fill_max, IM_COL32(0, 102, 153, 70), ImGui::GetStyle().FrameRounding);
  mark(id);
  return changed;
}

namespace {

int keep_digits(ImGuiInputTextCallbackData* data) { return data->EventChar < '0' || data->EventChar > '9'; }

}  // namespace

bool text_field(const char* id, std::string_view logical, char* buffer, std::size_t size, bool digits) {
  label(logical);
  ImGui::SetNextItemWidth(digits ? std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 7)
                                 : ImGui::GetContentRegionAvail().x);
  place_at_start(digits ? std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 7)
                        : ImGui::GetContentRegionAvail().x);
  ImGui::PushID(id);
  const bool changed = ImGui::InputText("##field", buffer, size, digits ? ImGuiInputTextFlags_CallbackCharFilter : 0,
                                        digits ? keep_digits : nullptr);
  ImGui::PopID();
  if (ImGui::IsItemActive()) text_field_is_digits = digits;
  mark(id);
  return changed;
}

bool active_text_is_digits() { return text_field_is_digits; }

bool select(const char* id, std::string_view logical, const std::vector<std::string>& items, int* current,
            const std::vector<std::string>* item_ids) {
  if (!logical.empty()) label(logical);
  const std::string none;
  const std::string& preview = visual(*current >= 0 && *current < int(items.size()) ? items[std::size_t(*current)] : none);
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::PushID(id);
  const bool open = ImGui::InvisibleButton("select", ImVec2(width, frame_height()));
  const ImRect box(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  const ImGuiID item = ImGui::GetItemID();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  draw->AddRectFilled(box.Min, box.Max, ImGui::IsItemHovered() ? IM_COL32(240, 237, 230, 255) : colour::card,
                      style.FrameRounding);
  draw->AddRect(box.Min, box.Max, colour::line, style.FrameRounding, 0, 1.5f);
  const ImVec2 preview_size = ImGui::CalcTextSize(preview.c_str());
  const float arrow = frame_height() * 0.35f;
  const float text_y = box.Min.y + (box.GetHeight() - preview_size.y) / 2;
  const float text_x = frame.rtl ? box.Max.x - style.FramePadding.x - preview_size.x : box.Min.x + style.FramePadding.x;
  draw->PushClipRect(box.Min, box.Max, true);
  draw->AddText(ImVec2(text_x, text_y), colour::ink, preview.c_str());
  draw->PopClipRect();
  const float arrow_x = frame.rtl ? box.Min.x + style.FramePadding.x : box.Max.x - style.FramePadding.x - arrow;
  ImGui::RenderArrow(draw, ImVec2(arrow_x, box.Min.y + (box.GetHeight() - arrow) / 2), colour::muted, ImGuiDir_Down,
                     arrow / ImGui::GetFontSize());
  ImGui::RenderNavHighlight(box, item);
  mark(id);
  if (open) ImGui::OpenPopup("list");
  bool chosen = false;
  ImGui::SetNextWindowPos(ImVec2(box.Min.x, box.Max.y));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, ImGui::GetIO().DisplaySize.y * 0.6f));
  if (ImGui::BeginPopup("list")) {
    for (int i = 0; i < int(items.size()); ++i) {
      const std::string& shown = visual(items[std::size_t(i)]);
      ImGui::PushID(i);
      const ImVec2 row_start = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable("##item", i == *current, 0, ImVec2(0, frame_height()))) {
        *current = i;
        chosen = true;
      }
      const std::string mark_id =
          std::string(id) + "." +
          (item_ids && std::size_t(i) < item_ids->size() ? (*item_ids)[std::size_t(i)] : std::to_string(i));
      mark(mark_id.c_str());
      const float row_width = ImGui::GetItemRectSize().x;
      const ImVec2 size = ImGui::CalcTextSize(shown.c_str());
      const float x = frame.rtl ? row_start.x + row_width - size.x - style.FramePadding.x : row_start.x + style.FramePadding.x;
      ImGui::GetWindowDrawList()->AddText(ImVec2(x, row_start.y + (frame_height() - size.y) / 2), colour::ink, shown.c_str());
      ImGui::PopID();
    }
    ImGui::EndPopup();
  }
  ImGui::PopID();
  return chosen;
}

void card_begin(const char* id) {
  ImGui::PushID(id);
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  window->DrawList->ChannelsSplit(2);
  window->DrawList->ChannelsSetCurrent(1);
  const float padding = ImGui::GetStyle().WindowPadding.x;
  // Narrower content for the card's padding on the end side; the start side indents.
  window->ContentRegionRect.Max.x -= padding;
  window->WorkRect.Max.x -= padding;
  gap(padding / 2);
  ImGui::Indent(padding);
  ImGui::BeginGroup();
}

void card_end(const char* id) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float padding = ImGui::GetStyle().WindowPadding.x;
  ImGui::EndGroup();
  const ImVec2 content_min = ImGui::GetItemRectMin(), content_max = ImGui::GetItemRectMax();
  ImGui::Unindent(padding);
  gap(padding / 2);
  window->ContentRegionRect.Max.x += padding;
  window->WorkRect.Max.x += padding;
  const ImVec2 min(content_min.x - padding, content_min.y - padding / 2);
  const ImVec2 max(window->ContentRegionRect.Max.x, content_max.y + padding / 2);
  window->DrawList->ChannelsSetCurrent(0);
  window->DrawList->AddRectFilled(min, max, colour::card, 8);
  window->DrawList->AddRect(min, max, colour::line, 8);
  window->DrawList->ChannelsMerge();
  ImGui::PopID();
  // The card's box, for the page's tests.
  const ImRect clip = window->ClipRect;
  if (max.y > clip.Min.y && min.y < clip.Max.y)
    frame.marks[id] =
        ImVec4(min.x, std::max(min.y, clip.Min.y), max.x - min.x, std::min(max.y, clip.Max.y) - std::max(min.y, clip.Min.y));
  gap(6);
}

void bar(std::string_view logical, float fraction, ImU32 fill) {
  const std::string& shown = visual(logical);
  const float avail = ImGui::GetContentRegionAvail().x;
  const ImVec2 text_size = ImGui::CalcTextSize(shown.c_str());
  // The label beside the bar when it fits in 40% of the width, else above it.
  const bool beside = text_size.x <= avail * 0.4f;
  if (!beside) text(logical);
  const float label_width = beside ? std::floor(avail * 0.4f) : 0;
  const float height = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(avail, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float bar_width = avail - label_width - (beside ? 8 : 0);
  const float filled = bar_width * std::clamp(fraction, 0.0f, 1.0f);
  const float top = at.y + height * 0.25f, bottom = at.y + height * 0.75f;
  const ImU32 track = IM_COL32(232, 228, 220, 255);
  if (frame.rtl) {
    if (beside) draw->AddText(ImVec2(at.x + avail - text_size.x, at.y), colour::ink, shown.c_str());
    const float right = at.x + bar_width;
    draw->AddRectFilled(ImVec2(at.x, top), ImVec2(right, bottom), track, 3);
    draw->AddRectFilled(ImVec2(right - filled, top), ImVec2(right, bottom), fill, 3);
  } else {
    if (beside) draw->AddText(at, colour::ink, shown.c_str());
    const float left = at.x + avail - bar_width;
    draw->AddRectFilled(ImVec2(left, top), ImVec2(left + bar_width, bottom), track, 3);
    draw->AddRectFilled(ImVec2(left, top), ImVec2(left + filled, bottom), fill, 3);
  }
}

}  // namespace blendin::explorer::ui
