#!/usr/bin/python3
"""Calendars that stay in sync, on real builds of a copy of content/:

- a fresh build: every VEVENT has SEQUENCE 0 and LAST-MODIFIED (and DTSTAMP)
  from the event's `updated`, else `date` (the latest of its translations);
  icalendar reads every .ics;
- a second build into the same folder with no change leaves every file's
  mtime and inode as they were (nothing written), and so does a build at a
  later --now (an hour on, no event begun or ended) for every file;
- cancelling an event (an edit of the copy) and building into the same folder:
  its UID stays, STATUS is CANCELLED, SEQUENCE rises by one and LAST-MODIFIED
  becomes the build's --now, in every language's calendar and its own .ics;
  every other event keeps SEQUENCE and LAST-MODIFIED and its .ics is not
  rewritten;
- the same content and --now into two fresh folders give the same bytes.

usage: calendar_sync.py BLENDIN REPO_ROOT
Runs with Debian's /usr/bin/python3 (python3-icalendar, python3-yaml).
"""
import datetime as dt
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zoneinfo

import icalendar
import yaml

from findings import fail, finish

blendin, root = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
ZONE = zoneinfo.ZoneInfo("Europe/Amsterdam")
FIRST, LATER, EDITED = "2026-11-28T12:00", "2026-11-28T13:00", "2026-11-29T10:15"
CANCELLED = "cv-middag-eindhoven"



def build(content, out, now):
    subprocess.run([str(blendin), "build", "--content", str(content), "--templates", str(root / "templates"),
                    "--out", str(out), "--now", now, "--quiet"], check=True)


def stats(out):
    return {p.relative_to(out): (p.stat().st_mtime_ns, p.stat().st_ino) for p in sorted(out.rglob("*")) if p.is_file()}


def vevents(out):
    """UID -> (SEQUENCE, LAST-MODIFIED, DTSTAMP, STATUS) from every .ics; one value per UID across files."""
    found = {}
    for path in sorted(out.rglob("*.ics")):
        try:
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
        except Exception as error:  # noqa: BLE001
            fail(f"{path.relative_to(out)}: icalendar cannot read it: {error}")
            continue
        for event in calendar.walk("VEVENT"):
            for key in ("SEQUENCE", "LAST-MODIFIED", "DTSTAMP"):
                if key not in event:
                    fail(f"{path.relative_to(out)}: VEVENT {event['UID']} has no {key}")
            value = (int(event.get("SEQUENCE", -1)), event.decoded("LAST-MODIFIED"), event.decoded("DTSTAMP"),
                     str(event["STATUS"]))
            uid = str(event["UID"])
            if found.setdefault(uid, value) != value:
                fail(f"{path.relative_to(out)}: {uid} is {value} here but {found[uid]} in another file")
    return found


def utc(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZONE).astimezone(dt.timezone.utc)


work = pathlib.Path(tempfile.mkdtemp(prefix="calendar-sync-"))
try:
    content = work / "content"
    shutil.copytree(root / "content", content)
    out = work / "public"

    # What LAST-MODIFIED a fresh build gives, from the front matter.
    written = {}
    for path in sorted((content / "events").rglob("*.md")):
        matter = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))
        if matter.get("draft"):
            continue
        when = matter.get("updated", matter.get("date"))
        slug = path.stem.rpartition(".")[0] or path.stem
        if when is not None:
            instant = utc(str(when) if len(str(when)) > 10 else str(when) + "T00:00")
            written[slug] = max(written.get(slug, instant), instant)

    # 1. A fresh build -----------------------------------------------------
    build(content, out, FIRST)
    first = vevents(out)
    host = "www.blendinnow.nl"
    if len(first) < 5:
        fail(f"only {len(first)} events in the calendars")
    for uid, (sequence, modified, stamp, _) in first.items():
        slug = uid.removesuffix("@" + host)
        expected = written.get(slug, utc(FIRST))
        if sequence != 0:
            fail(f"fresh build: {uid} has SEQUENCE {sequence}, expected 0")
        if modified != expected or stamp != expected:
            fail(f"fresh build: {uid} has LAST-MODIFIED {modified} and DTSTAMP {stamp}, expected {expected}")
    if f"{CANCELLED}@{host}" not in first:
        fail(f"{CANCELLED} is not in the calendars")

    # 2. No change: nothing written ---------------------------------------
    before = stats(out)
    build(content, out, FIRST)
    after = stats(out)
    if before.keys() != after.keys():
        fail(f"a build with no change added or removed files: {sorted(set(before) ^ set(after))[:5]}")
    changed = [str(p) for p in before if p in after and before[p] != after[p]]
    if changed:
        fail(f"a build with no change rewrote {len(changed)} files, e.g. {changed[:5]}")
    build(content, out, LATER)
    later = stats(out)
    # An hour later no event has begun or ended: no page, calendar, feed or
    # API file says anything new, so none is written again.
    moved = [str(p) for p in before if later.get(p) != before[p]]
    if moved:
        fail(f"a later --now with no change rewrote {len(moved)} files, e.g. {moved[:5]}")

    # 3. A cancellation reaches the calendars --------------------------------
    for path in (content / "events").rglob(f"{CANCELLED}.*.md"):
        text = path.read_text(encoding="utf-8")
        head, rest = text.split("\n---\n", 1)
        path.write_text(head + "\ncancelled: true\n---\n" + rest, encoding="utf-8")
    build(content, out, EDITED)
    edited = vevents(out)
    final = stats(out)
    uid = f"{CANCELLED}@{host}"
    if uid not in edited:
        fail(f"{uid} left the calendars when it was cancelled")
    else:
        sequence, modified, stamp, status = edited[uid]
        if status != "CANCELLED":
            fail(f"{uid}: STATUS {status}, expected CANCELLED")
        if sequence != first[uid][0] + 1:
            fail(f"{uid}: SEQUENCE {sequence}, expected {first[uid][0] + 1}")
        if modified != utc(EDITED) or stamp != utc(EDITED):
            fail(f"{uid}: LAST-MODIFIED {modified} and DTSTAMP {stamp}, expected the build's --now {utc(EDITED)}")
    for other, value in first.items():
        if other != uid and edited.get(other, (None,))[:3] != value[:3]:
            fail(f"{other} did not change but went from {value} to {edited.get(other)}")
    untouched = [p for p in before if p.suffix == ".ics" and p.parent.name == "events" and CANCELLED not in p.name
                 and p.name != "calendar.ics"]
    rewritten = [str(p) for p in untouched if final.get(p) != before[p]]
    if not untouched or rewritten:
        fail(f"unchanged events' .ics files were rewritten: {rewritten[:5]} (of {len(untouched)})")

    # 4. Deterministic: the same content and --now into fresh folders -----------
    a, b = work / "fresh-a", work / "fresh-b"
    build(content, a, EDITED)
    build(content, b, EDITED)
    for path in sorted(a.rglob("*")):
        if path.is_file() and path.read_bytes() != (b / path.relative_to(a)).read_bytes():
            fail(f"two fresh builds differ in {path.relative_to(a)}")
    fresh = vevents(a)
    if fresh.get(uid, (None,))[0] != 0:
        fail(f"a fresh build of the edited content: {uid} has SEQUENCE {fresh.get(uid)}, expected 0")
finally:
    shutil.rmtree(work)

finish("calendar_sync")
