"""The unlock form: shown at start and whenever the window locks (data hidden until unlock)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import LocalSettings, Paths
from desktop.errors import BatonError, CredentialsError, NewerSchema, VaultDamaged
from desktop.services.context import ServiceContext
from desktop.services.login import login, login_server
from desktop.services.maintenance import read_backup_header, restore_with_password
from desktop.services.server_settings import shown_address
from desktop.views.errors import show_error, translate_error
from desktop.views.filedialogs import get_open_file_name
from desktop.views.qtext import fill
from desktop.views.recovery import RecoverAccessDialog
from desktop.views.widgets.forms import password_edit
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner, run_with_progress


def _approved(_manifest: object) -> bool:
    """The lock screen asks before the restore starts; the manifest needs no second answer."""
    return True


class LockScreen(QWidget):
    """Emits ``unlocked(ctx)`` after a successful login or recovery."""

    unlocked = Signal(object)

    def __init__(
        self,
        paths: Paths,
        settings: LocalSettings,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.runner = runner
        self.heading = QLabel(self.tr("Baton is locked"))
        set_style_role(self.heading, "role", "heading")
        self.where = QLabel()
        set_style_role(self.where, "role", "hint")
        self.where.hide()
        self.username = QLineEdit(str(settings.get("last_user") or ""))
        self.password = password_edit()
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_style_role(self.message, "role", "error")
        self.message.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.recovery_button = QPushButton(self.tr("Use recovery key…"))
        self.recovery_button.setFlat(True)
        self.recovery_button.clicked.connect(self.use_recovery)
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.clicked.connect(self.restore)
        self.restore_button.hide()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recovery_button)
        buttons.addStretch()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.unlock_button)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMaximumWidth(460)
        inner = QVBoxLayout(box)
        inner.addWidget(self.heading)
        inner.addWidget(self.where)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch()
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(box)
        row.addStretch()
        outer.addLayout(row)
        outer.addStretch()
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.busy = False

    def server(self) -> str:
        """The PostgreSQL server this PC works on (the ``database_url`` setting), or ""."""
        return str(self.settings.get("database_url") or "").strip()

    def prepare(self) -> None:
        """Reset the form for a new unlock and focus the right field."""
        self.password.clear()
        self.message.hide()
        server = self.server()
        # On a server the recovery key does not exist (no key slots): an administrator resets.
        self.recovery_button.setVisible(not server)
        self.where.setVisible(bool(server))
        if server:
            self.where.setText(fill(self.tr("Database server: %1"), shown_address(server)))
        self.busy = False
        self._set_enabled(True)
        (self.password if self.username.text() else self.username).setFocus()

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.username, self.password, self.unlock_button, self.recovery_button):
            w.setEnabled(enabled)

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def submit(self) -> None:
        if self.busy or self._wait_left > 0:
            return
        if not self.username.text().strip():
            self._show(self.tr("Enter your user name."))
            self.username.setFocus()
            return
        self.busy = True
        self._set_enabled(False)
        set_style_role(self.message, "role", "hint")
        self._show(self.tr("Unlocking…"))
        if self.server():
            self.runner.start(
                login_server,
                self.server(),
                self.username.text(),
                self.password.text(),
                on_done=self._unlocked,
                on_error=self._failed,
            )
            return
        self.runner.start(
            login,
            self.paths,
            self.username.text(),
            self.password.text(),
            keep=(
                int(self.settings.get("backup_keep_daily")),
                int(self.settings.get("backup_keep_weekly")),
            ),
            on_done=self._unlocked,
            on_error=self._failed,
        )

    def _unlocked(self, ctx: ServiceContext) -> None:
        self.busy = False
        self.password.clear()
        self.message.hide()
        self._set_enabled(True)
        self.restore_button.hide()
        self.settings.set("last_user", ctx.actor.username)
        self.settings.save()
        self.unlocked.emit(ctx)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._set_enabled(True)
        set_style_role(self.message, "role", "error")
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, VaultDamaged | NewerSchema):
            self.restore_button.show()
        if isinstance(exc, BatonError):
            self._show(translate_error(exc))
            seconds = exc.params.get("seconds") if isinstance(exc, CredentialsError) else None
            if seconds:
                self._start_wait(int(seconds))
        else:
            self.message.hide()
            show_error(self, exc)

    def _start_wait(self, seconds: int) -> None:
        self._wait_left = seconds
        self.unlock_button.setEnabled(False)
        self._tick_label()
        self._countdown.start()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self.unlock_button.setEnabled(True)
            self.unlock_button.setText(self.tr("Unlock"))
            return
        self._tick_label()

    def _tick_label(self) -> None:
        self.unlock_button.setText(fill(self.tr("Wait %1 s"), self._wait_left))

    def use_recovery(self) -> None:
        dialog = RecoverAccessDialog(self.paths, self.runner, self)
        if dialog.exec() and dialog.ctx is not None:
            QMessageBox.information(
                self,
                self.tr("Recovered"),
                self.tr(
                    "The administrator's password was replaced. Consider making a new recovery key."
                ),
            )
            self._unlocked(dialog.ctx)

    def restore(self) -> None:
        """Restore a backup over a damaged database, authorised by the typed password."""
        start = str(self.paths.backups if self.paths.backups.exists() else Path.home())
        name, _ = get_open_file_name(
            self, self.tr("Choose a backup"), start, self.tr("Baton backups (*.batonbak)")
        )
        if not name:
            return
        self.runner.start(
            read_backup_header,
            Path(name),
            on_done=lambda header: self._confirm_restore(name, header),
            on_error=lambda exc: show_error(self, exc),
        )

    def _confirm_restore(self, name: str, header: Any) -> None:
        """Ask, naming the backup's date read on the worker, then restore on the worker."""
        answer = QMessageBox.question(
            self,
            self.tr("Restore backup"),
            fill(
                self.tr(
                    "Replace the damaged database with the backup made on %1? It is checked "
                    "against its manifest before anything is replaced."
                ),
                header.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not self.password.text():
            self._show(
                self.tr("Type your user name and password first: they authorise the restore.")
            )
            return
        username, password = self.username.text(), self.password.text()
        run_with_progress(
            self,
            self.runner,
            self.tr("Restoring the backup…"),
            restore_with_password,
            self.paths,
            Path(name),
            username,
            password,
            _approved,  # the question above was the approval
            on_done=lambda _restored: self._after_restore(),
            cancellable=False,
        )

    def _after_restore(self) -> None:
        self.restore_button.hide()
        set_style_role(self.message, "role", "success")
        self._show(self.tr("The backup was restored and verified. Unlock to continue."))
        self.password.setFocus()
