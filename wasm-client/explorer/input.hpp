// Pointer, wheel and canvas size as the page reports them (pointer events
// cover mouse, pen and touch alike), turned into what Dear ImGui reads each
// frame. A finger that drags from anything but a slider or the map scrolls
// the list under it instead of pressing what it started on; two fingers
// pinch. Sizes are in CSS pixels; the framebuffer has pixel_ratio times more.
#pragma once

#include <imgui.h>

#include <array>

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
  // After ImGui::NewFrame and the widgets: a finger's drag becomes scrolling.
  void scroll_under_finger();
  // After the frame is drawn.
  void after_frame(ImGuiIO& io);

  // A widget that follows a dragging finger itself (a slider, the map) says
  // so while it is active, so that the drag is not taken for scrolling.
  void claim_drag() { drag_claimed_ = true; }

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
  struct Finger {
    int id = -1;
    bool down = false;
    ImVec2 at{};
  };
  Finger* finger(int id);

  double css_width_ = 360, css_height_ = 640, pixel_ratio_ = 1;
  ImVec2 pointer_{-FLT_MAX, -FLT_MAX};
  int primary_id_ = -1;
  bool down_ = false, touch_ = false, leave_after_up_ = false;
  float wheel_x_ = 0, wheel_y_ = 0;
  // Scrolling with a finger.
  ImVec2 press_at_{};
  bool scrolling_ = false, drag_claimed_ = false, drag_claimed_last_frame_ = false;
  ImVec2 scroll_from_{};
  ImGuiWindow* scroll_window_ = nullptr;
  std::array<Finger, 2> fingers_{};
  float pinch_before_ = 0;
  bool text_input_shown_ = false;
};

}  // namespace blendin::explorer
