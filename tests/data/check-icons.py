#!/usr/bin/env python3
"""Checks the app icons in data/icons/.

    check-icons.py SRCROOT

- io.github.carport.Carport.svg and its .Devel variant: well-formed SVG on
  the 128×128 canvas of GNOME app icons;
- io.github.carport.Carport-symbolic.svg: 16×16, drawn with plain filled
  shapes only. GTK recolours symbolic icons by forcing the fill of every
  shape, so masks, clip paths, gradients, patterns, <use>, images and text
  would come out wrong.
"""
import os
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/2000/svg}'
FORBIDDEN = {'mask', 'clipPath', 'linearGradient', 'radialGradient', 'pattern', 'use', 'image', 'text', 'filter'}


def canvas(root):
    return root.get('viewBox', '').split()[2:] == [root.get('width'), root.get('height')] and \
        (root.get('width'), root.get('height'))


def main():
    icons = os.path.join(sys.argv[1], 'data', 'icons')
    errors = []
    for name, size in (('io.github.carport.Carport.svg', '128'),
                       ('io.github.carport.Carport.Devel.svg', '128'),
                       ('io.github.carport.Carport-symbolic.svg', '16')):
        path = os.path.join(icons, name)
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            errors.append(f'{name}: {e}')
            continue
        if root.tag != NS + 'svg':
            errors.append(f'{name}: not an SVG document')
            continue
        if canvas(root) != (size, size):
            errors.append(f'{name}: the canvas must be {size}×{size} (width, height and viewBox)')
        if name.endswith('-symbolic.svg'):
            for el in root.iter():
                tag = el.tag.replace(NS, '')
                if tag in FORBIDDEN:
                    errors.append(f'{name}: <{tag}> does not survive GTK’s recolouring')
                if tag in ('path', 'rect', 'circle', 'ellipse', 'polygon') and el.get('stroke') not in (None, 'none'):
                    errors.append(f'{name}: <{tag}> has a stroke; symbolic icons are filled shapes')
    for e in errors:
        print(e)
    if errors:
        return 1
    print('the app, development and symbolic icons are in order')
    return 0


if __name__ == '__main__':
    sys.exit(main())
