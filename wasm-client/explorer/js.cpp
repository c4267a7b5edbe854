#include "js.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace {

// Each passes text as (pointer, length) and lets the page decode it.
EM_JS(void, hook_first_frame, (), { Module.hooks.firstFrame(); });
EM_JS(void, hook_want_text_input, (int kind), { Module.hooks.wantTextInput(kind); });
EM_JS(void, hook_results, (const char* text, int length), { Module.hooks.results(UTF8ToString(text, length)); });
EM_JS(void, hook_open_url, (const char* text, int length), { Module.hooks.openUrl(UTF8ToString(text, length)); });
EM_JS(void, hook_download, (const char* name, int name_length, const char* mime, int mime_length, const char* bytes, int length),
      {
        Module.hooks.download(UTF8ToString(name, name_length), UTF8ToString(mime, mime_length),
                              HEAPU8.slice(bytes, bytes + length));
      });
EM_JS(void, hook_pick_pool_file, (), { Module.hooks.pickPoolFile(); });
EM_JS(void, hook_remember, (const char* text, int length), { Module.hooks.rememberAnswers(UTF8ToString(text, length)); });
EM_JS(void, hook_status, (const char* kind, int kind_length, const char* text, int length),
      { Module.hooks.status(UTF8ToString(kind, kind_length), UTF8ToString(text, length)); });

EM_JS(void, hook_join, (const char* text, int length), { Module.hooks.join(UTF8ToString(text, length)); });
EM_JS(void, hook_leave, (), { Module.hooks.leave(); });

int size(std::string_view text) { return static_cast<int>(text.size()); }

}  // namespace

namespace blendin::explorer::js {

void first_frame() { hook_first_frame(); }
void want_text_input(int kind) { hook_want_text_input(kind); }
void results_changed(std::string_view json) { hook_results(json.data(), size(json)); }
void open_url(std::string_view url) { hook_open_url(url.data(), size(url)); }
void download(std::string_view name, std::string_view mime, std::string_view bytes) {
  hook_download(name.data(), size(name), mime.data(), size(mime), bytes.data(), size(bytes));
}
void pick_pool_file() { hook_pick_pool_file(); }
void remember_answers(std::string_view json) { hook_remember(json.data(), size(json)); }
void status(std::string_view kind, std::string_view message) {
  hook_status(kind.data(), size(kind), message.data(), size(message));
}

void join(std::string_view json) { hook_join(json.data(), size(json)); }
void leave() { hook_leave(); }

}  // namespace blendin::explorer::js
