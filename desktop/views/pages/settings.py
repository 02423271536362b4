"""Settings: this PC's preferences, one's own password, backups and integrity checks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.config import LocalSettings
from desktop.errors import ValidationError
from desktop.i18n import format_datetime
from desktop.services import accounts, maintenance
from desktop.services.context import Changes
from desktop.services.permissions import Action, can
from desktop.storage.backup import BackupHeader
from desktop.views.errors import show_error, translate_error
from desktop.views.pages.base import Page
from desktop.views.pages.users import PasswordDialog
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column, PagedTableModel
from desktop.views.workers import TaskRunner, run_with_progress


class SettingsPage(Page):
    action = Action.DASHBOARD_VIEW
    watches = frozenset({"backup", "all"})

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
        self.emit_changes(Changes.of("settings"))

    # -- own password ------------------------------------------------------------

    def _password_tab(self) -> QWidget:
        tab = QWidget()
        button = QPushButton(self.tr("Change my password…"))
        button.clicked.connect(self.change_password)
        text = QLabel(
            self.tr(
                "Changing your password rewrites only your own key slot; the database is not "
                "re-encrypted and nobody else is affected."
            )
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addWidget(text)
        layout.addWidget(button)
        layout.addStretch()
        return tab

    def change_password(self) -> None:
        if self.ctx is None:
            return
        dialog = PasswordDialog(self.tr("Change my password"), True, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            assert dialog.old is not None
            try:
                accounts.change_own_password(self.ctx, dialog.old.text(), dialog.password.text())
            except ValidationError as exc:
                dialog.errors.show({exc.field or "password": translate_error(exc)})
                continue
            except Exception as exc:
                show_error(self, exc)
                continue
            QMessageBox.information(
                self, self.tr("Password changed"), self.tr("Your password was changed.")
            )
            return

    # -- backups -----------------------------------------------------------------

    def _backup_tab(self) -> QWidget:
        tab = QWidget()
        self._backups: list[BackupHeader] = []
        self.backup_model = PagedTableModel(
            [
                Column(self.tr("Made"), lambda b: format_datetime(b.created_at)),
                Column(self.tr("Kind"), lambda b: self._kind_label(b.kind)),
                Column(self.tr("Size"), lambda b: f"{b.size / 1e6:.1f} MB", align_right=True),
                Column(self.tr("File"), lambda b: b.path.name),
            ],
            lambda offset, limit, *_: self._backups[offset : offset + limit],
            page_size=10000,
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
        self.tabs.setTabVisible(2, can(role, Action.BACKUP_VIEW) or can(role, Action.BACKUP_CREATE))
        self.backup_buttons["backup"].setEnabled(can(role, Action.BACKUP_CREATE))
        for name in ("restore", "restore_file"):
            self.backup_buttons[name].setEnabled(can(role, Action.BACKUP_RESTORE))
        self.backup_buttons["check"].setEnabled(can(role, Action.INTEGRITY_CHECK))
        self._backups = maintenance.list_backups(self.ctx) if can(role, Action.BACKUP_VIEW) else []
        self.backup_model.reload()

    def clear(self) -> None:
        super().clear()
        self._backups = []
        self.backup_model.clear()
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

    def _backup_done(self, header: BackupHeader) -> None:
        self.backup_note.setText(fill(self.tr("Backup written and verified: %1"), header.path))
        self.emit_changes(Changes.of("backup"))
        self.refresh()

    def restore_selected(self) -> None:
        rows = self.backup_table.selectionModel().selectedRows()
        if not rows:
            self.backup_note.setText(self.tr("Select a backup in the list first."))
            return
        self._restore(self._backups[rows[0].row()].path)

    def restore_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
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
        preview = self.call(maintenance.preview_backup, self.ctx, path)
        if preview is None:
            return
        counts = "\n".join(f"  {table}: {n}" for table, n in sorted(preview.counts.items()) if n)
        answer = QMessageBox.question(
            self,
            self.tr("Restore backup"),
            fill(
                self.tr(
                    "Restore the backup made on %1 (%2 rows)?\n%3\n\nThe current data is backed "
                    "up first, then replaced. Changes made after the backup are lost."
                ),
                format_datetime(preview.header.created_at),
                preview.total_rows,
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
                fill(
                    self.tr(
                        "All checks passed: encryption pages, database integrity, foreign keys, "
                        "and the audit chain (%1 events)."
                    ),
                    report.chain.events,
                )
            )
            return
        lines = list(report.integrity_problems[:5])
        if not report.chain.ok:
            lines.append(fill(self.tr("Audit chain broken at event %1"), report.chain.first_broken))
        text = fill(self.tr("Problems found:\n%1"), "\n".join(lines))
        self.backup_note.setText(text)
        QMessageBox.warning(self, self.tr("Integrity check"), text)
