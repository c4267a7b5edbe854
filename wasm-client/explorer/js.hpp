// Calls from the explorer to its page (wasm-client/web/explorer.mjs, which
// sets Module.hooks): everything that needs the browser stays in JavaScript.
#pragma once

#include <string_view>

namespace blendin::explorer::js {

void first_frame();
void want_text_input(int kind);                       // 0: none; 1: text; 2: digits: focus or blur the page's hidden text field
void results_changed(std::string_view results_json);  // the HTML list beside the canvas
void open_url(std::string_view url);
void download(std::string_view file_name, std::string_view mime_type, std::string_view bytes);
void pick_pool_file();                                         // the page answers with explorer_receive("coordinator_pool")
void remember_answers(std::string_view answers_json);          // empty: forget them
void status(std::string_view kind, std::string_view message);  // a failure or notice, also shown beside the canvas
void join(std::string_view registration_json);                 // the page answers with explorer_receive("joining")
void leave();                                                  // erase the visitor from the server; the page answers as join

}  // namespace blendin::explorer::js
