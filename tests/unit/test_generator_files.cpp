// Names from content that may become paths, and paths that must stay inside their root.
#include <doctest/doctest.h>

#include "../../generator/src/files.hpp"
#include "temporary_folder.hpp"

#include <unistd.h>

#include <fstream>

using namespace blendin::generator;
namespace fs = std::filesystem;

namespace {

using TempFolder = blendin::test::TemporaryFolder;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("generator::relative_path_problem accepts plain relative paths only") {
  CHECK(relative_path_problem("photo.jpg") == "");
  CHECK(relative_path_problem("images/2027/photo.jpg") == "");
  CHECK(relative_path_problem("foto's van café.jpg") == "");
  CHECK(relative_path_problem("") == "is empty");
  CHECK(relative_path_problem("/etc/hostname") == "is absolute");
  CHECK(relative_path_problem("../../etc/hostname") == "has a \"..\" part");
  CHECK(relative_path_problem("images/../../x") == "has a \"..\" part");
  CHECK(relative_path_problem("./x") == "has a \".\" part");
  CHECK(relative_path_problem("a//b") == "has an empty part");
  CHECK(relative_path_problem("a/") == "has an empty part");
  CHECK(relative_path_problem("..\\x") == "holds a backslash");
  CHECK(relative_path_problem("a\nb") == "holds a control character");
  CHECK(relative_path_problem("caf\xe9.jpg") == "is not UTF-8");
}

TEST_CASE("generator::url_segment_problem refuses what would break a URL or a folder") {
  CHECK(url_segment_problem("koken-in-utrecht") == "");
  CHECK(url_segment_problem("_index") == "");
  CHECK(url_segment_problem("مقهى-اللغة") == "");
  for (const std::string& bad :
       std::vector<std::string>{"a?b", "a#b", "a\\b", "a/b", "a%2e", "a b", "a\nb", ".", "..", ".hidden", ""}) {
    CAPTURE(bad);
    CHECK(url_segment_problem(bad) != "");
  }
  CHECK(url_segment_problem("a?b") ==
        "\"a?b\" holds '?': expected a URL segment of letters, digits and dashes, such as koken-in-utrecht");
  CHECK(url_segment_problem("a\nb") ==
        "control character in \"a\\x0ab\": expected a URL segment of letters, digits and dashes, such as koken-in-utrecht");
}

TEST_CASE("generator::language_code_problem accepts language tags only") {
  for (const std::string& good :
       std::vector<std::string>{"nl", "en", "ar", "fa", "uk", "ti", "fil", "pt-BR", "zh-Hant", "sr-Latn-RS"}) {
    CAPTURE(good);
    CHECK(language_code_problem(good) == "");
  }
  for (const std::string& bad :
       std::vector<std::string>{"", "n", "NL", "../../X", "/tmp/x", "nl/", "nl_NL", "nl-", "-nl", "nl--BE", "abcd",
                                "nl@calendar=x", "nl.", "en-x", std::string(30, 'a')}) {
    CAPTURE(bad);
    CHECK(language_code_problem(bad) != "");
  }
  CHECK(language_code_problem("../../X") ==
        "expected a language code such as nl, en, ti or pt-BR (letters and '-' only), got \"../../X\"");
}

TEST_CASE("generator::resolve_inside follows links but never out of the root") {
  TempFolder temp;
  const fs::path root = temp.path / "content";
  write(root / "events/2027/photo.jpg", "jpg");
  write(temp.path / "secret", "outside");
  fs::create_symlink(temp.path / "secret", root / "events/2027/escape.jpg");
  fs::create_symlink("photo.jpg", root / "events/2027/alias.jpg");
  std::string problem;
  CHECK(resolve_inside(root, "events/2027/photo.jpg", problem));
  CHECK(resolve_inside(root, "events/2027/alias.jpg", problem));
  CHECK_FALSE(resolve_inside(root, "events/2027/missing.jpg", problem));
  CHECK(problem == "does not exist");
  CHECK_FALSE(resolve_inside(root, "events/2027/escape.jpg", problem));
  CHECK(problem == "leads outside " + root.generic_string() + " (a symbolic link to " +
                       fs::canonical(temp.path / "secret").generic_string() + ")");
}

TEST_CASE("generator::find_content_image refuses escapes and links out and active content") {
  TempFolder temp;
  const fs::path root = temp.path / "site";
  const std::string shown = "site";
  write(root / "events/2027/photo.jpg", "jpg");
  write(root / "events/2027/logo.svg", "<svg/>");
  write(root / "static/images/pit.png", "png");
  fs::create_symlink("/etc/hostname", root / "events/2027/host.jpg");
  const ContentFolders folders{root, shown};
  std::string problem;
  CHECK(find_content_image(folders, "events/2027", "photo.jpg", false, problem) == root / "events/2027/photo.jpg");
  CHECK(find_content_image(folders, "events/2027", "/images/pit.png", false, problem) == root / "static/images/pit.png");
  CHECK_FALSE(find_content_image(folders, "events/2027", "../../../../etc/hostname", false, problem));
  CHECK(problem ==
        "\"../../../../etc/hostname\" has a \"..\" part: expected a path inside site/events/2027, such as "
        "photo.jpg or images/photo.jpg");
  CHECK_FALSE(find_content_image(folders, "events/2027", "/../../etc/hostname", false, problem));
  CHECK(problem == "\"/../../etc/hostname\" has a \"..\" part: expected a path inside site/static, such as /images/photo.jpg");
  CHECK_FALSE(find_content_image(folders, "events/2027", "host.jpg", false, problem));
  CHECK(problem.rfind("\"host.jpg\" leads outside " + root.generic_string() + " (a symbolic link to ", 0) == 0);
  CHECK_FALSE(find_content_image(folders, "events/2027", "logo.svg", false, problem));
  CHECK(problem ==
        "\"logo.svg\" can run script in a visitor's browser (HTML, SVG, JavaScript or XML): expected an "
        "image such as .jpg, .png or .webp, or unsafeHTML: true in site.yaml");
  CHECK(find_content_image(folders, "events/2027", "logo.svg", true, problem));
}

TEST_CASE("generator::list_files lists files and reports links out of the root") {
  TempFolder temp;
  const fs::path root = temp.path / "site";
  write(root / "pages/b.nl.md", "b");
  write(root / "pages/a.nl.md", "a");
  write(root / "pages/sub/c.nl.md", "c");
  write(temp.path / "outside.md", "x");
  fs::create_symlink(temp.path / "outside.md", root / "pages/escape.nl.md");
  fs::create_symlink("a.nl.md", root / "pages/alias.nl.md");
  fs::create_symlink(root / "pages/sub", root / "pages/folder");
  DiagnosticList errors;
  const auto found = list_files(root, root / "pages", "site", errors);
  std::vector<std::string> relative;
  for (const auto& file : found) relative.push_back(file.relative);
  CHECK(relative == std::vector<std::string>{"pages/a.nl.md", "pages/alias.nl.md", "pages/b.nl.md", "pages/sub/c.nl.md"});
  const auto problems = errors.sorted();
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].to_string() == "site/pages/escape.nl.md: leads outside " + root.generic_string() + " (a symbolic link to " +
                                       fs::canonical(temp.path / "outside.md").generic_string() + "), expected a file inside " +
                                       root.generic_string());
  CHECK(problems[1].to_string() == "site/pages/folder: a symbolic link to a folder: expected a file or a folder of its own");
}
