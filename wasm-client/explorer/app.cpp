// [SECTION] data from the page  [SECTION] fonts and style  [SECTION] a frame
// [SECTION] state for the page
#include "app.hpp"

#include "events_view.hpp"
#include "js.hpp"
#include "widgets.hpp"

#include <blendin/core/events.hpp>
#include <blendin/core/wire.hpp>
#include <blendin/fonts/atlas.hpp>

#include <imgui_internal.h>

#include <algorithm>
#include <utility>

namespace blendin::explorer {

namespace {

// The interface's text size in CSS pixels: large enough to read on a phone.
constexpr float font_size = 18;

}  // namespace

// [SECTION] data from the page
void App::receive(std::string_view kind, std::string_view data) {
  if (kind == "pool") {
    std::string problem;
    if (matching.load_pool(data, problem)) {
      pool_status_ = "ready";
    } else {
      pool_status_ = "invalid";
      js::status("pool_invalid", problem);
    }
    changed();
  } else if (kind == "pool_source") {
    pool_source_ = std::string(data);
  } else if (kind == "server") {
    joining.server = data == "available";
  } else if (kind == "joining") {
    joining.receive(data);
  } else if (kind == "pool_status") {
    pool_status_ = std::string(data);  // the page could not fetch it: missing, timeout, empty, offline
  } else if (kind == "coordinator_pool") {
    coordinators.receive_pool(data, catalog);
  } else if (kind.rfind("font:", 0) == 0) {
    fonts_.push_back({std::string(kind.substr(5)), std::vector<unsigned char>(data.begin(), data.end())});
    fonts_dirty_ = true;
  } else if (kind == "answers") {
    read_answers(data, catalog, answers);
    changed();
  } else if (kind == "now") {
    now_utc = core::parse_utc_timestamp(data).value_or(0);
  } else if (!catalog.receive(kind, data)) {
    js::status("data_invalid", std::string(kind));
  } else {
    changed();
  }
}

void App::start(std::string lang, bool rtl) {
  catalog.set_language(std::move(lang), rtl);
  apply_style();
  started_ = true;
}

void App::show_match_on_map(std::size_t result) {
  const core::Profile& p = matching.pool().profiles[matching.results()[result].index];
  map.focus(p.lat, p.lon, result);
  show(Tab::map);
}

// [SECTION] fonts and style
void App::build_fonts(double pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  std::vector<fonts::FontFile> files;
  for (const auto& font : fonts_) files.push_back({font.script, font.bytes.data(), font.bytes.size()});
  // Rasterised at the screen's own pixel size, drawn at 1 / ratio: sharp text.
  fonts::build_atlas(*io.Fonts, files, float(font_size * pixel_ratio));
  io.FontGlobalScale = float(1.0 / pixel_ratio);
  fonts_dirty_ = false;
}

void App::pixel_ratio_changed(double) { fonts_dirty_ = !fonts_.empty(); }

void App::apply_style() {
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsLight(&style);
  // Touch targets of at least 44 x 44 CSS pixels: 18 px text plus 13 px above and below.
  style.FramePadding = ImVec2(14, 13);
  style.ItemSpacing = ImVec2(10, 10);
  style.ItemInnerSpacing = ImVec2(10, 8);
  style.WindowPadding = ImVec2(14, 12);
  style.FrameRounding = 8;
  style.GrabRounding = 8;
  style.GrabMinSize = 28;
  style.ScrollbarSize = 14;
  style.WindowRounding = 0;
  style.ChildRounding = 8;
  style.PopupRounding = 8;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 1;
  style.TouchExtraPadding = ImVec2(2, 2);
  ImVec4* colours = style.Colors;
  colours[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(ui::colour::paper);
  colours[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  colours[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(ui::colour::card);
  colours[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(ui::colour::ink);
  colours[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(ui::colour::line);
  colours[ImGuiCol_FrameBg] = ImGui::ColorConvertU32ToFloat4(ui::colour::card);
  colours[ImGuiCol_FrameBgHovered] = ImVec4(0.94f, 0.93f, 0.90f, 1);
  colours[ImGuiCol_FrameBgActive] = ImVec4(0.90f, 0.88f, 0.84f, 1);
  colours[ImGuiCol_SliderGrab] = ImGui::ColorConvertU32ToFloat4(ui::colour::accent);
  colours[ImGuiCol_SliderGrabActive] = ImVec4(0, 0.32f, 0.48f, 1);
  colours[ImGuiCol_Button] = ImVec4(0.92f, 0.90f, 0.86f, 1);
  colours[ImGuiCol_ButtonHovered] = ImVec4(0.88f, 0.86f, 0.81f, 1);
  colours[ImGuiCol_ButtonActive] = ImVec4(0.83f, 0.80f, 0.74f, 1);
  colours[ImGuiCol_Header] = ImVec4(0.92f, 0.90f, 0.86f, 1);
  colours[ImGuiCol_HeaderHovered] = ImVec4(0.88f, 0.86f, 0.81f, 1);
  colours[ImGuiCol_HeaderActive] = ImVec4(0.83f, 0.80f, 0.74f, 1);
  colours[ImGuiCol_NavHighlight] = ImVec4(0.85f, 0.35f, 0.05f, 1);  // a focus ring that stands out
}

// [SECTION] a frame
void App::draw_header() {
  // On a phone the page's own heading says what this is, and the demo notice
  // is one line, so that most of the screen is left to the questions.
  const bool wide = ImGui::GetIO().DisplaySize.x >= wide_layout;
  if (wide) ui::text(catalog.t("match_title"), ui::colour::accent);
  if (pool_status_ == "ready") {
    const std::string count = std::to_string(matching.pool().profiles.size());
    ui::hint(catalog.format(demo_pool() ? (wide ? "explorer_demo_badge" : "explorer_demo_short") : "explorer_server_badge",
                            {{"count", count}}));
  } else if (pool_status_ == "loading") {
    ui::hint(catalog.t("explorer_pool_loading"));
  } else {
    ui::text_wrapped(catalog.t("explorer_pool_" + pool_status_), ui::colour::warning);
  }
}

void App::draw_tabs(bool wide) {
  struct TabName {
    Tab tab;
    const char* id;
    const char* key;
  };
  static const TabName tabs[] = {{Tab::answers, "tab.answers", "explorer_tab_answers"},
                                 {Tab::matches, "tab.matches", "explorer_tab_matches"},
                                 {Tab::map, "tab.map", "explorer_tab_map"},
                                 {Tab::events, "tab.events", "explorer_tab_events"},
                                 {Tab::coordinators, "tab.coordinators", "explorer_tab_coordinators"}};
  // Tabs on a phone with less padding, so that they take two rows, not three.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(wide ? 14 : 10, ImGui::GetStyle().FramePadding.y));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(wide ? 10 : 6, ImGui::GetStyle().ItemSpacing.y));
  ui::flow_begin();
  for (const auto& t : tabs) {
    if (wide && t.tab == Tab::answers) continue;
    std::string name = catalog.t(t.key);
    if (t.tab == Tab::matches && matching.visitor()) name += " (" + std::to_string(matching.results().size()) + ")";
    if (ui::chip(t.id, name, tab == t.tab)) show(t.tab);
  }
  ui::flow_end();
  ImGui::PopStyleVar(2);
}

void App::draw_tab(Tab shown) {
  switch (shown) {
    case Tab::answers: draw_questionnaire(*this); break;
    case Tab::matches: draw_matches(*this); break;
    case Tab::map: map.draw(*this); break;
    case Tab::events: draw_events(*this); break;
    case Tab::coordinators: coordinators.draw(*this); break;
  }
}

void App::draw(Input& input) {
  input_ = &input;
  ui::begin_frame(catalog.rtl(), input);
  updated_this_frame_ = answers_changed_;
  if (answers_changed_) {
    answers_changed_ = false;
    matching.update(to_profile(answers, catalog, matching.reference_year()), catalog);
    js::results_changed(matching.results_json(catalog, answers.role));
    if (answers.remember) js::remember_answers(answers_json(answers, catalog));
  }
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("explorer", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  draw_header();
  const bool wide = io.DisplaySize.x >= wide_layout;
  if (wide && tab == Tab::answers) tab = Tab::matches;
  if (wide) {
    // The answers on the start side, the rest beside them.
    const float column = std::floor(ImGui::GetContentRegionAvail().x * 0.42f);
    const float height = ImGui::GetContentRegionAvail().y;
    auto answers_column = [&] {
      ImGui::BeginChild("answers", ImVec2(column, height), false);
      draw_questionnaire(*this);
      input.scroll_under_finger();
      ImGui::EndChild();
    };
    auto results_column = [&] {
      ImGui::BeginGroup();
      draw_tabs(true);
      ImGui::BeginChild("content", ImVec2(0, ImGui::GetContentRegionAvail().y), false);
      if (std::exchange(tab_changed_, false)) ImGui::SetScrollY(0);
      draw_tab(tab);
      input.scroll_under_finger();
      ImGui::EndChild();
      ImGui::EndGroup();
    };
    if (catalog.rtl()) {
      ImGui::BeginChild("results", ImVec2(ImGui::GetContentRegionAvail().x - column - 12, height), false);
      results_column();
      ImGui::EndChild();
      ImGui::SameLine(0, 12);
      answers_column();
    } else {
      answers_column();
      ImGui::SameLine(0, 12);
      results_column();
    }
  } else {
    draw_tabs(false);
    ImGui::BeginChild("content", ImVec2(0, ImGui::GetContentRegionAvail().y), false);
    if (std::exchange(tab_changed_, false)) ImGui::SetScrollY(0);
    draw_tab(tab);
    input.scroll_under_finger();
    ImGui::EndChild();
  }
  ImGui::End();
  another_frame_ = ImGui::IsAnyItemActive() || io.MouseWheel != 0;
}

// [SECTION] state for the page
std::string App::state_json(const Input&) const {
  static const char* const tab_names[] = {"answers", "matches", "map", "events", "coordinators"};
  std::string out = "{\"tab\":\"";
  out += tab_names[int(tab)];
  out += "\",\"pool\":\"" + pool_status_ + "\",\"pool_source\":\"" + pool_source_ + "\",\"joining\":\"";
  static const char* const joining_states[] = {"open", "sending", "joined", "failed"};
  out += joining.server ? joining_states[int(joining.state)] : "no_server";
  out += "\",\"modal\":";
  out += ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) || ImGui::GetIO().WantTextInput ? "true" : "false";
  out += ",\"focused\":";
  core::wire::append_json(out, std::string_view(ui::focused()));
  out += ",\"update_ms\":";
  core::wire::append_json(out, matching.last_update_ms());
  out += ",\"frame_ms\":";
  core::wire::append_json(out, last_frame_ms_);
  out += ",\"update_frame_ms\":";
  core::wire::append_json(out, update_frame_ms_);
  out += ",\"marks\":{";
  bool first = true;
  for (const auto& [id, box] : ui::marks()) {
    if (!first) out += ',';
    first = false;
    core::wire::append_json(out, std::string_view(id));
    out += ":[" + std::to_string(box.x) + "," + std::to_string(box.y) + "," + std::to_string(box.z) + "," +
           std::to_string(box.w) + "]";
  }
  out += "},\"profile\":";
  out += matching.visitor() ? core::wire::serialize(core::wire::to_json(*matching.visitor())) : "null";
  out += ",\"results\":" + matching.results_json(catalog, answers.role);
  out += ",\"answer_problems\":[";
  const auto problems = answer_problems(answers, catalog, matching.reference_year());
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i) out += ',';
    core::wire::append_json(out, std::string_view(problems[i]));
  }
  out += "]";
  out += ",\"problems\":[";
  for (std::size_t i = 0; i < catalog.problems().size(); ++i) {
    if (i) out += ',';
    core::wire::append_json(out, std::string_view(catalog.problems()[i]));
  }
  out += "]}";
  return out;
}

}  // namespace blendin::explorer
