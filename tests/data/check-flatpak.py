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
- libportal is a meson module from a git tag pinned to a commit, with the
  GTK 4 backend only;
- the carport module is meson, from this tree (dir ".."), builddir, run-tests,
  and configured as CI configures it (build-aux/run-tests: no -D option
  beyond the sanitizer ones), apart from -Dprofile=development in the Devel
  manifest; every -D option it passes exists in meson_options.txt;
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

APP_ID = 'io.github.carport.Carport'
FINISH_ARGS = ['--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']
SANITIZER_OPTIONS = {'b_sanitize', 'b_lundef'}


def ci_options(root):
    """-D options build-aux/run-tests passes to meson setup, without the sanitizer ones."""
    with open(os.path.join(root, 'build-aux', 'run-tests'), encoding='utf-8') as f:
        text = f.read()
    opts = set(re.findall(r'(?<![\w-])-D\s*([\w-]+=\S+?)(?=["\s]|$)', text))
    return {o for o in opts if o.split('=')[0] not in SANITIZER_OPTIONS}


def project_options(root):
    with open(os.path.join(root, 'meson_options.txt'), encoding='utf-8') as f:
        return set(re.findall(r"option\s*\(\s*'([\w-]+)'", f.read()))


def check(root, path, devel, ci, options, errors):
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
    portal = by_name.get('libportal')
    if portal is None:
        err('no libportal module')
    else:
        srcs = portal.get('sources', [])
        git = [s for s in srcs if s.get('type') == 'git']
        if len(git) != 1 or not git[0].get('tag') or not re.fullmatch(r'[0-9a-f]{40}', git[0].get('commit', '')):
            err('libportal must come from one git source with a tag and its 40-hex commit')
        opts = set(portal.get('config-opts', []))
        for o in ('-Dbackend-gtk4=enabled', '-Dbackend-gtk3=disabled', '-Dbackend-qt5=disabled', '-Dbackend-qt6=disabled'):
            if o not in opts:
                err(f'libportal: config-opts lack {o} (GTK 4 backend only)')
        if portal.get('buildsystem') != 'meson':
            err('libportal must build with meson')

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
        if len(srcs) != 1 or srcs[0].get('type') != 'dir':
            err('carport: the source must be the local tree (one "dir" source)')
        else:
            tree = os.path.normpath(os.path.join(os.path.dirname(path), srcs[0].get('path', '')))
            if tree != os.path.normpath(root):
                err(f'carport: the dir source is {tree}, not the project root')
        opts = list(app.get('config-opts', []))
        profile = '-Dprofile=development'
        if devel and profile not in opts:
            err(f'carport: the Devel manifest must pass {profile}')
        if not devel and any(o.startswith('-Dprofile') for o in opts):
            err('carport: the release manifest must not set the profile')
        rest = {o[2:] for o in opts if o != profile}
        if rest != ci:
            err(f'carport: config-opts {sorted(rest)} differ from what CI uses {sorted(ci)} (build-aux/run-tests)')
        for o in opts:
            if o.startswith('-D'):
                key = o[2:].split('=')[0]
                if '_' not in key and key not in options:
                    err(f'carport: {o}: no such option in meson_options.txt')
    return m


def main():
    root = os.path.abspath(sys.argv[1])
    ci = ci_options(root)
    options = project_options(root)
    errors = []
    manifests = {}
    for devel in (False, True):
        path = os.path.join(root, 'flatpak', APP_ID + ('.Devel' if devel else '') + '.json')
        if not os.path.isfile(path):
            errors.append(f'{os.path.relpath(path, root)} is missing')
            continue
        manifests[devel] = check(root, path, devel, ci, options, errors)
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
