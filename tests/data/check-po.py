#!/usr/bin/env python3
"""Checks that every language in po/LINGUAS translates every current string.

    check-po.py SRCROOT

For each language the .po file is merged (in a temporary directory; the
source tree is not touched) with a template extracted afresh from the files
in po/POTFILES.in, with the same xgettext options as meson's "glib" preset.
So a string added or changed in the sources without a translation makes this
test fail, even before anyone runs `meson compile carport-update-po`.

Each merged catalogue must have 0 untranslated and 0 fuzzy messages, pass
`msgfmt --check` (format strings, plural forms, header) and declare its
Plural-Forms.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# meson's i18n "glib" preset (mesonbuild/modules/i18n.py), plus the package name.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
    '--package-name=carport',
]

STATS = re.compile(r'(\d+) translated messages?(?:, (\d+) fuzzy translations?)?(?:, (\d+) untranslated messages?)?')


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def main():
    root = os.path.abspath(sys.argv[1])
    podir = os.path.join(root, 'po')
    for tool in ('xgettext', 'msgmerge', 'msgfmt'):
        if shutil.which(tool) is None:
            print(f'{tool} is not installed (package gettext)')
            return 77

    with open(os.path.join(podir, 'LINGUAS'), encoding='utf-8') as f:
        linguas = [w for line in f if not line.lstrip().startswith('#') for w in line.split()]
    if not linguas:
        print('po/LINGUAS lists no language')
        return 1

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'carport.pot')
        r = run(['xgettext', *XGETTEXT_ARGS, '-D', root, '-f', os.path.join(podir, 'POTFILES.in'), '-o', pot])
        if r.returncode != 0:
            print(r.stdout + r.stderr)
            print('xgettext failed')
            return 1

        for lang in linguas:
            po = os.path.join(podir, f'{lang}.po')
            if not os.path.isfile(po):
                print(f'{lang}: po/{lang}.po is missing')
                failed = True
                continue
            with open(po, encoding='utf-8') as f:
                header = f.read(4000)
            if 'Plural-Forms: nplurals=' not in header or 'nplurals=INTEGER' in header:
                print(f'{lang}: no Plural-Forms header')
                failed = True

            merged = os.path.join(tmp, f'{lang}.po')
            r = run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--previous', '-o', merged, po, pot])
            if r.returncode != 0:
                print(f'{lang}: msgmerge failed:\n{r.stderr}')
                failed = True
                continue
            r = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged], env={**os.environ, 'LC_ALL': 'C'})
            stats = STATS.search(r.stderr)
            if r.returncode != 0 or not stats:
                print(f'{lang}: msgfmt --check failed:\n{r.stderr}')
                failed = True
                continue
            translated = int(stats.group(1))
            fuzzy = int(stats.group(2) or 0)
            untranslated = int(stats.group(3) or 0)
            print(f'{lang}: {translated} translated, {fuzzy} fuzzy, {untranslated} untranslated')
            if fuzzy or untranslated:
                failed = True
                r = run(['msgattrib', '--only-fuzzy', '--no-obsolete', merged])
                fz = r.stdout
                r = run(['msgattrib', '--untranslated', '--no-obsolete', merged])
                for line in (fz + r.stdout).splitlines():
                    if line.startswith(('msgid ', 'msgctxt ', 'msgid_plural ')) and line != 'msgid ""':
                        print(f'    {line}')

    if failed:
        print('Translate the messages above: meson compile -C BUILDDIR carport-update-po, '
              'then edit po/LANG.po.')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
