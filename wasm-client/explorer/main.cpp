// The explorer's WebAssembly interface and main loop. The page glue
// (wasm-client/web/explorer.mjs) fetches everything, hands it over with
// explorer_receive, feeds pointer, keyboard and text input, and answers the
// calls below that start with js_. Frames are drawn only while something
// changes (input, data, an animation), so an idle page costs nothing.
#include "app.hpp"
#include "input.hpp"
#include "js.hpp"
#include "widgets.hpp"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <memory>
#include <string>

namespace {

using blendin::explorer::App;
using blendin::explorer::Input;

GLFWwindow* window = nullptr;
std::unique_ptr<App> app;
Input input;
int frames_wanted = 2;  // draw while > 0; input and data ask for a few more
bool first_frame_drawn = false;
std::string state_json;  // explorer_state's answer, valid until the next call

void draw_frame() {
  ImGuiIO& io = ImGui::GetIO();
  if (app->fonts_changed()) {
    app->build_fonts(input.pixel_ratio());
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  input.apply(io);  // the page's pointer and size, over what GLFW polled
  ImGui::NewFrame();
  app->draw(input);
  ImGui::Render();
  glViewport(0, 0, input.framebuffer_width(), input.framebuffer_height());
  glClearColor(0.98f, 0.97f, 0.95f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (input.after_frame() || app->wants_another_frame()) frames_wanted = std::max(frames_wanted, 2);
  if (io.WantTextInput != input.text_input_shown()) {
    input.set_text_input_shown(io.WantTextInput);
    blendin::explorer::js::want_text_input(io.WantTextInput ? (blendin::explorer::ui::active_text_is_digits() ? 2 : 1) : 0);
    frames_wanted = std::max(frames_wanted, 2);
  }
  if (!first_frame_drawn) {
    first_frame_drawn = true;
    blendin::explorer::js::first_frame();
  }
}

// Each frame timed for the page's benchmark (App::state_json's frame_ms).
void timed_frame() {
  const double start = emscripten_get_now();
  draw_frame();
  app->set_last_frame_ms(emscripten_get_now() - start);
}

void main_loop() {
  if (!app || frames_wanted <= 0) return;
  --frames_wanted;
  timed_frame();
}

// Input that changes what a tap does runs a frame at once, inside the page's
// event handler: a tap on a text field must focus the page's text input while
// the browser still counts the tap as the user's gesture (phones show their
// keyboard only then), and a tap shorter than a frame must not be lost.
void draw_now() {
  frames_wanted = std::max(frames_wanted, 3);
  if (app) timed_frame();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void explorer_start(const char* lang, int rtl) {
  if (!app) app = std::make_unique<App>();
  glfwInit();
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  window = glfwCreateWindow(input.css_width(), input.css_height(), "Blendin", nullptr, nullptr);
  glfwMakeContextCurrent(window);
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  // The page feeds input itself (Input): GLFW's own listeners are kept off.
  ImGui_ImplGlfw_InitForOpenGL(window, false);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  app->start(lang, rtl != 0);
  emscripten_set_main_loop(main_loop, 0, false);
}

// Data from the page: kind names what it is (see App::receive).
EMSCRIPTEN_KEEPALIVE void explorer_receive(const char* kind, const char* data, int length) {
  if (!app) app = std::make_unique<App>();
  app->receive(kind, std::string_view(data, static_cast<std::size_t>(length)));
  frames_wanted = std::max(frames_wanted, 3);
}

EMSCRIPTEN_KEEPALIVE void explorer_resize(double css_width, double css_height, double pixel_ratio) {
  input.resize(css_width, css_height, pixel_ratio);
  if (app) app->pixel_ratio_changed(pixel_ratio);
  frames_wanted = std::max(frames_wanted, 3);
}

// kind: 0 down, 1 move, 2 up, 3 cancel; x and y in CSS pixels from the canvas' top left.
EMSCRIPTEN_KEEPALIVE void explorer_pointer(int kind, int pointer_id, double x, double y, int is_touch) {
  input.pointer(static_cast<Input::PointerKind>(kind), pointer_id, x, y, is_touch != 0);
  if (kind == 1)
    frames_wanted = std::max(frames_wanted, 2);
  else
    draw_now();
}

EMSCRIPTEN_KEEPALIVE void explorer_wheel(double dx, double dy) {
  input.wheel(dx, dy);
  frames_wanted = std::max(frames_wanted, 2);
}

// A key as GLFW names it, pressed (1) or released (0).
EMSCRIPTEN_KEEPALIVE void explorer_key(int glfw_key, int action, int mods) {
  if (!app) return;
  ImGui_ImplGlfw_KeyCallback(window, glfw_key, 0, action, mods);
  draw_now();
}

// Text typed, composed or pasted into the page's text input.
EMSCRIPTEN_KEEPALIVE void explorer_text(const char* utf8) {
  if (!app) return;
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
  draw_now();
}

// What the page and its tests read: the widgets' places, the visitor's
// profile and the results (App::state_json).
EMSCRIPTEN_KEEPALIVE const char* explorer_state() {
  state_json = app ? app->state_json(input) : std::string("{}");
  return state_json.c_str();
}

}  // extern "C"

int main() { return 0; }
