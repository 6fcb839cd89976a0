#!/usr/bin/env python3
"""Checks nnlab's two string tables and compiles them into C++.

    strings.py STRINGS_DIR OUT.cpp CHARS.txt ALWAYS.txt SHELL.js LATIN.txt SOURCE_DIR...

STRINGS_DIR holds one table per language, kept in a file per area of the app so each stays
readable: en.txt and zh.txt (the app's frame, shared words), then en.AREA.txt and zh.AREA.txt
(lessons, views, lab, layout, …) read after them in name order as part of the same table; a key is
given once. Translators edit the two files of an area side by side.

A table has one text per line, `key = text`; `#` starts a comment line; `\\n` is a line break.
Placeholders are `{name}`; `{{` and `}}` are literal braces. The build stops, naming the key, when
  - a key is in one table but not the other, or is given twice;
  - the two versions of a text do not have the same placeholders;
  - a Chinese text is still English (a Latin word of 3+ letters that is not a term kept in Latin,
    such as ReLU, MNIST or Adam);
  - a source file under SOURCE_DIR uses T("key"), tr("key", …) or tr_count("key", …) with a key
    the tables lack; or a table key is used nowhere (a quoted "key" in any source counts, so keys
    picked from a table of keys count too; a tr_count key is `key.one` / `key.other`).
Writes OUT.cpp (both tables, sorted by key, for text/text.cpp, and kLatinGlyphRanges: the ranges
the Latin font draws, LATIN_RANGES below); LATIN.txt: the same ranges as U+XXXX-YYYY lines (for
pyftsubset, which cuts DejaVu Sans to them: the atlas never takes a glyph outside them); CHARS.txt: one U+XXXX line for
every character of the Chinese table outside the Latin font's ranges (for pyftsubset), sorted;
ALWAYS.txt: the same for the Chinese the app shows in every language (the language switch's 中文
and the glossary's Chinese terms, keys glossary.*.term); and
SHELL.js: the texts whose keys start with "shell." (the page's loading and error screens, shown
before the app runs) as `window.nnlabShellText = {en: {...}, zh: {...}}`. A key counts as used by
the page when web/*.js quotes it.
"""
import os
import re
import sys

# Latin words a Chinese text may keep: names, symbols and terms Chinese learners read as they are.
KEPT_IN_LATIN = {
    'relu', 'leaky', 'tanh', 'sigmoid', 'softmax', 'mnist', 'fashion', 'adam', 'sgd', 'nnlab', 'idx', 'json',
    'max', 'min', 'exp', 'log', 'argmax', 'sin', 'cos', 'pytorch', 'numpy', 'python', 'markdown', 'latex',
    'gpu', 'cpu', 'simd', 'webgl', 'webgl2', 'wasm', 'fps', 'tensorflow', 'playground', 'mazur', 'mse',
    'mlp', 'weight_decay', 'ubyte', 'idx3', 'idx1', 'gz', 'bce', 'sse', 'avx2', 'avx512', 'wasm128',
    'nan', 'inf', 'relu′', 'tanh′', 'x1', 'x2', 'http', 'https', 'png', 'csv', 'onnx', 'opengl', 'glfw',
    'lecun', 'zalando', 'kingma', 'xavier', 'he', 'utf', 'ctrl', 'shift', 'tab', 'enter', 'esc', 'home',
    'end', 'space', 'backspace', 'pgup', 'pgdn', 'dpr', 'iOS', 'ios', 'android', 'chrome', 'safari',
    'firefox', 'edge', 'javascript', 'webassembly', 'step', 'identity', 'pandoc', 'url', 'api', 'truetype',
}

# What the Latin font (DejaVu Sans) draws — Latin, Greek, sub/superscripts, arrows, maths operators,
# ☂, ⱼ ⱽ: what the equations use. The one list: the app's atlas and the font's cut both read it.
LATIN_RANGES = [(0x0020, 0x017F), (0x0370, 0x03FF), (0x1D00, 0x1D7F), (0x2000, 0x209F), (0x2190, 0x22FF),
                (0x2600, 0x26FF), (0x2C7C, 0x2C7D)]

KEY = re.compile(r'^[a-z0-9_]+(\.[a-z0-9_]+)*$')
PLACEHOLDER = re.compile(r'(?<!\{)\{([a-z0-9_]+)\}(?!\})')
USE = re.compile(r'\b(?:T|tr|tr_count|T_in|tr_in)\(\s*(?:text::Lang::\w+,\s*|lang,\s*|language,\s*)?"([a-z0-9_.]+)"')
# layout::pointer_key("mouse key", "touch key"): one text said two ways, filled with the same values.
POINTER = re.compile(r'\bpointer_key\(\s*"([a-z0-9_.]+)",\s*"([a-z0-9_.]+)"\s*\)')


def fail(message):
    sys.exit('strings.py: ' + message)


def read_tables(folder, lang):
    """lang.txt, then lang.PART.txt in name order: one table, each key given once."""
    table, where = {}, {}
    parts = sorted(n for n in os.listdir(folder)
                   if n.startswith(lang + '.') and n.endswith('.txt') and n != lang + '.txt')
    for name in [lang + '.txt'] + parts:
        read_table(os.path.join(folder, name), table, where)
    return table


def read_table(path, table, where):
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            if ' = ' not in line:
                fail(f'{path}:{number}: expected "key = text"')
            key, value = line.split(' = ', 1)
            key = key.strip()
            if not KEY.match(key):
                fail(f'{path}:{number}: "{key}" is not a key (lower case, digits, _ and .)')
            if key in table:
                fail(f'{path}:{number}: "{key}" is given twice (first at {where[key]})')
            table[key] = value.strip().replace('\\n', '\n')
            where[key] = f'{path}:{number}'


def latin_words(text):
    text = PLACEHOLDER.sub(' ', text)
    return [w for w in re.findall(r'[A-Za-z][A-Za-z_0-9′]*', text) if len(w) >= 3 and w.lower() not in KEPT_IN_LATIN]


def c_string(text):
    out = text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
    return '"' + out.replace('??', '?\\?') + '"'


def main():
    folder, out_cpp, out_chars, out_always, out_shell, out_latin, *source_dirs = sys.argv[1:]
    en, zh = read_tables(folder, 'en'), read_tables(folder, 'zh')
    en_path, zh_path = os.path.join(folder, 'en*.txt'), os.path.join(folder, 'zh*.txt')
    for key in sorted(set(en) - set(zh)):
        fail(f'"{key}" has no Chinese text ({zh_path})')
    for key in sorted(set(zh) - set(en)):
        fail(f'"{key}" has no English text ({en_path})')
    for key in sorted(en):
        if set(PLACEHOLDER.findall(en[key])) != set(PLACEHOLDER.findall(zh[key])):
            fail(f'"{key}": the placeholders differ: {sorted(set(PLACEHOLDER.findall(en[key])))} in English, '
                 f'{sorted(set(PLACEHOLDER.findall(zh[key])))} in Chinese')
        words = latin_words(zh[key])
        if words:
            fail(f'"{key}": the Chinese text is still English ({", ".join(words)}): "{zh[key]}"')

    # Keys the sources use, and keys the sources mention at all.
    used, quoted, pairs = {}, set(), []
    for top in source_dirs:
        for root, _, files in os.walk(top):
            for name in files:
                if not name.endswith(('.cpp', '.h', '.js')) or 'node_modules' in root:
                    continue
                path = os.path.join(root, name)
                with open(path, encoding='utf-8') as f:
                    src = f.read()
                for key in USE.findall(src):
                    used.setdefault(key, path)
                for mouse, touch in POINTER.findall(src):
                    used.setdefault(mouse, path)
                    used.setdefault(touch, path)
                    pairs.append((mouse, touch, path))
                quoted.update(re.findall(r'["\']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["\']', src))
    for key, path in sorted(used.items()):
        if key not in en and not (key + '.one' in en and key + '.other' in en):
            fail(f'{path} uses "{key}", which the string tables lack')
    for mouse, touch, path in pairs:
        if mouse in en and touch in en and set(PLACEHOLDER.findall(en[mouse])) != set(PLACEHOLDER.findall(en[touch])):
            fail(f'{path}: "{mouse}" and "{touch}" say one text for the mouse and for a finger, '
                 f'but their placeholders differ')
    for key in sorted(en):
        base = key.rsplit('.', 1)[0] if key.endswith(('.one', '.other')) else None
        if key not in quoted and (base is None or base not in quoted):
            fail(f'"{key}" is in the string tables but no source uses it')

    keys = sorted(en)
    lines = ['// Generated by scripts/strings.py from src/text/strings/{en,zh}.txt: do not edit.',
             '#include "text/table.h"', 'namespace nnlab::text {',
             f'extern const int kEntryCount = {len(keys)};', 'extern const Entry kEntries[] = {']
    lines += [f'    {{{c_string(k)}, {c_string(en[k])}, {c_string(zh[k])}}},' for k in keys]
    lines += ['    {nullptr, nullptr, nullptr},', '};']
    lines += ['extern const char16_t kLatinGlyphRanges[] = {' +
              ', '.join(f'0x{lo:04X}, 0x{hi:04X}' for lo, hi in LATIN_RANGES) + ', 0};']
    lines += ['}  // namespace nnlab::text', '']
    text = '\n'.join(lines)
    if not os.path.exists(out_cpp) or open(out_cpp, encoding='utf-8').read() != text:
        with open(out_cpp, 'w', encoding='utf-8') as f:
            f.write(text)

    shell = {lang: {k[len('shell.'):]: table[k] for k in keys if k.startswith('shell.')} for lang, table in
             (('en', en), ('zh', zh))}
    import json
    listing_js = ('// Generated by scripts/strings.py from src/text/strings/{en,zh}.txt: do not edit.\n'
                  'window.nnlabShellText = ' + json.dumps(shell, ensure_ascii=False, indent=1) + ';\n')
    if not os.path.exists(out_shell) or open(out_shell, encoding='utf-8').read() != listing_js:
        with open(out_shell, 'w', encoding='utf-8') as f:
            f.write(listing_js)

    def outside_latin(texts):
        return {c for t in texts for c in t
                if ord(c) > 0x7F and not any(lo <= ord(c) <= hi for lo, hi in LATIN_RANGES)}

    def write_listing(path, chars=None, listing=None):
        listing = listing or ''.join(f'U+{ord(c):04X}\n' for c in sorted(chars))
        if not os.path.exists(path) or open(path).read() != listing:
            with open(path, 'w') as f:
                f.write(listing)

    always = outside_latin(['中文'] + [zh[k] for k in keys if k.startswith('glossary.') and k.endswith('.term')])
    write_listing(out_chars, outside_latin(zh.values()) | always)
    write_listing(out_always, always)
    write_listing(out_latin, listing=''.join(f'U+{lo:04X}-{hi:04X}\n' for lo, hi in LATIN_RANGES))

if __name__ == '__main__':
    main()
