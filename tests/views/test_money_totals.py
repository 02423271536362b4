"""Money lists in the window: the totals line under waybills, invoices and payments is the sum
of the whole filtered list (not of the 200 rows loaded), and follows the filters — a from/to
date range among them."""

from __future__ import annotations

from datetime import date

from desktop.i18n import format_money
from desktop.services import money
from desktop.services.demo import generate_demo
from desktop.views.pages.orders import OrdersPage
from tests.conftest import ADMIN_PASSWORD
from tests.support import submitted_by_baton
from tests.views.conftest import settle, unlock, wait_loaded


def _open(qtbot, vault, window) -> tuple[OrdersPage, object]:
    admin, _ = vault
    generate_demo(admin, "small", seed=7)
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(OrdersPage)
    window.nav.setCurrentRow(window.pages.index(page))
    settle(qtbot, window.runner)
    return page, window.ctx


def test_the_waybill_totals_are_those_of_the_whole_filtered_list(qtbot, vault, window):
    page, ctx = _open(qtbot, vault, window)
    panel = page.orders.panel
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    whole = money.total_orders(ctx)
    assert panel.model.total > len(panel.model.rows), "more waybills than one page"
    loaded = sum((r.revenue for r in panel.model.rows), start=whole["revenue"] * 0)
    assert loaded != whole["revenue"]
    text = panel.totals_label.text()
    assert format_money(whole["revenue"]) in text
    assert format_money(whole["margin"]) in text
    assert format_money(loaded) not in text

    # A date range: the rows, the count and the totals all follow it.
    dates = page.orders.dates
    dates.set_range(date(2026, 3, 1), date(2026, 3, 31))
    qtbot.waitUntil(lambda: panel.model.generation > 1, timeout=3000)
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    march = {"since": date(2026, 3, 1), "until": date(2026, 3, 31)}
    expected = money.total_orders(ctx, "", march)
    assert panel.model.total == money.count_orders(ctx, "", march)
    assert all(date(2026, 3, 1) <= r.order_date <= date(2026, 3, 31) for r in panel.model.rows)
    assert format_money(expected["revenue"]) in panel.totals_label.text()
    assert expected["revenue"] != whole["revenue"]

    # Clearing the bounds gives the whole list back.
    dates.set_range(None, None)
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    assert format_money(whole["revenue"]) in panel.totals_label.text()


def test_invoice_and_payment_totals_follow_their_filters(qtbot, vault, window):
    page, ctx = _open(qtbot, vault, window)
    page.tabs.setCurrentIndex(1)
    panel = page.invoices.panel
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    open_only = money.total_receivables(ctx, "", {"open_only": True})
    assert format_money(open_only["outstanding"]) in panel.totals_label.text()
    page.invoices.open_only.setChecked(False)
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    every = money.total_receivables(ctx)
    assert every["amount"] > open_only["amount"]
    assert format_money(every["amount"]) in panel.totals_label.text()
    assert format_money(every["paid"]) in panel.totals_label.text()

    page.tabs.setCurrentIndex(2)
    panel = page.payments.panel
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    received = money.total_payments(ctx)
    assert format_money(received["amount"]) in panel.totals_label.text()
    rows = money.list_payments(ctx, 0, 10_000)
    day = sorted(r.received_on for r in rows)[len(rows) // 2]
    page.payments.dates.set_range(day, None)
    qtbot.waitUntil(lambda: panel.model.generation > 1, timeout=3000)
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    since = money.total_payments(ctx, {"since": day})
    assert since["amount"] < received["amount"]
    assert format_money(since["amount"]) in panel.totals_label.text()
    assert panel.model.total == money.count_payments(ctx, {"since": day})


def test_the_totals_line_is_cleared_on_lock(qtbot, vault, window):
    page, _ctx = _open(qtbot, vault, window)
    panel = page.orders.panel
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    assert panel.totals_label.text()
    window.lock()
    assert panel.totals_label.text() == ""


def test_the_case_receivables_show_their_total(qtbot, vault, window):
    from datetime import timedelta
    from decimal import Decimal

    from desktop.services import departures
    from desktop.views.pages.departures import DeparturesPage

    admin, _ = vault
    summary = generate_demo(admin, "small", seed=7)
    made = departures.start_case(
        admin,
        departures.CaseInput(summary.top_salesperson_id, admin.today() + timedelta(days=30)),
    )
    (case_id,) = made.ids
    departures.submit(submitted_by_baton(admin), case_id)
    departures.approve(admin, case_id)
    items = [i for i in departures.get_case(admin, case_id).items if i.kind == "receivable"]
    assert len(items) > 1, "the top salesperson leaves invoices to collect"
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    window.open_case(case_id)
    screen = window.page_of(DeparturesPage).screen
    qtbot.waitUntil(
        lambda: screen.detail is not None and screen.detail.case.id == case_id, timeout=20000
    )
    settle(qtbot, window.runner)
    total = sum((i.outstanding_now or Decimal(0) for i in items), Decimal("0.00"))
    assert total > 0
    title = screen.money.groups[0].title()
    assert f"({len(items)})" in title and format_money(total) in title
