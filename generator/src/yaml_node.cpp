#include "yaml_node.hpp"

#include "text.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <streambuf>
#include <unordered_map>

namespace blendin::generator {

// Every node of a document, in the order the parser met them; a container's
// children are a contiguous range of `children` (a map's: key, value, key, ...).
struct YamlNode::Tree {
  struct Entry {
    YAML::NodeType::value type = YAML::NodeType::Null;
    YAML::Mark mark;
    std::string scalar;
    std::uint32_t first_child = 0, child_count = 0;
  };
  std::vector<Entry> entries;
  std::vector<std::uint32_t> children;
  std::uint32_t root = 0;
};

class YamlNode::Builder : public YAML::EventHandler {
 public:
  explicit Builder(Tree& tree) : tree_(tree) {}
  bool has_root() const { return has_root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { attach(add(YAML::NodeType::Null, mark, anchor, {})); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override { attach(anchors_.at(anchor)); }
  // A scalar's escapes ("\x01", "\uFFFE") can make text that the file's own
  // bytes could not hold: it is checked again as the value it decodes to.
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    if (auto problem = find_text_problem(value)) throw YAML::ParserException(mark, problem->message);
    attach(add(YAML::NodeType::Scalar, mark, anchor, value));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(YAML::NodeType::Sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(YAML::NodeType::Map, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  std::uint32_t add(YAML::NodeType::value type, const YAML::Mark& mark, YAML::anchor_t anchor, const std::string& scalar) {
    const auto index = std::uint32_t(tree_.entries.size());
    tree_.entries.push_back({type, mark, scalar, 0, 0});
    if (anchor != YAML::NullAnchor) anchors_[anchor] = index;
    return index;
  }
  void attach(std::uint32_t index) {
    if (open_.empty()) {
      tree_.root = index;
      has_root_ = true;
    } else {
      pending_.push_back(index);
    }
  }
  void open(YAML::NodeType::value type, const YAML::Mark& mark, YAML::anchor_t anchor) {
    const std::uint32_t index = add(type, mark, anchor, {});
    attach(index);
    open_.push_back({index, pending_.size()});
  }
  // The children gathered since the container opened become its range. A
  // map's key given twice is an error (YAML says keys are unique; taking
  // either value silently would hide an editor's mistake).
  void close() {
    const OpenContainer container = open_.back();
    open_.pop_back();
    if (tree_.entries[container.entry].type == YAML::NodeType::Map) refuse_repeated_keys(container.first_pending);
    auto& entry = tree_.entries[container.entry];
    entry.first_child = std::uint32_t(tree_.children.size());
    entry.child_count = std::uint32_t(pending_.size() - container.first_pending);
    tree_.children.insert(tree_.children.end(), pending_.begin() + std::ptrdiff_t(container.first_pending), pending_.end());
    pending_.resize(container.first_pending);
  }

  void refuse_repeated_keys(std::size_t first_pending) {
    std::vector<std::uint32_t> keys;  // scalar keys, in order
    for (std::size_t i = first_pending; i < pending_.size(); i += 2)
      if (tree_.entries[pending_[i]].type == YAML::NodeType::Scalar) keys.push_back(pending_[i]);
    std::stable_sort(keys.begin(), keys.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return tree_.entries[a].scalar < tree_.entries[b].scalar; });
    for (std::size_t i = 1; i < keys.size(); ++i) {
      const auto& key = tree_.entries[keys[i]];
      if (key.scalar == tree_.entries[keys[i - 1]].scalar)
        throw YAML::ParserException(key.mark, "duplicate key \"" + key.scalar + "\": expected each key once");
    }
  }

  struct OpenContainer {
    std::uint32_t entry;
    std::size_t first_pending;
  };
  Tree& tree_;
  std::vector<OpenContainer> open_;
  std::vector<std::uint32_t> pending_;  // children of the open containers, innermost last
  std::unordered_map<YAML::anchor_t, std::uint32_t> anchors_;
  bool has_root_ = false;
};

YamlNode YamlNode::load(std::string_view text) {
  // One stream per thread reads the text in place: a std::stringstream per
  // call costs, with its locale, about as much as parsing a short front matter.
  struct ViewBuffer : std::streambuf {
    void view(std::string_view bytes) {
      char* begin = const_cast<char*>(bytes.data());  // only read: a get area
      setg(begin, begin, begin + bytes.size());
    }
  };
  thread_local ViewBuffer buffer;
  thread_local std::istream stream(&buffer);
  buffer.view(text);
  stream.clear();
  auto tree = std::make_shared<Tree>();
  Builder builder(*tree);
  YAML::Parser parser(stream);
  if (!parser.HandleNextDocument(builder) || !builder.has_root()) return YamlNode();
  const std::uint32_t root = tree->root;
  return YamlNode(std::move(tree), root);
}

YamlNode YamlNode::undefined() { return YamlNode(nullptr, 1); }

YAML::NodeType::value YamlNode::Type() const {
  if (!tree_) return entry_ == 0 ? YAML::NodeType::Null : YAML::NodeType::Undefined;
  return tree_->entries[entry_].type;
}

const std::string& YamlNode::Scalar() const {
  static const std::string empty;
  return tree_ && tree_->entries[entry_].type == YAML::NodeType::Scalar ? tree_->entries[entry_].scalar : empty;
}

YAML::Mark YamlNode::Mark() const { return tree_ ? tree_->entries[entry_].mark : YAML::Mark::null_mark(); }

std::size_t YamlNode::size() const {
  if (!tree_) return 0;
  const auto& entry = tree_->entries[entry_];
  return entry.type == YAML::NodeType::Map ? entry.child_count / 2 : entry.child_count;
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!IsMap()) return undefined();
  const auto& entry = tree_->entries[entry_];
  for (std::uint32_t i = 0; i + 1 < entry.child_count; i += 2) {
    const auto& key_entry = tree_->entries[tree_->children[entry.first_child + i]];
    if (key_entry.type == YAML::NodeType::Scalar && key_entry.scalar == key)
      return YamlNode(tree_, tree_->children[entry.first_child + i + 1]);
  }
  return undefined();
}

YamlNode::const_iterator YamlNode::begin() const { return const_iterator(this, 0); }

YamlNode::const_iterator YamlNode::end() const {
  const bool container = IsMap() || IsSequence();
  return const_iterator(this, container ? tree_->entries[entry_].child_count : 0);
}

YamlNode::const_iterator::const_iterator(const YamlNode* node, std::uint32_t position) : node_(node), position_(position) {
  load();
}

YamlNode::const_iterator& YamlNode::const_iterator::operator++() {
  position_ += node_->IsMap() ? 2 : 1;
  load();
  return *this;
}

void YamlNode::const_iterator::load() {
  item_ = Item();
  if (!node_ || !(node_->IsMap() || node_->IsSequence())) return;
  const auto& tree = node_->tree_;
  const auto& entry = tree->entries[node_->entry_];
  if (position_ >= entry.child_count) return;
  const std::uint32_t child = tree->children[entry.first_child + position_];
  if (node_->IsMap()) {
    item_.first = YamlNode(tree, child);
    item_.second = YamlNode(tree, tree->children[entry.first_child + position_ + 1]);
  } else {
    static_cast<YamlNode&>(item_) = YamlNode(tree, child);
  }
}

}  // namespace blendin::generator
