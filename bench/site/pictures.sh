#!/usr/bin/env bash
# What editors' photos cost and save (docs/images.md): a copy of content/ with
# phone photos (4000 × 3000, JPEG quality 92, EXIF with a GPS position) beside
# eight events, built three times into folders that never held a site. Prints
# the `pictures` stage of `--progress` (median), the build with and without the
# photos, and the bytes: the photos as committed against the files a phone 360
# CSS pixels wide at density 2 takes (800) and a laptop (1200). Never fails on
# a timing.
# usage: bench/site/pictures.sh BLENDIN
set -uo pipefail
blendin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now=2026-11-28T12:00
photos=8

cp -r "$root/content" "$work/plain"
cp -r "$root/content" "$work/photos"
/usr/bin/python3 - "$work/photos" "$photos" <<'EOF' || { echo "pictures: Pillow could not draw the photos (python3-pil)"; exit 0; }
import pathlib, random, sys
from PIL import Image, ImageFilter

content, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
events = sorted(p for p in (content / "events").rglob("*.nl.md"))[:count]
random.seed(1)
for i, event in enumerate(events):
    # Something a JPEG encoder treats like a photo: soft shapes and grain.
    image = Image.new("RGB", (4000, 3000), (random.randrange(256), random.randrange(256), random.randrange(256)))
    for _ in range(60):
        x, y = random.randrange(4000), random.randrange(3000)
        image.paste((random.randrange(256), random.randrange(256), random.randrange(256)),
                    (x, y, x + random.randrange(200, 1500), y + random.randrange(200, 1500)))
    image = image.filter(ImageFilter.GaussianBlur(12))
    grain = Image.effect_noise((4000, 3000), 24).convert("RGB")
    image = Image.blend(image, grain, 0.12)
    exif = Image.Exif()
    exif[0x0112] = 1
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 12.5), 3: "E", 4: (4.0, 53.0, 1.25)}
    name = f"foto-{i}.jpg"
    image.save(event.parent / name, quality=92, exif=exif)
    text = event.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    event.write_text(head + f'\nimage: {name}\nimage_alt: "Foto {i}"\n---\n' + rest, encoding="utf-8")
EOF

# build NAME CONTENT: prints the whole build's seconds and the pictures stage's.
build() {
  local out=$work/out-$1-$RANDOM log
  log=$("$blendin" build --content "$2" --templates "$root/templates" --out "$out" --now $now --progress 2>&1) || {
    echo "build failed: $log" >&2
    return 1
  }
  echo "$(sed -n 's/^built .* in \([0-9.]*\) s$/\1/p' <<<"$log") $(sed -n 's/^blendin: pictures *\([0-9.]*\) s.*/\1/p' <<<"$log")"
  [[ $1 == photos ]] && cp -r "$out" "$work/kept" 2>/dev/null
  rm -rf "$out"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

plain=() with=() stage=()
for round in 1 2 3; do
  read -r total _ < <(build plain "$work/plain") || exit 0
  plain+=("$total")
  read -r total pictures < <(build photos "$work/photos") || exit 0
  with+=("$total")
  stage+=("$pictures")
done
plain_median=$(printf '%s\n' "${plain[@]}" | median)
with_median=$(printf '%s\n' "${with[@]}" | median)
stage_median=$(printf '%s\n' "${stage[@]}" | median)
echo "pictures: $photos phone photos of 4000 × 3000 (12 megapixels) beside $photos events, $(nproc) cores, 3 builds each"
echo "pictures stage: ${stage_median} s median (runs: ${stage[*]}), $(awk -v s="$stage_median" -v n=$photos 'BEGIN { printf "%.0f", s * 1000 / n }') ms a photo"
echo "build: ${with_median} s with the photos, ${plain_median} s without (medians; runs with: ${with[*]}; without: ${plain[*]})"

size_kb() { awk '{ s += $1 } END { printf "%.0f", s / NR / 1024 }'; }
original=$(find "$work/photos/events" -name 'foto-*.jpg' -printf '%s\n' | size_kb)
for width in 480 800 1200; do
  made[$width]=$(find "$work/kept" -name "foto-*-$width.jpg" -printf '%s\n' | size_kb)
done
echo "bytes a photo (mean): as committed ${original} KB; offered 480: ${made[480]} KB, 800: ${made[800]} KB, 1200: ${made[1200]} KB"
echo "a phone 360 px wide at 2× fetches the 800 file: ${made[800]} KB instead of ${original} KB ($(awk -v a="$original" -v b="${made[800]}" 'BEGIN { printf "%.0f", a / b }') times less)"
if grep -rqsa "Exif" --include='foto-*' "$work/kept"; then echo "metadata: FOUND in an offered file"; else echo "metadata: none in the offered files"; fi
