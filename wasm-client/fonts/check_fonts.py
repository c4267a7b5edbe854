#!/usr/bin/env python3
"""Checks the built fonts of the explorer.

  check_fonts.py --source ROOT --fonts DIR --fribidi FRIBIDI_LIB_DIR

- every code point FriBidi's shaper can give for an Arabic or Persian letter
  (its table arabic-shaping.tab.i and its lam-alef ligatures) has a glyph in
  arabic.ttf;
- every character of every site string (interface strings, taxonomy labels)
  has a glyph in the fonts its language loads, or is one the layout drops;
- each font is within its budget of 150 KB gzipped;
- a second run of subset_fonts.py gives the same bytes.
"""
import argparse
import filecmp
import gzip
import os
import re
import sys
import tempfile
import unicodedata

from fontTools.ttLib import TTFont

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import subset_fonts  # noqa: E402


def shaper_outputs(fribidi_lib):
    table = open(os.path.join(fribidi_lib, 'arabic-shaping.tab.i'), encoding='utf-8').read()
    forms = {int(x, 16) for x in re.findall(r'0x([0-9a-fA-F]{4})', table.split('ArShap[', 1)[1].split('};', 1)[0])}
    ligatures = open(os.path.join(fribidi_lib, 'arabic-misc.tab.i'), encoding='utf-8').read()
    mandatory = ligatures.split('mandatory_liga_table[]', 1)[1].split('};', 1)[0]
    forms |= {int(x, 16) for x in re.findall(r'0x([0-9a-fA-F]{4})', mandatory)} - {0x0640}
    return forms


def dropped_by_layout(cp):
    # What text::visual_line leaves out: format characters and controls but tab and line feed.
    return unicodedata.category(chr(cp)) in ('Cf', 'Cc') and chr(cp) not in '\t\n' or 0xFE00 <= cp <= 0xFE0F


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source', required=True)
    parser.add_argument('--fonts', required=True)
    parser.add_argument('--fribidi', required=True)
    args = parser.parse_args()
    problems = []
    cmaps = {name: set(TTFont(os.path.join(args.fonts, name + '.ttf')).getBestCmap())
             for name in subset_fonts.SCRIPTS}

    missing = sorted(cp for cp in shaper_outputs(args.fribidi) if cp not in cmaps['arabic'])
    if missing:
        problems.append('arabic.ttf lacks forms the shaper gives: ' + ' '.join('U+%04X' % cp for cp in missing))

    for lang, strings in sorted(subset_fonts.strings_by_language(args.source).items()):
        scripts = subset_fonts.LANGUAGES.get(lang)
        if scripts is None:
            continue  # a label in a language the site does not have
        covered = set().union(*(cmaps[s] for s in scripts))
        for cp in sorted({ord(c) for text in strings for c in text}):
            if cp not in covered and not dropped_by_layout(cp):
                example = next(text for text in strings if chr(cp) in text)
                problems.append(f'{lang}: U+{cp:04X} {unicodedata.name(chr(cp), "?")} has no glyph in '
                                f'{" + ".join(scripts)} (in "{example}")')

    for name in subset_fonts.SCRIPTS:
        packed = len(gzip.compress(open(os.path.join(args.fonts, name + '.ttf'), 'rb').read(), 9, mtime=0))
        if packed > subset_fonts.BUDGET_GZIP:
            problems.append(f'{name}.ttf: {packed} bytes gzipped, over {subset_fonts.BUDGET_GZIP}')

    with tempfile.TemporaryDirectory() as again:
        sys.argv = ['subset_fonts.py', '--source', args.source, '--out', again]
        subset_fonts.main()
        for name in sorted(os.listdir(args.fonts)):
            if not filecmp.cmp(os.path.join(args.fonts, name), os.path.join(again, name), shallow=False):
                problems.append(f'{name}: a second run gave other bytes')

    for problem in problems:
        print(problem)
    print(f'{len(problems)} problems; fonts: ' + ', '.join(f'{n} {len(c)} code points' for n, c in cmaps.items()))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
