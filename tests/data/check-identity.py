#!/usr/bin/env python3
"""Carport has one identity: every id, URL and name agrees.

    check-identity.py SRCROOT

- the project's home is `website` in meson.build; every link to a Carport
  repository anywhere in the tree (README, metainfo, po headers, sources,
  Flatpak manifests, docs) is that home or below it, and the app id is
  io.github.<owner>.<Name> for that github.com/<owner> home;
- the metainfo's homepage, bugtracker and vcs-browser are the home, its
  developer name is the About window's;
- the GSettings schema id and path, the D-Bus service, the desktop file,
  the icons and the keyring schemas (logins, remembered PINs) all use the app id;
- the metainfo, the About window and the README say Carport is not
  affiliated with or endorsed by Renault or Nissan.
"""
import glob
import os
import re
import sys

root = os.path.abspath(sys.argv[1])
errors = []


def read(rel):
    with open(os.path.join(root, rel), encoding='utf-8') as f:
        return f.read()


meson = read('meson.build')
website = re.search(r"^website = '([^']+)'", meson, re.M).group(1)
owner = re.fullmatch(r'https://github\.com/([\w-]+)/[\w-]+', website).group(1)
app_id = f'io.github.{owner}.Carport'
if f"'{app_id}'" not in meson:
    errors.append(f'meson.build: the app id is not {app_id} (github.com/{owner})')

# Links to a Carport repository, anywhere we write them.
link = re.compile(r'https?://(?:raw\.githubusercontent\.com|github\.com)/([\w-]+)/(carport[\w-]*)', re.I)
files = ['README.md', 'NEWS', 'HACKING.md']
for pattern in ('data/*.in', 'data/*.xml', 'po/*.po', 'po/meson.build', 'flatpak/*.json', 'docs/*.md',
                'src/**/*.c', 'src/**/*.h', 'src/**/*.ui'):
    files += [os.path.relpath(p, root) for p in glob.glob(os.path.join(root, pattern), recursive=True)]
for rel in files:
    if not os.path.isfile(os.path.join(root, rel)):
        continue
    for m in link.finditer(read(rel)):
        if f'{m.group(1)}/{m.group(2)}'.lower() != website.split('github.com/')[1].lower() and \
           not m.group(2).lower().startswith('carport.'):
            errors.append(f'{rel}: {m.group(0)} is not the project home {website}')

metainfo = read('data/io.github.carport.Carport.metainfo.xml.in')
for kind in ('homepage', 'vcs-browser'):
    if f'<url type="{kind}">{website}</url>' not in metainfo:
        errors.append(f'metainfo: the {kind} URL is not {website}')
if f'<url type="bugtracker">{website}/issues</url>' not in metainfo:
    errors.append(f'metainfo: the bugtracker URL is not {website}/issues')
dev = re.search(r'<developer id="([^"]+)">\s*<name[^>]*>([^<]+)</name>', metainfo)
app_c = read('src/gui/carport-application.c')
about_dev = re.search(r'"developer-name", _\("([^"]+)"\)', app_c)
if not dev or not about_dev or dev.group(2) != about_dev.group(1):
    errors.append('the metainfo developer name and the About window\'s differ')
elif dev.group(1) != f'io.github.{owner}':
    errors.append(f'metainfo: the developer id is not io.github.{owner}')
if '"website", CARPORT_WEBSITE' not in app_c:
    errors.append('About: the website is not CARPORT_WEBSITE')

schema = read('data/io.github.carport.Carport.gschema.xml')
if f'<schema id="{app_id}" path="/{app_id.replace(".", "/")}/">' not in schema:
    errors.append(f'gschema: the schema id and path are not {app_id}')
secret_store = read('src/store/carport-secret-store.c')
if f'"{app_id}.Login"' not in secret_store:
    errors.append(f'keyring: the secret schema is not {app_id}.Login')
if f'"{app_id}.Pin"' not in secret_store:
    errors.append(f'keyring: the remembered PIN\'s schema is not {app_id}.Pin')
for rel in ('data/io.github.carport.Carport.service.in', 'data/io.github.carport.Carport.desktop.in'):
    if not os.path.isfile(os.path.join(root, rel)):
        errors.append(f'{rel} is missing')
icons = glob.glob(os.path.join(root, 'data/icons/**/*.svg'), recursive=True)
if not any(os.path.basename(i).startswith(app_id) for i in icons):
    errors.append(f'data/icons: no icon named after {app_id}')

unofficial = re.compile(r'not affiliated with or endorsed by Renault or Nissan')
for rel, text in (('README.md', read('README.md')), ('metainfo', metainfo), ('About', app_c)):
    if not unofficial.search(' '.join(re.sub(r'"\s*\n\s*"', '', text).split())):
        errors.append(f'{rel} does not say Carport is not affiliated with or endorsed by Renault or Nissan')

for e in errors:
    print(e)
if errors:
    sys.exit(1)
print(f'one identity: {app_id}, {website}')
