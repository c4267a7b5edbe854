// site.yaml's `organisation`: the facts about Blendin that the About, Contact
// and Privacy pages show (docs/content-pages.md). A field left empty (or
// absent) is not filled in yet; a field that is filled must have its form,
// so that a mistyped registration number or address never reaches a page.
#include "load.hpp"
#include "yaml_fields.hpp"

#include <algorithm>
#include <cctype>
#include <type_traits>

namespace blendin::generator {

namespace {

bool is_empty(const YamlNode& node) { return !node || node.IsNull() || (node.IsScalar() && node.Scalar().empty()); }

bool all_digits(const std::string& s, std::size_t count) {
  return s.size() == count && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

bool looks_like_email(const std::string& s) {
  const auto at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos && s.back() != '.' &&
         s.find_first_of(" \t<>\"'", 0) == std::string::npos && s.find('@', at + 1) == std::string::npos;
}

// Digits with the spaces, dashes, brackets and leading + people write in a
// phone number; at least 10 digits (a Dutch number, or one with its country code).
bool looks_like_phone(const std::string& s) {
  int digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c)))
      ++digits;
    else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || (c == '+' && i == 0)))
      return false;
  }
  return digits >= 10 && digits <= 15;
}

// A filled text field, or nothing when the field is empty or not a text.
std::optional<std::string> filled_text(const Place& place, const YamlNode& node, const std::string& key) {
  if (is_empty(node)) return std::nullopt;
  return get_string(place, node, key);
}

// A list of maps of `name` (required in each) and the other fields named.
template <typename Item>
std::vector<Item> read_list(const Place& place, const YamlNode& node, const std::string& key,
                            const std::vector<std::pair<std::string, std::string Item::*>>& fields) {
  std::vector<Item> items;
  if (is_empty(node)) return items;
  std::string names = "name";
  for (const auto& [field_name, member] : fields) names += (&field_name == &fields.back().first ? " or " : ", ") + field_name;
  std::string shape = key + ": expected a list of {name: ...";
  for (const auto& [field_name, member] : fields) shape += ", " + field_name + ": ...";
  shape += "}";
  if (!node.IsSequence()) {
    place.at(node, shape + ", got " + describe(node));
    return items;
  }
  for (const auto& entry : node) {
    if (!entry.IsMap()) {
      place.at(entry, shape + ", got " + describe(entry));
      continue;
    }
    Item item;
    bool usable = true;
    for (const auto& field : entry) {
      const std::string& name = field.first.Scalar();
      const auto known = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
      if (name != "name" && known == fields.end()) {
        place.at(field.first, key + ": unknown field \"" + name + "\", expected " + names);
        usable = false;
        continue;
      }
      const auto text = filled_text(place, field.second, key + ": " + name);
      if (!text) continue;
      if (name == "name") {
        item.name = *text;
      } else if (name == "url" && !looks_like_url(*text, false)) {
        place.at(field.second, key + ": url: expected an https:// address, got \"" + *text + "\"");
        usable = false;
      } else {
        item.*(known->second) = *text;
        if constexpr (std::is_same_v<Item, Organisation::Link>)
          if (name == "logo") item.logo_at = place.position(field.second);
      }
    }
    if (item.name.empty()) {
      place.at(entry, key + ": name: required in each item, expected a name");
      usable = false;
    }
    if (usable) items.push_back(std::move(item));
  }
  return items;
}

void read_address(Organisation& organisation, const Place& place, const YamlNode& node) {
  if (is_empty(node)) return;
  if (!node.IsMap()) {
    place.at(node, "address: expected a map {street: ..., postcode: ..., city: ...}, got " + describe(node));
    return;
  }
  for (const auto& field : node) {
    const std::string& key = field.first.Scalar();
    const auto text = key == "street" || key == "postcode" || key == "city" ? filled_text(place, field.second, "address: " + key)
                                                                            : std::optional<std::string>{};
    if (key != "street" && key != "postcode" && key != "city") {
      place.at(field.first, "address: unknown field \"" + key + "\", expected street, postcode or city");
    } else if (!text) {
      continue;
    } else if (key == "street") {
      organisation.street = *text;
    } else if (key == "postcode") {
      if (const std::string problem = postcode_problem(*text); problem.empty())
        organisation.postcode = *text;
      else
        place.at(field.second, "address: postcode: " + problem);
    } else {
      organisation.city = *text;
    }
  }
  if (organisation.street.empty() != organisation.city.empty() || (!organisation.postcode.empty() && organisation.city.empty()))
    place.at(node, "address: expected street, postcode and city together (a postal address needs each), or none of them");
}

}  // namespace

void read_organisation(SiteConfig& config, const Place& place, const YamlNode& root) {
  const YamlNode node = root["organisation"];
  if (is_empty(node)) return;
  if (!node.IsMap()) {
    place.at(node, "organisation: expected a map of facts (legal_name, kvk, ...), got " + describe(node));
    return;
  }
  Organisation& organisation = config.organisation;
  for (const auto& field : node) {
    const std::string& key = field.first.Scalar();
    const YamlNode& value = field.second;
    const std::string where = "organisation: " + key;
    if (key == "legal_name") {
      if (auto text = filled_text(place, value, where)) organisation.legal_name = *text;
    } else if (key == "kvk" || key == "rsin") {
      const std::size_t digits = key == "kvk" ? 8 : 9;
      if (auto text = filled_text(place, value, where)) {
        if (all_digits(*text, digits))
          (key == "kvk" ? organisation.kvk : organisation.rsin) = *text;
        else
          place.at(value, where + ": expected " + std::to_string(digits) + " digits, got \"" + *text + "\"");
      }
    } else if (key == "anbi") {
      if (!is_empty(value))
        if (auto flag = get_bool(place, value, where)) organisation.anbi = *flag;
    } else if (key == "founded") {
      if (!is_empty(value))
        if (auto year = get_int(place, value, where, 1900, 2100)) organisation.founded = std::to_string(*year);
    } else if (key == "board") {
      organisation.board = read_list<Organisation::Person>(place, value, where, {{"role", &Organisation::Person::role}});
    } else if (key == "partners" || key == "funders") {
      (key == "partners" ? organisation.partners : organisation.funders) = read_list<Organisation::Link>(
          place, value, where, {{"url", &Organisation::Link::url}, {"logo", &Organisation::Link::logo}});
    } else if (key == "address") {
      read_address(organisation, place, value);
    } else if (key == "email") {
      if (auto text = filled_text(place, value, where)) {
        if (looks_like_email(*text))
          organisation.email = *text;
        else
          place.at(value, where + ": expected an e-mail address such as hallo@blendinnow.nl, got \"" + *text + "\"");
      }
    } else if (key == "phone") {
      if (auto text = filled_text(place, value, where)) {
        if (looks_like_phone(*text))
          organisation.phone = *text;
        else
          place.at(value,
                   where + ": expected a phone number such as \"020 123 4567\" or \"+31 20 123 4567\", got \"" + *text + "\"");
      }
    } else {
      place.at(field.first, "organisation: unknown field \"" + key +
                                "\", expected one of legal_name, kvk, rsin, anbi, founded, board, partners, funders, "
                                "address, email, phone");
    }
  }
}

void read_page_facts(const Place& place, const YamlNode& node, Document& document) {
  if (auto text = get_string(place, node, "facts")) {
    if (*text == "organisation" || *text == "contact" || *text == "privacy")
      document.facts = *text;
    else
      place.at(node, "facts: expected one of organisation, contact, privacy, got \"" + *text + "\"");
  }
}

}  // namespace blendin::generator
