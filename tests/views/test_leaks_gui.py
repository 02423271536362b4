"""Issue 14 in the window: an account linked on the Users page sees exactly its customers."""

from __future__ import annotations

from datetime import date

from desktop.services import accounts, customers, staff
from desktop.services.customers import CustomerInput
from desktop.services.login import login
from desktop.services.staff import EmployeeInput
from desktop.views.pages.users import UsersPage
from tests.conftest import ADMIN_PASSWORD
from tests.views.conftest import settle, unlock


def _codes(paths, username: str, password: str) -> set[str]:
    ctx = login(paths, username, password)
    try:
        return {c.code for c in customers.list_customers(ctx, 0, 50)}
    finally:
        ctx.close()


def test_linking_an_account_on_the_users_page_shows_the_salesperson_their_customers(
    qtbot, vault, window, paths, monkeypatch
):
    admin, _ = vault
    (sun,) = staff.create_employee(admin, EmployeeInput("S100", "孙悦", is_sales=True)).ids
    (zhou,) = staff.create_employee(admin, EmployeeInput("S101", "周杰", is_sales=True)).ids
    since = date(2024, 1, 1)
    customers.create_customer(admin, CustomerInput("C100", "甲物流"), sun, since)
    customers.create_customer(admin, CustomerInput("C101", "乙物流"), sun, since)
    customers.create_customer(admin, CustomerInput("C102", "丙物流"), zhou, since)
    accounts.add_user(admin, "sunyue", "孙悦", "sales", "sunyue-pass-1")
    admin.close()
    assert _codes(paths, "sunyue", "sunyue-pass-1") == set(), "unlinked: sees nothing"

    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(UsersPage)
    window.nav.setCurrentRow(window.pages.index(page))
    page.refresh()
    settle(qtbot, window.runner)
    names = [u.username for u in page.model.rows]
    page.table.selectRow(names.index("sunyue"))
    assert page.buttons["link"].isEnabled()
    monkeypatch.setattr(
        "desktop.views.pages.users.QInputDialog.getText", lambda *a, **k: ("S100", True)
    )
    page.link_employee()
    settle(qtbot, window.runner)
    row = [u.username for u in page.model.rows].index("sunyue")
    employee_column = 3  # user name, full name, role, employee
    shown = page.model.index(row, employee_column).data()
    assert shown == "S100 孙悦"
    assert _codes(paths, "sunyue", "sunyue-pass-1") == {"C100", "C101"}
