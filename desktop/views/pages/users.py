"""Users & keys (administrators): accounts, roles, passwords, removal with key rotation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import BatonError, ValidationError
from desktop.i18n import format_datetime
from desktop.services import account_links, accounts
from desktop.services.accounts import UserInfo
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action, Role, can
from desktop.views.errors import show_error, translate_error
from desktop.views.labels import role_label
from desktop.views.pages.base import Page
from desktop.views.qtext import fill
from desktop.views.tablemodels import Column
from desktop.views.widgets.forms import FieldErrors, password_edit
from desktop.views.widgets.rows import RowsModel
from desktop.views.widgets.style import set_style_role
from desktop.views.workers import TaskRunner, run_with_progress


class AddUserDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add user"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role_label(role), role.value)
        self.role.setCurrentIndex(list(Role).index(Role.SALES))
        self.password = password_edit()
        self.repeat = password_edit()
        self.employee = QLineEdit()
        self.employee.setPlaceholderText(self.tr("required for sales and manager accounts"))
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, "username", self.tr("User name"), self.username)
        self.errors.add_row(form, "display_name", self.tr("Full name"), self.display_name)
        self.errors.add_row(form, "role", self.tr("Role"), self.role)
        self.errors.add_row(form, "employee_id", self.tr("Employee number"), self.employee)
        self.errors.add_row(form, "password", self.tr("Password"), self.password)
        self.errors.add_row(form, "repeat", self.tr("Repeat password"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {
            "username": self.username.text(),
            "display_name": self.display_name.text(),
            "role": str(self.role.currentData()),
            "password": self.password.text(),
            "employee_no": self.employee.text(),
        }


class PasswordDialog(QDialog):
    """Asks for a new password twice (and the old one when changing one's own)."""

    def __init__(self, title: str, ask_old: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.old = password_edit() if ask_old else None
        self.password = password_edit()
        self.repeat = password_edit()
        self.errors = FieldErrors()
        form = QFormLayout()
        if self.old is not None:
            self.errors.add_row(form, "old_password", self.tr("Current password"), self.old)
        self.errors.add_row(form, "password", self.tr("New password"), self.password)
        self.errors.add_row(form, "repeat", self.tr("Repeat new password"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.password.text() != self.repeat.text():
            self.errors.show({"repeat": self.tr("The two passwords differ.")})
            return
        self.accept()


def users_and_keys(ctx: ServiceContext) -> tuple[list[UserInfo], Any, dict[str, str]]:
    """The page's data in one worker run: the accounts, the key facts (or the error that
    reading them met, shown as before while the users still show) and whose account each is."""
    users = accounts.list_users(ctx)
    try:
        info: Any = accounts.key_info(ctx)
    except BatonError as exc:
        info = exc
    return users, info, account_links.linked_employees(ctx)


class UsersPage(Page):
    action = Action.USERS_VIEW
    watches = frozenset({Kind.USERS, Kind.KEYS})

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._users: list[UserInfo] = []
        self._links: dict[str, str] = {}
        self.model = RowsModel(
            [
                Column(self.tr("User name"), lambda u: u.username),
                Column(self.tr("Full name"), lambda u: u.display_name),
                Column(self.tr("Role"), lambda u: role_label(u.role)),
                Column(self.tr("Employee"), lambda u: self._links.get(u.username, "")),
                Column(self.tr("State"), self._state),
                Column(
                    self.tr("Key slot"),
                    lambda u: self.tr("yes") if u.has_key_slot else self.tr("no"),
                ),
                Column(self.tr("Last login"), lambda u: format_datetime(u.last_login_at)),
            ],
            parent=self,
        )
        self.model.styler = self._style
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.key_info = QLabel()
        self.key_info.setWordWrap(True)
        self.key_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, slot in (
            ("add", self.tr("Add user…"), self.add_user),
            ("disable", self.tr("Disable"), self.toggle_disabled),
            ("password", self.tr("Reset password…"), self.reset_password),
            ("role", self.tr("Change role…"), self.change_role),
            ("link", self.tr("Link to employee…"), self.link_employee),
            ("remove", self.tr("Remove and rotate key…"), self.remove_user),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch()
        keys_row = QHBoxLayout()
        for name, text, slot in (
            ("rotate", self.tr("Rotate database key…"), self.rotate_key),
            ("recovery", self.tr("New recovery key…"), self.renew_recovery),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[name] = button
            keys_row.addWidget(button)
        keys_row.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(QLabel("<b>" + self.tr("Keys") + "</b>"))
        layout.addWidget(self.key_info)
        note = QLabel(
            self.tr(
                "Every key slot opens the whole database; roles are rules the application "
                "enforces. Disabling an account stops its logins; removing it also rotates the "
                "database key so that its password opens nothing any more."
            )
        )
        note.setWordWrap(True)
        set_style_role(note, "role", "hint")
        layout.addWidget(note)
        layout.addLayout(keys_row)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def title(self) -> str:
        return self.tr("Users & keys")

    def _state(self, u: UserInfo) -> str:
        if u.removed:
            return self.tr("removed")
        if u.disabled:
            return self.tr("disabled")
        return self.tr("active")

    def _style(self, u: UserInfo, column: int, role: Qt.ItemDataRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and u.disabled:
            return QColor("#888")
        return None

    def refresh(self) -> None:
        if self.ctx is None:
            return
        self.run(users_and_keys, self.ctx, on_done=self._show)

    def _show(self, read: tuple[list[UserInfo], Any, dict[str, str]]) -> None:
        """Show the users, the key facts and the accounts' employees the worker read."""
        users, info, links = read
        self._users = users
        self._links = links
        self.model.set_rows(self._users)
        if isinstance(info, BaseException):
            show_error(self, info)
        elif info is not None:
            rotated = (
                info.rotated_at[:16].replace("T", " ") if info.rotated_at else self.tr("never")
            )
            self.key_info.setText(
                fill(
                    self.tr(
                        "Vault %1 · current database key %2 · last rotated: %3 · %4 user key "
                        "slots · recovery key: %5"
                    ),
                    info.db_id[:8],
                    info.key_id,
                    rotated,
                    len(info.user_slots),
                    self.tr("present") if info.has_recovery else self.tr("missing"),
                )
            )
        self._update_buttons()

    def clear(self) -> None:
        super().clear()
        self._users = []
        self.model.set_rows([])
        self.key_info.clear()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_object(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        manage = self.ctx is not None and can(self.ctx.actor.role, Action.USERS_MANAGE)
        user = self.selected()
        for name, button in self.buttons.items():
            needs_user = name in {"disable", "password", "role", "remove", "link"}
            button.setEnabled(manage and (user is not None or not needs_user))
        if user is not None:
            self.buttons["disable"].setText(
                self.tr("Enable") if user.disabled else self.tr("Disable")
            )

    def _done(self, changes: Changes | None) -> None:
        self.emit_changes(changes)
        self.refresh()

    # -- actions --------------------------------------------------------------

    def add_user(self) -> None:
        if self.ctx is None:
            return
        self._ask_new_user(AddUserDialog(self))

    def _ask_new_user(self, dialog: AddUserDialog) -> None:
        while dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            if values["password"] != dialog.repeat.text():
                dialog.errors.show({"repeat": self.tr("The two passwords differ.")})
                continue
            self._add_user_in_background(dialog, values)
            return

    def _add_user_in_background(self, dialog: AddUserDialog, values: dict[str, str]) -> None:
        """Add the account on the worker (Argon2 for its key slot); a refusal reopens the form."""

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                dialog.errors.show({exc.field or "username": translate_error(exc)})
            else:
                show_error(self, exc)
            self._ask_new_user(dialog)

        self.run(
            account_links.add_user_by_no,
            self.ctx,
            **values,
            on_done=lambda _r: self._done(Changes.of(Kind.USERS)),
            on_error=failed,
        )

    def link_employee(self) -> None:
        """Tie the selected account to its employee (by number; blank unties it)."""
        user = self.selected()
        if self.ctx is None or user is None:
            return
        number, ok = QInputDialog.getText(
            self,
            self.tr("Link to employee"),
            fill(self.tr("Employee number of %1 (blank: linked to no employee):"), user.username),
        )
        if ok:
            self.run(account_links.link_by_no, self.ctx, user.username, number, on_done=self._done)

    def toggle_disabled(self) -> None:
        user = self.selected()
        if self.ctx is None or user is None:
            return
        if user.disabled:
            self.run(accounts.set_disabled, self.ctx, user.username, False, on_done=self._done)
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Disable account"), fill(self.tr("Why is %1 disabled?"), user.username)
        )
        if ok:
            self.run(
                accounts.set_disabled, self.ctx, user.username, True, reason, on_done=self._done
            )

    def reset_password(self) -> None:
        user = self.selected()
        if self.ctx is None or user is None:
            return
        own = user.username == self.ctx.actor.username
        dialog = PasswordDialog(fill(self.tr("New password for %1"), user.username), own, self)
        self._ask_password(dialog, user.username, own)

    def _ask_password(self, dialog: PasswordDialog, username: str, own: bool) -> None:
        """Ask; set the password on the worker (Argon2); a refusal reopens the form."""
        if dialog.exec() != QDialog.DialogCode.Accepted or self.ctx is None:
            return

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                dialog.errors.show({"password": translate_error(exc)})
            else:
                show_error(self, exc)
            self._ask_password(dialog, username, own)

        def changed(_result: object) -> None:
            QMessageBox.information(
                self, self.tr("Password changed"), self.tr("The password was changed.")
            )
            self._done(Changes.of(Kind.USERS))

        if own:
            assert dialog.old is not None
            self.run(
                accounts.change_own_password,
                self.ctx,
                dialog.old.text(),
                dialog.password.text(),
                on_done=changed,
                on_error=failed,
            )
        else:
            self.run(
                accounts.reset_password,
                self.ctx,
                username,
                dialog.password.text(),
                on_done=changed,
                on_error=failed,
            )

    def change_role(self) -> None:
        user = self.selected()
        if self.ctx is None or user is None:
            return
        labels = [role_label(r) for r in Role]
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Change role"),
            fill(self.tr("Role of %1:"), user.username),
            labels,
            list(Role).index(user.role),
            False,
        )
        if ok:
            role = list(Role)[labels.index(choice)]
            self.run(accounts.change_role, self.ctx, user.username, role.value, on_done=self._done)

    def remove_user(self) -> None:
        user = self.selected()
        if self.ctx is None or user is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove account"),
            fill(
                self.tr(
                    "Remove %1 for good? Their key slot is deleted and the whole database is "
                    "re-encrypted under a new key, so their password opens nothing any more. "
                    "Other users keep their passwords. A safety backup is made first."
                ),
                user.username,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_with_progress(
            self,
            self.runner,
            self.tr("Re-encrypting the database…"),
            accounts.remove_user,
            self.ctx,
            user.username,
            on_done=self._done,
            cancellable=False,
        )

    def rotate_key(self) -> None:
        if self.ctx is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Rotate database key"),
            self.tr(
                "Re-encrypt the database under a new key? Every user keeps their password; "
                "old copies of the key file stop working. A safety backup is made first."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            run_with_progress(
                self,
                self.runner,
                self.tr("Re-encrypting the database…"),
                accounts.rotate_key,
                self.ctx,
                on_done=self._done,
                cancellable=False,
            )

    def renew_recovery(self) -> None:
        if self.ctx is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("New recovery key"),
            self.tr("Make a new recovery key? The printed recovery sheet stops working."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from desktop.views.recovery import renew_with_company

        self.run(renew_with_company, self.ctx, on_done=self._show_recovery_key)

    def _show_recovery_key(self, renewed: tuple[str, str]) -> None:
        from desktop.views.recovery import RecoveryKeyDialog

        assert self.ctx is not None
        text, company = renewed

        RecoveryKeyDialog(self.ctx, text, company, self).exec()
        self._done(Changes.of(Kind.KEYS))
