"""Forms that read their lists and save on the worker, driven as a user would, with the
GUI-thread guard on (tests/views/conftest.py): a query or Argon2 started on the GUI thread by
any of these screens fails the test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.errors import AccountDisabled, CredentialsError
from desktop.services import customers, departures, handover, money, staff
from desktop.services.login import login
from desktop.views.case import CaseDialog, NonCompeteDialog
from desktop.views.commission_plans import PlanDialog, PlansDialog
from desktop.views.pages.commissions import CommissionsPage
from desktop.views.pages.customers import CustomerDialog, CustomersPage, FollowUpDialog
from desktop.views.pages.departures import DeparturesPage
from desktop.views.pages.orders import OrderDialog, OrdersPage, PaymentDialog
from desktop.views.pages.settings import SettingsPage
from desktop.views.pages.staff import EmployeeDialog, StaffPage
from desktop.views.pages.users import AddUserDialog, PasswordDialog, UsersPage
from tests.conftest import ADMIN_PASSWORD
from tests.services.commission_support import build_firm
from tests.views.conftest import settle, unlock

ACCEPTED = QDialog.DialogCode.Accepted


def answer(monkeypatch, qtbot, cls: type, fill: Callable[[Any], None]) -> list[Any]:
    """Replace ``cls.exec`` by a user who fills the form and presses Save, then waits for
    the save (run on the worker) to close it; returns the dialogs seen."""
    seen: list[Any] = []

    def exec_(dialog: Any) -> int:
        seen.append(dialog)
        fill(dialog)
        (dialog.save if hasattr(dialog, "save") else dialog._save)()  # Save pressed
        qtbot.waitUntil(lambda: dialog.isEnabled(), timeout=20000)
        return int(dialog.result())

    monkeypatch.setattr(cls, "exec", exec_)
    return seen


def choose(qtbot, picker: Any, text: str) -> None:
    """Type into a search picker and take its first suggestion (the search runs on the
    worker)."""
    with qtbot.waitSignal(picker.searched, timeout=10000):
        picker.setText(text)
        picker.textEdited.emit(text)
    label = picker._model.stringList()[0]
    picker.setText(label)
    picker._pick(label)


def open_page(qtbot, window, kind: type) -> Any:
    page = window.page_of(kind)
    window.nav.setCurrentRow(window.pages.index(page))
    settle(qtbot, window.runner)
    return page


def test_staff_and_customer_forms(qtbot, vault, window, monkeypatch, no_blocking_dialogs):
    admin, _ = vault
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = open_page(qtbot, window, StaffPage)

    def new_employee(d: EmployeeDialog) -> None:
        branches = [d.branch.itemText(i) for i in range(d.branch.count())]
        assert {"上海", "广州"} <= set(branches), "the branches were read before it opened"
        d.employee_no.setText("E900")
        d.name.setText("王五")
        d.branch.setCurrentIndex(branches.index("上海"))
        d.is_sales.setChecked(True)

    dialogs = answer(monkeypatch, qtbot, EmployeeDialog, new_employee)
    page.new_employee()
    settle(qtbot, window.runner)
    assert dialogs and dialogs[0].result() == ACCEPTED
    ctx = window.ctx
    (wang,) = [e for e in staff.list_employees(ctx, 0, 50, "E900")]
    assert wang.name == "王五" and wang.branch_name == "上海"

    # Edit: the employee is read (ID number shown) on the worker, then the form opens.
    page.panel.search.setText("E900")
    page.panel.apply_search()
    settle(qtbot, window.runner)
    page.panel.table.selectRow(0)
    settle(qtbot, window.runner)
    assert "王五" in page.pane.text.text(), "the detail pane shows the selected employee"
    dialogs = answer(monkeypatch, qtbot, EmployeeDialog, lambda d: d.phone.setText("13800000000"))
    page.open_selected()
    settle(qtbot, window.runner)
    assert dialogs[0].detail.employee_no == "E900"
    assert staff.get_employee(ctx, wang.id, False).phone == "13800000000"

    # A refused save keeps the form open and names the field.
    def duplicate(d: EmployeeDialog) -> None:
        d.employee_no.setText("E900")
        d.name.setText("重复")

    seen: list[Any] = []

    def exec_once(d: Any) -> int:
        seen.append(d)
        duplicate(d)
        d.save()
        qtbot.waitUntil(lambda: d.isEnabled(), timeout=20000)
        return int(d.result())

    monkeypatch.setattr(EmployeeDialog, "exec", exec_once)
    page.new_employee()
    settle(qtbot, window.runner)
    assert seen[0].result() != ACCEPTED
    assert seen[0].errors.labels["employee_no"].text(), "the refusal is shown under the field"

    # Customers: the owner is picked by typing (searched on the worker), then saved.
    customers_page = open_page(qtbot, window, CustomersPage)

    def new_customer(d: CustomerDialog) -> None:
        d.code.setText("C900")
        d.name.setText("恒达物流")
        assert d.owner is not None
        choose(qtbot, d.owner, "王五")

    answer(monkeypatch, qtbot, CustomerDialog, new_customer)
    customers_page.new_customer()
    settle(qtbot, window.runner)
    (hengda,) = customers.list_customers(ctx, 0, 10, "C900")
    assert hengda.owner_name == "王五"

    customers_page.panel.search.setText("C900")
    customers_page.panel.apply_search()
    settle(qtbot, window.runner)
    customers_page.panel.table.selectRow(0)
    settle(qtbot, window.runner)
    assert customers_page.pane.detail is not None and customers_page.pane.detail.code == "C900"
    assert "王五" in customers_page.pane.on_date_answer.text(), (
        "owner on a date, asked on the worker"
    )

    def followup(d: FollowUpDialog) -> None:
        d.content.setPlainText("电话回访")

    answer(monkeypatch, qtbot, FollowUpDialog, followup)
    customers_page.add_followup()
    settle(qtbot, window.runner)
    assert customers.get_customer(ctx, hengda.id).followups[0].content == "电话回访"

    # The release asks for confirmation and a reason: Cancel releases nothing.
    monkeypatch.setattr(
        "desktop.views.pages.customers.QInputDialog.getText", lambda *a, **k: ("", False)
    )
    customers_page.release()
    settle(qtbot, window.runner)
    assert not customers.get_customer(ctx, hengda.id).in_pool
    # A refusal from the worker is shown, and changes nothing (an owner of today stays).
    monkeypatch.setattr(
        "desktop.views.pages.customers.QInputDialog.getText", lambda *a, **k: ("不再合作", True)
    )
    customers_page.release()
    settle(qtbot, window.runner)
    assert any("cannot take effect" in text for _kind, text in no_blocking_dialogs)
    assert not customers.get_customer(ctx, hengda.id).in_pool


def test_users_and_passwords_run_argon2_on_the_worker(
    qtbot, vault, window, paths, monkeypatch, no_blocking_dialogs
):
    admin, _ = vault
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = open_page(qtbot, window, UsersPage)
    assert "admin" in [u.username for u in page.model.rows]
    assert page.key_info.text(), "the key facts were read with the users"

    tries: list[str] = []

    def add_user(d: AddUserDialog) -> int:
        tries.append(d.username.text())
        if not tries[:-1]:  # first: a name that is refused, then a good one
            d.username.setText("x")
        else:
            d.username.setText("lihua")
        d.display_name.setText("李华")
        # A sales or manager account needs its employee (issue 14); HR needs none.
        d.role.setCurrentIndex(d.role.findData("hr"))
        d.password.setText("lihua-pass-1")
        d.repeat.setText("lihua-pass-1")
        return int(ACCEPTED) if len(tries) <= 2 else int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(AddUserDialog, "exec", add_user)
    page.add_user()
    settle(qtbot, window.runner)
    assert len(tries) == 2, "the refused name reopened the form once"
    assert "lihua" in [u.username for u in page.model.rows]

    page.table.selectRow([u.username for u in page.model.rows].index("lihua"))
    calls = iter([int(ACCEPTED), int(QDialog.DialogCode.Rejected)])

    def new_password(d: PasswordDialog) -> int:
        d.password.setText("lihua-pass-2")
        d.repeat.setText("lihua-pass-2")
        return next(calls)

    monkeypatch.setattr(PasswordDialog, "exec", new_password)
    page.reset_password()
    settle(qtbot, window.runner)
    assert ("information", "The password was changed.") in no_blocking_dialogs
    with pytest.raises(CredentialsError):
        login(paths, "lihua", "lihua-pass-1")
    login(paths, "lihua", "lihua-pass-2").close()

    monkeypatch.setattr(
        "desktop.views.pages.users.QInputDialog.getText", lambda *a, **k: ("left", True)
    )
    page.table.selectRow([u.username for u in page.model.rows].index("lihua"))
    page.toggle_disabled()
    settle(qtbot, window.runner)
    with pytest.raises(AccountDisabled):
        login(paths, "lihua", "lihua-pass-2")

    # Settings: my own password, and the backups list read on the worker.
    settings = open_page(qtbot, window, SettingsPage)
    calls = iter([int(ACCEPTED)])

    def own_password(d: PasswordDialog) -> int:
        assert d.old is not None
        d.old.setText(ADMIN_PASSWORD)
        d.password.setText("admin-pass-2")
        d.repeat.setText("admin-pass-2")
        return next(calls, int(QDialog.DialogCode.Rejected))

    monkeypatch.setattr(PasswordDialog, "exec", own_password)
    settings.change_password()
    settle(qtbot, window.runner)
    assert ("information", "Your password was changed.") in no_blocking_dialogs
    settings.backup_now()
    settle(qtbot, window.runner)
    assert settings.backup_model.rowCount() >= 1, "the new backup is listed"


def test_commission_plans_are_read_and_saved_on_the_worker(
    qtbot, admin, role_users, window, monkeypatch
):
    build_firm(admin, role_users)  # positions and people to assign a plan to
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = open_page(qtbot, window, CommissionsPage)
    shown: list[PlansDialog] = []

    def plans_exec(d: PlansDialog) -> int:
        shown.append(d)

        def name_it(p: PlanDialog) -> None:
            assert p.positions.count() >= 1, "the positions were read before it opened"
            p.name.setText("标准提成")
            p.positions.item(0).setCheckState(Qt.CheckState.Checked)

        answer(monkeypatch, qtbot, PlanDialog, name_it)
        d.new()
        settle(qtbot, window.runner)
        qtbot.waitUntil(lambda: d.table.rowCount() == 1, timeout=10000)
        d.table.selectRow(0)
        d.delete()
        settle(qtbot, window.runner)
        qtbot.waitUntil(lambda: d.table.rowCount() == 0, timeout=10000)
        return int(ACCEPTED)

    monkeypatch.setattr(PlansDialog, "exec", plans_exec)
    page.open_plans()
    settle(qtbot, window.runner)
    assert shown and shown[0].changed is not None


def test_waybill_and_payment_forms(qtbot, admin, role_users, window, monkeypatch):
    build_firm(admin, role_users)
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = open_page(qtbot, window, OrdersPage)

    def waybill(d: OrderDialog) -> None:
        d.number.setText("WB-900")
        choose(qtbot, d.customer, "C001")
        d.revenue.setText("1000.00")
        d.cost.setText("600.00")

    answer(monkeypatch, qtbot, OrderDialog, waybill)
    page.orders.new_order()
    settle(qtbot, window.runner)
    ctx = window.ctx
    (order,) = money.list_orders(ctx, 0, 10, "WB-900")
    assert order.customer_name == "甲电子", "the customer was picked by a search on the worker"

    def payment(d: PaymentDialog) -> None:
        choose(qtbot, d.customer, "C001")
        d.amount.setText("100.00")

    page.tabs.setCurrentIndex(1)
    settle(qtbot, window.runner)
    answer(monkeypatch, qtbot, PaymentDialog, payment)
    page.invoices.record_payment()
    settle(qtbot, window.runner)
    assert money.count_payments(ctx) == 1

    page.tabs.setCurrentIndex(3)
    settle(qtbot, window.runner)
    assert "outstanding" in page.aging.summary.text(), "the aging was read on the worker"


def test_case_forms_read_their_settings_and_evidence_on_the_worker(
    qtbot, admin, role_users, window, monkeypatch, tmp_path
):
    firm = build_firm(admin, role_users)
    case_id = firm.depart()
    item = next(i for i in departures.get_case(admin, case_id).items if i.kind == "checklist")
    handover.attach_evidence(admin, item.id, "签收单.pdf", b"%PDF-1.4 scan")
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    window.open_case(case_id)
    screen = window.page_of(DeparturesPage).screen
    qtbot.waitUntil(lambda: screen.detail is not None and not screen.loading, timeout=20000)
    settle(qtbot, window.runner)

    screen.edit_case()
    settle(qtbot, window.runner)  # the notice periods are read, then the form opens
    dialog = screen._dialog
    assert isinstance(dialog, CaseDialog) and dialog.notice_days == 30
    assert "30 days" in dialog.legal.text()
    dialog.reject()

    screen.deadlines.non_compete()
    settle(qtbot, window.runner)
    dialog = screen._dialog
    assert isinstance(dialog, NonCompeteDialog)
    assert "at most 24 months" in dialog.intro.text(), "the law's ceiling was read first"
    dialog.reject()

    out = tmp_path / "copy.pdf"
    opened: list[object] = []
    monkeypatch.setattr(
        "desktop.views.filedialogs.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "")
    )
    monkeypatch.setattr("desktop.views.case.screen.QDesktopServices.openUrl", opened.append)
    shown = next(i for i in screen.detail.items if i.id == item.id)
    screen.open_evidence(shown)
    settle(qtbot, window.runner)
    assert out.read_bytes() == b"%PDF-1.4 scan" and len(opened) == 1
