// The context kainjow Mustache looks names up in while it renders a page.
#pragma once

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace blendin::generator {

// kainjow's own context resolves a dotted name such as {{event.title}} by
// splitting it with a std::stringstream on every lookup, which was a tenth of a
// build. This one resolves names the same way (every layer from the innermost
// out; a dotted name must resolve completely within one layer) and keeps each
// name's parts from its first lookup.
class LayerStack final : public kainjow::mustache::basic_context<std::string> {
 public:
  using Data = kainjow::mustache::data;

  void push(const Data* layer) override { layers_.push_back(layer); }
  void pop() override { layers_.pop_back(); }

  const Data* get(const std::string& name) const override {
    if (name == ".") return layers_.back();
    if (name.find('.') == std::string::npos) return get_partial(name);
    const std::vector<std::string>& parts = parts_of(name);
    for (auto layer = layers_.rbegin(); layer != layers_.rend(); ++layer) {
      const Data* found = *layer;
      for (const auto& part : parts)
        if (!(found = found->get(part))) break;
      if (found) return found;
    }
    return nullptr;
  }

  const Data* get_partial(const std::string& name) const override {
    for (auto layer = layers_.rbegin(); layer != layers_.rend(); ++layer)
      if (const Data* found = (*layer)->get(name)) return found;
    return nullptr;
  }

 private:
  // "a.b.c" -> {a, b, c}; "a..b" -> {a, "", b} like getline would give, and "a." -> {a}.
  static const std::vector<std::string>& parts_of(const std::string& name) {
    thread_local std::unordered_map<std::string, std::vector<std::string>> cache;
    auto found = cache.find(name);
    if (found != cache.end()) return found->second;
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (begin < name.size()) {
      const std::size_t dot = std::min(name.find('.', begin), name.size());
      parts.push_back(name.substr(begin, dot - begin));
      begin = dot + 1;
    }
    return cache.emplace(name, std::move(parts)).first->second;
  }

  std::vector<const Data*> layers_;  // innermost last
};

}  // namespace blendin::generator
