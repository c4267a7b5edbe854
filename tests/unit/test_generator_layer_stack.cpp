// LayerStack must find exactly what kainjow's own context finds: the same
// templates rendered over the same layers give the same text.
#include <doctest/doctest.h>

#include "../../generator/src/layer_stack.hpp"

#include <string>
#include <vector>

namespace mu = kainjow::mustache;
using blendin::generator::LayerStack;

namespace {

std::string render_with(mu::basic_context<std::string>& context, const std::vector<const mu::data*>& layers,
                        const std::string& text) {
  for (const mu::data* layer : layers) context.push(layer);
  mu::mustache tmpl(text);
  REQUIRE(tmpl.is_valid());
  return tmpl.render(context);
}

}  // namespace

TEST_CASE("generator::LayerStack resolves names like kainjow's context") {
  // outer layer: what every page of a language shares; inner: the page's own
  mu::data outer;
  mu::data t;
  t["hello"] = "hallo";
  outer["t"] = std::move(t);
  mu::data outer_event;
  outer_event["title"] = "outer title";
  outer_event["city"] = "Utrecht";
  outer["event"] = std::move(outer_event);
  outer["name"] = "outer name";
  mu::data dotted;  // a key that itself contains nothing, to test a.b.c
  mu::data deeper;
  deeper["c"] = "abc";
  dotted["b"] = std::move(deeper);
  outer["a"] = std::move(dotted);

  mu::data inner;
  mu::data inner_event;  // has title, not city: event.city must fall back to the outer layer
  inner_event["title"] = "inner <title>";
  mu::list spoken;
  spoken.push_back(mu::data("Nederlands"));
  spoken.push_back(mu::data("Arabisch"));
  inner_event["languages"] = spoken;
  inner_event["cancelled"] = false;
  inner["event"] = std::move(inner_event);

  const std::vector<std::string> templates = {
      "{{t.hello}} {{name}} {{event.title}} {{{event.title}}}",
      "{{event.city}}",                                                // partly in the inner layer, whole in the outer
      "{{a.b.c}} [{{a.b}}] [{{a.x.c}}] [{{a..b}}] [{{a.}}] [{{.a}}]",  // odd dotted names
      "{{#event.languages}}<{{.}}>{{/event.languages}}",               // '.' inside a list section
      "{{#event}}{{title}} {{city}} {{t.hello}}{{/event}}",            // a section pushes a layer; lookups go outward
      "{{^event.cancelled}}open{{/event.cancelled}}{{#event.missing}}never{{/event.missing}}",
      "{{missing}}{{missing.deeper}}{{event.title.more}}",
  };
  for (const auto& text : templates) {
    CAPTURE(text);
    mu::context<std::string> reference;
    LayerStack ours;
    CHECK(render_with(ours, {&outer, &inner}, text) == render_with(reference, {&outer, &inner}, text));
  }
  LayerStack ours;
  CHECK(render_with(ours, {&outer, &inner}, "{{event.city}}|{{event.title}}") == "Utrecht|inner &lt;title&gt;");
}
