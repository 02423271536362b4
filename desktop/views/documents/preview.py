"""Showing a PDF: the page-at-a-time preview, the pane and the dialog that wrap it, and the table
and splitter the document lists sit in.
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_datetime
from desktop.services.context import ServiceContext
from desktop.services.documents import IssuedFile
from desktop.views.documents.output import ask_save, print_issued, save_issued
from desktop.views.qtext import fill
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner


class DocumentPreview(QWidget):
    """One page of a PDF at a time, fitted to the width; Previous / Next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes = b""
        self._pages = 0
        self.page = 0
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("Next page"))
        self.page_label = QLabel()
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        set_style_role(self.image, "role", "page-backdrop")
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(True)
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.clear()

    @property
    def page_count(self) -> int:
        return self._pages

    def set_pdf(self, data: bytes) -> None:
        self.clear()
        doc = pdfium.PdfDocument(data)
        try:
            self._pages = len(doc)
        finally:
            doc.close()
        self._data = data
        self.show_page(0)

    def clear(self) -> None:
        self._data = b""
        self._pages = 0
        self.page = 0
        self.image.clear()
        self.image.setText(self.tr("No document shown."))
        self.page_label.clear()
        self.prev_button.setEnabled(False)
        self.next_button.setEnabled(False)

    def render(self, index: int, width: int) -> QImage:
        """Page ``index`` rendered ``width`` pixels wide (the document is opened for it and
        closed again: nothing of PDFium outlives the call)."""
        doc = pdfium.PdfDocument(self._data)
        try:
            page = doc[index]
            try:
                scale = max(width, 200) / page.get_width()
                pil = page.render(scale=scale).to_pil().convert("RGB")
            finally:
                page.close()
        finally:
            doc.close()
        raw = pil.tobytes("raw", "RGB")
        return QImage(raw, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888).copy()

    def show_page(self, index: int) -> None:
        if not self._data or not (0 <= index < self.page_count):
            return
        self.page = index
        width = self.scroll.viewport().width() - 24
        self.image.setPixmap(QPixmap.fromImage(self.render(index, width)))
        self.page_label.setText(fill(self.tr("Page %1 of %2"), index + 1, self.page_count))
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < self.page_count)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._data and event.oldSize().width() != event.size().width():
            self.show_page(self.page)


def document_table(headers: list[str]) -> QTableWidget:
    """A read-only table with one selectable row at a time."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def side_by_side(left: QWidget, right: QWidget) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    return splitter


class PreviewPane(QWidget):
    """The document shown: its title, Open in a window / Print / Save as PDF, and the pages."""

    def __init__(
        self,
        on_print: Callable[[], None],
        on_save: Callable[[], None],
        on_open: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview = DocumentPreview()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open in a window"))
        self.open_button.clicked.connect(on_open)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(on_print)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.clicked.connect(on_save)
        actions = QHBoxLayout()
        actions.addWidget(self.title, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.preview, 1)


class DocumentDialog(QDialog):
    """An issued document on screen, with Print and Save as PDF."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        issued: IssuedFile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.issued = issued
        info = issued.info
        self.setWindowTitle(fill(self.tr("%1 — %2"), info.title, info.number))
        self.resize(820, 960)
        self.preview = DocumentPreview()
        facts = QLabel(
            fill(
                self.tr("Document %1, issued %2 by %3; SHA-256 %4"),
                info.number,
                format_datetime(info.created_at),
                info.created_by,
                info.pdf_sha256,
            )
        )
        facts.setWordWrap(True)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.print_button.clicked.connect(lambda: print_issued(self, ctx, runner, issued))
        self.save_button.clicked.connect(self._save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.preview.set_pdf(issued.data)

    def _save(self) -> None:
        path = ask_save(self, self.issued)
        if path is not None:
            save_issued(self, self.ctx, self.runner, self.issued, path)

    def done(self, result: int) -> None:
        self.preview.clear()
        super().done(result)
