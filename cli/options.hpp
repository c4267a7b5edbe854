// A small, strict option reader shared by the commands: `--name value`,
// `--flag`, and `-k 10`. Unknown options are errors, never ignored.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <blendin/core/problem.hpp>
#include <blendin/core/text.hpp>

#include "commands.hpp"

namespace blendin::cli {

// A command line that is not well formed: an unknown option, one without its
// value, a missing required one, an unexpected argument. main() exits 2 for it.
[[noreturn]] inline void refuse_usage(std::string message) {
  throw core::Refused(core::Problem{.message = std::move(message)}, core::Refused::Kind::usage);
}

// An option's value that is refused ("--max-distance: expected a number from
// 0 to 300, got "far""). main() exits 1 for it, as for any refused input.
[[noreturn]] inline void refuse_option(std::string_view option, std::string message) {
  throw core::Refused(core::Problem{.field = std::string(option), .message = std::move(message)});
}

class Options {
 public:
  // `with_value` lists the options that take a value, `flags` those that don't.
  Options(Args args, std::set<std::string, std::less<>> with_value, std::set<std::string, std::less<>> flags = {}) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string_view arg = args[i];
      if (flags.count(arg)) {
        values_[std::string(arg)] = "";
      } else if (with_value.count(arg)) {
        if (i + 1 >= args.size()) refuse_usage("option " + std::string(arg) + " needs a value");
        values_[std::string(arg)] = std::string(args[++i]);
      } else if (!arg.empty() && arg[0] == '-') {
        refuse_usage("unknown option " + std::string(arg));
      } else {
        positional_.emplace_back(arg);
      }
    }
  }

  bool has(std::string_view name) const { return values_.find(name) != values_.end(); }

  std::optional<std::string> get(std::string_view name) const {
    auto found = values_.find(name);
    if (found == values_.end()) return std::nullopt;
    return found->second;
  }

  std::string require(std::string_view name) const {
    auto value = get(name);
    if (!value) refuse_usage("missing required option " + std::string(name));
    return *value;
  }

  // An integer option within [low, high], or `fallback` when absent.
  long long integer(std::string_view name, long long fallback, long long low, long long high) const {
    auto value = get(name);
    if (!value) return fallback;
    long long number = 0;
    auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
    if (error != std::errc() || end != value->data() + value->size() || number < low || number > high)
      refuse_option(name, "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", got " +
                              core::quoted(*value));
    return number;
  }

  // A finite number option within [low, high], or nothing when absent.
  std::optional<double> number(std::string_view name, double low, double high) const {
    auto value = get(name);
    if (!value) return std::nullopt;
    std::size_t used = 0;
    double number = NAN;
    try {
      number = std::stod(*value, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != value->size() || !(number >= low && number <= high))
      refuse_option(name, "expected a number from " + format(low) + " to " + format(high) + ", got " + core::quoted(*value));
    return number;
  }

  // A number from 0 to 1, or `fallback` when absent.
  double fraction(std::string_view name, double fallback) const { return number(name, 0, 1).value_or(fallback); }

  const std::vector<std::string>& positional() const { return positional_; }

  // Refuses any argument that is not an option (for commands that take none).
  void refuse_positional() const {
    if (!positional_.empty()) refuse_usage("unexpected argument " + core::quoted(positional_.front()));
  }

 private:
  static std::string format(double number) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", number);
    return text;
  }

  std::map<std::string, std::string, std::less<>> values_;
  std::vector<std::string> positional_;
};

}  // namespace blendin::cli
