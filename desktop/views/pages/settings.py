"""Settings: this PC's preferences, one's own password, backups and integrity checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.config import LocalSettings
from desktop.errors import BatonError, ValidationError
from desktop.i18n import format_datetime
from desktop.services import accounts, maintenance, server_settings
from desktop.services.account_trail import AccountMismatch
from desktop.services.changes import Kind
from desktop.services.context import Changes
from desktop.services.permissions import Action, can
from desktop.views.errors import show_error, translate_error
from desktop.views.filedialogs import get_open_file_name
from desktop.views.pages.alert_rules import AlertRulesTab
from desktop.views.pages.base import Page
from desktop.views.pages.users import PasswordDialog
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column
from desktop.views.widgets.rows import RowsModel
from desktop.views.workers import TaskRunner, run_with_progress


class SettingsPage(Page):
    action = Action.DASHBOARD_VIEW
    watches = frozenset({Kind.BACKUP, Kind.ALL})

    def __init__(
        self, runner: TaskRunner, settings: LocalSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.settings = settings
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.tabs.addTab(self._password_tab(), self.tr("My password"))
        self.backup_tab = self._backup_tab()
        self.tabs.addTab(self.backup_tab, self.tr("Backups and checks"))
        self.database_tab = self._database_tab()
        self.tabs.addTab(self.database_tab, self.tr("Database"))
        self.alert_rules_tab = AlertRulesTab(runner)
        self.alert_rules_tab.saved.connect(self.emit_changes)
        self.tabs.addTab(self.alert_rules_tab, self.tr("Alert rules"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Settings")

    # -- general ---------------------------------------------------------------

    def _general_tab(self) -> QWidget:
        tab = QWidget()
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(self.settings.get("language"))))
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setValue(int(self.settings.get("idle_lock_minutes")))
        save = QPushButton(self.tr("Save"))
        save.clicked.connect(self.save_general)
        self.general_note = QLabel()
        self.general_note.setWordWrap(True)
        form = QFormLayout(tab)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Lock after idle"), self.idle)
        form.addRow("", save)
        form.addRow("", self.general_note)
        return tab

    def save_general(self) -> None:
        language_before = self.settings.get("language")
        try:
            self.settings.set("language", str(self.language.currentData()))
            self.settings.set("idle_lock_minutes", int(self.idle.value()))
            self.settings.save()
        except (ValidationError, OSError) as exc:
            show_error(self, exc)
            return
        note = self.tr("Saved.")
        if language_before != self.settings.get("language"):
            note += " " + self.tr("The new language applies when Baton starts again.")
        self.general_note.setText(note)
        self.emit_changes(Changes.of(Kind.SETTINGS))

    # -- database (local vault or office server) -------------------------------------

    def _database_tab(self) -> QWidget:
        tab = QWidget()
        intro = QLabel(
            self.tr(
                "Baton works on this PC's encrypted vault, or — when several PCs share the "
                "firm's data — on a PostgreSQL server in the office. The address is kept on "
                "this PC and used from the next login. Connections are encrypted (TLS); the "
                "data on the server is protected by the server's disk encryption."
            )
        )
        intro.setWordWrap(True)
        self.server_url = QLineEdit(str(self.settings.get("database_url") or ""))
        self.server_url.setPlaceholderText(
            self.tr("empty: this PC's vault — or postgresql+psycopg://user@server/baton")
        )
        self.server_url.setClearButtonEnabled(True)
        self.test_server_button = QPushButton(self.tr("Test connection"))
        self.test_server_button.clicked.connect(self.test_server)
        self.save_server_button = QPushButton(self.tr("Save"))
        self.save_server_button.clicked.connect(self.save_server)
        self.server_note = QLabel()
        self.server_note.setWordWrap(True)
        self.server_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_server_button)
        buttons.addWidget(self.save_server_button)
        buttons.addStretch()
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.server_url)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.server_note)
        layout.addStretch()
        return tab

    def test_server(self) -> None:
        if self.ctx is None:
            return
        url = self.server_url.text().strip()
        if not url:
            self.server_note.setText(self.tr("No address: this PC uses its own encrypted vault."))
            return
        self.server_note.setText(self.tr("Connecting…"))
        self.test_server_button.setEnabled(False)
        self.runner.start(
            server_settings.probe_server,
            self.ctx,
            url,
            on_done=self._server_probed,
            on_error=self._server_failed,
        )

    def _server_probed(self, probe: server_settings.ServerProbe) -> None:
        self.test_server_button.setEnabled(True)
        if probe.firm is None:
            state = self.tr(
                "The database is empty: move this firm's data there with "
                "baton migrate-to-server, or set up a new firm with baton --database … init."
            )
        elif probe.schema_current:
            state = fill(self.tr("It holds the firm %1."), probe.firm)
        else:
            state = fill(
                self.tr("It holds the firm %1; its tables are brought up to date at first use."),
                probe.firm,
            )
        connected = (
            self.tr("Connected to %1 (PostgreSQL %2), encrypted with TLS.")
            if probe.tls
            else self.tr("Connected to %1 (PostgreSQL %2) WITHOUT encryption: remove sslmode.")
        )
        self.server_note.setText(fill(connected, probe.address, probe.version) + " " + state)

    def _server_failed(self, exc: BaseException) -> None:
        self.test_server_button.setEnabled(True)
        if isinstance(exc, BatonError):
            self.server_note.setText(translate_error(exc))
        else:
            self.server_note.clear()
            show_error(self, exc)

    def save_server(self) -> None:
        if self.ctx is None:
            return
        try:
            saved = server_settings.save_server_address(
                self.ctx, self.settings, self.server_url.text()
            )
        except BatonError as exc:
            self.server_note.setText(translate_error(exc))  # said once, under the field
            return
        except OSError as exc:
            self.server_note.clear()
            show_error(self, exc)
            return
        self.server_url.setText(saved)
        self.server_note.setText(
            self.tr("Saved: the next login on this PC uses this database.")
            if saved
            else self.tr("Saved: the next login on this PC uses its own encrypted vault.")
        )

    # -- own password ------------------------------------------------------------

    def _password_tab(self) -> QWidget:
        tab = QWidget()
        button = QPushButton(self.tr("Change my password…"))
        button.clicked.connect(self.change_password)
        self.password_text = QLabel()
        self.password_text.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.password_text)
        layout.addWidget(button)
        layout.addStretch()
        return tab

    def change_password(self) -> None:
        if self.ctx is None:
            return
        self._ask_password(PasswordDialog(self.tr("Change my password"), True, self))

    def _ask_password(self, dialog: PasswordDialog) -> None:
        """Ask; change it on the worker (Argon2); a refusal reopens the form."""
        if dialog.exec() != QDialog.DialogCode.Accepted or self.ctx is None:
            return
        assert dialog.old is not None

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                dialog.errors.show({exc.field or "password": translate_error(exc)})
            else:
                show_error(self, exc)
            self._ask_password(dialog)

        self.run(
            accounts.change_own_password,
            self.ctx,
            dialog.old.text(),
            dialog.password.text(),
            on_done=lambda _r: QMessageBox.information(
                self, self.tr("Password changed"), self.tr("Your password was changed.")
            ),
            on_error=failed,
        )

    # -- backups -----------------------------------------------------------------

    def _backup_tab(self) -> QWidget:
        tab = QWidget()
        self._backups: list[maintenance.BackupHeader] = []
        self.backup_model = RowsModel(
            [
                Column(self.tr("Made"), lambda b: format_datetime(b.created_at)),
                Column(self.tr("Kind"), lambda b: self._kind_label(b.kind)),
                Column(self.tr("Size"), lambda b: f"{b.size / 1e6:.1f} MB", align_right=True),
                Column(self.tr("File"), lambda b: b.path.name),
            ],
            parent=self,
        )
        self.backup_table = QTableView()
        self.backup_table.setModel(self.backup_model)
        self.backup_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backup_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.backup_table.horizontalHeader().setStretchLastSection(True)
        self.backup_table.verticalHeader().hide()
        self.backup_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, slot in (
            ("backup", self.tr("Back up now"), self.backup_now),
            ("restore", self.tr("Restore selected…"), self.restore_selected),
            ("restore_file", self.tr("Restore from file…"), self.restore_file),
            ("check", self.tr("Check integrity"), self.check_integrity),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.backup_buttons[name] = button
            row.addWidget(button)
        row.addStretch()
        self.backup_note = QLabel()
        self.backup_note.setWordWrap(True)
        layout = QVBoxLayout(tab)
        explain = QLabel(
            self.tr(
                "Backups are encrypted copies checked after writing. Baton makes one each day "
                "(keeping 7 daily and 4 weekly) and one before every upgrade, restore or key "
                "rotation. Copy backups to another disk regularly."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(self.backup_table)
        layout.addWidget(self.backup_note)
        return tab

    def _kind_label(self, kind: str) -> str:
        return {
            "manual": self.tr("manual"),
            "daily": self.tr("daily"),
            "pre-migration": self.tr("before upgrade"),
            "pre-restore": self.tr("before restore"),
            "pre-rotation": self.tr("before key rotation"),
        }.get(kind, kind)

    def refresh(self) -> None:
        if self.ctx is None:
            return
        role = self.ctx.actor.role
        self.password_text.setText(
            self.tr("Your password is checked by the office server; nobody else is affected.")
            if self.ctx.store.is_server
            else self.tr(
                "Changing your password rewrites only your own key slot; the database is not "
                "re-encrypted and nobody else is affected."
            )
        )
        self.tabs.setTabVisible(
            self.tabs.indexOf(self.backup_tab),
            can(role, Action.BACKUP_VIEW) or can(role, Action.BACKUP_CREATE),
        )
        self.tabs.setTabVisible(
            self.tabs.indexOf(self.database_tab), can(role, Action.SETTINGS_EDIT)
        )
        rules = can(role, Action.ALERT_RULES_EDIT)
        self.tabs.setTabVisible(self.tabs.indexOf(self.alert_rules_tab), rules)
        if rules:
            self.alert_rules_tab.load(self.ctx)
        self.backup_buttons["backup"].setEnabled(can(role, Action.BACKUP_CREATE))
        for name in ("restore", "restore_file"):
            self.backup_buttons[name].setEnabled(can(role, Action.BACKUP_RESTORE))
        self.backup_buttons["check"].setEnabled(can(role, Action.INTEGRITY_CHECK))
        if can(role, Action.BACKUP_VIEW):
            self.run(maintenance.list_backups, self.ctx, on_done=self._show_backups)
        else:
            self._show_backups([])

    def _show_backups(self, found: list[maintenance.BackupHeader]) -> None:
        self._backups = found
        self.backup_model.set_rows(self._backups)

    def clear(self) -> None:
        super().clear()
        self.alert_rules_tab.clear()
        self.server_note.clear()
        self._backups = []
        self.backup_model.set_rows([])
        self.backup_note.clear()

    def backup_now(self) -> None:
        if self.ctx is None:
            return
        run_with_progress(
            self,
            self.runner,
            self.tr("Writing and checking the backup…"),
            maintenance.backup_now,
            self.ctx,
            on_done=self._backup_done,
            cancellable=False,
        )

    def _backup_done(self, header: maintenance.BackupHeader) -> None:
        self.backup_note.setText(fill(self.tr("Backup written and verified: %1"), header.path))
        self.emit_changes(Changes.of(Kind.BACKUP))
        self.refresh()

    def restore_selected(self) -> None:
        rows = self.backup_table.selectionModel().selectedRows()
        if not rows:
            self.backup_note.setText(self.tr("Select a backup in the list first."))
            return
        self._restore(self._backups[rows[0].row()].path)

    def restore_file(self) -> None:
        name, _ = get_open_file_name(
            self,
            self.tr("Choose a backup"),
            str(Path.home()),
            self.tr("Baton backups (*.batonbak)"),
        )
        if name:
            self._restore(Path(name))

    def _restore(self, path: Path) -> None:
        if self.ctx is None:
            return
        run_with_progress(
            self,
            self.runner,
            self.tr("Reading the backup…"),
            maintenance.preview_backup,
            self.ctx,
            path,
            on_done=lambda preview: self._confirm_restore(path, preview),
            cancellable=False,
        )

    def _confirm_restore(self, path: Path, preview: Any) -> None:
        if self.ctx is None:
            return
        counts = "\n".join(f"  {table}: {n}" for table, n in sorted(preview.counts.items()) if n)
        answer = QMessageBox.question(
            self,
            self.tr("Restore backup"),
            fill(
                self.tr(
                    "Restore the backup made on %1 (%n row(s))?\n%2\n\nThe current data is backed "
                    "up first, then replaced. Changes made after the backup are lost.",
                    "",
                    preview.total_rows,
                ),
                format_datetime(preview.header.created_at),
                counts,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_with_progress(
            self,
            self.runner,
            self.tr("Restoring the backup…"),
            maintenance.restore,
            self.ctx,
            path,
            on_done=self._restored,
            cancellable=False,
        )

    def _restored(self, changes: Changes) -> None:
        self.backup_note.setText(
            self.tr("The backup was restored and checked against its manifest.")
        )
        self.emit_changes(changes)

    def check_integrity(self) -> None:
        if self.ctx is None:
            return
        run_with_progress(
            self,
            self.runner,
            self.tr("Checking the database…"),
            maintenance.check_health,
            self.ctx,
            on_done=self._checked,
            cancellable=False,
        )

    def _checked(self, report: maintenance.HealthReport) -> None:
        if report.ok:
            self.backup_note.setText(
                self.tr(
                    "All checks passed: encryption pages, database integrity, foreign keys, "
                    "and the audit chain (%n event(s)).",
                    "",
                    report.chain.events,
                )
            )
            return
        lines = list(report.integrity_problems[:5])
        if not report.chain.ok:
            lines.append(fill(self.tr("Audit chain broken at event %1"), report.chain.first_broken))
        lines += [self._account_line(m) for m in report.accounts[:5]]
        text = fill(self.tr("Problems found:\n%1"), "\n".join(lines))
        self.backup_note.setText(text)
        QMessageBox.warning(self, self.tr("Integrity check"), text)

    def _account_line(self, mismatch: AccountMismatch) -> str:
        """One account that differs from the audit log, as the check's result says it."""
        if mismatch.column == "*":
            text = self.tr("Account %1 is not in the audit log (added outside Baton)")
        elif mismatch.column == "-":
            text = self.tr("Account %1 was deleted outside Baton (the audit log has it)")
        else:
            text = self.tr("Account %1 was changed outside Baton: %2 is %3, the audit log says %4")
        return fill(text, mismatch.username, mismatch.column, mismatch.actual, mismatch.audited)
