#!/usr/bin/env python3
"""Checks the Flatpak manifests in flatpak/ (the runtime cannot be downloaded
here, so this is what can be checked without building).

    check-flatpak.py SRCROOT

- valid JSON; id io.github.carport.Carport (and .Devel for the Devel
  manifest); runtime org.gnome.Platform with a numbered stable version, the
  same in both; sdk org.gnome.Sdk; command carport;
- finish-args exactly --share=network --share=ipc --socket=wayland
  --socket=fallback-x11 --device=dri (credentials go through the Secret
  portal, notifications and background through their portals, so no
  --talk-name, no --filesystem);
- carport is the only module: the GNOME runtime ships libportal with its
  GTK 4 backend, so nothing is bundled;
- the carport module is meson, builddir, run-tests, with -Dwerror=false (a
  newer compiler's new warning must not fail a Flathub build) and
  -Dportal=enabled (the Background portal is what Carport uses inside
  Flatpak), plus -Dprofile=development in the Devel manifest; every other
  -D option is one of meson_options.txt;
- the release (Flathub) manifest builds a git tag, v<the newest stable
  release of the metainfo> (a development version is not published), of
  https://github.com/carport/carport.git pinned to its 40-hex commit; when
  this tree has that tag, the commit is the tag's; the Devel manifest builds
  this tree (dir "..");
- `flatpak-builder --show-manifest` parses both, when flatpak-builder is
  installed.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = 'io.github.carport.Carport'
GIT_URL = 'https://github.com/carport/carport.git'
REQUIRED_OPTIONS = ['-Dwerror=false', '-Dportal=enabled']
FINISH_ARGS = ['--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']


def released_version(root):
    """The newest <release> of the metainfo that is stable (no type, or
    type="stable"), or None."""
    tree = ET.parse(os.path.join(root, 'data', APP_ID + '.metainfo.xml.in'))
    for rel in tree.getroot().findall('./releases/release'):
        if rel.get('type', 'stable') == 'stable':
            return rel.get('version')
    return None


def tag_commit(root, tag):
    """The commit @tag names in this tree's git repository, or None."""
    if not shutil.which('git') or not os.path.exists(os.path.join(root, '.git')):
        return None
    r = subprocess.run(['git', '-C', root, 'rev-parse', '-q', '--verify', f'refs/tags/{tag}^{{commit}}'],
                       capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def project_options(root):
    with open(os.path.join(root, 'meson_options.txt'), encoding='utf-8') as f:
        return set(re.findall(r"option\s*\(\s*'([\w-]+)'", f.read()))


def check(root, path, devel, version, options, errors):
    name = os.path.relpath(path, root)

    def err(msg):
        errors.append(f'{name}: {msg}')

    try:
        with open(path, encoding='utf-8') as f:
            m = json.load(f)
    except (OSError, ValueError) as e:
        err(f'not valid JSON: {e}')
        return None

    want_id = APP_ID + ('.Devel' if devel else '')
    if m.get('id', m.get('app-id')) != want_id:
        err(f'id is {m.get("id", m.get("app-id"))!r}, not {want_id!r}')
    if m.get('runtime') != 'org.gnome.Platform':
        err('runtime must be org.gnome.Platform')
    if m.get('sdk') != 'org.gnome.Sdk':
        err('sdk must be org.gnome.Sdk')
    if not re.fullmatch(r'\d+', str(m.get('runtime-version', ''))):
        err('runtime-version must be a stable GNOME release number, e.g. "50"')
    if m.get('command') != 'carport':
        err('command must be carport')
    fa = m.get('finish-args', [])
    if sorted(fa) != sorted(FINISH_ARGS) or len(fa) != len(set(fa)):
        err(f'finish-args must be exactly {" ".join(FINISH_ARGS)}; they are {" ".join(fa)}')
    if any('org.freedesktop.secrets' in a for a in fa):
        err('no --talk-name=org.freedesktop.secrets: libsecret uses the Secret portal')

    modules = [mod for mod in m.get('modules', []) if isinstance(mod, dict)]
    by_name = {mod.get('name'): mod for mod in modules}
    if [mod.get('name') for mod in modules] != ['carport']:
        err('carport must be the only module (the GNOME runtime has libportal)')

    app = by_name.get('carport')
    if app is None or modules[-1] is not app:
        err('the last module must be carport')
    else:
        if app.get('buildsystem') != 'meson':
            err('carport: buildsystem must be meson')
        if app.get('builddir') is not True:
            err('carport: builddir must be true')
        if app.get('run-tests') is not True:
            err('carport: run-tests must be true')
        srcs = app.get('sources', [])
        if devel:
            if len(srcs) != 1 or srcs[0].get('type') != 'dir':
                err('carport: the Devel manifest builds the local tree (one "dir" source)')
            else:
                tree = os.path.normpath(os.path.join(os.path.dirname(path), srcs[0].get('path', '')))
                if tree != os.path.normpath(root):
                    err(f'carport: the dir source is {tree}, not the project root')
        else:
            tag = 'v' + version
            if len(srcs) != 1 or srcs[0].get('type') != 'git':
                err('carport: the release manifest builds a git tag (one "git" source)')
            else:
                src = srcs[0]
                if src.get('url') != GIT_URL:
                    err(f'carport: the git source must be {GIT_URL}')
                if src.get('tag') != tag:
                    err(f'carport: the git source must be the tag {tag} (the newest stable release)')
                if not re.fullmatch(r'[0-9a-f]{40}', src.get('commit', '')):
                    err('carport: the git source must pin the 40-hex commit of its tag')
                tagged = tag_commit(root, tag)
                if tagged and src.get('commit') != tagged:
                    err(f'carport: the tag {tag} is commit {tagged}, not {src.get("commit")}')
        opts = list(app.get('config-opts', []))
        profile = '-Dprofile=development'
        if devel and profile not in opts:
            err(f'carport: the Devel manifest must pass {profile}')
        if not devel and any(o.startswith('-Dprofile') for o in opts):
            err('carport: the release manifest must not set the profile')
        for o in REQUIRED_OPTIONS:
            if o not in opts:
                err(f'carport: config-opts lack {o}')
        for o in opts:
            if o.startswith('-D') and o not in REQUIRED_OPTIONS:
                key = o[2:].split('=')[0]
                if key not in options:
                    err(f'carport: {o}: no such option in meson_options.txt')
    return m


def main():
    root = os.path.abspath(sys.argv[1])
    version = released_version(root)
    if version is None:
        print('the metainfo has no stable <release>: there is nothing to publish')
        return 1
    options = project_options(root)
    errors = []
    manifests = {}
    for devel in (False, True):
        path = os.path.join(root, 'flatpak', APP_ID + ('.Devel' if devel else '') + '.json')
        if not os.path.isfile(path):
            errors.append(f'{os.path.relpath(path, root)} is missing')
            continue
        manifests[devel] = check(root, path, devel, version, options, errors)
    if all(manifests.get(d) for d in (False, True)):
        if manifests[False].get('runtime-version') != manifests[True].get('runtime-version'):
            errors.append('the two manifests use different runtime versions')

    builder = shutil.which('flatpak-builder')
    if builder:
        for devel in (False, True):
            path = os.path.join(root, 'flatpak', APP_ID + ('.Devel' if devel else '') + '.json')
            # flatpak-builder leaves a .flatpak-builder state folder in its
            # working directory: give it a temporary one.
            with tempfile.TemporaryDirectory() as tmp:
                r = subprocess.run([builder, '--show-manifest', path], capture_output=True, text=True, cwd=tmp)
            if r.returncode != 0:
                errors.append(f'flatpak-builder --show-manifest {os.path.relpath(path, root)} failed:\n{r.stderr}')
    else:
        print('note: flatpak-builder is not installed; --show-manifest not run')

    for e in errors:
        print(e)
    if errors:
        return 1
    print('both Flatpak manifests are in order' + (' (and parsed by flatpak-builder)' if builder else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
