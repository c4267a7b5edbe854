// What laying out a string costs: the explorer lays out about a hundred per
// frame (and caches them). Prints figures; never fails on a timing.
#include <blendin/text/layout.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace blendin::text;

namespace {

template <typename Work>
void time(const char* name, int rounds, Work work) {
  std::size_t sink = 0;
  for (int i = 0; i < rounds / 10; ++i) sink += work();  // the engine compiles the hot code first
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) sink += work();
  const std::chrono::duration<double, std::micro> spent = std::chrono::steady_clock::now() - start;
  std::printf("%-44s %8.2f us per call  (%zu)\n", name, spent.count() / rounds, sink % 10);
}

}  // namespace

int main() {
  const std::vector<std::pair<const char*, std::string>> lines = {
      {"nl label, 16 chars", "Taaluitwisseling"},
      {"ar label, 9 chars", "كرة القدم"},
      {"fa label with a ZWNJ, 19 chars", "پیاده\u200cروی در طبیعت"},
      {"ar sentence with Latin words, 65 chars", "مقهى اللغة في Amsterdam: تبادل اللغات كل أسبوع، 5612 CK Eindhoven"},
  };
  for (const auto& line : lines)
    time((std::string("visual_line ") + line.first).c_str(), 20000,
         [&] { return visual_line(line.second, Direction::rtl).size(); });

  std::string paragraph;
  for (int i = 0; i < 4; ++i) paragraph += "Blendin به شش زبان در دسترس است. به چه زبانی می\u200cخواهید بخوانید؟ ";
  const auto advance = [](char32_t c) { return c == U' ' ? 4.0f : 8.0f; };
  time("wrap fa paragraph, 260 chars, 300 px lines", 5000, [&] { return wrap(paragraph, Direction::rtl, 300, advance).size(); });
}
