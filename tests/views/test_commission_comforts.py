"""The Commissions page: a month computed with salespeople no plan covers names them (no
silent "0 lines"); the lines carry a totals line over the whole filtered list, and a from/to
range of source dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from tests.conftest import ROLE_PASSWORD
from tests.services.commission_support import M, build_firm
from tests.views.conftest import settle, wait_loaded
from tests.views.test_commissions_gui import _last_month, _open_page, _select_month


def _orders(firm, month: str) -> None:
    day = date.fromisoformat(f"{month}-05")
    firm.order("o1", "WB-1", "jia", day, "1000.00", salesperson="zhang")
    firm.order(
        "o2", "WB-2", "bing", date.fromisoformat(f"{month}-20"), "250.00", salesperson="zhao"
    )


def _compute(qtbot, page, window) -> None:
    qtbot.mouseClick(page.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.period() is not None and page.period().state == "computed", timeout=20000
    )
    settle(qtbot, window.runner)


def test_a_month_without_a_plan_names_the_salespeople_it_leaves_out(
    qtbot, admin, role_users, window
):
    firm = build_firm(admin, role_users)
    month = _last_month()
    _orders(firm, month)
    page = _open_page(qtbot, window, "finance", ROLE_PASSWORD)
    _select_month(qtbot, page, month)
    _compute(qtbot, page, window)
    left_out = page.last_result.uncovered
    assert len(left_out) >= 2
    qtbot.waitUntil(lambda: "No commission plan covers" in page.summary.text(), timeout=5000)
    text = page.summary.text()
    assert all(name in text for name in left_out)
    assert "Plans…" in text


def test_the_lines_total_follows_the_filters_and_the_date_range(qtbot, admin, role_users, window):
    firm = build_firm(admin, role_users)
    firm.plan(flat_rate=M("0.10"), effective_from=date(2020, 1, 1))
    month = _last_month()
    _orders(firm, month)
    page = _open_page(qtbot, window, "finance", ROLE_PASSWORD)
    _select_month(qtbot, page, month)
    _compute(qtbot, page, window)
    panel = page.panel
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    assert "¥125.00" in panel.totals_label.text()  # 100.00 + 25.00
    assert "¥1,250.00" in panel.totals_label.text()  # the bases
    # Up to the 10th: WB-1 alone.
    page.dates.set_range(None, date.fromisoformat(f"{month}-10"))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    assert "¥100.00" in panel.totals_label.text() and "¥125.00" not in panel.totals_label.text()
    page.dates.set_range(None, None)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    assert "¥125.00" in panel.totals_label.text()
