#!/usr/bin/env python3
"""Checks the metainfo's screenshots against data/screenshots/.

    check-screenshots.py SRCROOT

Every screenshot has a caption, exactly one is type="default", and each image
URL points into this repository's data/screenshots/ (raw URL on the main
branch) at a PNG that exists there. Skipped (exit 77) while data/screenshots/
does not exist yet; build-aux/screenshots makes the PNGs.
"""
import os
import sys
import xml.etree.ElementTree as ET

PREFIX = 'https://raw.githubusercontent.com/carport-app/carport/main/data/screenshots/'


def main():
    root = sys.argv[1]
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
        if not url.startswith(PREFIX) or not url.endswith('.png'):
            errors.append(f'{url}: not a PNG under {PREFIX}')
            continue
        names.append(url[len(PREFIX):])

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
