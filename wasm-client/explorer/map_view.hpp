// A map of the Netherlands drawn with ImGui's draw lists from the shipped
// outline (Natural Earth): the visitor's town, the ring of how far they
// travel, every candidate at their area's centre and the matches numbered.
// Drag to pan, pinch, the wheel or the buttons to zoom, tap a match to see it.
#pragma once

#include <imgui.h>

#include <optional>
#include <utility>
#include <vector>

namespace blendin::explorer {

class App;
class Catalog;
class Matching;

class MapView {
 public:
  void draw(App& app);
  // Centres the map on a point and keeps it selected.
  void focus(double lat, double lon, std::optional<std::size_t> match);
  std::optional<std::size_t> selected() const { return selected_; }

 private:
  struct Frame {  // where the map is drawn, in screen pixels
    ImVec2 origin, size;
    ImVec2 end() const { return ImVec2(origin.x + size.x, origin.y + size.y); }
  };
  ImVec2 project(double lat, double lon, ImVec2 origin, ImVec2 size) const;
  static double country_scale(ImVec2 size);  // pixels per degree that show the whole country
  void zoom_to(double pixels_per_degree);    // within the zoom's limits
  void fit_to_visitor(const App& app, ImVec2 size);
  void move_by_gestures(App& app);
  void draw_country(ImDrawList* draw, const Catalog& c, const Frame& frame) const;
  void draw_people(ImDrawList* draw, const App& app, const Frame& frame) const;
  std::vector<ImVec2> match_places(const Matching& m, const Frame& frame) const;
  std::optional<std::size_t> draw_matches(ImDrawList* draw, App& app, const Frame& frame) const;
  void draw_zoom_buttons(const Catalog& c, ImVec2 size);
  void draw_caption(const App& app) const;

  double centre_lat_ = 52.15, centre_lon_ = 5.3;
  double pixels_per_degree_ = 0;  // 0: fit the country on first draw
  std::optional<std::size_t> selected_;
  bool dragged_ = false;
  bool moved_by_visitor_ = false;  // panned or zoomed: the map no longer follows the answers
  double fitted_for_km_ = 0, fitted_lat_ = 0, fitted_lon_ = 0;
};

}  // namespace blendin::explorer
