// Upcoming events for the visitor, ranked by the core's suggest_events from
// the site's own /api/v1/events.json, each linking to its page.
#pragma once

namespace blendin::explorer {

class App;

void draw_events(App& app);

}  // namespace blendin::explorer
