"""The embedded CJK font: registered once, subset into every PDF that uses it.

WenQuanYi Micro Hei (Apache 2.0, TrueType outlines) covers GBK Chinese and Latin, so a form
prints the same on a PC without any Chinese font installed.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.config import resources_dir

FONT = "BatonSans"
FONT_FILE = "wqy-microhei.ttc"


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the embedded font with reportlab and return its name."""
    path = resources_dir() / "fonts" / FONT_FILE
    pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    return FONT
