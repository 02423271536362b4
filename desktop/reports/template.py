"""The shared page frame: company header, title, page x of y, generation time, footer text.

Every document is built by handing a list of flowables to :func:`build_pdf`; the header and
footer are drawn on each page, and the total page count is filled in by a second pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, TableStyle

from desktop.reports.fonts import register_fonts

MARGIN = 16 * mm


@dataclass(frozen=True)
class PageFrame:
    """What the header and footer of every page show."""

    title: str
    company: str
    generated_at: datetime
    lang: str = "zh"
    reference: str = ""
    footer_note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles in the embedded font, wrapping Chinese text correctly."""
    font = register_fonts()
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11),
        "title": ParagraphStyle(
            "title", parent=base, fontSize=18, leading=24, alignment=TA_CENTER, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontSize=13, leading=18, spaceBefore=8, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "key": ParagraphStyle("key", parent=base, fontSize=20, leading=28, alignment=TA_CENTER),
    }


def table_style(*commands: tuple[Any, ...], size: float = 9) -> TableStyle:
    """A TableStyle that starts in the embedded font (reportlab's default is Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), register_fonts(), size), *commands])


def _page_label(lang: str, page: int, total: int) -> str:
    return f"第 {page} 页 / 共 {total} 页" if lang == "zh" else f"Page {page} of {total}"


def _numbered_canvas(frame: PageFrame) -> type[Canvas]:
    font = register_fonts()

    class NumberedCanvas(Canvas):
        """Defers page output so each footer can say 'page x of y'."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Start in the embedded font so no standard (non-embedded) font is referenced.
            kwargs["initialFontName"] = font
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 10
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_frame(number, total)
                super().showPage()
            super().save()

        def _draw_frame(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setStrokeColor(colors.grey)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - MARGIN + 2 * mm, width - MARGIN, height - MARGIN + 2 * mm)
            self.line(MARGIN, MARGIN - 4 * mm, width - MARGIN, MARGIN - 4 * mm)
            self.setFont(font, 9)
            self.drawString(MARGIN, height - MARGIN + 4 * mm, frame.company)
            self.drawRightString(width - MARGIN, height - MARGIN + 4 * mm, frame.reference)
            self.setFont(font, 8)
            stamp = frame.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            left = ("生成时间 " if frame.lang == "zh" else "Generated ") + stamp
            if frame.footer_note:
                left += "   " + frame.footer_note
            self.drawString(MARGIN, MARGIN - 8 * mm, left)
            self.drawRightString(
                width - MARGIN, MARGIN - 8 * mm, _page_label(frame.lang, number, total)
            )
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    frame: PageFrame, story: Sequence[Flowable], pagesize: tuple[float, float] = A4
) -> bytes:
    """Lay out ``story`` in the shared frame and return the PDF bytes."""
    register_fonts()
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 4 * mm,
        bottomMargin=MARGIN + 2 * mm,
        title=frame.title,
        author=frame.company,
        creator="Baton",
        invariant=1,
    )
    doc.build(list(story), canvasmaker=_numbered_canvas(frame))
    return buffer.getvalue()
