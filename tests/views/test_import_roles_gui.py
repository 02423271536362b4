"""The import wizard and the Import… buttons offer only what the role may import (issue 11):
the service decides (imports.importable_kinds / can_import), the window only asks."""

from __future__ import annotations

import pytest

from desktop.models.accounts import Role
from desktop.views.import_wizard import ImportWizard
from desktop.views.pages.customers import CustomersPage
from desktop.views.pages.orders import OrdersList, PaymentsList, ReceivablesList
from desktop.views.pages.staff import StaffPage
from desktop.views.workers import TaskRunner

OFFERED = {
    Role.ADMIN: [
        "staff",
        "customers",
        "assignments",
        "orders",
        "receivables",
        "payments",
        "followups",
    ],
    Role.HR: ["staff"],
    Role.MANAGER: ["customers", "assignments", "orders", "followups"],
    Role.FINANCE: ["orders", "receivables", "payments"],
}


@pytest.mark.parametrize("role", list(OFFERED), ids=lambda r: r.value)
def test_the_wizard_offers_only_the_kinds_the_role_may_import(qtbot, login_as, role):
    ctx = login_as(role)
    wizard = ImportWizard(ctx, TaskRunner(), "customers")
    qtbot.addWidget(wizard)
    combo = wizard.file_page.kind
    assert [combo.itemData(i) for i in range(combo.count())] == OFFERED[role]
    expected = "customers" if "customers" in OFFERED[role] else OFFERED[role][0]
    assert wizard.kind() == expected


@pytest.mark.parametrize("role", [Role.HR, Role.MANAGER, Role.FINANCE], ids=lambda r: r.value)
def test_import_buttons_show_only_where_the_role_may_import(qtbot, login_as, role):
    ctx = login_as(role)
    runner = TaskRunner()
    for page_type in (StaffPage, CustomersPage, OrdersList, ReceivablesList, PaymentsList):
        page = page_type(runner)
        qtbot.addWidget(page)
        page.ctx = ctx
        page.refresh()
        runner.wait(10000)
        assert page.import_button is not None
        shown = not page.import_button.isHidden()
        assert shown == (page.import_kind in OFFERED[role]), (role, page.import_kind)
