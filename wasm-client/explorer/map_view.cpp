#include "map_view.hpp"

#include "app.hpp"
#include "widgets.hpp"
#include "words.hpp"

#include <algorithm>
#include <cmath>

namespace blendin::explorer {

namespace {

// East-west distances shrink with the cosine of the latitude; at the
// country's middle (52.2 N) the map is true to shape.
constexpr double lon_scale = 0.6129070536529764;  // cos(52.2 degrees)
constexpr double km_per_degree_lat = 111.2;
constexpr double min_pixels_per_degree = 60, max_pixels_per_degree = 20000;

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
  ui::heading(app.catalog.t("explorer_map_title"));
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::min(width * 1.15f, ImGui::GetIO().DisplaySize.y * 0.62f);
  const Frame frame{ImGui::GetCursorScreenPos(), ImVec2(width, std::max(220.0f, height))};
  if (pixels_per_degree_ <= 0) pixels_per_degree_ = country_scale(frame.size);
  fit_to_visitor(app, frame.size);
  ImGui::InvisibleButton("map", frame.size);
  ui::mark("map");
  app.input().drag_area(frame.origin, frame.end());
  move_by_gestures(app);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(frame.origin, frame.end(), true);
  draw_country(draw, app.catalog, frame);
  draw_people(draw, app, frame);
  const std::optional<std::size_t> tapped = draw_matches(draw, app, frame);
  draw->PopClipRect();
  if (ImGui::IsItemDeactivated()) {
    if (!dragged_ && tapped) selected_ = *tapped;
    dragged_ = false;
  }
  draw_zoom_buttons(app.catalog, frame.size);
  draw_caption(app);
}

double MapView::country_scale(ImVec2 size) { return std::min(size.x / (4.2 * lon_scale), size.y / 3.1); }

void MapView::zoom_to(double pixels_per_degree) {
  pixels_per_degree_ = std::clamp(pixels_per_degree, min_pixels_per_degree, max_pixels_per_degree);
}

void MapView::fit_to_visitor(const App& app, ImVec2 size) {
  // Until the visitor moves the map, it shows their ring of travel whole.
  const auto& visitor = app.matching.visitor();
  if (!visitor || moved_by_visitor_ ||
      (visitor->max_distance_km == fitted_for_km_ && visitor->lat == fitted_lat_ && visitor->lon == fitted_lon_))
    return;
  fitted_for_km_ = visitor->max_distance_km;
  fitted_lat_ = centre_lat_ = visitor->lat;
  fitted_lon_ = centre_lon_ = visitor->lon;
  zoom_to(std::min(size.x, size.y) * 0.42 * km_per_degree_lat / visitor->max_distance_km);
}

void MapView::move_by_gestures(App& app) {
  // Pan with one finger or the mouse; zoom with two fingers or the wheel.
  const ImGuiIO& io = ImGui::GetIO();
  Input& input = app.input();
  if (ImGui::IsItemActive()) {
    if (input.pinching()) {
      const float before = input.pinch_distance_before(), now = input.pinch_distance();
      if (before > 1 && now > 1) zoom_to(pixels_per_degree_ * now / before);
      moved_by_visitor_ = true;
    } else if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) {
      centre_lon_ -= io.MouseDelta.x / (lon_scale * pixels_per_degree_);
      centre_lat_ += io.MouseDelta.y / pixels_per_degree_;
      const ImVec2 dragged = ImGui::GetMouseDragDelta();
      if (std::abs(dragged.x) + std::abs(dragged.y) > 6) dragged_ = moved_by_visitor_ = true;
    }
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
    zoom_to(pixels_per_degree_ * std::pow(1.2, io.MouseWheel));
    moved_by_visitor_ = true;
  }
  centre_lat_ = std::clamp(centre_lat_, 50.5, 53.8);
  centre_lon_ = std::clamp(centre_lon_, 3.0, 7.5);
}

void MapView::draw_country(ImDrawList* draw, const Catalog& c, const Frame& frame) const {
  draw->AddRectFilled(frame.origin, frame.end(), IM_COL32(214, 230, 240, 255), 8);  // water
  // Without anti-aliasing neighbouring triangles meet without seams; the rings drawn over them are smooth.
  const ImDrawListFlags flags = draw->Flags;
  draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  const auto& triangles = c.land_triangles();
  const auto corner = [&](std::size_t i) { return project(triangles[i].second, triangles[i].first, frame.origin, frame.size); };
  for (std::size_t i = 0; i + 2 < triangles.size(); i += 3)
    draw->AddTriangleFilled(corner(i), corner(i + 1), corner(i + 2), IM_COL32(245, 241, 230, 255));
  draw->Flags = flags;
  for (const auto& ring : c.outline()) {
    std::vector<ImVec2> points;
    points.reserve(ring.points.size());
    for (const auto& [lon, lat] : ring.points) points.push_back(project(lat, lon, frame.origin, frame.size));
    draw->AddPolyline(points.data(), int(points.size()), IM_COL32(150, 140, 120, 255), ImDrawFlags_Closed, 1.2f);
  }
}

void MapView::draw_people(ImDrawList* draw, const App& app, const Frame& frame) const {
  // Every candidate of the other role, faint; the visitor's home and ring of travel.
  const Matching& m = app.matching;
  if (m.has_pool()) {
    const core::Role other = app.answers.role == core::Role::newcomer ? core::Role::local : core::Role::newcomer;
    for (const auto& p : m.pool().profiles)
      if (p.role == other)
        draw->AddCircleFilled(project(p.lat, p.lon, frame.origin, frame.size), 2.0f, IM_COL32(120, 120, 120, 90));
  }
  if (const auto& visitor = m.visitor()) {
    const ImVec2 home = project(visitor->lat, visitor->lon, frame.origin, frame.size);
    const float ring = float(visitor->max_distance_km / km_per_degree_lat * pixels_per_degree_);
    draw->AddCircleFilled(home, ring, IM_COL32(0, 102, 153, 28), 64);
    draw->AddCircle(home, ring, ui::colour::accent, 64, 1.5f);
    draw->AddCircleFilled(home, 7, ui::colour::accent);
    draw->AddCircle(home, 9, ui::colour::card, 0, 2);
  }
}

std::vector<ImVec2> MapView::match_places(const Matching& m, const Frame& frame) const {
  // Matches in one postcode area share its centre: they are set apart on a
  // small circle around it so that each can be seen and tapped.
  std::vector<ImVec2> centres(m.results().size());
  for (std::size_t i = 0; i < m.results().size(); ++i) {
    const core::Profile& p = m.pool().profiles[m.results()[i].index];
    centres[i] = project(p.lat, p.lon, frame.origin, frame.size);
  }
  std::vector<ImVec2> places = centres;
  for (std::size_t i = 0; i < centres.size(); ++i) {
    std::size_t same = 0, before = 0;
    for (std::size_t j = 0; j < centres.size(); ++j)
      if (centres[j].x == centres[i].x && centres[j].y == centres[i].y) {
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
  return places;
}

std::optional<std::size_t> MapView::draw_matches(ImDrawList* draw, App& app, const Frame& frame) const {
  // The matches numbered; returns the one nearest the pointer, within reach of a finger or a mouse.
  const ImGuiIO& io = ImGui::GetIO();
  const std::vector<ImVec2> places = match_places(app.matching, frame);
  std::optional<std::size_t> nearest_match;
  float nearest = app.input().touch() ? 22.0f : 12.0f;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const ImVec2 at = places[i];
    const bool chosen = selected_ == i;
    draw->AddCircleFilled(at, chosen ? 13.0f : 11.0f, chosen ? ui::colour::social : ui::colour::culture);
    const std::string number = std::to_string(i + 1);
    const ImVec2 text = ImGui::CalcTextSize(number.c_str());
    draw->AddText(ImVec2(at.x - text.x / 2, at.y - text.y / 2), ui::colour::card, number.c_str());
    const float d = std::hypot(io.MousePos.x - at.x, io.MousePos.y - at.y);
    if (d < nearest) {
      nearest = d;
      nearest_match = i;
    }
  }
  return nearest_match;
}

void MapView::draw_zoom_buttons(const Catalog& c, ImVec2 size) {
  // On one line, at the end side.
  ui::flow_begin();
  if (ui::chip("map.zoom_in", "+", false)) {
    zoom_to(pixels_per_degree_ * 1.5);
    moved_by_visitor_ = true;
  }
  if (ui::chip("map.zoom_out", "−", false)) {
    zoom_to(pixels_per_degree_ / 1.5);
    moved_by_visitor_ = true;
  }
  if (ui::chip("map.fit", c.t("explorer_map_fit"), false)) {
    moved_by_visitor_ = true;
    centre_lat_ = 52.15;
    centre_lon_ = 5.3;
    pixels_per_degree_ = country_scale(size);
  }
  ui::flow_end();
}

void MapView::draw_caption(const App& app) const {
  const Catalog& c = app.catalog;
  const Matching& m = app.matching;
  if (selected_ && *selected_ < m.results().size()) {
    const MatchResult& result = m.results()[*selected_];
    const core::Profile& p = m.pool().profiles[result.index];
    ui::text(std::to_string(*selected_ + 1) + ". " +
             c.format("explorer_card_title", {{"name", p.display_name}, {"age", shown_age(result.explanation.age_b)}}));
    ui::hint(result.words);
  } else {
    ui::hint(c.t("explorer_map_hint"));
  }
  ui::hint(c.t("explorer_map_credit"));
}

}  // namespace blendin::explorer
