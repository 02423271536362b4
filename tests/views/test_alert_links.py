"""An alert's evidence links open the records (issue 13): a click on a link in the Alerts
page's evidence lands the main window on the record's page with that record shown and
selected — a customer, an employee, an order, an invoice, a follow-up (on its customer's
follow-ups tab) and a departure case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QUrl

from desktop.services import alerts, followups
from desktop.services import departures as dp
from desktop.services import money as rv
from desktop.services.alerts import AlertFilter
from desktop.services.money import OrderInput
from desktop.views.pages.alerts import AlertsPage, evidence_html
from desktop.views.pages.customers import CustomersPage
from desktop.views.pages.departures import DeparturesPage
from desktop.views.pages.orders import OrdersPage
from desktop.views.pages.staff import StaffPage
from tests.conftest import ADMIN_PASSWORD
from tests.services.departure_support import START, build_firm, new_id
from tests.views.conftest import settle, unlock


@pytest.fixture
def inbox(qtbot, admin, window):
    """The window unlocked on the departure firm, with an order and a follow-up that raise
    alerts, on the Alerts page; the ids the links name."""
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    ctx = window.ctx
    firm = build_firm(ctx)
    rv.create_order(
        ctx, OrderInput("WB-LINK-1", firm["wu"], date(2030, 3, 1), Decimal("100.00"), firm["zhao"])
    )
    fid = new_id(
        followups.add_followup(
            ctx, firm["jia"], date(2030, 3, 2), "wechat", "要求返点", employee_id=firm["zhao"]
        )
    )
    case_id = new_id(
        dp.start_case(ctx, dp.CaseInput(firm["zhang"], date(2030, 4, 3), notice_on=START))
    )
    (order_id,) = [r.id for r in rv.list_orders(ctx, 0, 50, "WB-LINK-1")]
    page = window.page_of(AlertsPage)
    window.nav.setCurrentRow(window.pages.index(page))
    settle(qtbot, window.runner)
    ids = {
        "customer": firm["wu"],
        "employee": firm["zhao"],
        "order": order_id,
        "receivable": firm["r3"],
        "followup": fid,
        "case": case_id,
        "followup_customer": firm["jia"],
    }
    return window, page, ids


def click(qtbot, window, page: AlertsPage, kind: str, ident: int) -> None:
    """A click on the evidence link ``kind:ident`` (what the QTextBrowser emits)."""
    page.evidence.anchorClicked.emit(QUrl(f"{kind}:{ident}"))
    settle(qtbot, window.runner)


def selected_id(list_page) -> int | None:
    row = list_page.panel.selected()
    return None if row is None else row.id


def test_the_evidence_names_its_records_as_links(inbox):
    window, _page, ids = inbox
    ctx = window.ctx
    (incomplete,) = [
        a
        for a in alerts.list_alerts(ctx, AlertFilter(rule="incomplete_customer"))
        if a.subject_id == ids["customer"]
    ]
    html = evidence_html(incomplete)
    assert f"href='customer:{ids['customer']}'" in html
    assert f"href='order:{ids['order']}'" in html
    (keyword,) = alerts.list_alerts(ctx, AlertFilter(rule="followup_keyword"))
    html = evidence_html(keyword)
    assert f"href='employee:{ids['employee']}'" in html
    assert f"href='followup:{ids['followup']}'" in html


@pytest.mark.parametrize(
    ("kind", "page_type"),
    [("customer", CustomersPage), ("employee", StaffPage)],
)
def test_a_customer_or_employee_link_shows_that_record_alone_and_selected(
    qtbot, inbox, kind, page_type
):
    window, page, ids = inbox
    click(qtbot, window, page, kind, ids[kind])
    target = window.page_of(page_type)
    assert window.stack.currentWidget() is target
    qtbot.waitUntil(lambda: selected_id(target) == ids[kind], timeout=10000)
    assert target.panel.model.rowCount() == 1
    assert target.record_button.isVisible()
    # "Show all" brings the whole list back.
    qtbot.mouseClick(target.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window.runner)
    qtbot.waitUntil(lambda: target.panel.model.rowCount() > 1, timeout=10000)
    assert not target.record_button.isVisible()


@pytest.mark.parametrize("kind", ["order", "receivable"])
def test_an_order_or_invoice_link_opens_its_tab_with_the_record_selected(qtbot, inbox, kind):
    window, page, ids = inbox
    click(qtbot, window, page, kind, ids[kind])
    orders = window.page_of(OrdersPage)
    assert window.stack.currentWidget() is orders
    target = orders.orders if kind == "order" else orders.invoices
    assert orders.tabs.currentWidget() is target
    qtbot.waitUntil(lambda: selected_id(target) == ids[kind], timeout=10000)
    assert target.panel.model.rowCount() == 1


def test_a_followup_link_opens_its_customer_on_the_followups_tab(qtbot, inbox):
    window, page, ids = inbox
    click(qtbot, window, page, "followup", ids["followup"])
    customers_page = window.page_of(CustomersPage)
    assert window.stack.currentWidget() is customers_page
    qtbot.waitUntil(lambda: selected_id(customers_page) == ids["followup_customer"], timeout=10000)
    assert customers_page.pane.currentWidget() is customers_page.pane.followups


def test_a_case_link_opens_the_case(qtbot, inbox):
    window, page, ids = inbox
    click(qtbot, window, page, "case", ids["case"])
    departures_page = window.page_of(DeparturesPage)
    assert window.stack.currentWidget() is departures_page
    assert departures_page.stack.currentWidget() is departures_page.screen
    assert departures_page.screen.case_id == ids["case"]
