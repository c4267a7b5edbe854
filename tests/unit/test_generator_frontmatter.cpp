// Front matter errors name the line and column in the file (front matter included).
#include <doctest/doctest.h>

#include "../../generator/src/load.hpp"

using namespace blendin::generator;

namespace {

Site small_site() {
  Site site;
  site.config.timezone = "Europe/Amsterdam";
  site.config.languages = {{"nl", "Nederlands", "ltr"}, {"en", "English", "ltr"}};
  site.config.default_language = "nl";
  site.interests.ids = {"cooking"};
  site.interests.labels["cooking"]["en"] = "Cooking";
  return site;
}

std::vector<std::string> errors_for(const std::string& text, Section section = Section::event) {
  Site site = small_site();
  Document document;
  document.section = section;
  document.display_path = "events/2027/x.nl.md";
  DiagnosticList errors;
  parse_document(site, document, text, errors);
  std::vector<std::string> out;
  for (const auto& d : errors.sorted()) out.push_back(d.to_string());
  return out;
}

const std::string valid_event =
    "---\ntitle: Kookavond\nstart: 2027-02-13T18:00\npillar: social\nlocation:\n  name: Buurthuis\n---\nBody\n";

}  // namespace

TEST_CASE("generator::parse_document accepts a valid event and finds its body") {
  Site site = small_site();
  Document document;
  document.section = Section::event;
  document.display_path = "x.nl.md";
  DiagnosticList errors;
  parse_document(site, document, valid_event, errors);
  CHECK(errors.empty());
  CHECK(document.title == "Kookavond");
  CHECK(document.body == "Body\n");
  CHECK(document.body_line == 8);
}

TEST_CASE("generator::parse_document reports file:line:column for each mistake") {
  SUBCASE("a wrong pillar points at its value") {
    auto errors = errors_for("---\ntitle: X\nstart: 2027-02-13T18:00\npillar: sport\nlocation: {name: B}\n---\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "events/2027/x.nl.md:4:9: pillar: expected one of social, culture, work, got \"sport\"");
  }
  SUBCASE("an unknown interest points at the id in the list") {
    auto errors = errors_for(
        "---\ntitle: X\nstart: 2027-02-13T18:00\npillar: work\nonline: https://a.example\ninterests: [cooking, knitting]\n---\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "events/2027/x.nl.md:6:22: interests: unknown id \"knitting\", expected an id from data/interests.yaml");
  }
  SUBCASE("all errors at once, in file order") {
    auto errors = errors_for("---\ntitle: [a]\nstart: 2027-03-28T02:30\npillar: work\ncapacity: -3\n---\n");
    REQUIRE(errors.size() == 4);
    CHECK(errors[0] ==
          "events/2027/x.nl.md:1:1: location: required unless the event is online, expected a map with name, city, ...");
    CHECK(errors[1] == "events/2027/x.nl.md:2:8: title: expected a text, got a list");
    CHECK(errors[2].rfind("events/2027/x.nl.md:3:8: start: \"2027-03-28T02:30\" does not exist in Europe/Amsterdam", 0) == 0);
    CHECK(errors[3] == "events/2027/x.nl.md:5:11: capacity: expected a whole number from 0 to 100000, got \"-3\"");
  }
  SUBCASE("a list left open, at the line that opens it (YAML notices it only on the line after)") {
    auto errors = errors_for("---\ntitle: x\nweight: [1, 2\n---\n", Section::page);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] ==
          "events/2027/x.nl.md:3:9: the [ that opens the value of \"weight\" is never closed: expected ] at the end of "
          "the list, such as [cooking, music]");
  }
  SUBCASE("another YAML syntax error, in YAML's words at its mark") {
    auto errors = errors_for("---\ntitle: x\nweight: *nergens\n---\n", Section::page);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].rfind("events/2027/x.nl.md:3:9: YAML: ", 0) == 0);
  }
  SUBCASE("no front matter") {
    auto errors = errors_for("# Just Markdown\n", Section::page);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] ==
          "events/2027/x.nl.md:1:1: expected front matter: a first line \"---\", then YAML (title: ...), then \"---\"");
  }
}

TEST_CASE("generator::parse_document refuses text no output can carry and names where") {
  SUBCASE("invalid UTF-8 in a title") {
    auto errors = errors_for("---\ntitle: Caf\xe9\nstart: 2027-02-13T18:00\npillar: social\nonline: https://a.example\n---\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "events/2027/x.nl.md:2:11: invalid UTF-8 (byte 0xE9): expected UTF-8 text");
  }
  SUBCASE("a control character in the body") {
    auto errors = errors_for("---\ntitle: X\n---\n\nline one\nbell \x07 here\n", Section::page);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "events/2027/x.nl.md:6:6: control character U+0007: expected text without control characters");
  }
  SUBCASE("a YAML escape that decodes to a control character") {
    auto errors = errors_for("---\ntitle: \"Film\\x01\"\n---\n", Section::page);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "events/2027/x.nl.md:2:8: YAML: control character U+0001: expected text without control characters");
  }
  SUBCASE("a key given twice") {
    auto errors = errors_for("---\ntitle: Eerste\nweight: 1\ntitle: Tweede\n---\n", Section::page);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "events/2027/x.nl.md:4:1: YAML: duplicate key \"title\": expected each key once");
  }
  SUBCASE("a byte order mark before the front matter is dropped") {
    auto errors = errors_for("\xef\xbb\xbf---\ntitle: X\n---\nBody\n", Section::page);
    CHECK(errors.empty());
  }
}

TEST_CASE("generator::parse_document reads numbers at the width they are checked at") {
  const std::string event = "---\ntitle: X\nstart: 2027-02-13T18:00\npillar: social\nonline: https://a.example\n";
  auto errors = errors_for(event + "capacity: 4294967297\nweight: 9223372036854775808\n---\n");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == "events/2027/x.nl.md:6:11: capacity: expected a whole number from 0 to 100000, got \"4294967297\"");
  CHECK(errors[1] ==
        "events/2027/x.nl.md:7:9: weight: expected a whole number from -1000000 to 1000000, got \"9223372036854775808\"");
  CHECK(errors_for(event + "capacity: 0\nweight: -1000000\n---\n").empty());
}

TEST_CASE("generator::parse_document refuses slugs that would break a URL") {
  for (const std::string& slug : std::vector<std::string>{"wat?", "a#b", "a\\\\b", "a/b", "..", "a%2F", "met spatie"}) {
    CAPTURE(slug);
    auto errors = errors_for("---\ntitle: X\nslug: \"" + slug + "\"\n---\n", Section::page);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].rfind("events/2027/x.nl.md:3:7: slug: ", 0) == 0);
  }
  CHECK(errors_for("---\ntitle: X\nslug: koken-in-utrecht\n---\n", Section::page).empty());
}

TEST_CASE("generator::misspelt_key finds the known key one edit away") {
  CHECK(misspelt_key("canceled", front_matter_keys) == "cancelled");        // a letter dropped
  CHECK(misspelt_key("registraton", front_matter_keys) == "registration");  // a letter dropped
  CHECK(misspelt_key("pilar", front_matter_keys) == "pillar");
  CHECK(misspelt_key("locaton", front_matter_keys) == "location");
  CHECK(misspelt_key("titel", front_matter_keys) == "title");  // two neighbours swapped
  CHECK(misspelt_key("Title", front_matter_keys) == "title");  // case alone
  CHECK(misspelt_key("prize", front_matter_keys) == "price");  // a letter changed
  CHECK(misspelt_key("postcod", location_keys) == "postcode");
  CHECK(misspelt_key("long", location_keys) == "lon");
  SUBCASE("two edits only for keys of eight letters or more") {
    CHECK(misspelt_key("regstraton", front_matter_keys) == "registration");
    CHECK(misspelt_key("welcome_beginers", front_matter_keys) == "welcomes_beginners");
    CHECK(misspelt_key("prijs", front_matter_keys).empty());  // price is five letters
    CHECK(misspelt_key("titels", front_matter_keys).empty());
  }
  SUBCASE("keys of their own are left alone") {
    for (const char* key : {"organiser", "menu", "aliases", "subtitle", "contact", "summary", "tags", "author", "layout"})
      CHECK_MESSAGE(misspelt_key(key, front_matter_keys).empty(), key);
  }
}

TEST_CASE("generator::parse_document refuses a misspelt key and keeps other unknown keys") {
  SUBCASE("a misspelt key at its own place, with the key it was meant to be") {
    auto errors =
        errors_for("---\ntitle: X\nstart: 2027-02-13T18:00\npillar: social\nlocation: {name: B}\ncanceled: true\n---\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "events/2027/x.nl.md:6:1: unknown key \"canceled\": did you mean \"cancelled\"?");
  }
  SUBCASE("a near key beside the known key is a key of its own") {
    CHECK(errors_for("---\ntitle: X\nstart: 2027-02-13T18:00\npillar: social\nlocation: {name: B}\nprice: 0\nprices: [1]\n---\n")
              .empty());
  }
  SUBCASE("a page is checked too") {
    auto errors = errors_for("---\ntitle: X\ndarft: true\n---\n", Section::page);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "events/2027/x.nl.md:3:1: unknown key \"darft\": did you mean \"draft\"?");
  }
}

TEST_CASE("generator::parse_document explains YAML that parses but is not what was meant") {
  SUBCASE("a single line without the space after its colon is text, not a key") {
    auto errors = errors_for("---\ntitle:Hallo\n---\n", Section::page);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] ==
          "events/2027/x.nl.md:2:7: no space after \"title:\": expected \"title: Hallo\", a space between the colon "
          "and the value");
  }
  SUBCASE("a location whose only line lacks the space") {
    auto errors = errors_for("---\ntitle: X\nstart: 2027-02-13T18:00\npillar: social\nlocation:\n  name:Huis\n---\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] ==
          "events/2027/x.nl.md:6:8: no space after \"name:\": expected \"name: Huis\", a space between the colon "
          "and the value");
  }
}

TEST_CASE("generator::parse_document refuses places outside the Netherlands and postcodes that are not Dutch") {
  auto place = [](const std::string& location) {
    return errors_for("---\ntitle: X\nstart: 2027-02-13T18:00\npillar: social\nlocation: {name: B, " + location + "}\n---\n");
  };
  CHECK(place("lat: 52.0907, lon: 5.1214").empty());   // Utrecht
  CHECK(place("lat: 53.47, lon: 6.15").empty());       // Schiermonnikoog
  CHECK(place("lat: 50.76, lon: 6.02").empty());       // Vaals
  CHECK(place("lat: 51.37, lon: 3.38").empty());       // Cadzand
  CHECK(place("lat: 53.17, lon: 7.2").empty());        // Bad Nieuweschans
  CHECK(place("lat: 12.1, lon: -68.9").size() == 2);   // Curaçao: not the European Netherlands
  CHECK(place("lat: 52.52, lon: 13.40").size() == 1);  // Berlin: the longitude alone
  CHECK(place("postcode: 3511 AB").empty());
  CHECK(place("postcode: 3511AB").empty());
  CHECK(place("postcode: \"9999\"").empty());
  for (const char* wrong :
       {"3511 ab", "0511 AB", "3511 SA", "3511 SD", "3511 SS", "351 AB", "35111 AB", "3511  AB", "3511-AB", "AB 3511", "\"\""})
    CHECK_MESSAGE(place(std::string("postcode: ") + wrong).size() == 1, wrong);
}
