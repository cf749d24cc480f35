#!/usr/bin/env python3
"""Text sizes come from libadwaita's type classes (.large-title, .title-1 …
.caption, .numeric), which follow the user's font settings and the
platform's scale, never from sizes in Carport's style sheet.

    check-css.py SRCROOT

Fails on any font-size or font shorthand in src/gui/style.css, and on a
class in a .ui file that the style sheet and libadwaita do not define (a
leftover of a removed style).
"""
import glob
import os
import re
import sys

root = sys.argv[1]
css_path = os.path.join(root, 'src', 'gui', 'style.css')
with open(css_path, encoding='utf-8') as f:
    css = re.sub(r'/\*.*?\*/', '', f.read(), flags=re.S)
errors = [f'style.css: "{m.group(0).strip()}": use a libadwaita type class'
          for m in re.finditer(r'(?<![\w-])font(-size)?\s*:[^;]*;', css)]

ADWAITA = {
    # libadwaita 1.2's style classes (type, colour, layout, widgets) and GTK's.
    'large-title', 'title-1', 'title-2', 'title-3', 'title-4', 'heading', 'body', 'caption-heading',
    'caption', 'monospace', 'numeric', 'dim-label', 'accent', 'success', 'warning', 'error',
    'destructive-action', 'suggested-action', 'flat', 'pill', 'circular', 'raised', 'opaque', 'osd',
    'card', 'boxed-list', 'navigation-sidebar', 'linked', 'toolbar', 'background', 'view', 'frame',
    'content', 'compact', 'spacer', 'inline', 'selection-mode', 'devel', 'icon-dropshadow',
    'lowres-icon', 'error-icon', 'title', 'subtitle', 'menu', 'image-button', 'text-button', 'sidebar',
}
defined = set(re.findall(r'\.([a-zA-Z][\w-]*)', css))
for ui in glob.glob(os.path.join(root, 'src', 'gui', '**', '*.ui'), recursive=True):
    with open(ui, encoding='utf-8') as f:
        for name in re.findall(r'<class name="([^"]+)"/>', f.read()):
            if name not in defined and name not in ADWAITA:
                errors.append(f'{os.path.relpath(ui, root)}: class "{name}" is defined nowhere')

for e in errors:
    print(e)
if errors:
    sys.exit(1)
print('style.css leaves text sizes to the type classes; every class in the .ui files is defined')
