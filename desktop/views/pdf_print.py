"""Printing and previewing our PDFs: pages rendered with PDFium, painted through QPrinter."""

from __future__ import annotations

from collections.abc import Iterator

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


def render_pages(pdf: bytes, dpi: int = 150) -> Iterator[QImage]:
    """Yield each page of ``pdf`` as an image at ``dpi``."""
    doc = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(doc)):
            page = doc[index]
            bitmap = page.render(scale=dpi / 72)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
            yield image.copy()
            page.close()
    finally:
        doc.close()


def paint_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Paint every page onto ``printer``; return the number of pages."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    count = 0
    try:
        dpi = min(printer.resolution(), 300)
        for image in render_pages(pdf, dpi):
            if count:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), size.width(), size.height()), image)
            count += 1
    finally:
        painter.end()
    return count


def print_pdf(parent: QWidget, pdf: bytes, title: str) -> bool:
    """Ask for a printer with the system dialog and print; True when pages were sent."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    return paint_pdf(printer, pdf) > 0
