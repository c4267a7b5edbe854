#!/usr/bin/env python3
"""Writes the explorer's fonts: one file per script, subset from Debian's font
packages with fontTools (pyftsubset's engine), plus fonts.json and LICENSE.

  subset_fonts.py --source ROOT --out DIR

ROOT is the repository (its content/ and templates/ are read for the characters
the site's strings use); DIR receives latin.ttf, cyrillic.ttf, arabic.ttf,
ethiopic.ttf, fonts.json and LICENSE. The same inputs give the same bytes:
fontTools keeps the source's timestamps unless asked, and nothing else varies.
"""
import argparse
import glob
import gzip
import hashlib
import json
import os
import sys
import unicodedata

import yaml
from fontTools import subset

DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
NOTO = '/usr/share/fonts/truetype/noto/'


def span(first, last):
    return set(range(first, last + 1))


def arabic_presentation_forms():
    """Every presentation form of a letter U+0621-U+06D3 (isolated, final,
    initial, medial), and the lam-alef ligatures: what a shaper can give."""
    out = set()
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        parts = unicodedata.decomposition(chr(cp)).split()
        if not parts or parts[0] not in ('<isolated>', '<final>', '<initial>', '<medial>'):
            continue
        letters = [int(p, 16) for p in parts[1:]]
        if len(letters) == 1 and 0x0621 <= letters[0] <= 0x06D3:
            out.add(cp)
        elif letters[:1] == [0x0644] and len(letters) == 2 and letters[1] in (0x0622, 0x0623, 0x0625, 0x0627):
            out.add(cp)
    return out


# Latin: the Latin-script alphabets of the Netherlands and of the people the
# platform brings together (Turkish, Kurdish, Romanian, Azerbaijani, Somali,
# Albanian, Polish ...), the combining accents of decomposed input, and the
# punctuation and symbols of the interface.
LATIN = (span(0x0020, 0x007E) | span(0x00A0, 0x017F)
         | span(0x0218, 0x021B) | {0x0259, 0x018F}          # Romanian comma below, Azerbaijani schwa
         | span(0x02BB, 0x02BC) | {0x02C6, 0x02C7} | span(0x02D8, 0x02DD)  # apostrophes (Ukrainian ʼ), accents
         | span(0x0300, 0x0308) | span(0x030A, 0x030C) | {0x0323, 0x0327, 0x0328}
         | span(0x2000, 0x200A) | {0x202F, 0x205F}          # spaces (ImGui draws them; the layout keeps them)
         | span(0x2010, 0x2027) | {0x2030, 0x2032, 0x2033, 0x2039, 0x203A, 0x2044}
         | {0x20AC, 0x20B4, 0x2116, 0x2122}                 # € ₴ № ™
         | span(0x2190, 0x2195) | {0x2212, 0x2248, 0x2260, 0x2261, 0x2264, 0x2265}
         | {0x25B2, 0x25B6, 0x25BC, 0x25C0, 0x25CB, 0x25CF, 0x2605, 0x2606, 0x2630}
         | span(0x2713, 0x2718) | {0xFFFD})

SCRIPTS = {
    'latin': {'font': DEJAVU, 'package': 'fonts-dejavu-core', 'unicodes': LATIN},
    # Ukrainian and every other Cyrillic alphabet of the block (Russian,
    # Belarusian, Bulgarian, the Caucasus and Central Asia).
    'cyrillic': {'font': DEJAVU, 'package': 'fonts-dejavu-core', 'unicodes': span(0x0400, 0x04FF)},
    # The Arabic block (Arabic, Persian, Dari, Pashto, Urdu, Kurdish letters,
    # both kinds of digits, harakat), every presentation form a shaper gives
    # for its letters, and the rial sign.
    'arabic': {'font': NOTO + 'NotoSansArabic-Regular.ttf', 'package': 'fonts-noto-core',
               'unicodes': span(0x0600, 0x06FF) | arabic_presentation_forms() | {0xFDFC}},
    # The whole Ethiopic syllabary, punctuation and numerals: Tigrinya uses
    # nearly every syllable, and people type names the site's strings lack.
    'ethiopic': {'font': NOTO + 'NotoSansEthiopic-Regular.ttf', 'package': 'fonts-noto-core',
                 'unicodes': span(0x1200, 0x137F)},
}

# The scripts each site language loads, Latin always (names, numbers, URLs).
LANGUAGES = {
    'nl': ['latin'], 'en': ['latin'], 'uk': ['latin', 'cyrillic'],
    'ar': ['latin', 'arabic'], 'fa': ['latin', 'arabic'], 'ti': ['latin', 'ethiopic'],
}

# Which script a character of the site's strings belongs to, by block.
BLOCKS = {'cyrillic': [(0x0400, 0x052F)], 'arabic': [(0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFEFF)],
          'ethiopic': [(0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)]}

BUDGET_GZIP = 150 * 1024


def strings_by_language(root):
    """Every interface string and taxonomy label of the site, by language."""
    out = {}
    def walk(value, lang):
        if isinstance(value, dict):
            for v in value.values():
                walk(v, lang)
        elif isinstance(value, str):
            out.setdefault(lang, []).append(value)
    for path in sorted(glob.glob(os.path.join(root, 'templates/i18n/*.yaml')) + glob.glob(os.path.join(root, 'content/i18n/*.yaml'))):
        walk(yaml.safe_load(open(path, encoding='utf-8')) or {}, os.path.basename(path)[:-5])
    for path in sorted(glob.glob(os.path.join(root, 'content/data/*.yaml'))):
        for labels in (yaml.safe_load(open(path, encoding='utf-8')) or {}).values():
            if isinstance(labels, dict):
                for lang, label in labels.items():
                    if lang in LANGUAGES:  # other keys are fields, not translations
                        walk(label, lang)
    return out


def script_of(cp):
    for script, blocks in BLOCKS.items():
        if any(first <= cp <= last for first, last in blocks):
            return script
    return None


def site_languages(root):
    site = yaml.safe_load(open(os.path.join(root, 'content/site.yaml'), encoding='utf-8'))
    return [language['code'] for language in site.get('languages', [])]


def licence_text(package):
    """The fonts' copyright, licence grant, licence name and licence text, from
    the package's machine-readable copyright file (Debian copyright format 1.0)."""
    paragraphs = []
    for block in open(f'/usr/share/doc/{package}/copyright', encoding='utf-8').read().split('\n\n'):
        fields, name = {}, None
        for line in block.strip('\n').split('\n'):
            if line[:1] not in (' ', '\t') and ':' in line:
                name, value = line.split(':', 1)
                fields[name] = value.strip()
            elif name:
                fields[name] += '\n' + ('' if line.strip() == '.' else line[1:])
        paragraphs.append(fields)
    fonts = next(p for p in paragraphs if p.get('Files') == '*')
    licence, _, text = fonts['License'].partition('\n')
    if not text:  # a stand-alone licence paragraph holds the text
        text = next(p['License'].partition('\n')[2] for p in paragraphs
                    if 'Files' not in p and p.get('License', '').partition('\n')[0] == licence)
    return fonts['Copyright'].strip('\n'), fonts.get('License-Grant', '').strip('\n'), licence, text.strip('\n')


def write_licence(path):
    """Each source font's own notices (its name table's copyright and licence,
    which for DejaVu hold the Bitstream Vera and Arev licences in full), then
    the licence text from Debian's copyright file when the notice only names it
    (Noto: the SIL Open Font License 1.1)."""
    from fontTools.ttLib import TTFont
    with open(path, 'w', encoding='utf-8') as out:
        out.write('The fonts in this folder are subsets, made when the site is built, of fonts\n'
                  "from Debian's packages. Their copyright and licences follow.\n")
        written = set()
        for source in sorted({spec['font'] for spec in SCRIPTS.values()}):
            names = TTFont(source, lazy=True)['name']
            package = next(spec['package'] for spec in SCRIPTS.values() if spec['font'] == source)
            files = ', '.join(name + '.ttf' for name, spec in SCRIPTS.items() if spec['font'] == source)
            notice = (names.getDebugName(13) or '').strip()
            version = names.getDebugName(5).split(';')[0]
            out.write(f'\n{"=" * 78}\n{files}: {names.getDebugName(4)}, {version}\n'
                      f'(Debian package {package}, {source})\n\n{names.getDebugName(0).strip()}\n\n{notice}\n')
            if names.getDebugName(14):
                out.write(f'{names.getDebugName(14).strip()}\n')
            _, _, licence, text = licence_text(package)
            if text.split('\n', 1)[0].strip() in notice:
                continue
            if licence in written:
                out.write(f'\n{licence}: the text is given above.\n')
            else:
                out.write(f'\n{licence}:\n\n{text}\n')
                written.add(licence)


def subset_font(source, unicodes, out_path):
    options = subset.Options()
    # ImGui's stb_truetype reads outlines and advances only: hinting, kerning and
    # OpenType layout would be bytes it never looks at (the shaping is ours).
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ['DSIG', 'GDEF', 'GSUB', 'GPOS', 'kern', 'gasp', 'hdmx', 'VDMX', 'LTSH', 'FFTM']
    options.name_IDs = ['*']          # keep the copyright and licence names
    options.name_languages = ['*']
    options.notdef_outline = True
    options.recalc_timestamp = False  # the source's date: the same bytes every build
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    subset.save_font(font, out_path, options)
    font.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source', required=True)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    unknown = [lang for lang in site_languages(args.source) if lang not in LANGUAGES]
    if unknown:
        sys.exit(f'{args.source}/content/site.yaml: languages {", ".join(unknown)} have no scripts: '
                 f'add them to LANGUAGES in {os.path.abspath(__file__)}')

    # Any character of the site's strings in a script's blocks goes into its font
    # (the sets above already hold them; this keeps a new one from being missed).
    for lang, strings in strings_by_language(args.source).items():
        for cp in {ord(c) for text in strings for c in text}:
            script = script_of(cp)
            if script and script in LANGUAGES.get(lang, []):
                SCRIPTS[script]['unicodes'].add(cp)

    listing = {'scripts': {}, 'languages': LANGUAGES}
    for name, spec in SCRIPTS.items():
        path = os.path.join(args.out, name + '.ttf')
        subset_font(spec['font'], spec['unicodes'], path + '.tmp')
        os.replace(path + '.tmp', path)
        data = open(path, 'rb').read()
        packed = len(gzip.compress(data, compresslevel=9, mtime=0))
        if packed > BUDGET_GZIP:
            sys.exit(f'{path}: {packed} bytes gzipped, over the budget of {BUDGET_GZIP}')
        listing['scripts'][name] = {
            'file': name + '.ttf', 'bytes': len(data), 'gzip_bytes': packed,
            'sha256': hashlib.sha256(data).hexdigest(),
            'font': os.path.basename(spec['font']), 'package': spec['package'],
        }
    with open(os.path.join(args.out, 'fonts.json'), 'w', encoding='utf-8') as out:
        json.dump(listing, out, indent=2, ensure_ascii=False)
        out.write('\n')

    write_licence(os.path.join(args.out, 'LICENSE'))

if __name__ == '__main__':
    main()
