#!/usr/bin/python3
"""Editors' photos and partners' logos at the widths a page offers, on real
builds of a copy of content/, every file read back with Pillow (Debian's
python3-pil), a decoder apart from the generator's libjpeg and libpng:

- an event photo, a JPEG stored 3000 x 2000 with EXIF orientation 6 (taken with
  the phone held upright) and a GPS position, becomes files 480, 800 and 1200
  pixels wide: upright, in proportion, progressive, with no EXIF and no GPS
  anywhere in their bytes; the photo itself is not published; the event page's
  img has src, srcset, sizes, width, height and the front matter's alt, and
  og:image is the widest file with its type and size;
- each of EXIF's eight orientations is shown as Pillow's exif_transpose shows it;
- a photo in an event's text is published under its own name, at most 1200
  pixels wide, upright and without metadata;
- a photo 300 pixels wide is offered at its own width only;
- a partner's PNG logo with transparency becomes files 160 and 320 wide,
  transparent where it was, shown on the About page of every language; a
  transparent pixel's colour does not bleed into its neighbours;
- a WebP photo is shown as it is;
- a second build with no change writes nothing;
- mistakes fail the build at file:line:column and leave the previous site as it
  was: a JPEG cut short, a text file named .jpg, a logo outside static/, a
  WebP logo, and a file in the content where a picture's file would go.

usage: pictures.py BLENDIN REPO_ROOT
"""
import html.parser
import io
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

from PIL import Image, ImageOps

from findings import fail, finish

blendin, root = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
NOW = "2026-11-28T12:00"



def build(content, out):
    return subprocess.run([str(blendin), "build", "--content", str(content), "--templates", str(root / "templates"), "--out", str(out),
                           "--now", NOW], capture_output=True, text=True)


def edit(path, extra):
    """Adds front matter lines before the closing ---."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    path.write_text(head + "\n" + extra + "\n---\n" + rest, encoding="utf-8")


def line_of(path, needle):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


class Images(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.meta = [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        if tag == "meta" and attrs.get("property", "").startswith("og:image"):
            self.meta[attrs["property"]] = attrs.get("content")


def parse(page):
    parser = Images()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def photo_with_exif(path, size, orientation):
    """Stored as `size`, red in its top-left quarter, the rest blue; EXIF with an orientation and a GPS position."""
    image = Image.new("RGB", size, (30, 60, 200))
    image.paste((220, 20, 20), (0, 0, size[0] // 2, size[1] // 2))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    gps = {1: "N", 2: (52.0, 5.0, 12.5), 3: "E", 4: (4.0, 53.0, 1.25)}
    exif[0x8825] = gps
    image.save(path, quality=92, exif=exif)


def check_photo_files(out, folder, stem, widths, shown):
    """The files of one photo: sizes, upright (red top-right for orientation 6), no metadata."""
    for width in widths:
        path = out / folder / f"{stem}-{width}.jpg"
        if not path.is_file():
            fail(f"{path.relative_to(out)}: missing")
            continue
        data = path.read_bytes()
        image = Image.open(io.BytesIO(data))
        expected = (width, round(shown[1] * width / shown[0]))
        if image.size != expected:
            fail(f"{path.name}: {image.size}, expected {expected}")
        if image.format != "JPEG" or not image.info.get("progressive"):
            fail(f"{path.name}: expected a progressive JPEG, got {image.format} {image.info}")
        if b"Exif" in data or b"PhoneMaker" in data or dict(image.getexif()):
            fail(f"{path.name}: metadata kept: {dict(image.getexif())}")
        rgb = image.convert("RGB")
        top_right = rgb.getpixel((image.width - 3, 2))
        bottom_left = rgb.getpixel((2, image.height - 3))
        if not (top_right[0] > 180 and top_right[2] < 60):
            fail(f"{path.name}: top right is {top_right}, expected the red quarter (the photo turned upright)")
        if not (bottom_left[2] > 170 and bottom_left[0] < 70):
            fail(f"{path.name}: bottom left is {bottom_left}, expected blue")


work = pathlib.Path(tempfile.mkdtemp(prefix="pictures-"))
try:
    content, out = work / "content", work / "out"
    shutil.copytree(root / "content", content)
    events = content / "events" / "2027"
    # An upright phone photo beside the event, stored on its side.
    photo_with_exif(events / "cv-middag.jpg", (3000, 2000), 6)
    edit(events / "cv-middag-eindhoven.nl.md", 'image: cv-middag.jpg\nimage_alt: "Twee mensen bij een laptop"')
    # EXIF's eight orientations, each an event's photo: four quarters of four colours.
    quarters = ((220, 20, 20), (20, 180, 40), (30, 60, 200), (230, 210, 30))
    for orientation in range(1, 9):
        image = Image.new("RGB", (1200, 800))
        for i, colour in enumerate(quarters):
            image.paste(colour, ((i % 2) * 600, (i // 2) * 400, (i % 2 + 1) * 600, (i // 2 + 1) * 400))
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(events / f"turned-{orientation}.jpg", quality=95, exif=exif)
        shutil.copy(root / "content/events/2027/cv-middag-eindhoven.nl.md", events / f"turned-{orientation}.nl.md")
        edit(events / f"turned-{orientation}.nl.md", f'image: turned-{orientation}.jpg\nimage_alt: ""')
    # A photo in the event's text, from a phone too.
    photo_with_exif(events / "zaal.jpg", (2400, 1600), 6)
    nl = events / "cv-middag-eindhoven.nl.md"
    nl.write_text(nl.read_text(encoding="utf-8") + "\n![De zaal](zaal.jpg)\n", encoding="utf-8")
    # A small photo, and a WebP one.
    Image.new("RGB", (300, 200), (200, 200, 40)).save(events / "klein.jpg")
    edit(events / "bevrijdingsdag-groningen.nl.md", 'image: klein.jpg\nimage_alt: ""')
    Image.new("RGB", (640, 480), (40, 160, 90)).save(events / "vlag.webp")
    edit(events / "bevrijdingsdag-groningen.en.md", 'image: vlag.webp\nimage_alt: "A flag"')
    # A partner's logo with a transparent background.
    (content / "static" / "images" / "partners").mkdir(parents=True)
    logo = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    logo.paste((10, 120, 80, 255), (100, 50, 500, 150))
    logo.save(content / "static" / "images" / "partners" / "kroon.png")
    # A funder's logo of columns, transparent red and opaque blue by turns: scaled
    # right, the hidden red does not show (premultiplied alpha).
    stripes = Image.new("RGBA", (640, 100), (0, 0, 255, 255))
    for x in range(0, 640, 2):
        stripes.paste((255, 0, 0, 0), (x, 0, x + 1, 100))
    stripes.save(content / "static" / "images" / "partners" / "stripes.png")
    site_yaml = content / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    text = re.sub(r"^  partners: \[\].*$",
                  '  partners:\n    - {name: "Wijkcentrum De Kroon", url: "https://example.org/kroon", logo: /images/partners/kroon.png}',
                  text, flags=re.M)
    text = re.sub(r"^  funders: \[\].*$", '  funders:\n    - {name: "Fonds", logo: /images/partners/stripes.png}', text, flags=re.M)
    site_yaml.write_text(text, encoding="utf-8")

    result = build(content, out)
    if result.returncode != 0:
        raise SystemExit(f"FAIL: the build failed:\n{result.stderr}")

    # The photo.
    folder = pathlib.Path("nl/events/cv-middag-eindhoven")
    check_photo_files(out, folder, "cv-middag", (480, 800, 1200), (2000, 3000))
    if (out / folder / "cv-middag.jpg").exists():
        fail("the photo itself (with its EXIF and GPS) is published")
    page = parse(out / folder / "index.html")
    shown = [i for i in page.images if i.get("class") == "event-image"]
    if len(shown) != 1:
        fail(f"event page: {len(shown)} event images, expected 1")
    else:
        img = shown[0]
        base = "/nl/events/cv-middag-eindhoven/cv-middag"
        expected = {"src": f"{base}-1200.jpg", "width": "1200", "height": "1800", "alt": "Twee mensen bij een laptop",
                    "srcset": f"{base}-480.jpg 480w, {base}-800.jpg 800w, {base}-1200.jpg 1200w"}
        for key, value in expected.items():
            if img.get(key) != value:
                fail(f"event image {key}={img.get(key)!r}, expected {value!r}")
        if not img.get("sizes"):
            fail("event image: no sizes")
    og = page.meta
    if not (og.get("og:image", "").endswith("/nl/events/cv-middag-eindhoven/cv-middag-1200.jpg")
            and og.get("og:image:type") == "image/jpeg" and og.get("og:image:width") == "1200"
            and og.get("og:image:height") == "1800"):
        fail(f"og:image of the event: {og}")

    # The photo in the text: under its own name, at most 1200 wide, upright, without metadata.
    check_photo_files(out, folder, "zaal", (), (1600, 2400))
    body = out / folder / "zaal.jpg"
    if not body.is_file():
        fail("the photo in the text is missing")
    else:
        data = body.read_bytes()
        image = Image.open(io.BytesIO(data))
        if image.size != (1200, 1800) or b"Exif" in data or b"PhoneMaker" in data:
            fail(f"the photo in the text: {image.size}, EXIF kept: {b'Exif' in data}; expected (1200, 1800) without metadata")
        if '<img src="/nl/events/cv-middag-eindhoven/zaal.jpg" alt="De zaal"' not in (out / folder / "index.html").read_text(encoding="utf-8"):
            fail("the photo in the text: its img is not on the page")

    # The eight orientations against Pillow's.
    for orientation in range(1, 9):
        expected = ImageOps.exif_transpose(Image.open(events / f"turned-{orientation}.jpg")).convert("RGB")
        made = Image.open(out / f"nl/events/turned-{orientation}/turned-{orientation}-480.jpg").convert("RGB")
        if made.width != 480 or abs(made.height / made.width - expected.height / expected.width) > 0.01:
            fail(f"orientation {orientation}: {made.size}, expected the shape of {expected.size}")
            continue
        for fx, fy in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
            want = expected.getpixel((int(fx * expected.width), int(fy * expected.height)))
            got = made.getpixel((int(fx * made.width), int(fy * made.height)))
            if max(abs(a - b) for a, b in zip(want, got)) > 24:
                fail(f"orientation {orientation}: at {fx}, {fy} {got}, Pillow shows {want}")

    # The small photo: its own width only; the WebP: as it is.
    small = parse(out / "nl/events/bevrijdingsdag-groningen/index.html").images
    small = [i for i in small if i.get("class") == "event-image"]
    if not small or small[0].get("srcset") != "/nl/events/bevrijdingsdag-groningen/klein-300.jpg 300w":
        fail(f"small photo: {small}")
    if not (out / "nl/events/bevrijdingsdag-groningen/klein-300.jpg").is_file():
        fail("small photo: klein-300.jpg missing")
    webp = [i for i in parse(out / "en/events/bevrijdingsdag-groningen/index.html").images if i.get("class") == "event-image"]
    if not webp or webp[0].get("src") != "/en/events/bevrijdingsdag-groningen/vlag.webp" or "srcset" in webp[0]:
        fail(f"WebP photo: {webp}")
    if not (out / "en/events/bevrijdingsdag-groningen/vlag.webp").is_file() or (out / "en/events/bevrijdingsdag-groningen/vlag.webp").read_bytes() != (events / "vlag.webp").read_bytes():
        fail("WebP photo: not copied as it is")

    # The logo, on every language's About page.
    for width, height in ((160, 53), (320, 107)):
        path = out / f"images/partners/kroon-{width}.png"
        image = Image.open(path)
        if image.size != (width, height) or image.mode != "RGBA":
            fail(f"{path.name}: {image.size} {image.mode}, expected {(width, height)} RGBA")
        if image.getpixel((0, 0))[3] != 0 or image.getpixel((width // 2, height // 2)) != (10, 120, 80, 255):
            fail(f"{path.name}: transparency or colour lost: {image.getpixel((0, 0))} {image.getpixel((width // 2, height // 2))}")
    for width in (160, 320):
        colours = set(Image.open(out / f"images/partners/stripes-{width}.png").getdata())
        if any(abs(r) > 2 or g > 2 or b < 253 or abs(a - 128) > 2 for r, g, b, a in colours):
            fail(f"stripes-{width}.png: {sorted(colours)[:4]}, expected blue at half alpha (the transparent red hidden)")
    for lang in ("nl", "en", "ar", "uk", "fa", "ti"):
        about = [p for p in (out / lang).glob("*/index.html") if 'class="logos"' in p.read_text(encoding="utf-8")]
        logos = [i for p in about for i in parse(p).images if i.get("class") == "logo" and "kroon" in i.get("src", "")]
        for page in about:  # only partners and funders filled: no empty list of registration facts above them
            section = page.read_text(encoding="utf-8").split('aria-labelledby="facts-organisation">', 1)[-1].split("</section>", 1)[0]
            if "<dl" in section:
                fail(f"{page.relative_to(out)}: an empty list of facts above the partners")
        if len(logos) != 1 or logos[0].get("srcset") != "/images/partners/kroon-160.png 160w, /images/partners/kroon-320.png 320w" \
                or logos[0].get("alt") != "" or logos[0].get("width") != "320":
            fail(f"{lang}: partner logo on the About page: {logos}")

    # A second build with no change writes nothing.
    before = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in out.rglob("*") if p.is_file()}
    result = build(content, out)
    after = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in out.rglob("*") if p.is_file()}
    if result.returncode != 0 or before != after:
        changed = sorted(str(p.relative_to(out)) for p in after if before.get(p) != after[p])
        fail(f"a second build with no change rewrote {len(changed)} files: {changed[:5]}")

    # Mistakes: each fails at its line and leaves the site as it was.
    def expect_refusal(name, change, undo, file, needle, message):
        change()
        line, column = line_of(file, needle)
        result = build(content, out)
        undo()
        where = f"{file.relative_to(work)}:{line}:{column}: "
        if result.returncode == 0:
            fail(f"{name}: the build passed")
        elif where + message not in result.stderr.replace(str(work) + "/", ""):
            fail(f"{name}: expected {where + message!r} in:\n{result.stderr}")
        if {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in out.rglob("*") if p.is_file()} != after:
            fail(f"{name}: the previous site was changed")

    photo = events / "cv-middag.jpg"
    whole = photo.read_bytes()
    nl_event = events / "cv-middag-eindhoven.nl.md"
    expect_refusal("a JPEG cut short", lambda: photo.write_bytes(whole[: len(whole) // 2]), lambda: photo.write_bytes(whole),
                   nl_event, "cv-middag.jpg", "image: a JPEG cut short")
    expect_refusal("a text named .jpg", lambda: photo.write_text("not a photo", encoding="utf-8"), lambda: photo.write_bytes(whole),
                   nl_event, "cv-middag.jpg", "image: \"cv-middag.jpg\" is not the JPEG its name says")
    yaml_text = site_yaml.read_text(encoding="utf-8")
    expect_refusal("a logo outside static/",
                   lambda: site_yaml.write_text(yaml_text.replace("logo: /images/partners/kroon.png", "logo: kroon.png"), encoding="utf-8"),
                   lambda: site_yaml.write_text(yaml_text, encoding="utf-8"),
                   site_yaml, "kroon.png}", "partners: logo: \"kroon.png\" is not in static/")
    webp_logo = content / "static" / "images" / "partners" / "kroon.webp"
    expect_refusal("a WebP logo",
                   lambda: (logo.save(webp_logo),
                            site_yaml.write_text(yaml_text.replace("kroon.png}", "kroon.webp}"), encoding="utf-8")),
                   lambda: (webp_logo.unlink(), site_yaml.write_text(yaml_text, encoding="utf-8")),
                   site_yaml, "/images/partners/kroon", "partners: logo: \"kroon.webp\" is not a PNG or JPEG")
    body_image = "\n\n![](cv-middag-800.jpg)\n"
    nl_text = nl_event.read_text(encoding="utf-8")

    def add_clash():
        shutil.copy(photo, events / "cv-middag-800.jpg")
        nl_event.write_text(nl_text + body_image, encoding="utf-8")

    def remove_clash():
        (events / "cv-middag-800.jpg").unlink()
        nl_event.write_text(nl_text, encoding="utf-8")

    expect_refusal("a file where a picture's file goes", add_clash, remove_clash, nl_event, "cv-middag.jpg",
                   "image: the picture's file /nl/events/cv-middag-eindhoven/cv-middag-800.jpg would replace")
finally:
    shutil.rmtree(work, ignore_errors=True)

finish("pictures")
