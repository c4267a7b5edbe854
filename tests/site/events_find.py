#!/usr/bin/python3
"""Events people can find, on a real build of a copy of content/: the list
grouped by month in nl and ar, soonest first; the filter pages (city, spoken
language, pillar) list exactly the upcoming events that match, as computed here
from the content's front matter; places left and accessibility facts shown;
registration right after when and where; no online meeting link in any built
file; the filter pages in the sitemap.

usage: events_find.py BLENDIN REPO_ROOT
Runs with Debian's /usr/bin/python3 (python3-yaml).
"""
import datetime as dt
import html.parser
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import zoneinfo

import yaml

from findings import fail, finish

blendin, root = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
NOW = "2026-11-28T12:00"
ZONE = zoneinfo.ZoneInfo("Europe/Amsterdam")



def front_matter(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def instant(value):
    """A front matter time as an aware datetime (wall time in Amsterdam unless an offset is given)."""
    text = str(value)
    if len(text) == 10:
        return dt.datetime.fromisoformat(text).replace(tzinfo=ZONE)
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)


def edit(path, extra):
    """Adds front matter lines before the closing ---."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    path.write_text(head + "\n" + extra + "\n---\n" + rest, encoding="utf-8")


work = pathlib.Path(tempfile.mkdtemp(prefix="events-find-"))
try:
    content = work / "content"
    shutil.copytree(root / "content", content)
    events_dir = content / "events"
    for lang in ("nl", "ar"):
        edit(events_dir / f"2027/cv-middag-eindhoven.{lang}.md", "places_left: 7\naccess: [childcare, step-free]")
    edit(events_dir / "2027/doneerjenetwerk-netwerkavond-amsterdam.nl.md", "places_left: 0")
    out = work / "public"
    subprocess.run([str(blendin), "build", "--content", str(content), "--templates", str(root / "templates"),
                    "--out", str(out), "--now", NOW, "--quiet"], check=True)

    # The events as the content says, by slug: the canonical translation (nl,
    # else along site.yaml's fallback en, nl, else the first by language order).
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    order = [l["code"] for l in site["languages"]]
    chain = [site["defaultLanguage"]] + site.get("fallback", []) + order
    files = {}
    for path in sorted(events_dir.rglob("*.md")):
        slug, _, lang = path.stem.rpartition(".")
        if not slug:
            slug, lang = path.stem, site["defaultLanguage"]
        matter = front_matter(path)
        if matter.get("draft"):
            continue
        files.setdefault(slug, {})[lang] = matter
    now = dt.datetime.fromisoformat(NOW).replace(tzinfo=ZONE)
    canonical, upcoming = {}, []
    for slug, translations in files.items():
        matter = translations[next(l for l in chain if l in translations)]
        canonical[slug] = matter
        end = instant(matter.get("end", matter["start"]))
        if len(str(matter.get("end", matter["start"]))) == 10:
            end += dt.timedelta(days=1)
        if end >= now:
            upcoming.append(slug)
    upcoming.sort(key=lambda s: (instant(canonical[s]["start"]), s))
    if len(upcoming) < 5:
        fail(f"the content has only {len(upcoming)} upcoming events: too few to test filters")

    class Page(html.parser.HTMLParser):
        """Month headings, the event links under each, the <time> of each card, and every link."""

        def __init__(self):
            super().__init__()
            self.months, self.links, self.times = [], [], []
            self.in_h2 = self.in_h3 = False
            self.text = ""

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "h2":
                self.in_h2, self.text = True, ""
            if tag == "h3":
                self.in_h3 = True
            if tag == "a":
                self.links.append(a.get("href", ""))
                if self.in_h3 and self.months:
                    self.months[-1][1].append(a["href"])
            if tag == "time" and self.months:
                self.times.append((len(self.months) - 1, a["datetime"]))

        def handle_endtag(self, tag):
            if tag == "h2" and self.in_h2:
                self.in_h2 = False
                self.months.append((self.text.strip(), []))
            if tag == "h3":
                self.in_h3 = False

        def handle_data(self, data):
            if self.in_h2:
                self.text += data

    def parse(path):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        return page

    def slugs_of(page):
        return [m.group(1) for _, hrefs in page.months for h in hrefs
                for m in [re.match(r"^/\w+/events/([^/]+)/$", h)] if m]

    # 1. Grouped by month, soonest first, in nl and ar -----------------------
    nl_months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                 "oktober", "november", "december"]
    ar_months = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                 "نوفمبر", "ديسمبر"]
    arabic_digits = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    for lang, heading in (("nl", lambda d: f"{nl_months[d.month - 1]} {d.year}"),
                          ("ar", lambda d: f"{ar_months[d.month - 1]} {str(d.year).translate(arabic_digits)}")):
        page = parse(out / lang / "events/index.html")
        listed = slugs_of(page)
        if listed != upcoming[:site.get("paginate", 20)]:
            fail(f"{lang}/events/: events {listed}, expected the upcoming ones soonest first {upcoming}")
        expected_headings = []
        for slug in upcoming[:site.get("paginate", 20)]:
            name = heading(instant(canonical[slug]["start"]).astimezone(ZONE))
            if not expected_headings or expected_headings[-1] != name:
                expected_headings.append(name)
        got = [title for title, _ in page.months]
        if got != expected_headings:
            fail(f"{lang}/events/: month headings {got}, expected {expected_headings}")
        for month_index, stamp in page.times:
            start = dt.datetime.fromisoformat(stamp)
            if page.months[month_index][0] != heading(start):
                fail(f"{lang}/events/: an event on {stamp} is under {page.months[month_index][0]}")

    # 2. Filter pages list exactly the matching upcoming events ---------------
    def city_slug(city):
        slug = re.sub(r"[^a-z0-9\u0080-\U0010ffff]+", "-", city.lower() if city.isascii() else city)
        return slug.strip("-")

    cities = {}
    for slug in upcoming:
        city = (canonical[slug].get("location") or {}).get("city")
        if city:
            cities.setdefault(city_slug(city), []).append(slug)
    spoken = {}
    for slug in upcoming:
        for code in canonical[slug].get("languages", []):
            spoken.setdefault(code, []).append(slug)
    pillars = {p: [s for s in upcoming if canonical[s]["pillar"] == p] for p in ("social", "culture", "work")}
    if len(cities) < 3 or len(spoken) < 3:
        fail(f"too few cities ({len(cities)}) or languages ({len(spoken)}) to test filters")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    bar = parse(out / "nl/events/index.html").links
    for lang in ("nl", "ar"):
        for kind, groups in (("events/city", cities), ("events/language", spoken), ("pillars", pillars)):
            for key, expected in groups.items():
                path = out / lang / kind / key / "index.html"
                if not path.exists():
                    fail(f"{lang}/{kind}/{key}/ was not built")
                    continue
                got = slugs_of(parse(path))
                if got != expected:
                    fail(f"{lang}/{kind}/{key}/: events {got}, expected {expected}")
                url = f"/{lang}/{kind}/{key}/"
                if lang == "nl" and url not in bar:
                    fail(f"the nl events list does not link its filter {url}")
                if f"<loc>{site['baseURL']}{lang}/{kind}/{key}/</loc>" not in sitemap:
                    fail(f"sitemap.xml does not list {url}")

    # 3. Places left, accessibility facts, registration near the top ----------
    page = (out / "nl/events/cv-middag-eindhoven/index.html").read_text(encoding="utf-8")
    for needed in ("<dt>Plekken vrij</dt>", ">7</dd>", "Kinderopvang", "Zonder drempels of trappen"):
        if needed not in page:
            fail(f"nl/events/cv-middag-eindhoven/: {needed!r} not shown")
    if page.index("Zonder drempels of trappen") > page.index("Kinderopvang"):
        fail("nl/events/cv-middag-eindhoven/: access facts not in the contract's order (step-free before childcare)")
    register = page.find(f'class="button" href="{canonical["cv-middag-eindhoven"]["registration"]}"')
    if register < 0 or register > page.index('<div class="content">') or register < page.index("<dt>Waar</dt>"):
        fail("nl/events/cv-middag-eindhoven/: registration is not between the place and the description")
    ar_page = (out / "ar/events/cv-middag-eindhoven/index.html").read_text(encoding="utf-8")
    for needed in ("رعاية الأطفال", "دخول بدون درج أو عتبات", "الأماكن المتبقية"):
        if needed not in ar_page:
            fail(f"ar/events/cv-middag-eindhoven/: {needed!r} not shown")
    full = (out / "nl/events/doneerjenetwerk-netwerkavond-amsterdam/index.html").read_text(encoding="utf-8")
    if ">Vol</dd>" not in full:
        fail("nl/events/doneerjenetwerk-netwerkavond-amsterdam/: places_left 0 is not shown as Vol")
    if f'href="{canonical["doneerjenetwerk-netwerkavond-amsterdam"]["registration"]}"' in full:
        fail("nl/events/doneerjenetwerk-netwerkavond-amsterdam/: a full event still offers registration")
    card_list = (out / "nl/events/index.html").read_text(encoding="utf-8")
    if "Plekken vrij: 7" not in card_list or '<p class="places full">Vol</p>' not in card_list:
        fail("nl/events/: the cards do not show places left and full")

    # 4. No online meeting link anywhere ------------------------------------
    links = {m["online"] for t in files.values() for m in t.values() if m.get("online")}
    if not links:
        fail("the content has no online event")
    for path in sorted(out.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            for link in links:
                if link.encode() in data:
                    fail(f"{path.relative_to(out)}: publishes the meeting link {link}")
finally:
    shutil.rmtree(work)

finish("events_find")
