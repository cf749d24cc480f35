#!/usr/bin/env python3
"""A UI test where no display can be opened (a Flatpak build sandbox, a
server without Xvfb) skips instead of crashing:

    check-no-display.py UI-TEST-PROGRAM

- run plainly, it exits 77 (the GNU "skipped" status) and says why;
- run with --tap (as meson runs it), it prints the plan "1..0 # SKIP …"
  and exits 0, which meson reads as skipped.
"""
import os
import subprocess
import sys

program = sys.argv[1]
env = {k: v for k, v in os.environ.items() if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}
env['GDK_BACKEND'] = 'x11,wayland'
errors = []

plain = subprocess.run([program], env=env, capture_output=True, text=True, timeout=60)
if plain.returncode != 77:
    errors.append(f'without a display, {program} exited {plain.returncode}, not 77:\n{plain.stdout}{plain.stderr}')
elif 'SKIP' not in plain.stderr:
    errors.append(f'{program} skipped without saying why: {plain.stderr!r}')

tap = subprocess.run([program, '--tap'], env=env, capture_output=True, text=True, timeout=60)
if tap.returncode != 0 or '1..0 # SKIP' not in tap.stdout:
    errors.append(f'with --tap, {program} exited {tap.returncode} and printed:\n{tap.stdout}{tap.stderr}')

for e in errors:
    print(e)
if errors:
    sys.exit(1)
print('without a display the UI test skips (77, or a TAP skip plan)')
