"""Issue 14 in the window, separation of duties: a manager who earns in a commission month
is refused on the Commissions page, and the manager whose own departure it is sees the rule
among the blockers of Approve; the same service checks as the CLI, so nothing moves."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop.models.accounts import Role
from desktop.services import account_links
from desktop.services import commissions as cm
from desktop.services import departures as dp
from desktop.views.pages.departures import DeparturesPage
from tests.conftest import ROLE_PASSWORD
from tests.services.commission_support import D, build_firm
from tests.support import submitted_by_baton
from tests.views.conftest import settle, unlock
from tests.views.test_commissions_gui import _open_page, _select_month

MONTH = "2030-03"


def _firm(admin, role_users):
    firm = build_firm(admin, role_users)
    account_links.add_linked_user(
        admin, "zhao.m", "赵敏", Role.MANAGER.value, ROLE_PASSWORD, firm["zhao"]
    )
    firm.plan()
    firm.order("b", "WB-B", "bing", D(2030, 3, 6), "500.00", salesperson="zhao")
    cm.compute_period(admin, MONTH)
    return firm


def test_the_commissions_page_refuses_a_manager_who_earns_in_the_month(
    qtbot, admin, role_users, window, no_blocking_dialogs
):
    _firm(admin, role_users)
    page = _open_page(qtbot, window, "zhao.m", ROLE_PASSWORD)
    _select_month(qtbot, page, MONTH)
    assert page.approve_button.isVisible() and page.approve_button.isEnabled()
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window.runner)
    errors = [text for kind, text in no_blocking_dialogs if kind != "question"]
    assert any(
        "You earn commission in 2030-03" in t and "separation of duties" in t for t in errors
    ), no_blocking_dialogs
    assert page.period().state == "computed"
    assert next(p for p in cm.list_periods(admin) if p.month == MONTH).state == "computed"


def test_the_case_screen_names_the_rule_when_a_manager_would_approve_their_own_departure(
    qtbot, admin, role_users, window
):
    firm = _firm(admin, role_users)
    (case_id,) = dp.start_case(admin, dp.CaseInput(firm["zhao"], date(2030, 4, 30))).ids
    dp.submit(submitted_by_baton(admin), case_id)
    unlock(qtbot, window, "zhao.m", ROLE_PASSWORD)
    window.open_case(case_id)
    screen = window.page_of(DeparturesPage).screen
    qtbot.waitUntil(
        lambda: (
            screen.detail is not None and not screen.loading and "approve" in screen.move_buttons
        ),
        timeout=20000,
    )
    screen.move_buttons["approve"].click()
    assert any("Nobody approves their own departure" in b for b in screen.blocker_texts())
    assert screen.dialog is None, "no comment is asked for a refused move"
    settle(qtbot, window.runner)
    assert dp.get_case(admin, case_id).case.state == "submitted"
