"""The dialogs that sign a block of the handover form on screen and attach its signed scan."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import BatonError
from desktop.services import documents
from desktop.services.context import Changes, ServiceContext
from desktop.services.documents import BlockStatus
from desktop.views.documents.labels import block_label
from desktop.views.errors import show_error, translate_error
from desktop.views.qtext import fill
from desktop.views.widgets.signature_pad import SignaturePad
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner


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
        set_style_role(self.error, "role", "error")
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
