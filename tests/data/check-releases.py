#!/usr/bin/env python3
"""Checks that NEWS, the metainfo <releases> and the project version agree.

    check-releases.py SRCROOT VERSION

- The newest NEWS entry ("Carport X.Y.Z (unreleased)" or "Carport X.Y.Z
  (YYYY-MM-DD)") is the project version and the newest <release> of
  data/io.github.carport.Carport.metainfo.xml.in.
- An unreleased version is a type="development" release in the metainfo; a
  released one is type="stable" (or no type) with the same date.
- Every NEWS entry has a <release>, and each release's <li> items are the
  bullets of its NEWS entry (same text, apart from line breaks and quotes).
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

HEADING = re.compile(r'^Carport (\S+) \((unreleased|\d{4}-\d{2}-\d{2})\)\s*$')


def norm(text):
    text = ' '.join(text.split())
    for a, b in (('’', "'"), ('‘', "'"), ('“', '"'), ('”', '"'), ('`', '')):
        text = text.replace(a, b)
    return text


def parse_news(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    current = None
    for line in lines:
        m = HEADING.match(line)
        if m:
            current = {'version': m.group(1), 'date': m.group(2), 'items': []}
            entries.append(current)
            continue
        if current is None or set(line.strip()) <= {'='}:
            continue
        if line.startswith('* '):
            current['items'].append(line[2:])
        elif line.startswith('  ') and current['items']:
            current['items'][-1] += ' ' + line.strip()
    for e in entries:
        e['items'] = [norm(i) for i in e['items']]
    return entries


def main():
    root, version = sys.argv[1], sys.argv[2]
    news = parse_news(os.path.join(root, 'NEWS'))
    tree = ET.parse(os.path.join(root, 'data', 'io.github.carport.Carport.metainfo.xml.in'))
    releases = tree.getroot().findall('./releases/release')
    errors = []

    if not news:
        errors.append('NEWS has no "Carport X.Y.Z (unreleased|YYYY-MM-DD)" heading')
    elif news[0]['version'] != version:
        errors.append(f'NEWS starts with {news[0]["version"]}, meson.build says {version}')
    if not releases:
        errors.append('the metainfo has no <release>')
    elif releases[0].get('version') != version:
        errors.append(f'the newest <release> is {releases[0].get("version")}, meson.build says {version}')

    by_version = {r.get('version'): r for r in releases}
    for entry in news:
        rel = by_version.get(entry['version'])
        if rel is None:
            errors.append(f'NEWS {entry["version"]} has no <release> in the metainfo')
            continue
        kind = rel.get('type', 'stable')
        if entry['date'] == 'unreleased':
            if kind != 'development':
                errors.append(f'{entry["version"]} is unreleased in NEWS: make its <release> type="development"')
        else:
            if kind != 'stable':
                errors.append(f'{entry["version"]} is released in NEWS: its <release> must be type="stable"')
            if rel.get('date') != entry['date']:
                errors.append(f'{entry["version"]}: NEWS says {entry["date"]}, the metainfo {rel.get("date")}')
        items = [norm(''.join(li.itertext())) for li in rel.findall('./description/ul/li')]
        if items != entry['items']:
            errors.append(f'{entry["version"]}: the <li> items of the metainfo differ from the NEWS bullets')
            for i in entry['items']:
                if i not in items:
                    errors.append(f'    only in NEWS:     {i}')
            for i in items:
                if i not in entry['items']:
                    errors.append(f'    only in metainfo: {i}')
    for v in by_version:
        if v not in {e['version'] for e in news}:
            errors.append(f'<release version="{v}"> is not in NEWS')

    for e in errors:
        print(e)
    if errors:
        return 1
    print(f'NEWS, the metainfo and meson.build agree on {version} ({len(news)} release(s))')
    return 0


if __name__ == '__main__':
    sys.exit(main())
