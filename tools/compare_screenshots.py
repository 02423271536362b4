"""Compare two runs of tools/screenshots.py: which PNGs are identical, which differ and where.

    python tools/compare_screenshots.py BEFORE_DIR AFTER_DIR

A difference is printed with its bounding box and the number of pixels changed, so a moved
caret or a clock (a few pixels) is told apart from a changed look; look at those PNGs yourself.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageChops


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    names = sorted({p.name for d in (args.before, args.after) for p in d.glob("*.png")})
    identical = 0
    for name in names:
        a, b = args.before / name, args.after / name
        if not (a.exists() and b.exists()):
            print(f"only in one run: {name}")
            continue
        x, y = Image.open(a).convert("RGB"), Image.open(b).convert("RGB")
        if x.size != y.size:
            print(f"size differs: {name} {x.size} {y.size}")
            continue
        diff = ImageChops.difference(x, y)
        box = diff.getbbox()
        if box is None:
            identical += 1
            continue
        changed = sum(diff.convert("L").histogram()[1:])
        print(f"differs: {name} in {box}, {changed} pixels")
    print(f"{identical} of {len(names)} identical")
    return 0 if identical == len(names) else 1


if __name__ == "__main__":
    raise SystemExit(main())
