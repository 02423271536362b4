"""The recovery key: showing a new one with its sheet, and using one to regain access."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
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

from desktop.config import Paths
from desktop.errors import BatonError
from desktop.reports.recovery_sheet import recovery_sheet_pdf
from desktop.services import accounts, organisation
from desktop.services.context import ServiceContext
from desktop.services.files import write_private
from desktop.services.login import recover
from desktop.views.errors import show_error, translate_error
from desktop.views.filedialogs import get_save_file_name
from desktop.views.pdf_print import print_pdf
from desktop.views.qtext import fill
from desktop.views.widgets.forms import FieldErrors, password_edit
from desktop.views.workers import TaskRunner


class RecoveryKeyPanel(QWidget):
    """The key in large groups, with Save and Print buttons for the recovery sheet."""

    sheet_written = Signal()

    def __init__(self, sheet: Callable[[], bytes], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sheet = sheet
        self.key_label = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(mono.pointSize() + 6)
        mono.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(mono)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save recovery sheet (PDF)…"))
        self.print_button = QPushButton(self.tr("Print recovery sheet…"))
        self.save_button.clicked.connect(self.save_sheet)
        self.print_button.clicked.connect(self.print_sheet)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.key_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def set_key(self, key: str) -> None:
        groups = key.split("-")
        self.key_label.setText("  ".join(groups[:4]) + "\n" + "  ".join(groups[4:]))

    def save_sheet(self) -> None:
        name, _ = get_save_file_name(
            self,
            self.tr("Save recovery sheet"),
            str(Path.home() / "baton-recovery-sheet.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if name:
            self.write_sheet(Path(name))

    def write_sheet(self, path: Path) -> None:
        try:
            write_private(path, self._sheet())  # the recovery key: owner-only
        except OSError as exc:
            show_error(self, exc)
            return
        self.status.setText(
            fill(self.tr("Recovery sheet saved to %1. Print it, then delete the file."), path)
        )
        self.sheet_written.emit()

    def print_sheet(self) -> None:
        if print_pdf(self, self._sheet(), self.tr("Baton recovery sheet")):
            self.status.setText(self.tr("Recovery sheet sent to the printer."))
            self.sheet_written.emit()


def sheet_maker(
    company: str, data_dir: Path, db_id: str, key: str, created: datetime
) -> Callable[[], bytes]:
    return lambda: recovery_sheet_pdf(company, data_dir, db_id, key, created)


def renew_with_company(ctx: ServiceContext) -> tuple[str, str]:
    """A new recovery key and the firm's name for its sheet, in one worker run. The name is
    read first: the new key is shown only once, so nothing may fail after it is made."""
    company = organisation.company_name(ctx)
    return accounts.renew_recovery_key(ctx), company


class RecoveryKeyDialog(QDialog):
    """Shows a freshly made recovery key once, with its sheet."""

    def __init__(
        self, ctx: ServiceContext, key: str, company: str, parent: QWidget | None = None
    ) -> None:
        """``company`` is read with the new key on the worker (see :func:`renew_with_company`)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("New recovery key"))
        self.panel = RecoveryKeyPanel(
            sheet_maker(company, ctx.store.paths.data_dir, ctx.store.db_id, key, ctx.now()), self
        )
        self.panel.set_key(key)
        intro = QLabel(
            self.tr(
                "This is the new recovery key. It is shown only now: print the recovery sheet "
                "and keep it locked away. The old sheet no longer works."
            )
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)


class RecoverAccessDialog(QDialog):
    """Use the recovery key to give an administrator a new password, then unlock."""

    def __init__(self, paths: Paths, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.runner = runner
        self.ctx: ServiceContext | None = None
        self.setWindowTitle(self.tr("Use recovery key"))
        self.key = QLineEdit()
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.admin = QLineEdit("admin")
        self.password = password_edit()
        self.repeat = password_edit()
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, "key", self.tr("Recovery key"), self.key)
        self.errors.add_row(form, "admin", self.tr("Administrator"), self.admin)
        self.errors.add_row(form, "password", self.tr("New password"), self.password)
        self.errors.add_row(form, "repeat", self.tr("Repeat new password"), self.repeat)
        intro = QLabel(
            self.tr(
                "Type the 8 groups from the recovery sheet. The administrator gets the new "
                "password; the other users keep theirs."
            )
        )
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self.errors.show({"repeat": self.tr("The two passwords differ.")})
            return
        self.errors.show({})
        self.buttons.setEnabled(False)
        self.runner.start(
            recover,
            self.paths,
            self.key.text(),
            self.admin.text(),
            self.password.text(),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, BatonError):
            field = getattr(exc, "field", None)
            target = "password" if field == "password" else "key"
            self.errors.show({target: translate_error(exc)})
        else:
            show_error(self, exc)
