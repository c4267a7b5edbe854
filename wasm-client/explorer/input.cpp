#include "input.hpp"

#include <imgui_internal.h>

#include <cmath>

namespace blendin::explorer {

namespace {

// How far a finger moves before a press becomes a scroll, in CSS pixels.
constexpr float scroll_threshold = 8;

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
      if (kind == PointerKind::move) f->at = at;
      else f->down = false;
    }
  }
  // The first pointer down drives ImGui's mouse; a second finger only pinches.
  if (kind == PointerKind::down) {
    if (down_ && pointer_id != primary_id_) return;
    primary_id_ = pointer_id;
    touch_ = touch;
    down_ = true;
    pointer_ = at;
    press_at_ = at;
    scrolling_ = false;
    scroll_window_ = nullptr;
    leave_after_up_ = false;
    return;
  }
  if (pointer_id != primary_id_ && down_) return;
  pointer_ = at;
  if (kind == PointerKind::up || kind == PointerKind::cancel) {
    down_ = false;
    primary_id_ = -1;
    leave_after_up_ = touch;  // a finger lifted hovers nothing
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
  io.MousePos = pointer_;
  io.MouseDown[0] = down_ && !scrolling_;
  for (int i = 1; i < 5; ++i) io.MouseDown[i] = false;
  if (scrolling_) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseWheel = wheel_y_;
  io.MouseWheelH = wheel_x_;
  wheel_x_ = wheel_y_ = 0;
}

void Input::scroll_under_finger() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (!touch_ || !down_ || pinching()) return;
  if (!scrolling_) {
    if (drag_claimed_last_frame_ || drag_claimed_ || distance(pointer_, press_at_) < scroll_threshold) return;
    // The innermost window under the finger that can scroll.
    for (ImGuiWindow* w = g.HoveredWindow; w; w = w->ParentWindow)
      if (w->ScrollMax.y > 0) {
        scroll_window_ = w;
        break;
      }
    if (!scroll_window_) return;
    scrolling_ = true;
    scroll_from_ = press_at_;
    ImGui::ClearActiveID();
  }
  const float dy = pointer_.y - scroll_from_.y;
  ImGui::SetScrollY(scroll_window_, scroll_window_->Scroll.y - dy);
  scroll_from_ = pointer_;
}

void Input::after_frame(ImGuiIO& io) {
  (void)io;
  drag_claimed_last_frame_ = drag_claimed_;
  drag_claimed_ = false;
  if (pinching()) pinch_before_ = pinch_distance();
  if (leave_after_up_) {
    pointer_ = ImVec2(-FLT_MAX, -FLT_MAX);
    leave_after_up_ = false;
  }
  if (!down_) scrolling_ = false;
}

float Input::pinch_distance() const { return distance(fingers_[0].at, fingers_[1].at); }

ImVec2 Input::pinch_centre() const {
  return ImVec2((fingers_[0].at.x + fingers_[1].at.x) / 2, (fingers_[0].at.y + fingers_[1].at.y) / 2);
}

}  // namespace blendin::explorer
