#!/usr/bin/env python3
"""Independent checks of a built site: every .ics through icalendar, every Atom
feed through feedparser, the JSON API against docs/api-schema.json.

usage: check_outputs.py OUT_DIR SCHEMA [--fixture]
--fixture adds the exact instants of tests/fixtures/site-valid, computed by hand:
Amsterdam is UTC+1 in winter and UTC+2 from 2027-03-28 01:00 UTC to 2027-10-31 01:00 UTC.
Needs icalendar, feedparser and jsonschema (Debian's python3- packages, scripts/setup.sh).
"""
import datetime as dt
import json
import pathlib
import sys

import feedparser
import icalendar
import jsonschema

out = pathlib.Path(sys.argv[1])
schema = json.loads(pathlib.Path(sys.argv[2]).read_text())
fixture = "--fixture" in sys.argv
problems = []


def fail(message):
    problems.append(message)


# iCalendar ---------------------------------------------------------------
ics_files = sorted(out.rglob("*.ics"))
if not ics_files:
    fail("no .ics files")
starts = {}
for path in ics_files:
    raw = path.read_bytes()
    for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            fail(f"{path}:{number}: line of {len(line)} octets, RFC 5545 folds at 75")
        if b"\n" in line:
            fail(f"{path}:{number}: bare LF, expected CRLF line ends")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"{path}:{number}: folding split a UTF-8 sequence")
    if not raw.endswith(b"\r\n"):
        fail(f"{path}: does not end with CRLF")
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception as error:  # noqa: BLE001
        fail(f"{path}: icalendar cannot parse it: {error}")
        continue
    events = calendar.walk("VEVENT")
    if not events:
        fail(f"{path}: no VEVENT")
    for event in events:
        for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "STATUS"):
            if key not in event:
                fail(f"{path}: VEVENT without {key}")
        start = event.decoded("DTSTART")
        if isinstance(start, dt.datetime) and start.utcoffset() != dt.timedelta(0):
            fail(f"{path}: DTSTART not in UTC")
        starts.setdefault(str(event["UID"]), set()).add((start, str(event["STATUS"])))

# the same event has the same start in every calendar
for uid, values in starts.items():
    if len(values) != 1:
        fail(f"UID {uid} has different DTSTART/STATUS across files: {values}")

if fixture:
    def utc(*args):
        return dt.datetime(*args, tzinfo=dt.timezone.utc)
    expected = {
        "kookavond@test.blendin.example": (utc(2027, 3, 27, 17, 0), "CONFIRMED"),  # 18:00 CET, day before the change
        "zomertijd-wandeling@test.blendin.example": (utc(2027, 3, 28, 8, 0), "CONFIRMED"),  # 10:00 CEST, day of the change
        "nacht-van-de-wintertijd@test.blendin.example": (utc(2027, 10, 31, 0, 30), "CANCELLED"),  # first 02:30 (CEST)
        "online-kennismaking@test.blendin.example": (utc(2027, 1, 20, 18, 30), "CONFIRMED"),  # +01:00 given
        "koningsdag@test.blendin.example": (dt.date(2026, 4, 27), "CONFIRMED"),  # all day
    }
    for uid, value in expected.items():
        if starts.get(uid) != {value}:
            fail(f"{uid}: expected DTSTART/STATUS {value}, got {starts.get(uid)}")
    cal = icalendar.Calendar.from_ical((out / "nl/events/kookavond.ics").read_bytes())
    event = cal.walk("VEVENT")[0]
    if event.decoded("DTEND") != utc(2027, 3, 27, 20, 0):
        fail("kookavond DTEND: expected 2027-03-27 20:00 UTC")
    if str(event["GEO"].to_ical()) and (float(event["GEO"].latitude), float(event["GEO"].longitude)) != (52.0907, 5.1214):
        fail("kookavond GEO: expected 52.0907;5.1214")
    if not str(event["DESCRIPTION"]).startswith("Samen koken, met een lange regel"):
        fail(f"kookavond DESCRIPTION not unescaped/unfolded right: {event['DESCRIPTION']!r}")
    koningsdag = icalendar.Calendar.from_ical((out / "nl/events/koningsdag.ics").read_bytes()).walk("VEVENT")[0]
    if koningsdag.decoded("DTEND") != dt.date(2026, 4, 28):
        fail("koningsdag: an all-day DTEND is the next day (exclusive)")

# Atom --------------------------------------------------------------------
feeds = sorted(out.rglob("feed.xml"))
if not feeds:
    fail("no feed.xml")
for path in feeds:
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        fail(f"{path}: feedparser bozo: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        fail(f"{path}: expected Atom 1.0, got {parsed.version!r}")
    for entry in parsed.entries:
        if not entry.get("link") or not entry.get("id") or not entry.get("updated"):
            fail(f"{path}: entry without link, id or updated")

if fixture:
    nl = feedparser.parse((out / "nl/events/feed.xml").read_bytes())
    titles = [e.title for e in nl.entries]
    # upcoming on 2026-11-28, soonest first; the English-only event is listed in nl too
    if titles[:2] != ["Online get-together", 'Kookavond "samen" </script><b>']:
        fail(f"nl feed: unexpected first entries {titles[:2]}")
    if "Koningsdag" in titles:
        fail("nl feed lists a past event")

# JSON API ----------------------------------------------------------------
defs = schema["$defs"]


def validate(path, name):
    sub = {"$schema": schema["$schema"], "$defs": defs, "$ref": f"#/$defs/{name}"}
    try:
        jsonschema.validate(json.loads(path.read_text()), sub)
    except jsonschema.ValidationError as error:
        fail(f"{path}: not a valid {name}: {error.message} at {list(error.absolute_path)}")


api = out / "api/v1"
validate(api / "events.json", "eventList")
for path in sorted((api / "events").glob("*.json")):
    validate(path, "eventFile")
validate(api / "interests.json", "taxonomy")
validate(api / "sectors.json", "taxonomy")
validate(api / "occupations.json", "taxonomy")
validate(api / "languages.json", "languages")
validate(api / "site.json", "site")
for path in sorted((api / "i18n").glob("*.json")):
    validate(path, "strings")
events = json.loads((api / "events.json").read_text())["events"]
if len(list((api / "events").glob("*.json"))) != len(events):
    fail("events/<slug>.json count differs from events.json")
# the API and the calendars agree on every start
for event in events:
    uid = next((u for u in starts if u.startswith(event["id"] + "@")), None)
    if uid is None:
        fail(f"event {event['id']} has no VEVENT")
        continue
    start = next(iter(starts[uid]))[0]
    if isinstance(start, dt.datetime) and start.strftime("%Y-%m-%dT%H:%M:%SZ") != event["start"]:
        fail(f"event {event['id']}: API start {event['start']} but iCalendar {start}")

if fixture:
    by_id = {e["id"]: e for e in events}
    if by_id["nacht-van-de-wintertijd"]["start"] != "2027-10-31T00:30:00Z" or not by_id["nacht-van-de-wintertijd"]["cancelled"]:
        fail("API: nacht-van-de-wintertijd should start 2027-10-31T00:30:00Z and be cancelled")
    if by_id["online-kennismaking"]["location"] is not None or by_id["online-kennismaking"]["online"] is not True:
        fail("API: online-kennismaking is online only (and its meeting link is not published)")
    if set(by_id["kookavond"]["translations"]) != {"nl", "en", "ar"}:
        fail("API: kookavond has nl, en and ar translations")

# JSON-LD cannot be closed early ------------------------------------------
for path in sorted(out.rglob("*.html")):
    html = path.read_text(encoding="utf-8")
    start = html.find('<script type="application/ld+json">')
    if start >= 0:
        end = html.find("</script>", start)
        block = html[start + len('<script type="application/ld+json">'):end]
        try:
            data = json.loads(block)
        except json.JSONDecodeError as error:
            fail(f"{path}: JSON-LD does not parse ({error}): a field closed the <script> early?")
            continue
        if data.get("@type") != "Event" or "startDate" not in data:
            fail(f"{path}: JSON-LD is not a schema.org Event with a startDate")
        if fixture and path.match("nl/events/kookavond/index.html") and data["name"] != 'Kookavond "samen" </script><b>':
            fail(f"{path}: JSON-LD name changed: {data['name']!r}")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"ok: {len(ics_files)} .ics, {len(feeds)} feeds, {len(events)} API events")
