"""Placeholders in translated strings (PySide has no QString.arg).

Use ``fill(self.tr("Saved %1 rows"), n)`` so lupdate still sees the literal in ``tr``.
"""

from __future__ import annotations


def fill(text: str, *args: object) -> str:
    """Replace %1, %2 … in a translated string, highest number first (so %1 never eats %10)."""
    for i in range(len(args), 0, -1):
        text = text.replace(f"%{i}", str(args[i - 1]))
    return text
