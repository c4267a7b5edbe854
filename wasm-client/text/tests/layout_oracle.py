#!/usr/bin/env python3
"""An independent oracle for the expected glyph sequences of tests/unit/test_text_layout.cpp.

It shares nothing with FriBidi: the joining forms come from the compatibility
decompositions of the presentation forms in Python's unicodedata (a letter is
dual-joining when it has an initial or medial form, right-joining when it has
only a final one), the bidi types from unicodedata.bidirectional, and the
reordering from a small rendering of UAX #9 for one paragraph without explicit
embeddings or brackets (rules W1-W7, N1-N2, I1-I2, L1-L2, L4); an isolate
(FSI ... PDI) is laid out on its own and placed as one neutral character.

  layout_oracle.py ltr|rtl TEXT        prints the code points of the visual line
  layout_oracle.py --check FILE.cpp    checks every {"ltr|rtl", "text", "hex"} case in FILE
"""
import re
import sys
import unicodedata

FSI, PDI, LAM = 0x2068, 0x2069, 0x0644
PLACEHOLDER = 0xE000  # private use: the n-th isolate of a line stands there as PLACEHOLDER + n
ALEFS = {0x0622, 0x0623, 0x0625, 0x0627}
INVISIBLE = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x00AD, 0xFEFF, 0x2066, 0x2067, FSI, PDI}
MIRROR = {'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}


def presentation_forms():
    forms = {}
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        parts = unicodedata.decomposition(chr(cp)).split()
        if parts and parts[0] in ('<isolated>', '<final>', '<initial>', '<medial>'):
            key = (parts[0][1:-1], tuple(int(p, 16) for p in parts[1:]))
            forms.setdefault(key, cp)
    return forms


FORMS = presentation_forms()


def joining_type(cp):
    if cp == 0x200D or cp == 0x0640:
        return 'C'  # zero width joiner, tatweel
    if unicodedata.category(chr(cp)) in ('Mn', 'Me') or (unicodedata.category(chr(cp)) == 'Cf' and cp != 0x200C):
        return 'T'
    if ('initial', (cp,)) in FORMS or ('medial', (cp,)) in FORMS:
        return 'D'
    if ('final', (cp,)) in FORMS:
        return 'R'
    return 'U'


def shape(cps):
    types = [joining_type(c) for c in cps]
    def neighbour(i, step):
        j = i + step
        while 0 <= j < len(cps) and types[j] == 'T':
            j += step
        return j if 0 <= j < len(cps) else None
    out = list(cps)
    for i, c in enumerate(cps):
        if types[i] not in ('D', 'R'):
            continue
        p, n = neighbour(i, -1), neighbour(i, +1)
        joins_prev = p is not None and types[p] in ('D', 'C')
        joins_next = types[i] == 'D' and n is not None and types[n] in ('D', 'R', 'C')
        if c == LAM and n is not None and cps[n] in ALEFS:
            out[i] = FORMS[('final' if joins_prev else 'isolated', (LAM, cps[n]))]
            out[n] = 0xFEFF  # taken into the ligature
            continue
        if out[i] == 0xFEFF:
            continue
        form = {(False, False): 'isolated', (True, False): 'final', (False, True): 'initial', (True, True): 'medial'}[(joins_prev, joins_next)]
        out[i] = FORMS.get((form, (c,)), c)
    return out


def bidi_type(cp):
    return 'ON' if PLACEHOLDER <= cp < PLACEHOLDER + 0x100 else (unicodedata.bidirectional(chr(cp)) or 'L')


def reorder(cps, level):
    """Visual order of one line without explicit embeddings (UAX #9)."""
    sos = 'R' if level else 'L'
    t = [bidi_type(c) for c in cps]
    for i in range(len(t)):  # W1
        if t[i] == 'NSM':
            t[i] = t[i - 1] if i else sos
    last = sos
    for i in range(len(t)):  # W2, W3
        if t[i] in ('L', 'R', 'AL'):
            last = t[i]
        if t[i] == 'EN' and last == 'AL':
            t[i] = 'AN'
    t = ['R' if x == 'AL' else x for x in t]
    for i in range(1, len(t) - 1):  # W4
        if t[i] == 'ES' and t[i - 1] == t[i + 1] == 'EN':
            t[i] = 'EN'
        if t[i] == 'CS' and t[i - 1] == t[i + 1] and t[i - 1] in ('EN', 'AN'):
            t[i] = t[i - 1]
    for i in range(len(t)):  # W5
        if t[i] == 'ET':
            j = i
            while j < len(t) and t[j] == 'ET':
                j += 1
            if (i and t[i - 1] == 'EN') or (j < len(t) and t[j] == 'EN'):
                for k in range(i, j):
                    t[k] = 'EN'
    t = ['ON' if x in ('ES', 'ET', 'CS') else x for x in t]  # W6
    last = sos
    for i in range(len(t)):  # W7
        if t[i] in ('L', 'R'):
            last = t[i]
        if t[i] == 'EN' and last == 'L':
            t[i] = 'L'
    strong = lambda x: 'R' if x in ('R', 'EN', 'AN') else x
    i = 0
    while i < len(t):  # N1, N2
        if t[i] in ('B', 'S', 'WS', 'ON'):
            j = i
            while j < len(t) and t[j] in ('B', 'S', 'WS', 'ON'):
                j += 1
            before = strong(t[i - 1]) if i else sos
            after = strong(t[j]) if j < len(t) else sos
            for k in range(i, j):
                t[k] = before if before == after else sos
            i = j
        else:
            i += 1
    levels = []
    for x in t:  # I1, I2
        if level == 0:
            levels.append(1 if x == 'R' else 2 if x in ('AN', 'EN') else 0)
        else:
            levels.append(2 if x in ('L', 'EN', 'AN') else 1)
    original = [bidi_type(c) for c in cps]
    i = len(cps)  # L1: white space at the end of the line
    while i > 0 and original[i - 1] in ('WS', 'FSI', 'PDI'):
        i -= 1
        levels[i] = level
    out = [chr(c) for c in cps]
    for k in range(len(out)):  # L4
        if levels[k] % 2 and unicodedata.mirrored(out[k]) and out[k] in MIRROR:
            out[k] = MIRROR[out[k]]
    for lvl in range(max(levels + [0]), 0, -1):  # L2
        k = 0
        while k < len(out):
            if levels[k] >= lvl:
                j = k
                while j < len(out) and levels[j] >= lvl:
                    j += 1
                out[k:j] = out[k:j][::-1]
                levels[k:j] = levels[k:j][::-1]
                k = j
            else:
                k += 1
    return [ord(c) for c in out]


def first_strong(cps):
    for c in cps:
        if bidi_type(c) in ('L',):
            return 0
        if bidi_type(c) in ('R', 'AL'):
            return 1
    return 0


def visual(text, level):
    cps = [ord(c) for c in text]
    isolates = []
    while FSI in cps:
        a = cps.index(FSI)
        b = cps.index(PDI, a)
        inner = cps[a + 1:b]
        cps[a:b + 1] = [PLACEHOLDER + len(isolates)]  # one neutral in its place
        isolates.append(visual(''.join(map(chr, inner)), first_strong(inner)))
    shaped = [c for c in shape(cps) if c not in INVISIBLE]
    out = []
    for c in reorder(shaped, level):
        out += isolates[c - PLACEHOLDER] if PLACEHOLDER <= c < PLACEHOLDER + len(isolates) else [c]
    return out


def hex_of(cps):
    return ' '.join('%04X' % c for c in cps)


def unescape(literal):
    return re.sub(r'\\u([0-9a-fA-F]{4})', lambda m: chr(int(m.group(1), 16)), literal)


def check(path):
    cases = re.findall(r'\{"(ltr|rtl)", "((?:[^"\\]|\\u[0-9a-fA-F]{4})*)", "([0-9A-F ]*)"\}', open(path, encoding='utf-8').read())
    if not cases:
        print(f'{path}: no cases found')
        return 1
    failures = 0
    for direction, literal, expected in cases:
        got = hex_of(visual(unescape(literal), 1 if direction == 'rtl' else 0))
        if got != expected:
            failures += 1
            print(f'{path}: {direction} "{literal}": expected {expected}, the oracle gives {got}')
    print(f'{len(cases) - failures} of {len(cases)} cases agree with the oracle')
    return 1 if failures else 0


if __name__ == '__main__':
    if sys.argv[1] == '--check':
        sys.exit(check(sys.argv[2]))
    print(hex_of(visual(unescape(sys.argv[2]), 1 if sys.argv[1] == 'rtl' else 0)))
