#!/usr/bin/env python3
"""gzip_file.py IN OUT: writes OUT = gzip of IN at level 9 with mtime 0 and no file name, so the
same input always gives the same bytes (reproducible builds). The page fetches such .gz files and
inflates them with the browser's DecompressionStream('gzip')."""
import gzip
import os
import sys


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    with open(src, 'rb') as f:
        data = gzip.compress(f.read(), compresslevel=9, mtime=0)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out + '.tmp', 'wb') as f:
        f.write(data)
    os.replace(out + '.tmp', out)


if __name__ == '__main__':
    main()
