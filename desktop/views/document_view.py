"""Documents on screen: a PDF preview, printing and saving, and the Documents tab of a case.

:class:`DocumentPreview` shows one page at a time, rendered with PDFium on demand (a
2,000-customer form has over a hundred pages; rendering them all would take seconds and
hundreds of megabytes). :class:`DocumentDialog` wraps it with Print and Save for any issued
document. :class:`DocumentsTab` is the case screen's tab: generate the handover form (Chinese
or English) and the other case documents off the GUI thread, list what was issued with its
signatures and scans, preview, print, save, sign blocks on screen, attach the signed scan and
verify a file.

Every print and save is recorded in the audit log through the documents service.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import BatonError
from desktop.i18n import format_datetime
from desktop.reports import issue
from desktop.services import documents
from desktop.services.context import Changes, ServiceContext
from desktop.services.documents import (
    BlockStatus,
    FormStatus,
    IssuedFile,
    VerifyResult,
)
from desktop.services.permissions import Action, can
from desktop.storage.private import save_output
from desktop.views.errors import show_error, translate_error
from desktop.views.pdf_print import print_pdf
from desktop.views.qtext import fill
from desktop.views.widgets.signature_pad import SignaturePad
from desktop.views.workers import TaskRunner, run_with_progress

# --------------------------------------------------------------------------- labels


def kind_label(kind: str) -> str:
    labels = {
        "handover": QCoreApplication.translate("Documents", "Handover form"),
        "risk": QCoreApplication.translate("Documents", "Departure risk assessment"),
        "tracking": QCoreApplication.translate("Documents", "Responsibility tracking table"),
        "post_departure": QCoreApplication.translate("Documents", "Post-departure report"),
        "aging": QCoreApplication.translate("Documents", "Receivables aging by salesperson"),
    }
    return labels.get(kind, kind)


def language_label(language: str) -> str:
    return {
        "zh": QCoreApplication.translate("Documents", "Chinese"),
        "en": QCoreApplication.translate("Documents", "English"),
    }.get(language, language)


def block_label(block: BlockStatus) -> str:
    labels = {
        "employee": QCoreApplication.translate("Documents", "Departing employee"),
        "successor": QCoreApplication.translate("Documents", "Successor"),
        "manager": QCoreApplication.translate("Documents", "Supervisor of the handover (manager)"),
        "hr": QCoreApplication.translate("Documents", "HR"),
        "finance": QCoreApplication.translate("Documents", "Finance"),
    }
    return labels.get(block.role, block.role)


def block_state(block: BlockStatus) -> str:
    if block.signed:
        return fill(
            QCoreApplication.translate("Documents", "Signed on screen by %1, %2"),
            block.signer_name or "",
            format_datetime(block.signed_at),
        )
    return QCoreApplication.translate("Documents", "Waiting for a signature on paper")


# --------------------------------------------------------------------------- preview


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
        self.image.setStyleSheet("background: #888;")
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


def save_issued(
    parent: QWidget, ctx: ServiceContext, runner: TaskRunner, issued: IssuedFile, path: Path
) -> bool:
    """Write an issued PDF to ``path`` and record that it left the vault."""
    try:
        save_output(path, issued.data, getattr(ctx.store, "paths", None))
    except BatonError as exc:  # one of the vault's own files
        show_error(parent, exc)
        return False
    except OSError as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("Documents", "Save as PDF"),
            fill(QCoreApplication.translate("Documents", "Cannot write %1: %2"), path, exc),
        )
        return False
    runner.start(
        documents.record_output,
        ctx,
        issued.info.id,
        "save",
        str(path),
        on_error=lambda exc: show_error(parent, exc),
    )
    return True


def ask_save(parent: QWidget, issued: IssuedFile) -> Path | None:
    info = issued.info
    suggested = f"{info.number}-{info.case_number or info.kind}.pdf"
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Documents", "Save as PDF"),
        str(Path.home() / suggested),
        QCoreApplication.translate("Documents", "PDF files (*.pdf)"),
    )
    return Path(name) if name else None


def print_issued(
    parent: QWidget, ctx: ServiceContext, runner: TaskRunner, issued: IssuedFile
) -> bool:
    """Print through the system dialog; record the print when pages were sent."""
    if not print_pdf(parent, issued.data, issued.info.title):
        return False
    runner.start(
        documents.record_output,
        ctx,
        issued.info.id,
        "print",
        on_error=lambda exc: show_error(parent, exc),
    )
    return True


def choose_pdf_to_verify(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Documents", "Verify a document"),
        str(Path.home()),
        QCoreApplication.translate("Documents", "PDF files (*.pdf)"),
    )
    return Path(name) if name else None


def verify_pdf(
    parent: QWidget,
    ctx: ServiceContext,
    runner: TaskRunner,
    path: Path,
    on_result: Callable[[VerifyResult], None],
) -> None:
    """Check a PDF against the issue records off the GUI thread."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        show_error(parent, exc)
        return
    runner.start(
        documents.verify_document,
        ctx,
        data,
        on_done=on_result,
        on_error=lambda exc: show_error(parent, exc),
    )


def show_verification(parent: QWidget, result: VerifyResult) -> str:
    """Say the verdict in a message box (a warning when not verified); return its text."""
    text = result.message(QCoreApplication.translate)
    title = QCoreApplication.translate("Documents", "Verify a document")
    if result.verified:
        QMessageBox.information(parent, title, text)
    else:
        QMessageBox.warning(parent, title, text)
    return text


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


# --------------------------------------------------------------------------- signing


class SignatureDialog(QDialog):
    """Sign one block of the handover form on screen (a simple electronic signature)."""

    signed = Signal(object)

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        case_id: int,
        block: BlockStatus,
        document_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.case_id = case_id
        self.block = block
        self.document_id = document_id
        self.busy = False
        self.setWindowTitle(self.tr("Simple electronic signature (简单电子签名)"))
        self.signer = QLineEdit(block.expected_name or "")
        self.pad = SignaturePad()
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.pad.changed.connect(self.error.hide)
        note = QLabel(
            self.tr(
                "Simple electronic signature (简单电子签名): only the image of the signature is "
                "kept, with who signed, in which role and when — never the pressure or speed "
                "of the pen. It is drawn into its block the next time the form is generated."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Block"), QLabel(block_label(block)))
        form.addRow(self.tr("Signed by"), self.signer)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        pad_row = QHBoxLayout()
        pad_row.addWidget(self.pad, 1)
        pad_row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(pad_row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def submit(self) -> None:
        if self.busy:
            return
        if not self.pad.has_enough_ink():
            self._show_error(QCoreApplication.translate("Errors", documents.MSG_TOO_LITTLE_INK))
            return
        self.busy = True
        self.buttons.setEnabled(False)
        self.runner.start(
            documents.sign_block,
            self.ctx,
            self.case_id,
            self.block.key,
            self.signer.text(),
            self.pad.to_png(),
            self.document_id,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, changes: Changes) -> None:
        self.busy = False
        self.signed.emit(changes)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        if isinstance(exc, BatonError):
            self._show_error(translate_error(exc))
        else:
            show_error(self, exc)

    def reject(self) -> None:
        if not self.busy:
            super().reject()


class ScanDialog(QDialog):
    """Where the signed paper original is kept, for a scan being attached."""

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Attach the signed copy"))
        intro = QLabel(
            fill(
                self.tr(
                    "%1 will be stored encrypted with its SHA-256. A scan is a copy: the signed "
                    "paper original is the legal document — say where it is kept."
                ),
                file_name,
            )
        )
        intro.setWordWrap(True)
        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("e.g. HR office, cabinet 3, personnel file"))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Paper original kept at"), self.location)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)


# --------------------------------------------------------------------------- the tab


class DocumentsTab(QWidget):
    """The documents of one case, for the case screen (``add_tab(DocumentsTab(ctx, id), …)``).

    ``changed`` carries the :class:`Changes` after a document was issued, a block signed or a
    scan attached (the case's history has new events). ``set_case`` shows another case.
    """

    changed = Signal(object)

    def __init__(
        self,
        ctx: ServiceContext | None,
        case_id: int | None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.runner = runner or TaskRunner(self)
        self.status: FormStatus | None = None
        self.current: IssuedFile | None = None
        self.sign_dialog: SignatureDialog | None = None
        self.last_verification: VerifyResult | None = None
        self._request = 0

        self.language = QComboBox()
        self.language.addItem(self.tr("Chinese (中文)"), "zh")
        self.language.addItem(self.tr("English"), "en")
        self.handover_button = QPushButton(self.tr("Generate handover form"))
        self.handover_button.setToolTip(self.tr("离职交接单, in the language chosen"))
        self.handover_button.clicked.connect(lambda: self.generate("handover"))
        self.other = QComboBox()
        for kind in ("risk", "tracking", "post_departure"):
            self.other.addItem(kind_label(kind), kind)
        self.other_button = QPushButton(self.tr("Generate"))
        self.other_button.clicked.connect(lambda: self.generate(self.other.currentData()))
        self.verify_button = QPushButton(self.tr("Verify a file…"))
        self.verify_button.clicked.connect(self.choose_verify)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Language")))
        top.addWidget(self.language)
        top.addWidget(self.handover_button)
        top.addSpacing(16)
        top.addWidget(self.other)
        top.addWidget(self.other_button)
        top.addStretch()
        top.addWidget(self.verify_button)

        self.documents_table = document_table(
            [
                self.tr("Document"),
                self.tr("Kind"),
                self.tr("Language"),
                self.tr("Issued"),
                self.tr("By"),
                self.tr("Pages"),
                self.tr("Signatures"),
                self.tr("Signed scan"),
            ]
        )
        self.documents_table.itemSelectionChanged.connect(self._document_selected)
        self.documents_table.doubleClicked.connect(lambda *_: self.open_dialog())
        self.frozen_label = QLabel()
        self.frozen_label.setWordWrap(True)
        self.frozen_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.blocks_table = document_table([self.tr("Block"), self.tr("Name"), self.tr("Status")])
        self.blocks_table.doubleClicked.connect(lambda *_: self.sign_selected())
        self.sign_button = QPushButton(self.tr("Sign on screen…"))
        self.sign_button.clicked.connect(self.sign_selected)
        self.void_button = QPushButton(self.tr("Void signature…"))
        self.void_button.clicked.connect(self.void_selected)
        blocks_box = QGroupBox(self.tr("Signature blocks of the handover form"))
        blocks_layout = QVBoxLayout(blocks_box)
        blocks_layout.addWidget(self.blocks_table)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.sign_button)
        sign_row.addWidget(self.void_button)
        sign_row.addStretch()
        blocks_layout.addLayout(sign_row)

        self.scans_label = QLabel()
        self.scans_label.setWordWrap(True)
        self.scans_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attach_button = QPushButton(self.tr("Attach signed scan…"))
        self.attach_button.clicked.connect(self.choose_scan)
        scans_box = QGroupBox(self.tr("Signed paper copy"))
        scans_layout = QVBoxLayout(scans_box)
        scans_layout.addWidget(self.scans_label)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attach_button)
        attach_row.addStretch()
        scans_layout.addLayout(attach_row)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Issued documents")))
        left_layout.addWidget(self.documents_table, 2)
        left_layout.addWidget(self.frozen_label)
        left_layout.addWidget(blocks_box, 2)
        left_layout.addWidget(scans_box)

        right = PreviewPane(self.print_current, self.choose_save, self.open_dialog)
        self.preview = right.preview
        self.preview_title = right.title
        self.print_button = right.print_button
        self.save_button = right.save_button
        self.open_button = right.open_button
        splitter = side_by_side(left, right)
        self.message = QLabel()
        self.message.setStyleSheet("color: #555;")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._update_buttons()
        if ctx is not None and case_id is not None:
            self.refresh()

    # -- helpers -------------------------------------------------------------------------

    def _start(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None]) -> None:
        self.runner.start(fn, *args, on_done=on_done, on_error=lambda exc: show_error(self, exc))

    def _update_buttons(self) -> None:
        ready = self.ctx is not None and self.case_id is not None
        for button in (self.handover_button, self.other_button, self.verify_button):
            button.setEnabled(ready)
        has_doc = self.current is not None
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(has_doc)
        block = self.selected_block()
        # The service refuses anyway; the buttons say so first.
        edit = ready and self.ctx is not None and can(self.ctx.actor.role, Action.HANDOVER_EDIT)
        void = ready and self.ctx is not None and can(self.ctx.actor.role, Action.DEPARTURES_EDIT)
        self.sign_button.setEnabled(edit and block is not None and not block.signed)
        self.void_button.setEnabled(void and block is not None and block.signed)
        self.attach_button.setEnabled(edit and self.status is not None)

    # -- the case shown ------------------------------------------------------------------

    def set_case(self, ctx: ServiceContext, case_id: int) -> None:
        if case_id != self.case_id:
            self.clear()
        self.ctx = ctx
        self.case_id = case_id
        self.refresh()

    def clear(self) -> None:
        """Forget everything shown (another case, or the window locks)."""
        self._request += 1
        self.status = None
        self.current = None
        self.preview.clear()
        self.preview_title.clear()
        self.documents_table.setRowCount(0)
        self.blocks_table.setRowCount(0)
        self.scans_label.clear()
        self.frozen_label.clear()
        self.message.clear()
        self._update_buttons()

    def refresh(self) -> None:
        if self.ctx is None or self.case_id is None:
            return
        self._request += 1
        request = self._request
        self._start(
            documents.form_status,
            self.ctx,
            self.case_id,
            on_done=lambda status: self._show_status(request, status),
        )

    def _show_status(self, request: int, status: FormStatus) -> None:
        if request != self._request or status.case_id != self.case_id:
            return
        self.status = status
        scanned = {s.document_id for s in status.scans if s.document_id is not None}
        self.documents_table.blockSignals(True)
        self.documents_table.setRowCount(len(status.documents))
        for r, d in enumerate(status.documents):
            signatures = str(len(d.signed_blocks)) if d.kind == "handover" else ""
            values = [
                d.number,
                kind_label(d.kind),
                language_label(d.language),
                format_datetime(d.created_at),
                d.created_by,
                str(d.pages),
                signatures,
                self.tr("attached") if d.id in scanned else "",
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, d.id)
                self.documents_table.setItem(r, c, item)
        current = self.current.info.id if self.current else None
        for r, d in enumerate(status.documents):
            if d.id == current:
                self.documents_table.selectRow(r)
        self.documents_table.blockSignals(False)
        self.blocks_table.setRowCount(len(status.blocks))
        for r, b in enumerate(status.blocks):
            for c, value in enumerate(
                (block_label(b), b.signer_name or b.expected_name or "", block_state(b))
            ):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, b.key)
                self.blocks_table.setItem(r, c, item)
        if status.frozen:
            self.frozen_label.setText(
                fill(
                    self.tr(
                        "Signed: the form's content was frozen on %1 by %2 (SHA-256 %3). Every "
                        "new rendering shows that content, whatever changes later."
                    ),
                    format_datetime(status.frozen_at),
                    status.frozen_by or "",
                    status.frozen_sha256 or "",
                )
            )
        else:
            self.frozen_label.setText(
                self.tr(
                    "Not signed yet: the form shows today's data. The first signature on "
                    "screen or the first signed scan freezes it."
                )
            )
        if status.scans:
            lines = [
                fill(
                    self.tr("%1 (SHA-256 %2…), attached %3 by %4; paper original: %5"),
                    s.file_name,
                    s.sha256[:16],
                    format_datetime(s.archived_at or s.uploaded_at),
                    s.archived_by or s.uploaded_by or "",
                    s.paper_location,
                )
                for s in status.scans
            ]
            self.scans_label.setText(self.tr("Signed copy archived.") + "\n" + "\n".join(lines))
        else:
            self.scans_label.setText(
                self.tr(
                    "No signed copy yet: print the form, have it signed and sealed, then attach "
                    "the scan."
                )
            )
        self._update_buttons()

    # -- documents -----------------------------------------------------------------------

    def generate(self, kind: str, language: str | None = None) -> None:
        """Issue a document of the case off the GUI thread, then preview it."""
        if self.ctx is None or self.case_id is None:
            return
        lang = language or self.language.currentData()
        make = issue.CASE_DOCUMENTS[kind]
        run_with_progress(
            self,
            self.runner,
            fill(self.tr("Generating: %1"), kind_label(kind)),
            make,
            self.ctx,
            self.case_id,
            lang,
            on_done=self._issued,
        )

    def _issued(self, issued: IssuedFile) -> None:
        self.show_document(issued)
        self.message.setText(
            fill(self.tr("Issued %1: %2 page(s)."), issued.info.number, issued.info.pages)
        )
        self.refresh()
        self.changed.emit(Changes.of("documents", "departures", ids=frozenset({issued.info.id})))

    def show_document(self, issued: IssuedFile) -> None:
        self.current = issued
        info = issued.info
        self.preview_title.setText(
            fill(
                self.tr("%1 %2 (%3)"),
                kind_label(info.kind),
                info.number,
                language_label(info.language),
            )
        )
        self.preview.set_pdf(issued.data)
        self._update_buttons()

    def _document_selected(self) -> None:
        rows = self.documents_table.selectionModel().selectedRows()
        if not rows or self.ctx is None:
            return
        document_id = self.documents_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        if self.current is not None and self.current.info.id == document_id:
            return
        self._start(documents.read_document, self.ctx, document_id, on_done=self.show_document)

    def print_current(self) -> None:
        if self.current is not None and self.ctx is not None:
            print_issued(self, self.ctx, self.runner, self.current)

    def choose_save(self) -> None:
        if self.current is None:
            return
        path = ask_save(self, self.current)
        if path is not None:
            self.save_current(path)

    def save_current(self, path: Path) -> bool:
        if self.current is None or self.ctx is None:
            return False
        if save_issued(self, self.ctx, self.runner, self.current, path):
            self.message.setText(fill(self.tr("Saved to %1."), path))
            return True
        return False

    def open_dialog(self) -> None:
        if self.current is not None and self.ctx is not None:
            DocumentDialog(self.ctx, self.runner, self.current, self).open()

    # -- signatures ----------------------------------------------------------------------

    def selected_block(self) -> BlockStatus | None:
        if self.status is None:
            return None
        rows = self.blocks_table.selectionModel().selectedRows()
        if not rows:
            return None
        key = self.blocks_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((b for b in self.status.blocks if b.key == key), None)

    def select_block(self, key: str) -> None:
        if self.status is None:
            return
        for r, b in enumerate(self.status.blocks):
            if b.key == key:
                self.blocks_table.selectRow(r)
        self._update_buttons()

    def _form_document_id(self) -> int | None:
        """The handover form on screen: what a signature applies to (if not frozen yet)."""
        if self.current is not None and self.current.info.kind == "handover":
            return self.current.info.id
        return None

    def sign_selected(self) -> None:
        block = self.selected_block()
        if block is None or block.signed or self.ctx is None or self.case_id is None:
            return
        dialog = SignatureDialog(
            self.ctx, self.runner, self.case_id, block, self._form_document_id(), self
        )
        dialog.signed.connect(self._signed)
        self.sign_dialog = dialog
        dialog.open()

    def _signed(self, changes: Changes) -> None:
        self.changed.emit(changes)
        language = self.current.info.language if self.current else self.language.currentData()
        self.message.setText(self.tr("Signed. The form is generated again with the signature."))
        self.refresh()
        self.generate("handover", language)

    def void_selected(self) -> None:
        block = self.selected_block()
        if block is None or block.signature_id is None or self.ctx is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Void signature"),
            fill(self.tr("Why is the signature of %1 void?"), block.signer_name or ""),
        )
        if not ok:
            return
        self._start(
            documents.void_signature,
            self.ctx,
            block.signature_id,
            reason,
            on_done=lambda changes: (self.changed.emit(changes), self.refresh()),
        )

    # -- scans ---------------------------------------------------------------------------

    def choose_scan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach the signed copy"),
            str(Path.home()),
            self.tr("Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"),
        )
        if not name:
            return
        dialog = ScanDialog(Path(name).name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.attach_scan_file(Path(name), dialog.location.text(), dialog.note.text())

    def attach_scan_file(self, path: Path, paper_location: str, note: str = "") -> None:
        """Attach ``path`` as the signed copy (off the GUI thread)."""
        if self.ctx is None or self.case_id is None:
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            show_error(self, exc)
            return
        self._start(
            documents.attach_scan,
            self.ctx,
            self.case_id,
            path.name,
            data,
            paper_location,
            self._form_document_id(),
            note,
            on_done=self._scan_attached,
        )

    def _scan_attached(self, changes: Changes) -> None:
        self.message.setText(self.tr("Signed copy attached and archived."))
        self.changed.emit(changes)
        self.refresh()

    # -- verification --------------------------------------------------------------------

    def choose_verify(self) -> None:
        path = choose_pdf_to_verify(self)
        if path is not None:
            self.verify_file(path)

    def verify_file(self, path: Path) -> None:
        if self.ctx is not None:
            verify_pdf(self, self.ctx, self.runner, path, self._verified)

    def _verified(self, result: VerifyResult) -> None:
        self.last_verification = result
        self.message.setText(show_verification(self, result))
