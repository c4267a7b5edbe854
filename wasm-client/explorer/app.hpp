// The explorer: the visitor's answers, their matches with what-if controls,
// the map, suggested events and the coordinators' tab, over one candidate
// pool. Every score and explanation comes from the matching core; this only
// draws them and says them in the page's language.
#pragma once

#include "catalog.hpp"
#include "coordinators.hpp"
#include "input.hpp"
#include "join.hpp"
#include "map_view.hpp"
#include "questionnaire.hpp"
#include "results.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::explorer {

enum class Tab { answers, matches, map, events, coordinators };

class App {
 public:
  // Data from the page (Catalog::receive's kinds, and "pool",
  // "coordinator_pool", "font:<script>", "answers", "now", "pool_status",
  // "pool_source" (demo or server), "server" (the API answered), "joining").
  void receive(std::string_view kind, std::string_view data);
  // Below this width (CSS pixels) the answers and the results share one column.
  static constexpr float wide_layout = 900;
  void start(std::string lang, bool rtl);

  bool fonts_changed() const { return fonts_dirty_; }
  void build_fonts(double pixel_ratio);
  void pixel_ratio_changed(double pixel_ratio);

  void draw(Input& input);
  bool wants_another_frame() const { return another_frame_; }
  // The time the last frame took; kept apart for the last frame that updated the results.
  void set_last_frame_ms(double ms) {
    last_frame_ms_ = ms;
    if (updated_this_frame_) update_frame_ms_ = ms;
  }
  // For the page and its tests: the widgets' boxes, the visitor's profile in
  // the wire format, the current results, the tab.
  std::string state_json(const Input& input) const;

  // Shared by the views.
  Catalog catalog;
  Answers answers;
  Matching matching;
  MapView map;
  Coordinators coordinators;
  Joining joining;
  Tab tab = Tab::answers;
  void show(Tab shown) {  // another tab, from its top
    tab_changed_ = tab != shown;
    tab = shown;
  }
  std::int64_t now_utc = 0;  // seconds; the page's clock, for upcoming events
  void show_match_on_map(std::size_t result);
  void changed() { answers_changed_ = true; }
  // The candidates are invented people (the demo pool), not the people who joined.
  bool demo_pool() const { return pool_source_ != "server"; }
  Input& input() { return *input_; }

 private:
  void draw_header();
  void draw_tabs(bool wide);
  void draw_tab(Tab tab);
  void apply_style();

  struct FontFile {
    std::string script;
    std::vector<unsigned char> bytes;
  };
  std::vector<FontFile> fonts_;
  bool fonts_dirty_ = false;
  bool answers_changed_ = true;
  bool another_frame_ = false;
  bool started_ = false;
  std::string pool_status_ = "loading";  // loading, ready, or a problem's kind
  std::string pool_source_ = "demo";     // demo: invented people; server: the people who joined
  Input* input_ = nullptr;               // the frame's
  bool tab_changed_ = false;             // a new tab starts at its top
  double last_frame_ms_ = 0, update_frame_ms_ = 0;
  bool updated_this_frame_ = false;
};

}  // namespace blendin::explorer
