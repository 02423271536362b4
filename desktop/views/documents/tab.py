"""The Documents tab of a departure case: generate, list, preview, print, save, sign, attach scans
and verify.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import format_datetime
from desktop.reports import issue
from desktop.services import documents
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.documents import BlockStatus, FormStatus, IssuedFile, VerifyResult
from desktop.services.permissions import Action, can
from desktop.views.documents.labels import block_label, block_state, kind_label, language_label
from desktop.views.documents.output import (
    ask_save,
    choose_pdf_to_verify,
    print_issued,
    save_issued,
    show_verification,
    verify_pdf,
)
from desktop.views.documents.preview import (
    DocumentDialog,
    PreviewPane,
    document_table,
    side_by_side,
)
from desktop.views.documents.signing import ScanDialog, SignatureDialog
from desktop.views.errors import show_error
from desktop.views.filedialogs import get_open_file_name, get_save_file_name
from desktop.views.qtext import fill
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner, run_with_progress


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
        for kind in ("risk", "tracking", "post_departure", "certificate"):
            self.other.addItem(kind_label(kind), kind)
        self.other_button = QPushButton(self.tr("Generate"))
        self.other_button.clicked.connect(lambda: self.generate(self.other.currentData()))
        self.certificate_button = QPushButton(self.tr("Termination certificate"))
        self.certificate_button.setToolTip(
            self.tr("离职证明: due on the termination date, whatever the state of the handover")
        )
        self.certificate_button.clicked.connect(lambda: self.generate("certificate"))
        self.with_reason = QCheckBox(self.tr("With the ground (the employee asked)"))
        self.pack_button = QPushButton(self.tr("Evidence pack…"))
        self.pack_button.setToolTip(
            self.tr(
                "Every issued document, scans, audit events and commission lines in a signed ZIP"
            )
        )
        self.pack_button.clicked.connect(self.choose_pack)
        self.verify_button = QPushButton(self.tr("Verify a file…"))
        self.verify_button.clicked.connect(self.choose_verify)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Language")))
        top.addWidget(self.language)
        top.addWidget(self.handover_button)
        top.addSpacing(16)
        top.addWidget(self.other)
        top.addWidget(self.other_button)
        top.addSpacing(16)
        top.addWidget(self.certificate_button)
        top.addWidget(self.with_reason)
        top.addWidget(self.pack_button)
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
        # The buttons follow the chosen block (they stayed disabled on a plain selection).
        self.blocks_table.itemSelectionChanged.connect(self._update_buttons)
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
        set_style_role(self.message, "role", "hint")
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
        self.pack_button.setEnabled(
            ready and self.ctx is not None and can(self.ctx.actor.role, Action.DEPARTURES_EDIT)
        )
        self.certificate_button.setEnabled(
            ready and self.ctx is not None and can(self.ctx.actor.role, Action.DEPARTURES_EDIT)
        )
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
        extra = (
            {"with_reason": True} if kind == "certificate" and self.with_reason.isChecked() else {}
        )
        run_with_progress(
            self,
            self.runner,
            fill(self.tr("Generating: %1"), kind_label(kind)),
            make,
            self.ctx,
            self.case_id,
            lang,
            on_done=self._issued,
            **extra,
        )

    def _issued(self, issued: IssuedFile) -> None:
        self.show_document(issued)
        self.message.setText(
            fill(self.tr("Issued %1: %2 page(s)."), issued.info.number, issued.info.pages)
        )
        self.refresh()
        self.changed.emit(
            Changes.of(Kind.DOCUMENTS, Kind.DEPARTURES, ids=frozenset({issued.info.id}))
        )

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

    def save_current(self, path: Path) -> None:
        if self.current is None or self.ctx is None:
            return
        save_issued(
            self,
            self.ctx,
            self.runner,
            self.current,
            path,
            lambda saved: self.message.setText(fill(self.tr("Saved to %1."), saved)),
        )

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
        name, _ = get_open_file_name(
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

    # -- evidence pack -------------------------------------------------------------------

    def choose_pack(self) -> None:
        name, _ = get_save_file_name(
            self,
            self.tr("Save the evidence pack"),
            str(Path.home() / "evidence.zip"),
            "ZIP (*.zip)",
        )
        if name:
            self.save_pack(Path(name))

    def save_pack(self, path: Path) -> None:
        """Build the pack and write it, both on the worker."""
        if self.ctx is None or self.case_id is None:
            return
        from desktop.services.evidence_pack import build_pack

        ctx = self.ctx
        folder = getattr(ctx.store, "paths", None)

        def build_and_write(case_id: int) -> Any:
            from desktop.services.files import write_output

            data, summary = build_pack(ctx, case_id)
            write_output(path, data, folder)
            return summary

        run_with_progress(
            self,
            self.runner,
            self.tr("Building the evidence pack"),
            build_and_write,
            self.case_id,
            on_done=lambda summary: self.message.setText(
                fill(self.tr("Evidence pack saved to %1: %2 file(s)."), path, summary.files)
            ),
        )
