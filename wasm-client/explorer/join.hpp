// Joining Blendin from the explorer, on a page served with the API (`blendin
// serve`): after the visitor's consent, their answers become their profile
// on the server under a name they choose, so that coordinators can introduce
// them to people near them, and their matches come from the people who
// joined. The page does the HTTP and keeps the token (explorer.mjs); this
// draws the choice and says what happened.
#pragma once

#include <string>
#include <string_view>

namespace blendin::explorer {

class App;

struct Joining {
  bool server = false;  // the page found the API
  enum class State { open, sending, joined, failed } state = State::open;
  char name[33] = "";
  char contact[65] = "";  // a phone number or an e-mail address, for Blendin only
  bool visible = true;
  bool consent = false;
  std::string joined_name;
  std::string message;  // the server's words when it refused

  // From the page: {"state": "open" | "joined" | "failed", "name", "message"}.
  void receive(std::string_view json);
};

void draw_joining(App& app);

}  // namespace blendin::explorer
