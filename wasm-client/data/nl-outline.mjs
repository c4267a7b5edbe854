// Writes the outline of the European Netherlands for the match explorer's map,
// from Natural Earth's 1:10m countries as the npm package world-atlas ships them
// (TopoJSON, decoded here: quantised, delta-encoded arcs shared between countries).
// The output is the same bytes for the same package and script (no clock, no
// locale, fixed rounding). usage: node nl-outline.mjs OUT.json
//
// [SECTION] What is kept
// [SECTION] TopoJSON
// [SECTION] Simplification
// [SECTION] Rings
// [SECTION] Triangles
// [SECTION] Output

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// [SECTION] What is kept

const COUNTRY_ID = '528';  // ISO 3166-1 numeric: the Netherlands
// The European Netherlands lie inside this box; the Caribbean parts (Bonaire,
// Sint Eustatius, Saba) lie west of 70°W and are dropped by it.
const EUROPE_BOX = { west: 3.0, south: 50.5, east: 7.5, north: 54.0 };
// Half a CSS pixel on a phone that shows the country 600 px tall (about
// 0.5 km per pixel): finer detail cannot be seen, and the source's own grid
// is about 0.2 km.
const TOLERANCE_KM = 0.25;
const DECIMALS = 4;  // about 11 m
// Kilometres per degree on an equirectangular projection at the country's middle.
const MIDDLE_LAT = 52.2;
const KM_PER_DEG_LAT = 111.2;
const KM_PER_DEG_LON = KM_PER_DEG_LAT * Math.cos((MIDDLE_LAT * Math.PI) / 180);

// [SECTION] TopoJSON

const atlasPackage = require('world-atlas/package.json');
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8'));
const naturalEarthVersion = readNaturalEarthVersion();

// The package's README names the Natural Earth release it was built from.
function readNaturalEarthVersion() {
  const readme = readFileSync(require.resolve('world-atlas/README.md'), 'utf8');
  const found = /Natural Earth\]\([^)]*\)’s \[vector data\]\([^)]*\), version (\d+(?:\.\d+)+)/.exec(readme);
  if (!found) fail('world-atlas/README.md no longer names the Natural Earth version');
  return found[1];
}

// An arc is a list of positions on the quantisation grid, each a delta from the
// one before; integers keep shared endpoints exactly equal.
function decodeArc(encoded) {
  let x = 0, y = 0;
  return encoded.map(([dx, dy]) => [(x += dx), (y += dy)]);
}

function toDegrees([x, y]) {
  const { scale, translate } = topology.transform;
  return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
}

const arcIndex = (reference) => (reference < 0 ? ~reference : reference);

function countryName(geometry) {
  return geometry.properties?.name ?? geometry.id;
}

// Which countries use each arc: an arc of the Netherlands that another country
// uses too is a land border; the others are coast.
function arcUsers() {
  const users = new Map();
  const walk = (country, arcs) => {
    for (const item of arcs) {
      if (Array.isArray(item)) walk(country, item);
      else {
        const index = arcIndex(item);
        if (!users.has(index)) users.set(index, new Set());
        users.get(index).add(country);
      }
    }
  };
  for (const geometry of topology.objects.countries.geometries) walk(countryName(geometry), geometry.arcs ?? []);
  return users;
}

// [SECTION] Simplification

function toKm([lon, lat]) {
  return [lon * KM_PER_DEG_LON, lat * KM_PER_DEG_LAT];
}

function distanceToSegmentKm(point, start, end) {
  const [px, py] = toKm(point), [ax, ay] = toKm(start), [bx, by] = toKm(end);
  const dx = bx - ax, dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// Douglas-Peucker on one arc: its two ends stay, so that the arcs of a ring
// still meet after each is simplified on its own.
function simplify(points) {
  const keep = new Array(points.length).fill(false);
  keep[0] = keep[points.length - 1] = true;
  const pending = [[0, points.length - 1]];
  while (pending.length) {
    const [first, last] = pending.pop();
    let farthest = -1, farthestKm = TOLERANCE_KM;
    for (let i = first + 1; i < last; i++) {
      const km = distanceToSegmentKm(points[i], points[first], points[last]);
      if (km > farthestKm) (farthest = i), (farthestKm = km);
    }
    if (farthest >= 0) {
      keep[farthest] = true;
      pending.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

// [SECTION] Rings

const round = (value) => Math.round(value * 10 ** DECIMALS) / 10 ** DECIMALS;
const roundPoint = ([lon, lat]) => [round(lon), round(lat)];
const samePoint = (a, b) => a[0] === b[0] && a[1] === b[1];

function withoutRepeats(points) {
  return points.filter((point, i) => i === 0 || !samePoint(point, points[i - 1]));
}

// Twice the signed area in degrees² (positive: counterclockwise, x = lon, y = lat).
function signedArea(ring) {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

function boundingBox(points) {
  const lons = points.map((p) => p[0]), lats = points.map((p) => p[1]);
  return { west: Math.min(...lons), south: Math.min(...lats), east: Math.max(...lons), north: Math.max(...lats) };
}

const insideBox = (box, outer) =>
  box.west >= outer.west && box.east <= outer.east && box.south >= outer.south && box.north <= outer.north;

function fail(message) {
  console.error(`nl-outline.mjs: ${message}`);
  process.exit(1);
}

const country = topology.objects.countries.geometries.find((g) => g.id === COUNTRY_ID);
if (!country || country.type !== 'MultiPolygon') fail(`country ${COUNTRY_ID} is not a MultiPolygon in countries-10m.json`);

const simplifiedArcs = new Map();  // arc index -> simplified [lon, lat] points, in the arc's own direction
function simplifiedArc(index) {
  if (!simplifiedArcs.has(index)) simplifiedArcs.set(index, simplify(decodeArc(topology.arcs[index]).map(toDegrees)));
  return simplifiedArcs.get(index);
}

// A ring is its arcs joined end to start (a negative reference runs an arc
// backwards); it comes out closed, outer rings counterclockwise and holes
// clockwise as in GeoJSON (RFC 7946).
function ring(references, isOuter) {
  const points = [];
  for (const reference of references) {
    const arc = simplifiedArc(arcIndex(reference));
    const directed = reference < 0 ? [...arc].reverse() : arc;
    points.push(...(points.length ? directed.slice(1) : directed));
  }
  const rounded = withoutRepeats(points.map(roundPoint));
  if (!samePoint(rounded[0], rounded[rounded.length - 1])) fail('a ring of the Netherlands does not close');
  if (rounded.length < 4) return null;  // an islet smaller than the tolerance
  return (signedArea(rounded) > 0) === isOuter ? rounded : rounded.reverse();
}

const polygons = [];
const usedArcs = new Set();
for (const polygon of country.arcs) {
  const outerRaw = polygon[0].flatMap((reference) => decodeArc(topology.arcs[arcIndex(reference)]).map(toDegrees));
  const box = boundingBox(outerRaw);
  if (!insideBox(box, EUROPE_BOX)) {
    if (box.east > -60) fail(`a polygon of the Netherlands lies neither in Europe nor in the Caribbean: ${JSON.stringify(box)}`);
    continue;
  }
  const rings = polygon.map((references, i) => ring(references, i === 0));
  if (!rings[0]) continue;
  polygons.push(rings.filter(Boolean));
  for (const references of polygon) for (const reference of references) usedArcs.add(arcIndex(reference));
}
if (!polygons.length) fail('no polygon of the Netherlands lies in Europe');

const users = arcUsers();
const landBorders = [...usedArcs]
  .sort((a, b) => a - b)
  .flatMap((index) => {
    const neighbours = [...users.get(index)].filter((name) => name !== countryName(country)).sort();
    return neighbours.length ? [{ neighbour: neighbours.join(', '), line: withoutRepeats(simplifiedArc(index).map(roundPoint)) }] : [];
  });

// [SECTION] Triangles

// Twice the signed area of triangle abc (positive: counterclockwise).
const cross = (a, b, c) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
const inTriangleOrOnEdge = (p, a, b, c) => cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;

// Ear clipping of a simple counterclockwise ring without holes: triangles as
// indices into the ring (its closing point left out), each counterclockwise,
// together covering the ring exactly. ImGui 1.86 fills convex shapes only, so
// the explorer fills the land with these.
function triangulate(closedRing) {
  const points = closedRing.slice(0, -1);
  const remaining = points.map((_, i) => i);
  const triangles = [];
  let k = 0, sinceLastClip = 0;
  while (remaining.length > 3) {
    if (sinceLastClip > remaining.length) fail('a ring of the outline cannot be cut into triangles (does it cross itself?)');
    const n = remaining.length;
    const a = remaining[(k + n - 1) % n], b = remaining[k % n], c = remaining[(k + 1) % n];
    const turn = cross(points[a], points[b], points[c]);
    const isEar = turn > 0 && !remaining.some((i) => i !== a && i !== b && i !== c &&
                                                   inTriangleOrOnEdge(points[i], points[a], points[b], points[c]));
    if (isEar || turn === 0) {
      if (isEar) triangles.push(a, b, c);  // a straight corner is dropped without a triangle
      remaining.splice(k % n, 1);
      sinceLastClip = 0;
    } else {
      k++;
      sinceLastClip++;
    }
    k %= remaining.length;
  }
  if (cross(...remaining.map((i) => points[i])) > 0) triangles.push(...remaining);
  return triangles;
}

for (const polygon of polygons) if (polygon.length > 1) fail('a polygon of the Netherlands has holes, which triangulate() does not cut');
const triangles = polygons.map((polygon) => triangulate(polygon[0]));

// [SECTION] Output

const allPoints = polygons.flat(2);
const box = boundingBox(allPoints);
const document = {
  version: 1,
  name: 'The Netherlands (European part): land outline',
  source: `Natural Earth 1:10m Admin 0 – Countries, version ${naturalEarthVersion}, as TopoJSON in the npm package ` +
    `world-atlas ${atlasPackage.version} (countries-10m.json, country ${COUNTRY_ID})`,
  source_url: 'https://www.naturalearthdata.com/downloads/10m-cultural-vectors/',
  licence: 'Public domain (Natural Earth terms of use: https://www.naturalearthdata.com/about/terms-of-use/)',
  credit: 'Made with Natural Earth.',
  coordinates: `[longitude, latitude] in degrees (WGS 84), rounded to ${DECIMALS} decimals`,
  simplification: `Douglas-Peucker on each shared arc, tolerance ${TOLERANCE_KM} km on an equirectangular projection ` +
    `at ${MIDDLE_LAT}°N; the Caribbean Netherlands are left out; inland water (IJsselmeer) is land in the source`,
  bbox: [box.west, box.south, box.east, box.north],
  // Each polygon: an outer ring (counterclockwise) then its holes (clockwise);
  // every ring closed (its last point is its first).
  polygons,
  // For each polygon, its outer ring cut into triangles: indices into the
  // ring (0 to its length - 2), three per triangle, each counterclockwise.
  triangles,
  // The parts of the outline that are a border on land, as open lines.
  land_borders: landBorders,
};

const out = process.argv[2];
if (!out) fail('usage: node nl-outline.mjs OUT.json');
writeFileSync(`${out}.tmp`, JSON.stringify(document) + '\n');
renameSync(`${out}.tmp`, out);
