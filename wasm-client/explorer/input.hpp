// Pointer, wheel and canvas size as the page reports them (pointer events
// cover mouse, pen and touch alike), turned into what Dear ImGui reads each
// frame. Sizes are in CSS pixels; the framebuffer has pixel_ratio times more.
//
// A finger is not a mouse: it touches down before it is known whether it
// taps, scrolls or drags. So a touch presses nothing at first. Lifted before
// it moved, it taps (a press and a release, one frame each). Moved mostly up
// or down, it scrolls the list under it and presses nothing. Moved mostly
// sideways, it presses where it is and drags (a slider). On an area that
// follows a finger in every direction (the map), it presses at once. Two
// fingers pinch.
#pragma once

#include <imgui.h>

#include <array>
#include <vector>

struct ImGuiWindow;

namespace blendin::explorer {

class Input {
 public:
  enum class PointerKind { down = 0, move = 1, up = 2, cancel = 3 };

  void resize(double css_width, double css_height, double pixel_ratio);
  void pointer(PointerKind kind, int pointer_id, double x, double y, bool touch);
  void wheel(double dx, double dy);

  // Before ImGui::NewFrame: the display size, the pointer and the wheel.
  void apply(ImGuiIO& io);
  // After ImGui::NewFrame and the widgets: a finger's scroll.
  void scroll_under_finger();
  // After the frame is drawn; true when another frame is needed (a tap's release).
  bool after_frame();

  // An area that follows a dragging finger in every direction (the map):
  // a touch there presses at once. Said again every frame it is drawn.
  void drag_area(ImVec2 min, ImVec2 max) { drag_areas_.push_back({min, max}); }

  int css_width() const { return int(css_width_); }
  int css_height() const { return int(css_height_); }
  double pixel_ratio() const { return pixel_ratio_; }
  int framebuffer_width() const { return int(css_width_ * pixel_ratio_ + 0.5); }
  int framebuffer_height() const { return int(css_height_ * pixel_ratio_ + 0.5); }
  bool text_input_shown() const { return text_input_shown_; }
  void set_text_input_shown(bool shown) { text_input_shown_ = shown; }
  bool touch() const { return touch_; }

  // Two fingers on the screen: how far apart they are now and were at the
  // last frame, and their midpoint (for the map's pinch zoom).
  bool pinching() const { return fingers_[0].down && fingers_[1].down; }
  float pinch_distance() const;
  float pinch_distance_before() const { return pinch_before_; }
  ImVec2 pinch_centre() const;

 private:
  // What the primary pointer does.
  enum class Gesture { none, pending, pressed, scrolling, tap_press, tap_release };
  struct Finger {
    int id = -1;
    bool down = false;
    ImVec2 at{};
  };
  struct Area {
    ImVec2 min, max;
  };
  Finger* finger(int id);
  bool in_drag_area(ImVec2 at) const;

  double css_width_ = 360, css_height_ = 640, pixel_ratio_ = 1;
  ImVec2 pointer_{-FLT_MAX, -FLT_MAX};
  int primary_id_ = -1;
  bool touch_ = false;
  Gesture gesture_ = Gesture::none;
  float wheel_x_ = 0, wheel_y_ = 0;
  ImVec2 press_at_{}, scroll_from_{};
  ImGuiWindow* scroll_window_ = nullptr;
  std::vector<Area> drag_areas_, drag_areas_last_frame_;
  std::array<Finger, 2> fingers_{};
  float pinch_before_ = 0;
  bool text_input_shown_ = false;
};

}  // namespace blendin::explorer
