#!/usr/bin/env python3
"""Checks carport-cli's shell completions against its command table.

    check-completions.py SRCROOT CARPORT_CLI

Each file in data/completions/ names every command `carport-cli
--list-commands` prints (and none it does not), every command answers
`--list-options`, and the bash one loads: `complete -p carport-cli` then
names its function.
"""
import os
import re
import subprocess
import sys


def main():
    root, cli = sys.argv[1], sys.argv[2]
    env = dict(os.environ, LC_ALL='C.UTF-8')
    listed = subprocess.run([cli, '--list-commands'], capture_output=True, text=True, env=env, check=True)
    commands = listed.stdout.split()
    failures = []
    if len(commands) < 10:
        failures.append(f'--list-commands printed {commands}')

    folder = os.path.join(root, 'data', 'completions')
    for name in ('carport-cli', '_carport-cli', 'carport-cli.fish'):
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            text = f.read()
        words = set(re.findall(r'[\w-]+', text))
        for command in commands:
            if command not in words:
                failures.append(f'{name} does not complete the command {command}')
        # The list of commands the file holds, compared the other way.
        lists = re.findall(r'^\s*(?:local commands="|set -l commands )([\w ]+)', text, re.MULTILINE)
        lists += [' '.join(re.findall(r"^\s*'([\w-]+):", text, re.MULTILINE))]
        for found in lists:
            for word in found.split():
                if word and word not in commands:
                    failures.append(f'{name} completes {word}, which is no command')

    for command in commands:
        options = subprocess.run([cli, command, '--list-options'], capture_output=True, text=True, env=env)
        if options.returncode != 0 or '--json' not in options.stdout.split():
            failures.append(f'carport-cli {command} --list-options printed {options.stdout!r}')

    bash = subprocess.run(['bash', '-c', 'source "$1" && complete -p carport-cli', 'bash',
                           os.path.join(folder, 'carport-cli')], capture_output=True, text=True)
    if bash.returncode != 0 or '_carport_cli' not in bash.stdout:
        failures.append(f'bash does not load the completion: {bash.stdout}{bash.stderr}')

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
