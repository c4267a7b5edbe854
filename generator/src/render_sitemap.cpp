// sitemap.xml with each page's language alternates, and robots.txt.
#include "render_site.hpp"
#include "text.hpp"

namespace blendin::generator {

void SiteRenderer::add_sitemap(const std::vector<std::string>& urls_by_lang, int x_default) {
  std::string alternates;
  int count = 0;
  for (std::size_t i = 0; i < urls_by_lang.size(); ++i)
    if (!urls_by_lang[i].empty()) {
      ++count;
      alternates += "<xhtml:link rel=\"alternate\" hreflang=\"" + language(static_cast<int>(i)).code + "\" href=\"" +
                    xml_escape(urls_.permalink(urls_by_lang[i])) + "\"/>";
    }
  std::string x_default_url;
  if (x_default >= 0 && !urls_by_lang[static_cast<std::size_t>(x_default)].empty())
    x_default_url = urls_by_lang[static_cast<std::size_t>(x_default)];
  else
    for (const auto& u : urls_by_lang)
      if (!u.empty()) {
        x_default_url = u;
        break;
      }
  if (count > 1)
    alternates +=
        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"" + xml_escape(urls_.permalink(x_default_url)) + "\"/>";
  std::string block;
  for (const auto& u : urls_by_lang) {
    if (u.empty()) continue;
    block += "<url><loc>" + xml_escape(urls_.permalink(u)) + "</loc>" + (count > 1 ? alternates : "") + "</url>\n";
  }
  sitemap_.push_back(std::move(block));
}

void SiteRenderer::render_sitemap_and_robots() {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
  for (const auto& block : sitemap_) out += block;
  out += "</urlset>\n";
  sink_.write("sitemap.xml", out);
  sink_.write("robots.txt", "User-agent: *\nAllow: /\n\nSitemap: " + site_.config.base_url + "sitemap.xml\n");
}

}  // namespace blendin::generator
