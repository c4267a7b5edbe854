// A YAML document as a light, read-only tree built from yaml-cpp's parser
// events: yaml-cpp's own YAML::Load builds a reference-counted node for every
// value, which costs about as much as parsing itself on front matter
// (docs/generator.md). YamlNode offers the part of YAML::Node's interface the
// loader and the renderer use, with the same meaning: the same parser, the
// same marks and errors, aliases resolved. Unlike YAML::Load it refuses a
// map's key given twice, and a scalar whose escapes decode to text no output
// can carry (find_text_problem). Internal to the generator.
#pragma once

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/node/type.h>

#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::generator {

class YamlNode {
 public:
  YamlNode() = default;  // a null node without a mark, as YAML::Node() is

  // The first document of `text`; a null node when there is none. Throws
  // YAML::ParserException (with its mark) on a syntax error, as YAML::Load
  // does, and on a repeated key or a scalar with a control character.
  static YamlNode load(std::string_view text);

  YAML::NodeType::value Type() const;
  bool IsDefined() const { return Type() != YAML::NodeType::Undefined; }
  bool IsNull() const { return Type() == YAML::NodeType::Null; }
  bool IsScalar() const { return Type() == YAML::NodeType::Scalar; }
  bool IsSequence() const { return Type() == YAML::NodeType::Sequence; }
  bool IsMap() const { return Type() == YAML::NodeType::Map; }
  explicit operator bool() const { return IsDefined(); }
  bool operator!() const { return !IsDefined(); }

  const std::string& Scalar() const;  // empty unless a scalar
  YAML::Mark Mark() const;            // a null mark for nodes not read from text
  std::size_t size() const;           // items of a sequence, entries of a map
  // A map's value for `key`; undefined if there is none or this is not a map.
  YamlNode operator[](std::string_view key) const;

  // Iteration as over a YAML::Node: a sequence gives its items; a map gives
  // its entries, each with `first` (the key) and `second` (the value).
  struct Item;
  class const_iterator;
  const_iterator begin() const;
  const_iterator end() const;

 private:
  struct Tree;
  class Builder;
  YamlNode(std::shared_ptr<const Tree> tree, std::uint32_t entry) : tree_(std::move(tree)), entry_(entry) {}
  static YamlNode undefined();

  std::shared_ptr<const Tree> tree_;  // null: a null node (entry_ 0) or an undefined one (entry_ 1)
  std::uint32_t entry_ = 0;
};

struct YamlNode::Item : YamlNode {
  YamlNode first, second;
};

class YamlNode::const_iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Item;
  using difference_type = std::ptrdiff_t;
  using pointer = const Item*;
  using reference = const Item&;

  const_iterator() = default;
  reference operator*() const { return item_; }
  pointer operator->() const { return &item_; }
  const_iterator& operator++();
  const_iterator operator++(int) {
    const_iterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const const_iterator& other) const { return position_ == other.position_; }

 private:
  friend class YamlNode;
  const_iterator(const YamlNode* node, std::uint32_t position);
  void load();

  const YamlNode* node_ = nullptr;
  std::uint32_t position_ = 0;  // index among the children (a map's entry: two children)
  Item item_;
};

}  // namespace blendin::generator
