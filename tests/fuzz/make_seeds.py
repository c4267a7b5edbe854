#!/usr/bin/python3
"""Writes the seed corpora in tests/fuzz/corpus/<target>/ from what the
repository already holds (docs/fuzzing.md), plus hand-made inputs that reach
corners the existing files do not. Deterministic: rerun it after the content,
the fixtures or the golden vectors change, and commit the result.

The picture seeds are drawn with Pillow (Debian's python3-pil).

usage: tests/fuzz/make_seeds.py"""
import copy
import json
import pathlib
import shutil

root = pathlib.Path(__file__).resolve().parents[2]
corpus = root / "tests/fuzz/corpus"


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write(target, name, text):
    path = corpus / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)


def front_matter_markdown():
    # Every content file of the real site and of the fixture sites, valid or not.
    for folder in ("content", "tests/fixtures/site-valid", "tests/fixtures/invalid"):
        for path in sorted((root / folder).rglob("*.md")):
            write("front_matter_markdown", str(path.relative_to(root)).replace("/", "-"), path.read_bytes())
    # Markdown the files above do not use: links of every kind the resolver
    # distinguishes, images, repeated headings (their ids), raw HTML, lists,
    # code, tables as plain text, and a body after CRLF front matter.
    write("front_matter_markdown", "hand-links-and-headings.md",
          "---\ntitle: Links\nweight: 3\nslug: links\ndraft: false\ndate: 2026-01-02\n---\n"
          "# Kop\n\n## Kop\n\n## Kop `code` *nadruk*\n\n"
          "[zelf](#kop-1) [over](../pages/about.nl.md#team) [over](about.nl.md) [x](x.nl.md) "
          "[kaal](../pages/about) [abs](/nl/about/#team) [ext](https://example.org/a?b#c) [mail](mailto:a@b.example) "
          "[proto](//example.org) [leeg]() [rel](bestand.pdf?x=1#y)\n\n"
          "![beeld](/images/pit.png) ![weg](/images/weg.png) ![naast](pit.png) ![op](../../static/images/pit.png)\n\n"
          "<div onclick=\"x()\">html</div>\n\nInline <b>vet</b> en &amp; &#x27; \\* \"quotes\" -- ... 'enkel'\n\n"
          "- a\n- b\n  1. c\n\n> citaat\n\n```js\nalert(1)\n```\n\n    ingesprongen\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
          "Tekst  \nmet harde regel\n\n***\n\n[ref]: /nl/about/ \"titel\"\n[ref]\n")
    write("front_matter_markdown", "hand-event-every-field.md",
          "---\r\ntitle: 'Alles'\r\ndescription: >\r\n  gevouwen\r\n  tekst\r\nstart: 2027-10-31T02:30\r\n"
          "end: 2027-10-31T03:30+01:00\r\npillar: culture\r\ninterests: [music, poetry]\r\nlanguages: [nl, ar, en]\r\n"
          "online: https://meet.example/x\r\nlocation: {name: B, address: A 1, postcode: 1011 AB, city: Amsterdam, lat: 52.37, lon: 4.89}\r\n"
          "capacity: 0\r\nprice: 2.50\r\nregistration: https://r.example\r\npartner: P\r\nimage: pit.png\r\n"
          "cancelled: true\r\nparams: {a: [1, {b: c}], d: &x e, f: *x}\r\n---\r\nتعال! مرحبا\r\n")
    write("front_matter_markdown", "hand-all-day-and-anchors.md",
          "---\ntitle: Dag\nstart: 2027-04-27\nend: 2027-04-28\npillar: social\nlocation:\n  name: Park\n"
          "? complex key\n: value\nempty:\nlist:\n  - - nested\n---\n")


def pools():
    vectors = json.loads((root / "tests/golden/vectors/small.json").read_text())
    pool = vectors["pool"]
    write("pool", "small.json", compact(pool))
    write("pool", "small-pretty.json", json.dumps(pool, ensure_ascii=False, indent=1))
    for profile in pool["profiles"]:  # each profile alone, with the whole pool's taxonomy
        one = dict(pool, profiles=[profile])
        write("pool", f"one-{profile['id']}.json", compact(one))
    two = dict(pool, profiles=pool["profiles"][:1] + pool["profiles"][3:4])
    write("pool", "two.json", compact(two))
    no_rarity = copy.deepcopy(two)
    no_rarity["taxonomy"]["interests"] = [{"id": i["id"]} for i in pool["taxonomy"]["interests"]]
    write("pool", "two-without-rarity.json", compact(no_rarity))

    # One hostile value at a time, in the two-profile pool: values at and past
    # the limits of the fields' types, kinds the reader does not expect, and
    # documents that are not a pool.
    def altered(name, change):
        value = copy.deepcopy(two)
        change(value)
        write("pool", f"altered-{name}.json", compact(value))

    first = lambda p: p["profiles"][0]
    altered("birth-year-huge", lambda p: first(p).update(birth_year=9223372036854775807))
    altered("birth-year-negative", lambda p: first(p).update(birth_year=-2147483649))
    altered("birth-year-text", lambda p: first(p).update(birth_year="1994"))
    altered("birth-year-fraction", lambda p: first(p).update(birth_year=1994.5))
    altered("reference-year-early", lambda p: p.update(reference_year=1))
    altered("lat-pole", lambda p: first(p)["location"].update(lat=90, lon=-180))
    altered("lat-out-of-range", lambda p: first(p)["location"].update(lat=1e308))
    altered("distance-zero", lambda p: first(p).update(max_distance_km=0))
    altered("distance-huge", lambda p: first(p).update(max_distance_km=1.7976931348623157e308))
    altered("capacity-huge", lambda p: first(p).update(capacity=4294967297))
    altered("waiting-huge", lambda p: first(p).update(waiting_since_days=2147483647))
    def rarity_extremes(p):
        p["taxonomy"]["interests"][0]["rarity"] = 1e-320
        p["taxonomy"]["interests"][1]["rarity"] = -1
    altered("rarity-extremes", rarity_extremes)
    altered("duplicate-id", lambda p: p["profiles"][1].update(id=first(p)["id"]))
    altered("empty-strings", lambda p: first(p).update(id="", display_name="", interests=[""]))
    altered("unknown-keys-and-nulls", lambda p: first(p).update(extra={"a": [None]}, gender=None, work=None, field=None))
    altered("many-interests", lambda p: p["taxonomy"].update(
        interests=[{"id": f"i{n}", "rarity": 1} for n in range(130)]))
    altered("many-languages", lambda p: first(p).update(
        languages=[{"code": f"l{n}", "level": "B1"} for n in range(70)]))
    altered("escapes", lambda p: first(p).update(display_name="\u0000\ud7ff\u00e9\"\\/\b\f\n\r\t"))
    altered("no-profiles", lambda p: p.update(profiles=[]))
    altered("version-2", lambda p: p.update(version=2))
    write("pool", "null.json", "null")
    write("pool", "lone-surrogate.json", compact(two).replace('"Amal"', '"\\ud800"'))
    write("pool", "truncated.json", compact(two)[:700])


def requests():
    seen = set()
    for vector in ("small", "demo400"):
        for request in json.loads((root / f"tests/golden/vectors/{vector}.json").read_text())["requests"]:
            text = request if isinstance(request, str) else compact(request)
            shape = text if vector == "small" else compact({k: v for k, v in request.items() if k != "profile_id"})
            if shape in seen:
                continue
            seen.add(shape)
            write("bridge_request", f"{vector}-{len(seen):02d}.json", text)
    # Values at the limits of what a request holds.
    for name, request in {
        "k-zero": {"version": 1, "op": "top_k", "profile_id": "amal", "k": 0},
        "k-negative": {"version": 1, "op": "top_k", "profile_id": "amal", "k": -1},
        "k-huge": {"version": 1, "op": "top_k", "profile_id": "amal", "k": 18446744073709551615},
        "k-fraction": {"version": 1, "op": "top_k", "profile_id": "amal", "k": 2.5},
        "filters-extreme": {"version": 1, "op": "top_k", "profile_id": "daan", "k": 3, "filters": {
            "pillar": "culture", "max_distance_km": 0, "min_score": 1e-320, "same_meeting_style": False,
            "exclude_ids": ["daan", "", "amal"]}},
        "explain-self": {"version": 1, "op": "explain", "a_id": "amal", "b_id": "amal"},
        "explain-inline": {"version": 1, "op": "explain", "a_id": "amal", "b": {
            "id": "b", "role": "local", "display_name": "B", "birth_year": 1900,
            "location": {"postcode_area": "", "lat": -90, "lon": 180},
            "languages": [{"code": "ar", "level": "A1"}], "max_distance_km": 20037.5}},
        "events-far-times": {"version": 1, "op": "suggest_events", "profile_id": "olena", "k": 9, "now": "9999-12-31T23:59:59+14:00",
                             "events": {"events": [{"id": "e", "pillar": "culture", "interests": ["chess"], "languages": ["uk"],
                                                    "start": "0001-01-01T00:00:00-12:00", "cancelled": False,
                                                    "location": {"lat": 0, "lon": 0}}]}},
    }.items():
        write("bridge_request", f"hand-{name}.json", compact(request))


def pictures():
    # Small JPEGs and PNGs of each kind the decoders meet: every EXIF
    # orientation, grey, progressive, a palette with transparency, 16 bits.
    import io
    from PIL import Image

    def save(name, image, **options):
        data = io.BytesIO()
        image.save(data, **options)
        write("picture", name, data.getvalue())

    photo = Image.new("RGB", (64, 40), (30, 60, 200))
    photo.paste((220, 20, 20), (0, 0, 32, 20))
    for orientation in range(1, 9):
        exif = Image.Exif()
        exif[0x0112] = orientation
        save(f"orientation-{orientation}.jpg", photo, format="JPEG", quality=50, exif=exif)
    save("grey.jpg", photo.convert("L"), format="JPEG", quality=50)
    save("progressive.jpg", photo, format="JPEG", quality=50, progressive=True)
    save("rgb.png", photo, format="PNG")
    logo = Image.new("RGBA", (60, 20), (0, 0, 0, 0))
    logo.paste((10, 120, 80, 255), (10, 5, 50, 15))
    save("alpha.png", logo, format="PNG")
    save("palette.png", logo.convert("P"), format="PNG", transparency=0)
    save("sixteen.png", Image.new("I;16", (20, 10), 40000), format="PNG")


if __name__ == "__main__":
    # The folders written here; api_request's seeds are kept by hand.
    for target in ("front_matter_markdown", "pool", "bridge_request", "picture"):
        shutil.rmtree(corpus / target, ignore_errors=True)
    front_matter_markdown()
    pools()
    requests()
    pictures()
