"""Issue 14 in the window: the successor dialog. Someone outside sales is offered only once
asked for, and without a reason the choice is refused under the reason field with the rule
named; with one it is recorded and the handover form shows it. A colleague who is leaving is
refused with the rule named, reason or not."""

from __future__ import annotations

from datetime import date

from desktop.services import departures as dp
from desktop.services import document_content, handover, organisation, staff
from desktop.services.staff import EmployeeInput
from desktop.views.pages.departures import DeparturesPage
from tests.conftest import ADMIN_PASSWORD
from tests.services.departure_support import build_firm, new_id
from tests.support import submitted_by_baton
from tests.views.conftest import settle, unlock
from tests.views.test_forms_on_the_worker import choose


def _case(admin):
    firm = build_firm(admin)
    shanghai = next(b.id for b in organisation.list_branches(admin) if b.name == "上海")
    warehouse = new_id(staff.create_position(admin, "仓库主管", "warehouse"))
    staff.create_employee(
        admin, EmployeeInput("W001", "钱仓", branch_id=shanghai, position_id=warehouse)
    )
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], date(2030, 4, 3))))
    dp.submit(submitted_by_baton(admin), case_id)
    dp.approve(admin, case_id)
    leaving = new_id(dp.start_case(admin, dp.CaseInput(firm["zhao"], date(2030, 5, 3))))
    dp.submit(submitted_by_baton(admin), leaving)
    return firm, case_id


def _assign_dialog(qtbot, screen, code: str):
    tab = screen.customers
    row = next(i for i, r in enumerate(tab.model.rows) if r.customer_code == code)
    tab.table.selectRow(row)
    tab.buttons["assign"].click()
    return screen.dialog


def test_a_successor_outside_sales_needs_a_reason_the_form_shows(qtbot, admin, window):
    firm, case_id = _case(admin)
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    window.open_case(case_id)
    screen = window.page_of(DeparturesPage).screen
    qtbot.waitUntil(lambda: screen.detail is not None and not screen.loading, timeout=20000)

    dialog = _assign_dialog(qtbot, screen, "C001")
    with qtbot.waitSignal(dialog.successor.searched, timeout=10000):
        dialog.successor.setText("钱仓")
        dialog.successor.textEdited.emit("钱仓")
    assert dialog.successor._model.stringList() == [], "sales only until asked"
    dialog.outside.setChecked(True)
    choose(qtbot, dialog.successor, "钱仓")
    assert dialog.successor.value() is not None
    dialog.submit()
    settle(qtbot, screen.runner)
    assert dialog.isVisible()
    refused = dialog.errors.labels["successor_reason"].text()
    assert "钱仓 is not in a sales position" in refused and "give the reason" in refused
    jia = next(i for i in handover.list_items(admin, case_id) if i.customer_code == "C001")
    assert jia.successor_id is None, "refused: nothing recorded"

    dialog.reason.setText("客户只发仓储业务")
    dialog.submit()
    qtbot.waitUntil(
        lambda: (
            not screen.loading
            and any(i.customer_code == "C001" and i.successor_reason for i in screen.detail.items)
        ),
        timeout=20000,
    )
    jia = next(
        i
        for i in handover.list_items(admin, case_id)
        if i.customer_code == "C001" and i.kind == "customer"
    )
    assert (jia.successor_name, jia.successor_reason) == ("钱仓", "客户只发仓储业务")
    form = document_content.handover_form_data(admin, case_id)
    assert (
        next(c for c in form.customers if c.code == "C001").successor == "钱仓（客户只发仓储业务）"
    )

    # A colleague who is leaving too: refused with the rule named, even with a reason.
    dialog = _assign_dialog(qtbot, screen, "C002")
    choose(qtbot, dialog.successor, "赵")
    dialog.reason.setText("他最熟悉")
    dialog.submit()
    settle(qtbot, screen.runner)
    assert dialog.isVisible()
    refused = dialog.errors.labels["successor_id"].text()
    assert "赵敏 is not an active employee (status: notice)" in refused
    yi = next(
        i
        for i in handover.list_items(admin, case_id)
        if i.customer_code == "C002" and i.kind == "customer"
    )
    assert yi.successor_id is None
    assert firm["zhao"]
