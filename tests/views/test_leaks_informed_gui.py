"""Issue 14 in the window, 客户告知: the Customers tab waives telling a customer with a reason
(required), marks customers told, and waives a customer's item (refused, with what to do
instead, while the leaver still owns it); Complete lists how many customers are not told and
goes through once every one is told or waived."""

from __future__ import annotations

from datetime import date

from desktop.services import departures as dp
from desktop.services import handover
from desktop.views.pages.departures import DeparturesPage
from tests.conftest import ADMIN_PASSWORD
from tests.services.departure_support import build_firm, new_id
from tests.support import move_case
from tests.views.conftest import settle, unlock


def _case(admin) -> int:
    firm = build_firm(admin)
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], date(2030, 4, 3))))
    move_case(admin, case_id, "submit", "approve", "start_handover")
    handover.assign_successor(admin, case_id, firm["li"])
    rest = [
        i.id
        for i in handover.list_items(admin, case_id)
        if i.kind in handover.TRANSFER_KINDS and i.successor_id is None
    ]
    if rest:
        handover.assign_items(admin, case_id, firm["zhao"], rest)
    for item in handover.list_items(admin, case_id):
        if item.kind in ("checklist", "account") and item.status == "open":
            handover.waive_item(admin, item.id, "not needed in this test")
    return case_id


def _select(qtbot, tab, code: str) -> None:
    row = next(i for i, r in enumerate(tab.model.rows) if r.customer_code == code)
    tab.table.clearSelection()
    tab.table.selectRow(row)


def _wait(qtbot, screen, state: str | None = None) -> None:
    qtbot.waitUntil(
        lambda: (
            screen.detail is not None
            and not screen.loading
            and (state is None or screen.detail.case.state == state)
        ),
        timeout=20000,
    )


def test_customers_are_told_or_waived_from_the_customers_tab_before_completion(
    qtbot, admin, window
):
    case_id = _case(admin)
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    window.open_case(case_id)
    screen = window.page_of(DeparturesPage).screen
    _wait(qtbot, screen, "in_handover")
    tab = screen.customers

    # Waive… a customer's item with a reason. (The window runs on today's date, before this
    # firm's ownership dates, so the leaver owns nothing "now" and the service lets it go;
    # the refusal for a customer the leaver still owns is in tests/services.)
    _select(qtbot, tab, "C003")
    assert tab.buttons["waive"].isEnabled()
    tab.buttons["waive"].click()
    dialog = screen.dialog
    dialog.submit()
    settle(qtbot, screen.runner)
    assert dialog.isVisible() and "reason for waiving" in dialog.errors.labels["reason"].text()
    dialog.reason.setText("客户已转给公海")
    dialog.submit()
    qtbot.waitUntil(
        lambda: any(
            r.customer_code == "C003" and r.status == "waived" and not screen.loading
            for r in tab.model.rows
        ),
        timeout=20000,
    )
    c003 = next(r for r in tab.model.rows if r.customer_code == "C003")
    assert c003.waived_reason == "客户已转给公海"

    dp.request_confirmation(admin, case_id)
    handover.confirm_items(admin, case_id)
    window.open_case(case_id)
    _wait(qtbot, screen, "awaiting_confirmation")
    screen.move_buttons["complete"].click()
    assert any(
        b.startswith("2 customers are not recorded as told of the handover: on the Customers tab")
        for b in screen.blocker_texts()
    ), screen.blocker_texts()

    # Waive informing… needs a reason; then the row says why.
    _select(qtbot, tab, "C002")
    assert tab.buttons["waive_informing"].isEnabled()
    assert not tab.buttons["waive"].isEnabled(), "a confirmed customer is not waived"
    tab.buttons["waive_informing"].click()
    dialog = screen.dialog
    dialog.submit()
    settle(qtbot, screen.runner)
    assert dialog.isVisible() and "reason" in dialog.errors.labels["reason"].text()
    dialog.reason.setText("客户已停业")
    dialog.submit()
    _wait(qtbot, screen)
    qtbot.waitUntil(
        lambda: any(
            r.customer_code == "C002" and r.informed_waived_reason == "客户已停业"
            for r in tab.model.rows
        ),
        timeout=20000,
    )
    row = next(r for r in tab.model.rows if r.customer_code == "C002")
    assert tab._informed(row) == "not to be told: 客户已停业"

    # Mark customer informed… for the other two.
    for code in ("C001",):
        _select(qtbot, tab, code)
        tab.buttons["informed"].click()
        screen.dialog.submit()
        _wait(qtbot, screen)
        qtbot.waitUntil(
            lambda code=code: any(
                r.customer_code == code and r.customer_informed for r in tab.model.rows
            ),
            timeout=20000,
        )
    qtbot.waitUntil(
        lambda: not any(o.name == "complete" and o.failures for o in screen.detail.transitions),
        timeout=20000,
    )
    screen.move_buttons["complete"].click()
    screen.dialog.comment.setPlainText("交接完成")
    screen.dialog.submit()
    _wait(qtbot, screen, "completed")
    assert dp.get_case(admin, case_id).case.state == "completed"
