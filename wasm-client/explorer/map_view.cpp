#include "map_view.hpp"

#include "app.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cmath>

namespace blendin::explorer {

namespace {

// East-west distances shrink with the cosine of the latitude; at the
// country's middle (52.2 N) the map is true to shape.
constexpr double lon_scale = 0.6129070536529764;  // cos(52.2 degrees)
constexpr double km_per_degree_lat = 111.2;

}  // namespace

ImVec2 MapView::project(double lat, double lon, ImVec2 origin, ImVec2 size) const {
  const double x = (lon - centre_lon_) * lon_scale * pixels_per_degree_;
  const double y = -(lat - centre_lat_) * pixels_per_degree_;
  return ImVec2(origin.x + size.x / 2 + float(x), origin.y + size.y / 2 + float(y));
}

void MapView::focus(double lat, double lon, std::optional<std::size_t> match) {
  centre_lat_ = lat;
  centre_lon_ = lon;
  if (pixels_per_degree_ > 0) pixels_per_degree_ = std::max(pixels_per_degree_, 800.0);
  selected_ = match;
  moved_by_visitor_ = true;
}

void MapView::draw(App& app) {
  const Catalog& c = app.catalog;
  const Matching& m = app.matching;
  ui::heading(c.t("explorer_map_title"));
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::min(width * 1.15f, ImGui::GetIO().DisplaySize.y * 0.62f);
  const ImVec2 size(width, std::max(220.0f, height));
  if (pixels_per_degree_ <= 0) pixels_per_degree_ = std::min(size.x / (4.2 * lon_scale), size.y / 3.1);
  // Until the visitor moves the map, it shows their ring of travel whole.
  if (const auto& visitor = m.visitor(); visitor && !moved_by_visitor_ &&
      (visitor->max_distance_km != fitted_for_km_ || visitor->lat != fitted_lat_ || visitor->lon != fitted_lon_)) {
    fitted_for_km_ = visitor->max_distance_km;
    fitted_lat_ = centre_lat_ = visitor->lat;
    fitted_lon_ = centre_lon_ = visitor->lon;
    pixels_per_degree_ = std::clamp(std::min(size.x, size.y) * 0.42 * km_per_degree_lat / visitor->max_distance_km, 60.0, 20000.0);
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("map", size);
  ui::mark("map");
  app.input().drag_area(origin, ImVec2(origin.x + size.x, origin.y + size.y));
  const bool active = ImGui::IsItemActive(), hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  Input& input = app.input();
  // Pan with one finger or the mouse; zoom with two fingers, the wheel or the buttons.
  if (active) {
    if (input.pinching()) {
      const float before = input.pinch_distance_before(), now = input.pinch_distance();
      if (before > 1 && now > 1) pixels_per_degree_ = std::clamp(pixels_per_degree_ * now / before, 60.0, 20000.0);
      moved_by_visitor_ = true;
    } else if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) {
      centre_lon_ -= io.MouseDelta.x / (lon_scale * pixels_per_degree_);
      centre_lat_ += io.MouseDelta.y / pixels_per_degree_;
      if (std::abs(ImGui::GetMouseDragDelta().x) + std::abs(ImGui::GetMouseDragDelta().y) > 6) dragged_ = moved_by_visitor_ = true;
    }
  }
  if (hovered && io.MouseWheel != 0) {
    pixels_per_degree_ = std::clamp(pixels_per_degree_ * std::pow(1.2, io.MouseWheel), 60.0, 20000.0);
    moved_by_visitor_ = true;
  }
  centre_lat_ = std::clamp(centre_lat_, 50.5, 53.8);
  centre_lon_ = std::clamp(centre_lon_, 3.0, 7.5);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + size.x, origin.y + size.y);
  draw->PushClipRect(origin, end, true);
  draw->AddRectFilled(origin, end, IM_COL32(214, 230, 240, 255), 8);  // water
  auto fill = [&](const std::vector<std::pair<double, double>>& triangles, ImU32 colour) {
    for (std::size_t i = 0; i + 2 < triangles.size(); i += 3)
      draw->AddTriangleFilled(project(triangles[i].second, triangles[i].first, origin, size),
                              project(triangles[i + 1].second, triangles[i + 1].first, origin, size),
                              project(triangles[i + 2].second, triangles[i + 2].first, origin, size), colour);
  };
  // Without anti-aliasing neighbouring triangles meet without seams; the rings drawn over them are smooth.
  const ImDrawListFlags flags = draw->Flags;
  draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  fill(c.land_triangles(), IM_COL32(245, 241, 230, 255));
  draw->Flags = flags;
  for (const auto& ring : c.outline()) {
    std::vector<ImVec2> points;
    points.reserve(ring.points.size());
    for (const auto& [lon, lat] : ring.points) points.push_back(project(lat, lon, origin, size));
    draw->AddPolyline(points.data(), int(points.size()), IM_COL32(150, 140, 120, 255), ImDrawFlags_Closed, 1.2f);
  }
  // Every candidate of the other role, faint, then the matches numbered.
  if (m.has_pool()) {
    const core::Role other = app.answers.role == core::Role::newcomer ? core::Role::local : core::Role::newcomer;
    for (const auto& p : m.pool().profiles)
      if (p.role == other) draw->AddCircleFilled(project(p.lat, p.lon, origin, size), 2.0f, IM_COL32(120, 120, 120, 90));
  }
  if (const auto& visitor = m.visitor()) {
    const ImVec2 home = project(visitor->lat, visitor->lon, origin, size);
    const float ring = float(visitor->max_distance_km / km_per_degree_lat * pixels_per_degree_);
    draw->AddCircleFilled(home, ring, IM_COL32(0, 102, 153, 28), 64);
    draw->AddCircle(home, ring, ui::colour::accent, 64, 1.5f);
    draw->AddCircleFilled(home, 7, ui::colour::accent);
    draw->AddCircle(home, 9, ui::colour::card, 0, 2);
  }
  std::optional<std::size_t> tapped;
  const float tap_radius = input.touch() ? 22.0f : 12.0f;
  float nearest = tap_radius;
  // Matches in one postcode area share its centre: they are set apart on a
  // small circle around it so that each can be seen and tapped.
  std::vector<ImVec2> places(m.results().size());
  for (std::size_t i = 0; i < m.results().size(); ++i) {
    const core::Profile& p = m.pool().profiles[m.results()[i].index];
    places[i] = project(p.lat, p.lon, origin, size);
  }
  for (std::size_t i = 0; i < places.size(); ++i) {
    std::size_t same = 0, before = 0;
    for (std::size_t j = 0; j < places.size(); ++j)
      if (places[j].x == places[i].x && places[j].y == places[i].y) {
        ++same;
        if (j < i) ++before;
      }
    if (same > 1) {
      const float angle = float(before) * 6.2831853f / float(same);
      const float radius = 10.0f + 2.5f * float(same);
      places[i].x += radius * std::cos(angle);
      places[i].y += radius * std::sin(angle);
    }
  }
  for (std::size_t i = 0; i < m.results().size(); ++i) {
    const ImVec2 at = places[i];
    const bool chosen = selected_ == i;
    draw->AddCircleFilled(at, chosen ? 13.0f : 11.0f, chosen ? ui::colour::social : ui::colour::culture);
    const std::string number = std::to_string(i + 1);
    const ImVec2 text = ImGui::CalcTextSize(number.c_str());
    draw->AddText(ImVec2(at.x - text.x / 2, at.y - text.y / 2), ui::colour::card, number.c_str());
    const float d = std::hypot(io.MousePos.x - at.x, io.MousePos.y - at.y);
    if (d < nearest) {
      nearest = d;
      tapped = i;
    }
  }
  draw->PopClipRect();
  if (ImGui::IsItemDeactivated()) {
    if (!dragged_ && tapped) selected_ = *tapped;
    dragged_ = false;
  }
  // Zoom buttons on one line, at the end side.
  ui::flow_begin();
  if (ui::chip("map.zoom_in", "+", false)) {
    pixels_per_degree_ = std::min(pixels_per_degree_ * 1.5, 20000.0);
    moved_by_visitor_ = true;
  }
  if (ui::chip("map.zoom_out", "−", false)) {
    pixels_per_degree_ = std::max(pixels_per_degree_ / 1.5, 60.0);
    moved_by_visitor_ = true;
  }
  if (ui::chip("map.fit", c.t("explorer_map_fit"), false)) {
    moved_by_visitor_ = true;
    centre_lat_ = 52.15;
    centre_lon_ = 5.3;
    pixels_per_degree_ = std::min(size.x / (4.2 * lon_scale), size.y / 3.1);
  }
  ui::flow_end();
  if (selected_ && *selected_ < m.results().size()) {
    const MatchResult& result = m.results()[*selected_];
    const core::Profile& p = m.pool().profiles[result.index];
    ui::text(std::to_string(*selected_ + 1) + ". " +
             c.format("explorer_card_title", {{"name", p.display_name}, {"age", std::to_string(result.explanation.age_b)}}));
    ui::hint(result.words);
  } else {
    ui::hint(c.t("explorer_map_hint"));
  }
  ui::hint(c.t("explorer_map_credit"));
}

}  // namespace blendin::explorer
