#!/usr/bin/env python3
"""The pages a newcomer needs, in each of the site's languages, and the facts
about Blendin that the About, Contact and Privacy pages show.

usage: content_pages.py BLENDIN REPO_ROOT

Builds content/ with the real blendin binary (templates/ as they are) and checks:
  pages     every language of site.yaml has each page of NEEDED as
            pages/<slug>.<lang>.md with a title, a description and a weight
            (weight and facts the same in every translation), and the built
            site shows each under /<lang>/ in that language: an element whose
            lang is <lang> holds the page's title as its h1 or h2;
  chrome    no footer links to a page written in another language, and every
            interface string that the header, footer and page template use is
            in that language's own i18n file (none falls back to another);
  privacy   the privacy page in each language names the Autoriteit
            Persoonsgegevens with a link to autoriteitpersoonsgegevens.nl, and
            a way to erase oneself: the explorer's erase button by its label in
            that language, and DELETE;
  facts     site.yaml's organisation: with the content as committed, no label
            of an empty field is shown; with a copy whose organisation is filled
            with test values, About, Contact and Privacy show each value with its
            label in every language (and an address isolated left to right); a
            malformed KvK number or postcode fails the build at its line.
"""
import html
import html.parser
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

NEEDED = ["_index", "how-it-works", "social", "culture", "work", "get-involved", "privacy", "contact", "about",
          "doneerjenetwerk", "partners"]
FACTS = {"about": "organisation", "contact": "contact", "privacy": "privacy"}
NOW = "2026-11-28T12:00"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

failures = []


def fail(message):
    failures.append(message)
    print("FAIL", message)


class Page(html.parser.HTMLParser):
    """Headings with the language they are written in, footer links and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang)
        self.headings = []  # (tag, lang, text)
        self.footer_links = []  # (href, lang or None)
        self.capture = None
        self.text = []

    def lang(self):
        for _, lang in reversed(self.stack):
            if lang:
                return lang
        return None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2"):
            self.capture = [tag, None, ""]
        if tag == "a" and any(t == "footer" for t, _ in self.stack):
            self.footer_links.append((attrs.get("href"), attrs.get("lang")))
        if tag not in VOID:
            self.stack.append((tag, attrs.get("lang")))
            if self.capture and self.capture[1] is None and tag in ("h1", "h2"):
                self.capture[1] = self.lang()

    def handle_endtag(self, tag):
        if self.capture and tag == self.capture[0]:
            self.headings.append((tag, self.capture[1], " ".join(self.capture[2].split())))
            self.capture = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.text.append(data)
        if self.capture:
            self.capture[2] += data


def parse(path):
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.source = path.read_text(encoding="utf-8")
    page.plain = " ".join("".join(page.text).split())
    return page


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def build(blendin, content, templates, out, expect_ok=True):
    run = subprocess.run([blendin, "build", "--content", str(content), "--templates", str(templates), "--out", str(out),
                          "--now", NOW], capture_output=True, text=True)
    if expect_ok and run.returncode != 0:
        print(run.stdout, run.stderr)
        sys.exit(f"blendin build failed on {content}")
    return run


def strings(root, lang):
    keys = {}
    for folder in (root / "templates" / "i18n", root / "content" / "i18n"):
        path = folder / f"{lang}.yaml"
        if path.exists():
            keys.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return keys


def built_pages(site, lang):
    return [parse(p) for p in sorted((site / lang).rglob("index.html")) if "/events/" not in str(p)]


def check_pages(root, site, languages):
    pages = root / "content" / "pages"
    found = {}
    for slug in NEEDED:
        weights, facts = set(), set()
        for lang in languages:
            path = pages / f"{slug}.{lang}.md"
            if not path.exists():
                fail(f"pages: {path.relative_to(root)} is missing")
                continue
            meta = front_matter(path)
            for key in ("title", "description", "weight"):
                if not meta.get(key):
                    fail(f"pages: {path.relative_to(root)} has no {key}")
            weights.add(meta.get("weight"))
            facts.add(meta.get("facts"))
            found[(slug, lang)] = meta.get("title", "")
        if len(weights) > 1:
            fail(f"pages: {slug}: translations differ in weight {sorted(map(str, weights))}")
        if len(facts) > 1 or facts != {FACTS.get(slug)}:
            fail(f"pages: {slug}: facts should be {FACTS.get(slug)} in every translation, got {facts}")
    shown = {}
    for lang in languages:
        for page in built_pages(site, lang):
            for tag, heading_lang, text in page.headings:
                shown.setdefault((lang, heading_lang, text), page)
    where = {}
    for (slug, lang), title in found.items():
        page = shown.get((lang, lang, " ".join(title.split())))
        if page is None:
            fail(f"pages: /{lang}/ shows no page titled {title!r} ({slug}) in {lang}")
        else:
            where[(slug, lang)] = page
    print(f"pages: {len(found)} of {len(NEEDED) * len(languages)} files, {len(where)} shown in their language")
    return where


def check_chrome(root, site, languages):
    used = set()
    for name in ("partials/header.mustache", "partials/footer.mustache", "partials/language-switcher.mustache",
                 "page.mustache", "home.mustache"):
        path = root / "templates" / name
        if path.exists():
            used |= set(re.findall(r"\{\{\{?\s*t\.([A-Za-z0-9_]+)", path.read_text(encoding="utf-8")))
    for lang in languages:
        own = strings(root, lang)
        missing = sorted(k for k in used if not own.get(k))
        if missing:
            fail(f"chrome: {lang}: interface strings fall back to another language: {', '.join(missing)}")
        for page in built_pages(site, lang):
            page_links = [(href, link_lang) for href, link_lang in page.footer_links
                          if href and href.startswith(f"/{lang}/") and link_lang]
            if len(page_links) < len(NEEDED) - 4:
                fail(f"chrome: a footer of /{lang}/ lists {len(page_links)} pages, expected every page")
                break
            other = [(href, link_lang) for href, link_lang in page_links if link_lang != lang]
            if other:
                fail(f"chrome: a footer of /{lang}/ links to pages in another language: {other}")
                break
    print(f"chrome: {len(used)} interface strings checked in {len(languages)} languages")


def check_privacy(root, where, languages):
    for lang in languages:
        page = where.get(("privacy", lang))
        if page is None:
            continue
        erase = strings(root, lang).get("explorer_join_leave", "")
        if "Autoriteit Persoonsgegevens" not in page.plain:
            fail(f"privacy: {lang}: does not name the Autoriteit Persoonsgegevens")
        if 'href="https://autoriteitpersoonsgegevens.nl/' not in page.source:
            fail(f"privacy: {lang}: no link to autoriteitpersoonsgegevens.nl")
        if not erase or erase not in page.plain:
            fail(f"privacy: {lang}: does not name the explorer's erase button {erase!r}")
        if "DELETE" not in page.plain:
            fail(f"privacy: {lang}: does not say that DELETE erases")
    print(f"privacy: checked in {len(languages)} languages")


FILLED = {
    "legal_name": "Stichting Testwaarde",
    "kvk": "01234567",
    "rsin": "123456789",
    "anbi": True,
    "founded": 2019,
    "board": [{"name": "Testnaam Een", "role": "testrol"}],
    "partners": [{"name": "Testpartner", "url": "https://partner.example/"}],
    "funders": [{"name": "Testfonds"}],
    "address": {"street": "Teststraat 1", "postcode": "1011 AB", "city": "Teststad"},
    "email": "test@example.org",
    "phone": "020 123 4567",
}


def check_facts(blendin, root, site, where, languages, work):
    labels = ("org_facts_title", "org_legal_name", "org_kvk", "org_rsin", "org_founded", "org_board", "org_funders",
              "org_phone", "org_address", "org_controller_title")
    organisation = (yaml.safe_load((root / "content" / "site.yaml").read_text(encoding="utf-8")) or {}).get(
        "organisation") or {}
    empty = {"legal_name": "org_legal_name", "kvk": "org_kvk", "rsin": "org_rsin", "founded": "org_founded",
             "board": "org_board", "funders": "org_funders", "phone": "org_phone"}
    for lang in languages:
        own = strings(root, lang)
        for slug in FACTS:
            page = where.get((slug, lang))
            if page is None:
                continue
            for field, label in empty.items():
                if not organisation.get(field) and f"<dt>{html.escape(own[label], quote=False)}</dt>" in page.source:
                    fail(f"facts: {lang}/{slug} shows the label of the empty field {field}")
            if not organisation.get("legal_name") and own["org_controller_title"] in page.plain:
                fail(f"facts: {lang}/{slug} shows a controller without a legal name")
    # A copy with every field filled with test values.
    content = work / "content"
    shutil.copytree(root / "content", content)
    config = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    config["organisation"] = FILLED
    (content / "site.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    out = work / "filled"
    build(blendin, content, root / "templates", out)
    for lang in languages:
        own = strings(root, lang)
        shown = {}
        for page in built_pages(out, lang):
            for _, heading_lang, text in page.headings:
                shown.setdefault(text, page)
        def page_of(slug):
            title = front_matter(content / "pages" / f"{slug}.{lang}.md")["title"]
            return shown.get(" ".join(title.split()))
        about, contact, privacy = page_of("about"), page_of("contact"), page_of("privacy")
        if not (about and contact and privacy):
            fail(f"facts: {lang}: about, contact or privacy not built")
            continue
        for label in ("org_facts_title", "org_legal_name", "org_kvk", "org_rsin", "org_founded", "org_board",
                      "org_partners", "org_funders", "org_anbi_yes"):
            if own[label] not in about.plain:
                fail(f"facts: {lang}: About lacks {label} {own[label]!r}")
        for value in ("Stichting Testwaarde", "01234567", "123456789", "2019", "Testnaam Een", "testrol", "Testpartner",
                      "Testfonds"):
            if value not in about.plain:
                fail(f"facts: {lang}: About lacks {value!r}")
        if 'href="https://partner.example/"' not in about.source:
            fail(f"facts: {lang}: About does not link the partner")
        for label, value in (("org_email", 'href="mailto:test@example.org"'), ("org_phone", 'href="tel:0201234567"'),
                             ("org_address", '<address dir="ltr">Teststraat 1<br>1011 AB Teststad</address>')):
            if own[label] not in contact.plain or value not in contact.source:
                fail(f"facts: {lang}: Contact lacks {label} with {value!r}")
        for value in (own["org_controller_title"], "Stichting Testwaarde", "1011 AB Teststad"):
            if value not in privacy.plain:
                fail(f"facts: {lang}: Privacy lacks {value!r}")
        for other, page in (("about", about), ("contact", contact)):
            if own["org_controller_title"] in page.plain:
                fail(f"facts: {lang}: {other} shows the controller block, which is the privacy page's")
    # Malformed values are refused at their line.
    text = (content / "site.yaml").read_text(encoding="utf-8")
    for wrong, line_of, expect in (("kvk: '01234567'", "kvk:", "organisation: kvk: expected 8 digits"),
                                   ("postcode: 1011 AB", "postcode:", "address: postcode: expected a Dutch postcode")):
        bad = text.replace(wrong, wrong.replace("01234567", "0123").replace("1011 AB", "1011ab"))
        if bad == text:
            fail(f"facts: the test could not write a wrong {line_of} into site.yaml")
            continue
        (content / "site.yaml").write_text(bad, encoding="utf-8")
        line = next(i for i, l in enumerate(bad.splitlines(), 1) if l.strip().startswith(line_of))
        run = build(blendin, content, root / "templates", work / "refused", expect_ok=False)
        if run.returncode == 0 or f"site.yaml:{line}:" not in run.stderr or expect not in run.stderr:
            fail(f"facts: a wrong {line_of} should fail at site.yaml:{line} with {expect!r}, got {run.stderr.strip()!r}")
    (content / "site.yaml").write_text(text, encoding="utf-8")
    print("facts: empty fields hidden, filled fields shown and labelled, malformed ones refused")


def main():
    blendin, root = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    config = yaml.safe_load((root / "content" / "site.yaml").read_text(encoding="utf-8"))
    languages = [l["code"] for l in config["languages"]]
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        site = work / "site"
        build(blendin, root / "content", root / "templates", site)
        where = check_pages(root, site, languages)
        check_chrome(root, site, languages)
        check_privacy(root, where, languages)
        check_facts(blendin, root, site, where, languages, work)
    if failures:
        sys.exit(f"{len(failures)} problems")
    print("all content page checks passed")


if __name__ == "__main__":
    main()
