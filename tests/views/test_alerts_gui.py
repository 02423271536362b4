"""The alerts inbox in the window: an offending order makes an alert appear in the inbox and
the navigation badge; it is acknowledged, refused a dismissal without a reason, and resolved
through the page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.services import alerts
from desktop.services import money as rv
from desktop.services.money import OrderInput
from desktop.views.pages.alerts import AlertsPage
from tests.conftest import ADMIN_PASSWORD
from tests.services.departure_support import build_firm
from tests.views.conftest import unlock


def test_an_offending_order_reaches_the_inbox_and_the_badge(
    qtbot, admin, window, no_blocking_dialogs
):
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    ctx = window.ctx
    alerts.update_rule(ctx, "incomplete_customer", enabled=False)
    firm = build_firm(ctx)
    alerts.update_rule(ctx, "incomplete_customer", enabled=True)
    page = window.page_of(AlertsPage)
    index = window.pages.index(page)
    window.nav.setCurrentRow(index)
    qtbot.waitUntil(lambda: page.count.text().endswith("alert(s)"), timeout=10000)
    assert page.model.rowCount() == 0, [(r.rule, r.summary) for r in page.model.rows]
    assert window.nav.item(index).text() == "Alerts"

    # 戊化工 has no credit code and no contact: its order raises an alert in the same write.
    changes = rv.create_order(
        ctx,
        OrderInput("WB-GUI-1", firm["wu"], date(2030, 3, 1), Decimal("100.00"), firm["zhao"]),
    )
    window.broadcast(changes)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    qtbot.waitUntil(lambda: window.nav.item(index).text() == "Alerts (1, 0 high)", timeout=10000)
    row = page.model.row_object(0)
    assert (row.rule, row.status, row.subject) == ("incomplete_customer", "open", "戊化工")

    page.table.selectRow(0)
    assert "credit code" in page.evidence.toPlainText(), "the missing field by name"
    qtbot.mouseClick(page.ack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 1 and page.model.row_object(0).status == "acknowledged",
        timeout=10000,
    )
    page.table.selectRow(0)
    page.reason.clear()
    qtbot.mouseClick(page.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any("Give a reason" in t for _k, t in no_blocking_dialogs), timeout=10000
    )
    assert alerts.get_alert(ctx, row.id).status == "acknowledged"

    page.reason.setText("客户已补全信用代码")
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10000)
    qtbot.waitUntil(lambda: window.nav.item(index).text() == "Alerts", timeout=10000)
    done = alerts.get_alert(ctx, row.id)
    assert (done.status, done.reason) == ("resolved", "客户已补全信用代码")


def test_an_administrator_edits_rules_in_settings_and_bad_values_are_refused(
    qtbot, admin, window, no_blocking_dialogs
):
    from desktop.views.pages.settings import SettingsPage

    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(SettingsPage)
    window.nav.setCurrentRow(window.pages.index(page))
    tab = page.alert_rules_tab
    assert page.tabs.isTabVisible(page.tabs.indexOf(tab))
    qtbot.waitUntil(lambda: tab.table.rowCount() == 12, timeout=10000)
    row = next(i for i, r in enumerate(tab.rules) if r.id == "order_outlier")
    tab.table.item(row, 4).setText("multiple=-5; min_orders=3")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any("times the average must be a number" in t for _k, t in no_blocking_dialogs),
        timeout=10000,
    )
    rules = {r.id: r for r in alerts.list_rules(window.ctx)}
    assert rules["order_outlier"].thresholds["multiple"] == "5"
    qtbot.waitUntil(lambda: tab.table.item(row, 4).text() == "times the average=5; fewest orders=3")
    tab.table.item(row, 4).setText("multiple=6; min_orders=3")
    tab.table.item(row, 3).setText("60")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: {r.id: r for r in alerts.list_rules(window.ctx)}["order_outlier"].window_days == 60,
        timeout=10000,
    )
    assert {r.id: r for r in alerts.list_rules(window.ctx)}["order_outlier"].thresholds[
        "multiple"
    ] == "6"
