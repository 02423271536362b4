"""The shared page frame: company header, title, page x of y, generation time, and — for issued
documents — the document number, the content hash and a QR code in the footer of every page.

Every document is built by handing a list of flowables to :func:`render_pdf` (or
:func:`build_pdf` for the bytes alone); the header and footer are drawn on each page, and the
total page count is filled in by a second pass. Output is deterministic (``invariant``): the
same data and stamp give the same bytes.

Tables: always through :func:`table_style` or :func:`grid_table` — reportlab's default table
font is Helvetica, which is not embedded and would leave a non-embedded font in the file.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, TableStyle
from reportlab.platypus.tables import LongTable

from desktop.reports.fonts import register_fonts

if TYPE_CHECKING:
    from desktop.services.documents import DocumentStamp

MARGIN = 16 * mm
QR_SIZE = 17 * mm
#: Table colours of the forms: black grid, grey header, faint zebra rows.
HEADER_BG = colors.Color(0.88, 0.88, 0.88)
ZEBRA_BG = colors.Color(0.965, 0.965, 0.965)
LABEL_BG = colors.Color(0.93, 0.93, 0.93)
GRID = colors.black


@dataclass(frozen=True)
class PageFrame:
    """What the header and footer of every page show.

    ``document_id``, ``content_sha256`` and ``qr_payload`` are set for issued documents: the
    footer prints the number and the content hash, and a QR code carrying the payload.
    """

    title: str
    company: str
    generated_at: datetime
    lang: str = "zh"
    reference: str = ""
    footer_note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    document_id: str = ""
    content_sha256: str = ""
    qr_payload: str = ""
    subject: str = ""
    keywords: str = ""


def issued_frame(
    stamp: DocumentStamp,
    reference: str,
    *,
    header_title: str | None = None,
    company: str | None = None,
) -> PageFrame:
    """The frame of an issued document: its number, content hash and QR code on every page;
    ``header_title`` and ``company`` default to the stamp's."""
    title = header_title if header_title is not None else stamp.title
    return PageFrame(
        title=stamp.title,
        company=company if company is not None else stamp.company,
        generated_at=stamp.created_at,
        lang=stamp.language,
        reference=reference,
        extra={"header_title": title},
        document_id=stamp.number,
        content_sha256=stamp.content_sha256,
        qr_payload=stamp.qr_payload,
        subject=f"{title} {stamp.case_number or ''} {stamp.number}".strip(),
        keywords=stamp.keywords,
    )


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles in the embedded font, wrapping Chinese text correctly."""
    font = register_fonts()
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11),
        "tiny": ParagraphStyle("tiny", parent=base, fontSize=7, leading=9),
        "title": ParagraphStyle(
            "title", parent=base, fontSize=18, leading=24, alignment=TA_CENTER, spaceAfter=6
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=10, leading=13, alignment=TA_CENTER, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontSize=13, leading=18, spaceBefore=8, spaceAfter=4
        ),
        "section": ParagraphStyle(
            "section", parent=base, fontSize=11, leading=15, spaceBefore=9, spaceAfter=3
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "cell_small": ParagraphStyle("cell_small", parent=base, fontSize=7.5, leading=9.5),
        "right": ParagraphStyle("right", parent=base, fontSize=9, leading=12, alignment=TA_RIGHT),
        "key": ParagraphStyle("key", parent=base, fontSize=20, leading=28, alignment=TA_CENTER),
    }


def table_style(*commands: tuple[Any, ...], size: float = 9) -> TableStyle:
    """A TableStyle that starts in the embedded font (reportlab's default is Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), register_fonts(), size), *commands])


# --------------------------------------------------------------------------- fitting text


_WIDTHS: dict[str, float] = {}


def text_width(text: str, size: float) -> float:
    """Width of ``text`` in the embedded font at ``size`` (per-character widths cached)."""
    font = register_fonts()
    total = 0.0
    for ch in text:
        w = _WIDTHS.get(ch)
        if w is None:
            w = _WIDTHS[ch] = pdfmetrics.stringWidth(ch, font, 1000) / 1000
        total += w
    return total * size


def wrap_text(text: str, width: float, size: float, max_lines: int = 6) -> str:
    """Break ``text`` into lines no wider than ``width`` points (between any two Chinese
    characters, at spaces in Latin text), joined by newlines: a plain-string table cell lays
    out much faster than a Paragraph, which matters for a 2,000-customer form."""
    if not text:
        return ""
    if "\n" not in text and text_width(text, size) <= width:
        return text
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        line_w = 0.0
        for token in _tokens(para):
            w = text_width(token, size)
            if line and line_w + w > width:
                lines.append(line.rstrip())
                token = token.lstrip()
                line, line_w = "", 0.0
                w = text_width(token, size)
            if w > width:  # a single long word: cut it by characters
                for ch in token:
                    cw = text_width(ch, size)
                    if line and line_w + cw > width:
                        lines.append(line)
                        line, line_w = "", 0.0
                    line += ch
                    line_w += cw
                continue
            line += token
            line_w += w
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1] + "…"]
    return "\n".join(lines)


def _tokens(text: str) -> Iterable[str]:
    """Chinese characters one by one; Latin words with their following space."""
    word = ""
    for ch in text:
        if ord(ch) > 0x2E7F:
            if word:
                yield word
                word = ""
            yield ch
        elif ch == " ":
            yield word + ch
            word = ""
        else:
            word += ch
    if word:
        yield word


# --------------------------------------------------------------------------- tables


PAD = 2.2


class FormTable(LongTable):
    """A LongTable that draws nothing for an empty text cell (reportlab would still write
    an empty text object for it: a third of the cells of a 2,000-row form). Splits made
    page by page keep the class."""

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        if (cellval == "" or cellval is None) and not (cellstyle.href or cellstyle.destination):
            return
        super()._drawCell(cellval, cellstyle, pos, size)


def grid_table(
    header: Sequence[str] | Sequence[Sequence[str]],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    size: float = 7.5,
    right: Sequence[int] = (),
    center: Sequence[int] = (),
    zebra: bool = True,
    total_row: bool = False,
) -> LongTable:
    """A form table: black grid, grey header repeated on every page, faint zebra rows.

    Cells are plain strings wrapped to their column (see :func:`wrap_text`); any flowable is
    taken as it is. ``header`` is one row of titles or several rows (the last one names the
    columns). ``total_row``: the last row is a total, shaded like the header.
    """
    head_rows = (
        [list(header)] if header and isinstance(header[0], str) else [list(h) for h in header]
    )  # type: ignore[arg-type]
    leading = size * 1.22
    data: list[list[Any]] = []
    heights: list[float] = []
    for row in head_rows:
        cells = [
            wrap_text(str(c), w - 2 * PAD, size, max_lines=3)
            for c, w in zip(row, widths, strict=False)
        ]
        data.append(cells)
        heights.append(max(c.count("\n") + 1 for c in cells) * leading + 2 * PAD + 1)
    for row in rows:
        cells = []
        lines = 1
        flowable = False
        for value, w in zip(row, widths, strict=False):
            if isinstance(value, Flowable):
                cells.append(value)
                flowable = True
                continue
            text = wrap_text("" if value is None else str(value), w - 2 * PAD, size)
            lines = max(lines, text.count("\n") + 1)
            cells.append(text)
        data.append(cells)
        heights.append(None if flowable else lines * leading + 2 * PAD)  # type: ignore[arg-type]
    n_head = len(head_rows)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), register_fonts(), size, leading),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 0.9, GRID),
        ("BACKGROUND", (0, 0), (-1, n_head - 1), HEADER_BG),
        ("ALIGN", (0, 0), (-1, n_head - 1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD + 0.6),
    ]
    for col in right:
        commands.append(("ALIGN", (col, n_head), (col, -1), "RIGHT"))
    for col in center:
        commands.append(("ALIGN", (col, n_head), (col, -1), "CENTER"))
    body = len(rows) - (1 if total_row else 0)
    if zebra and body > 1:
        # One cycling command, not one per shaded row: a long table is split page by page,
        # and each split re-applies every command (on a 2,000-row form, a million calls).
        # The cycle starts afresh on each page (white, then shaded).
        commands.append(("ROWBACKGROUNDS", (0, n_head), (-1, n_head + body - 1), [None, ZEBRA_BG]))
    if total_row and rows:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), HEADER_BG))
    table = FormTable(
        data,
        colWidths=list(widths),
        rowHeights=heights,
        repeatRows=n_head,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(commands))
    return table


def field_table(
    pairs: Sequence[tuple[str, str]], widths: Sequence[float], size: float = 9
) -> LongTable:
    """Label/value pairs in a grid, two pairs per row (label cells shaded)."""
    rows: list[list[str]] = []
    per_row = len(widths) // 2
    for i in range(0, len(pairs), per_row):
        row: list[str] = []
        for label, value in pairs[i : i + per_row]:
            row += [label, value]
        row += [""] * (len(widths) - len(row))
        rows.append(row)
    leading = size * 1.3
    data = []
    heights = []
    for row in rows:
        cells = [
            wrap_text(c, w - 2 * PAD - 2, size, max_lines=4)
            for c, w in zip(row, widths, strict=False)
        ]
        data.append(cells)
        heights.append(max(c.count("\n") + 1 for c in cells) * leading + 2 * PAD + 4)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), register_fonts(), size, leading),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 0.9, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD + 1),
    ]
    for col in range(0, len(widths), 2):
        commands.append(("BACKGROUND", (col, 0), (col, -1), LABEL_BG))
    table = LongTable(data, colWidths=list(widths), rowHeights=heights, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


# --------------------------------------------------------------------------- QR


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw a QR code of ``payload`` (error correction M, quiet zone included) as filled
    rectangles. Drawn directly rather than through renderPDF, whose default state names the
    non-embedded Helvetica."""
    widget = QrCodeWidget(payload, barLevel="M")
    qr = widget.qr
    qr.make()
    count = qr.getModuleCount()
    border = 2
    box = size / (count + 2 * border)
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.setStrokeColor(colors.black)
    path = canvas.beginPath()
    for r, row in enumerate(qr.modules):
        c = 0
        for dark, run in itertools.groupby(bool(v) for v in row):
            n = len(list(run))
            if dark:
                path.rect(x + (c + border) * box, y + size - (r + border + 1) * box, n * box, box)
            c += n
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class QrFlowable(Flowable):
    """A QR code as a flowable (for the verification box of a form)."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.payload, 0, 0, self.size)


# --------------------------------------------------------------------------- the page frame


def _page_label(lang: str, page: int, total: int) -> str:
    return f"第 {page} 页 / 共 {total} 页" if lang == "zh" else f"Page {page} of {total}"


def _numbered_canvas(frame: PageFrame, count: list[int]) -> type[Canvas]:
    font = register_fonts()
    qr_defined: list[bool] = []

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
            count.append(total)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_frame(number, total)
                super().showPage()
            super().save()

        def _qr(self, x: float, y: float) -> None:
            # Drawn once as a form XObject and placed on every page: one QR in the file. (Not
            # in the canvas's __dict__, which is reset to each page's saved state.)
            if not qr_defined:
                qr_defined.append(True)
                self.beginForm("baton_qr", 0, 0, QR_SIZE, QR_SIZE)
                draw_qr(self, frame.qr_payload, 0, 0, QR_SIZE)
                self.endForm()
            self.saveState()
            self.translate(x, y)
            self.doForm("baton_qr")
            self.restoreState()

        def _draw_frame(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setStrokeColor(colors.grey)
            self.setLineWidth(0.5)
            top = height - MARGIN + 2 * mm
            self.line(MARGIN, top, width - MARGIN, top)
            self.setFont(font, 9)
            self.setFillColor(colors.black)
            self.drawString(MARGIN, top + 2 * mm, frame.company)
            self.drawRightString(width - MARGIN, top + 2 * mm, frame.reference)
            if frame.extra.get("header_title"):
                self.drawCentredString(width / 2, top + 2 * mm, frame.extra["header_title"])
            stamp = frame.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            left = ("生成时间 " if frame.lang == "zh" else "Generated ") + stamp
            if frame.document_id:
                left += (
                    "   文档编号 " if frame.lang == "zh" else "   Document "
                ) + frame.document_id
            if frame.footer_note:
                left += "   " + frame.footer_note
            label = _page_label(frame.lang, number, total)
            if frame.qr_payload:
                base = MARGIN - 11 * mm
                self.line(
                    MARGIN, base + QR_SIZE + 1.5 * mm, width - MARGIN, base + QR_SIZE + 1.5 * mm
                )
                self._qr(width - MARGIN - QR_SIZE, base)
                self.setFont(font, 7.5)
                self.drawString(MARGIN, base + 11 * mm, left)
                if frame.content_sha256:
                    self.setFont(font, 6.5)
                    head = "内容摘要 SHA-256: " if frame.lang == "zh" else "Content SHA-256: "
                    self.drawString(MARGIN, base + 7 * mm, head + frame.content_sha256)
                self.setFont(font, 6.5)
                hint = (
                    "扫描二维码或运行 baton verify-document 核验本文件是否由本系统签发且未经改动"
                    if frame.lang == "zh"
                    else "Scan the QR code or run `baton verify-document` to check this file "
                    "was issued by Baton and is unchanged"
                )
                self.drawString(MARGIN, base + 3 * mm, hint)
                self.setFont(font, 8.5)
                self.drawRightString(width - MARGIN - QR_SIZE - 3 * mm, base + 11 * mm, label)
            else:
                self.line(MARGIN, MARGIN - 4 * mm, width - MARGIN, MARGIN - 4 * mm)
                self.setFont(font, 8)
                self.drawString(MARGIN, MARGIN - 8 * mm, left)
                self.drawRightString(width - MARGIN, MARGIN - 8 * mm, label)
            self.restoreState()

    return NumberedCanvas


def render_pdf(
    frame: PageFrame,
    story: Sequence[Flowable],
    pagesize: tuple[float, float] = A4,
    on_page: Callable[[Canvas, Any], None] | None = None,
) -> RenderedPdf:
    """Lay out ``story`` in the shared frame; return the PDF bytes and the page count."""
    register_fonts()
    buffer = BytesIO()
    bottom = MARGIN + (12 * mm if frame.qr_payload else 2 * mm)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 4 * mm,
        bottomMargin=bottom,
        title=frame.title,
        author=frame.company,
        subject=frame.subject,
        keywords=frame.keywords,
        creator="Baton",
        producer="Baton",
        invariant=1,
    )
    count: list[int] = []
    kwargs: dict[str, Any] = {}
    if on_page is not None:
        kwargs = {"onFirstPage": on_page, "onLaterPages": on_page}
    doc.build(list(story), canvasmaker=_numbered_canvas(frame, count), **kwargs)
    return RenderedPdf(buffer.getvalue(), count[0] if count else 0)


def build_pdf(
    frame: PageFrame, story: Sequence[Flowable], pagesize: tuple[float, float] = A4
) -> bytes:
    """Lay out ``story`` in the shared frame and return the PDF bytes."""
    return render_pdf(frame, story, pagesize).data
