#include "input.hpp"

#include <imgui_internal.h>

#include <cmath>

namespace blendin::explorer {

namespace {

// How far a finger moves before a touch becomes a scroll or a drag, in CSS pixels.
constexpr float gesture_threshold = 8;

float distance(ImVec2 a, ImVec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

void Input::resize(double css_width, double css_height, double pixel_ratio) {
  css_width_ = css_width > 1 ? css_width : 1;
  css_height_ = css_height > 1 ? css_height : 1;
  pixel_ratio_ = pixel_ratio >= 1 ? pixel_ratio : 1;
}

Input::Finger* Input::finger(int id) {
  for (auto& f : fingers_)
    if (f.down && f.id == id) return &f;
  return nullptr;
}

bool Input::in_drag_area(ImVec2 at) const {
  for (const auto& area : drag_areas_last_frame_)
    if (at.x >= area.min.x && at.x < area.max.x && at.y >= area.min.y && at.y < area.max.y) return true;
  return false;
}

void Input::pointer(PointerKind kind, int pointer_id, double x, double y, bool touch) {
  const ImVec2 at{float(x), float(y)};
  if (touch) {
    if (kind == PointerKind::down) {
      for (auto& f : fingers_)
        if (!f.down) {
          f = {pointer_id, true, at};
          break;
        }
      if (pinching()) pinch_before_ = pinch_distance();
    } else if (Finger* f = finger(pointer_id)) {
      if (kind == PointerKind::move)
        f->at = at;
      else
        f->down = false;
    }
  }
  const bool down = gesture_ == Gesture::pending || gesture_ == Gesture::pressed || gesture_ == Gesture::scrolling;
  if (kind == PointerKind::down) {
    if (down) return;  // a second finger only pinches
    primary_id_ = pointer_id;
    touch_ = touch;
    pointer_ = press_at_ = at;
    scroll_window_ = nullptr;
    gesture_ = touch && !in_drag_area(at) ? Gesture::pending : Gesture::pressed;
    return;
  }
  if (pointer_id != primary_id_) {
    if (!down && kind == PointerKind::move && !touch) pointer_ = at;  // a mouse hovering
    return;
  }
  pointer_ = at;
  if (kind == PointerKind::move && gesture_ == Gesture::pending && distance(at, press_at_) >= gesture_threshold)
    gesture_ = std::abs(at.y - press_at_.y) > std::abs(at.x - press_at_.x) ? Gesture::scrolling : Gesture::pressed;
  if (kind == PointerKind::up || kind == PointerKind::cancel) {
    primary_id_ = -1;
    // A touch that never moved taps: pressed in one frame, released in the next.
    gesture_ = gesture_ == Gesture::pending && kind == PointerKind::up ? Gesture::tap_press : Gesture::none;
    if (touch && gesture_ == Gesture::none) pointer_ = ImVec2(-FLT_MAX, -FLT_MAX);
  }
}

void Input::wheel(double dx, double dy) {
  // Browsers report pixels; ImGui counts lines of about 40 pixels.
  wheel_x_ += float(-dx / 40.0);
  wheel_y_ += float(-dy / 40.0);
}

void Input::apply(ImGuiIO& io) {
  io.DisplaySize = ImVec2(float(css_width_), float(css_height_));
  io.DisplayFramebufferScale = ImVec2(float(pixel_ratio_), float(pixel_ratio_));
  io.MousePos = gesture_ == Gesture::scrolling ? ImVec2(-FLT_MAX, -FLT_MAX) : pointer_;
  if (gesture_ == Gesture::scrolling && !scroll_window_) io.MousePos = pointer_;  // to find the window under it
  io.MouseDown[0] = gesture_ == Gesture::pressed || gesture_ == Gesture::tap_press;
  for (int i = 1; i < 5; ++i) io.MouseDown[i] = false;
  io.MouseWheel = wheel_y_;
  io.MouseWheelH = wheel_x_;
  wheel_x_ = wheel_y_ = 0;
  drag_areas_last_frame_ = std::move(drag_areas_);
  drag_areas_.clear();
}

void Input::scroll_under_finger() {
  if (gesture_ != Gesture::scrolling || pinching()) return;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (!scroll_window_) {
    // The innermost window under the finger that can scroll.
    for (ImGuiWindow* w = g.HoveredWindow; w; w = w->ParentWindow)
      if (w->ScrollMax.y > 0) {
        scroll_window_ = w;
        break;
      }
    if (!scroll_window_) return;
    scroll_from_ = press_at_;
  }
  ImGui::SetScrollY(scroll_window_, scroll_window_->Scroll.y - (pointer_.y - scroll_from_.y));
  scroll_from_ = pointer_;
}

bool Input::after_frame() {
  if (pinching()) pinch_before_ = pinch_distance();
  if (gesture_ == Gesture::tap_press) {
    gesture_ = Gesture::tap_release;
    return true;
  }
  if (gesture_ == Gesture::tap_release) {
    gesture_ = Gesture::none;
    pointer_ = ImVec2(-FLT_MAX, -FLT_MAX);  // a lifted finger hovers nothing
    return true;
  }
  return false;
}

float Input::pinch_distance() const { return distance(fingers_[0].at, fingers_[1].at); }

ImVec2 Input::pinch_centre() const {
  return ImVec2((fingers_[0].at.x + fingers_[1].at.x) / 2, (fingers_[0].at.y + fingers_[1].at.y) / 2);
}

}  // namespace blendin::explorer
