"""Small things a clerk meets all day: dates kept as typed, no search left for the next
user, a mistyped password that is not logged as a fault."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.views.pages.audit import AuditPage
from desktop.views.pages.customers import CustomersPage
from desktop.views.widgets.inputs import DateEdit
from tests.conftest import ADMIN_PASSWORD
from tests.views.conftest import settle, unlock


@pytest.mark.parametrize("typed", ["2026-12-15", "20261215", "2026/12/15"])
@pytest.mark.parametrize("shown", [date(2027, 12, 6), date(2025, 6, 10), date(2026, 1, 31)])
def test_a_typed_date_stays_as_typed(qtbot, typed, shown):
    edit = DateEdit(shown)
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    edit.selectAll()  # as after Tab: the whole date is selected and typed over
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.value() == date(2026, 12, 15)


def test_a_short_month_and_day_are_kept_too(qtbot):
    edit = DateEdit(date(2027, 3, 3))
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "2026-1-5")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.value() == date(2026, 1, 5)


def test_the_previous_users_search_is_gone_after_lock(qtbot, vault, window):
    admin, _ = vault
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    customers_page = window.page_of(CustomersPage)
    audit_page = window.page_of(AuditPage)
    for page, box in (
        (customers_page, customers_page.panel.search),
        (audit_page, audit_page.search),
    ):
        window.nav.setCurrentRow(window.pages.index(page))
        settle(qtbot, window.runner)
        box.setText("王芳的客户")
    qtbot.wait(300)  # the debounced searches run
    settle(qtbot, window.runner)
    window.lock()
    assert customers_page.panel.search.text() == ""
    assert audit_page.search.text() == ""
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    for page in (customers_page, audit_page):
        window.nav.setCurrentRow(window.pages.index(page))
        settle(qtbot, window.runner)
    assert customers_page.panel.search.text() == "" and customers_page.panel.model.search == ""
    assert audit_page.search.text() == "" and audit_page.model.search == ""


def test_a_wrong_password_is_a_warning_without_a_traceback(qtbot, vault, window, caplog):
    admin, _ = vault
    admin.close()
    screen = window.lock_screen
    screen.username.setText("admin")
    caplog.set_level(logging.INFO, logger="baton")
    qtbot.keyClicks(screen.password, "not-the-password")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.busy and screen.message.isVisible(), timeout=20000)
    refused = [
        r for r in caplog.records if r.name.startswith("baton") and "login" in r.getMessage()
    ]
    assert refused, "the refusal is logged"
    assert all(r.levelno == logging.WARNING for r in refused)
    assert not any("Traceback" in r.getMessage() or r.exc_info for r in refused)


def test_file_dialogs_start_in_the_last_folder(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop.views.filedialogs import get_open_file_name, get_save_file_name

    folder = tmp_path / "客户资料"
    folder.mkdir()
    started: list[str] = []

    def dialog(result: str):
        def show(parent, caption, start, filters):
            started.append(start)
            return result, ""

        return staticmethod(show)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog(str(folder / "员工.xlsx")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog(str(folder / "out.pdf")))
    get_open_file_name(None, "Choose a file", str(Path.home()), "*.xlsx")
    assert started[-1] == str(Path.home()), "nothing remembered yet"
    get_save_file_name(None, "Save", str(Path.home() / "export.xlsx"), "*.xlsx")
    assert started[-1] == str(folder / "export.xlsx"), "the last folder, the suggested name"
    get_open_file_name(None, "Choose a backup", "", "*.batonbak")
    assert started[-1] == str(folder)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog(""))  # cancelled
    get_open_file_name(None, "Choose", "", "")
    get_open_file_name(None, "Choose", "", "")
    assert started[-1] == str(folder), "a cancelled dialog forgets nothing"


def test_every_file_dialog_goes_through_the_helper():
    from desktop.config import resources_dir

    views = resources_dir().parent / "desktop" / "views"
    direct = [
        str(p)
        for p in views.rglob("*.py")
        if p.name != "filedialogs.py" and "QFileDialog." in p.read_text(encoding="utf-8")
    ]
    assert not direct, f"file dialogs that forget the last folder: {direct}"


def _picked(qtbot, typed: str) -> int | None:
    from desktop.views.widgets.inputs import SearchPicker
    from desktop.views.workers import TaskRunner

    people = [(1, "王芳 (E001)"), (2, "王芳芳 (E002)"), (3, "李明 (E003)"), (4, "李明 (E004)")]

    def search(text: str) -> list[tuple[int, str]]:
        return [(i, label) for i, label in people if text in label]

    runner = TaskRunner()
    picker = SearchPicker(search, runner)
    qtbot.addWidget(picker)
    picker.setText(typed)  # Chinese arrives through an input method, as set text
    with qtbot.waitSignal(picker.searched, timeout=5000):
        picker.textEdited.emit(typed)
    runner.wait(5000)
    return picker.value()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("王芳", 1), ("王芳芳", 2), ("E003", 3), ("王芳 (E001)", 1), ("李明", None), ("王", None)],
)
def test_the_employee_picker_accepts_an_exactly_typed_name(qtbot, typed, expected):
    assert _picked(qtbot, typed) == expected


def test_the_order_lock_refusal_is_read_whole_in_its_dialog(qtbot, admin):
    from desktop.errors import ValidationError
    from desktop.services.order_lock import MSG_LOCKED
    from desktop.views.pages.orders import OrderDialog
    from desktop.views.workers import TaskRunner

    runner = TaskRunner()
    dialog = OrderDialog(admin, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # The refusal the save meets on the worker for a salesperson whose orders are locked.
    refusal = ValidationError(
        MSG_LOCKED, field="salesperson_id", employee="王芳", case="LZ-2026-0001", day="2026-11-30"
    )
    dialog._problems(refusal)
    qtbot.wait(50)
    label = dialog.errors.labels["salesperson_id"]
    assert label.isVisible() and "LZ-2026-0001" in label.text()
    assert label.height() >= label.heightForWidth(label.width()), "no line of it is cut off"
    assert dialog.height() >= dialog.sizeHint().height()
    runner.wait(5000)
