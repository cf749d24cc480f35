#!/usr/bin/env python3
"""Checks that po/POTFILES.in lists exactly the files with translatable strings.

    check-potfiles.py SRCROOT

Fails when a file under src/ or data/ has translatable strings and is not in
po/POTFILES.in (its strings would never reach the translators), or when
POTFILES.in lists a file that does not exist (xgettext would stop).

What counts as translatable, as xgettext sees it with meson's "glib" preset:
- C: _(), N_(), C_(), NC_(), g_dgettext(), g_dcgettext(), g_dngettext(),
  g_dpgettext(), g_dpgettext2(), ngettext();
- GtkBuilder .ui: translatable="yes" (or "true", "1");
- desktop files (*.desktop.in*), AppStream metainfo (*.metainfo.xml.in*,
  *.appdata.xml.in*) and GSettings schemas (*.gschema.xml*): always.
"""
import os
import re
import sys

C_CALL = re.compile(r'(?<![A-Za-z0-9_])(?:N?_|NC?_|C_|g_dn?gettext|g_dcgettext|g_dpgettext2?|ngettext)\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.IGNORECASE)
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.DOTALL)
ALWAYS = ('.desktop.in', '.desktop.in.in', '.metainfo.xml.in', '.metainfo.xml.in.in',
          '.appdata.xml.in', '.gschema.xml', '.gschema.xml.in')


def has_strings(path):
    name = os.path.basename(path)
    if name.endswith(ALWAYS):
        return True
    if name.endswith(('.c', '.h')):
        with open(path, encoding='utf-8', errors='replace') as f:
            text = C_COMMENT.sub('', f.read())
        return C_CALL.search(text) is not None
    if name.endswith('.ui'):
        with open(path, encoding='utf-8', errors='replace') as f:
            return UI_TRANSLATABLE.search(f.read()) is not None
    return False


def main():
    root = os.path.abspath(sys.argv[1])
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    listed = []
    with open(potfiles, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)

    found = set()
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(('.', '_build')))
            for name in filenames:
                path = os.path.join(dirpath, name)
                if has_strings(path):
                    found.add(os.path.relpath(path, root))

    failed = False
    for rel in sorted(found - set(listed)):
        print(f'po/POTFILES.in: missing {rel} (it has translatable strings)')
        failed = True
    for rel in listed:
        if not os.path.isfile(os.path.join(root, rel)):
            print(f'po/POTFILES.in: lists {rel}, which does not exist')
            failed = True
    dupes = sorted({rel for rel in listed if listed.count(rel) > 1})
    for rel in dupes:
        print(f'po/POTFILES.in: lists {rel} more than once')
        failed = True
    for rel in sorted(set(listed) & set(f for f in listed if os.path.isfile(os.path.join(root, f))) - found):
        # Harmless for xgettext, but worth knowing.
        print(f'note: po/POTFILES.in lists {rel}, which has no translatable string')

    if failed:
        print('Add or remove the files above in po/POTFILES.in.')
        return 1
    print(f'po/POTFILES.in lists all {len(found)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
