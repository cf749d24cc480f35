#!/usr/bin/env python3
"""Checks that the carport-cli manual page documents what carport-cli offers.

    check-manpage.py SRCROOT CARPORT_CLI

Every command of `carport-cli --help`, every option of the global help and of
each `carport-cli COMMAND --help`, and every CARPORT_* environment variable
that src/ reads (service roots, CARPORT_LOCALEDIR) must appear in data/carport-cli.1, its
.TH line must name the current version, and groff must format it without
warnings (when groff is installed).
"""
import os
import re
import shutil
import subprocess
import sys


def run_help(cli, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(('LANG', 'LC_'))}
    env['LC_ALL'] = 'C.UTF-8'
    r = subprocess.run([cli, *args, '--help'], capture_output=True, text=True, env=env, timeout=30)
    return r.stdout + r.stderr


def options_of(text):
    return set(re.findall(r'^\s+(?:-\w, )?(--[\w-]+)', text, re.MULTILINE)) - {'--help'}


def main():
    root, cli = sys.argv[1], sys.argv[2]
    page_path = os.path.join(root, 'data', 'carport-cli.1')
    with open(page_path, encoding='utf-8') as f:
        raw = f.read()
    page = re.sub(r'\\f[BIRP]|\\f\(..|\\&', '', raw).replace('\\-', '-')

    main_help = run_help(cli)
    if 'Commands:' not in main_help:
        print(f'carport-cli --help printed no command list:\n{main_help}')
        return 1
    commands = re.findall(r'^  ([a-z][\w-]*)\s{2,}', main_help.split('Commands:', 1)[1], re.MULTILINE)
    wanted = {('option', o) for o in options_of(main_help.split('Commands:', 1)[0])}
    for c in commands:
        wanted.add(('command', c))
        wanted |= {('option', o) for o in options_of(run_help(cli, c))}

    src_env = set()
    for dirpath, _, files in os.walk(os.path.join(root, 'src')):
        if os.sep + 'sim' in dirpath:
            continue
        for name in files:
            if name.endswith('.c'):
                with open(os.path.join(dirpath, name), encoding='utf-8', errors='replace') as f:
                    src_env |= set(re.findall(r'"(CARPORT_[A-Z0-9_]+)"', f.read()))
    wanted |= {('environment variable', v) for v in src_env}

    missing = []
    for kind, word in sorted(wanted):
        if kind == 'command':
            found = re.search(r'^\.(?:B|TP|SS|IP)\b.*\b' + re.escape(word) + r'\b', page, re.MULTILINE)
        else:
            found = re.search(r'(?<![\w-])' + re.escape(word) + r'(?![\w-])', page)
        if not found:
            missing.append(f'{kind} {word}')

    env = {k: v for k, v in os.environ.items() if not k.startswith(('LANG', 'LC_'))}
    version = subprocess.run([cli, '--version'], capture_output=True, text=True, env=env).stdout.split()[-1]
    th = re.search(r'^\.TH\s.*"Carport ([^"]+)"', raw, re.MULTILINE)
    if not th or th.group(1) != version:
        missing.append(f'version {version} in its .TH line (it says {th.group(1) if th else "nothing"})')

    for m in missing:
        print(f'data/carport-cli.1 does not document the {m}')

    warnings = ''
    if shutil.which('groff'):
        r = subprocess.run(['groff', '-man', '-Tutf8', '-ww', '-z', page_path], capture_output=True, text=True)
        warnings = r.stderr.strip()
        if warnings:
            print(f'groff warns about data/carport-cli.1:\n{warnings}')
    if missing or warnings:
        return 1
    print(f'data/carport-cli.1 documents {len(commands)} commands, '
          f'{sum(1 for k, _ in wanted if k == "option")} options and {len(src_env)} environment variables')
    return 0


if __name__ == '__main__':
    sys.exit(main())
