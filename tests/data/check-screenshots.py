#!/usr/bin/env python3
"""Checks the metainfo's screenshots against data/screenshots/.

    check-screenshots.py SRCROOT

Every screenshot has a caption, exactly one is type="default", and each image
URL points into this repository's data/screenshots/ at a PNG that exists
there, through a raw URL pinned to the release tag v<project version> (a
branch would show tomorrow's screens with today's release). Skipped (exit 77) while data/screenshots/
does not exist yet; build-aux/screenshots makes the PNGs.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

RAW = 'https://raw.githubusercontent.com/carport/carport/'


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'meson.build'), encoding='utf-8') as f:
        version = re.search(r"version\s*:\s*'([^']+)'", f.read()).group(1)
    prefix = f'{RAW}v{version}/data/screenshots/'
    shots = ET.parse(os.path.join(root, 'data', 'io.github.carport.Carport.metainfo.xml.in')) \
              .getroot().findall('./screenshots/screenshot')
    errors = []
    if not shots:
        errors.append('the metainfo has no screenshot')
    if sum(1 for s in shots if s.get('type') == 'default') != 1:
        errors.append('exactly one screenshot must be type="default"')
    names = []
    for s in shots:
        url = (s.findtext('image') or '').strip()
        if not (s.findtext('caption') or '').strip():
            errors.append(f'{url}: no caption')
        if not url.startswith(prefix) or not url.endswith('.png'):
            errors.append(f'{url}: not a PNG under {prefix}')
            continue
        names.append(url[len(prefix):])

    folder = os.path.join(root, 'data', 'screenshots')
    if not errors and not os.path.isdir(folder):
        print(f'data/screenshots/ does not exist yet (expects: {", ".join(names)})')
        return 77
    for n in names:
        if not os.path.isfile(os.path.join(folder, n)):
            errors.append(f'data/screenshots/{n} does not exist')
    for e in errors:
        print(e)
    if errors:
        return 1
    print(f'{len(names)} screenshots, all in data/screenshots/')
    return 0


if __name__ == '__main__':
    sys.exit(main())
