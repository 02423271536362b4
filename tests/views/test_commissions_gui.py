"""The Commissions page end to end: finance computes a month, the line explains itself, a
manager approves, finance locks; the plan editor refuses bad tiers and warns about forfeiting
clauses; the settlement preview a case screen embeds."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.models.accounts import Role
from desktop.services import commissions as cm
from desktop.services import documents
from desktop.views.commission_plans import PlanDialog, plan_form
from desktop.views.pages.commissions import CommissionsPage
from desktop.views.pages.staff import StaffPage
from desktop.views.widgets.commissions import SettlementPreview
from desktop.views.workers import TaskRunner
from tests.conftest import ADMIN_PASSWORD, ROLE_PASSWORD
from tests.services.commission_support import M, build_firm
from tests.views.conftest import on_worker, settle, unlock, wait_loaded


def _last_month() -> str:
    first = date.today().replace(day=1) - timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def _firm(admin, role_users):
    firm = build_firm(admin, role_users)
    firm.plan(flat_rate=M("0.10"), effective_from=date(2020, 1, 1))
    month = _last_month()
    day = date.fromisoformat(f"{month}-05")
    firm.order("o1", "WB-1", "jia", day, "1000.00", salesperson="zhang")
    firm.order("o2", "WB-2", "bing", day, "250.00", salesperson="zhao")
    return firm, month


def _open_page(qtbot, window, username, password) -> CommissionsPage:
    unlock(qtbot, window, username, password)
    page = window.page_of(CommissionsPage)
    window.nav.setCurrentRow(window.pages.index(page))
    assert not window.nav.item(window.pages.index(page)).isHidden()
    settle(qtbot, window.runner)
    return page


def _select_month(qtbot, page: CommissionsPage, month: str) -> None:
    qtbot.waitUntil(lambda: any(p.month == month for p in page.periods), timeout=10000)
    row = next(i for i, p in enumerate(page.periods) if p.month == month)
    page.period_table.selectRow(row)
    settle(qtbot, page.runner)


def test_compute_inspect_the_explanation_approve_and_lock(
    qtbot, admin, role_users, window, qtmodeltester, tmp_path, monkeypatch
):
    _, month = _firm(admin, role_users)

    page = _open_page(qtbot, window, "finance", ROLE_PASSWORD)
    assert page.compute_button.isVisible() and not page.approve_button.isVisible()
    _select_month(qtbot, page, month)
    assert page.compute_button.isEnabled()
    qtbot.mouseClick(page.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.period() is not None and page.period().state == "computed", timeout=20000
    )
    model = page.panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)
    qtmodeltester.check(model)
    settle(qtbot, window.runner)
    assert "¥125.00" in page.summary.text()  # 100.00 + 25.00 payable

    page.panel.table.selectRow(0)
    settle(qtbot, window.runner)
    text = page.explanation.toPlainText()
    assert "WB-1" in text and "10.00%" in text and "¥100.00" in text
    assert "Plan rate" in text
    # The statement is issued, rendered and written on the worker.
    out = tmp_path / "statement.pdf"
    page.save_statement("pdf", out)
    settle(qtbot, window.runner)
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in page.panel.count_label.text()

    window.lock()
    page = _open_page(qtbot, window, "manager", ROLE_PASSWORD)
    _select_month(qtbot, page, month)
    assert page.approve_button.isVisible() and page.approve_button.isEnabled()
    assert page.compute_button.isVisible()  # managers may compute too
    assert not page.lock_button.isVisible()
    asked: list[str] = []

    def no(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    with monkeypatch.context() as m:
        m.setattr(QMessageBox, "question", staticmethod(no))
        qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window.runner)
    assert len(asked) == 1 and month in asked[0] and "¥125.00" in asked[0] and "2 lines" in asked[0]
    assert page.period().state == "computed", "No approves nothing"
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window.runner)
    assert page.period().state == "approved"

    window.lock()
    page = _open_page(qtbot, window, "finance", ROLE_PASSWORD)
    _select_month(qtbot, page, month)
    assert page.lock_button.isVisible() and page.lock_button.isEnabled()
    qtbot.mouseClick(page.lock_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window.runner)
    assert page.period().state == "locked"
    assert not page.compute_button.isEnabled(), "a locked month is never computed again"
    assert {r.status for r in cm.list_lines(admin, month, 0, 10)} == {"approved"}


def test_sales_see_their_own_lines_only(qtbot, admin, role_users, window):
    _, month = _firm(admin, role_users)
    cm.compute_period(admin, month)
    page = _open_page(qtbot, window, "sales", ROLE_PASSWORD)
    _select_month(qtbot, page, month)
    model = page.panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert model.rows[0].employee_no == "S001"
    assert not page.compute_button.isVisible() and not page.lock_button.isVisible()


def test_plan_editor_refuses_overlapping_tiers_and_warns_about_forfeiting(qtbot, admin, role_users):
    build_firm(admin, role_users)
    runner = TaskRunner()
    dialog = PlanDialog(admin, runner, None, on_worker(qtbot, runner, plan_form, admin, None))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("阶梯提成")
    dialog.rate_mode.setCurrentIndex(dialog.rate_mode.findData("tiered"))
    dialog.tiers.setRowCount(0)
    for lower, upper, rate in (("0", "1000", "1"), ("800", "", "2")):
        dialog._add_tier(None)
        row = dialog.tiers.rowCount() - 1
        for col, text in enumerate((lower, upper, rate)):
            dialog.tiers.item(row, col).setText(text)
    dialog.save()
    settle(qtbot, runner)
    assert dialog.result() != QDialog.DialogCode.Accepted
    tiers_error = dialog.errors.labels["tiers"]
    assert tiers_error.isVisible() and "overlap" in tiers_error.text()

    dialog.tiers.item(1, 2).setText("-2")
    dialog.save()
    settle(qtbot, runner)
    assert "negative" in dialog.errors.labels["tiers"].text()

    assert not dialog.warning.isVisible(), "the plan proposed forfeits nothing"
    dialog.window_rule.setCurrentIndex(dialog.window_rule.findData("company"))
    assert dialog.warning.isVisible() and "Commission is wages" in dialog.warning.text()

    dialog.tiers.item(1, 0).setText("1000")
    dialog.tiers.item(1, 2).setText("2")
    dialog.save()
    settle(qtbot, runner)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_settlement_preview_shows_what_happens_to_each_amount(qtbot, admin, role_users, tmp_path):
    firm = build_firm(admin, role_users)
    firm.plan(trigger="payment", window_rule="company", after_rule="pay_within", after_days=30)
    from tests.services.commission_support import D

    firm.order("a", "WB-A", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    firm.order("w", "WB-W", "jia", D(2030, 3, 20), "400.00", salesperson="zhang")
    firm.invoice("inv", "INV-1", "jia", D(2030, 3, 31), "1400.00", orders=("a", "w"))
    firm.pay("p1", "jia", D(2030, 4, 10), ("inv", "700.00"))
    case = firm.depart()
    widget = SettlementPreview(admin, case, TaskRunner())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.settlement is not None, timeout=10000)
    groups = {
        widget.tree.topLevelItem(i).text(0): widget.tree.topLevelItem(i).text(3)
        for i in range(widget.tree.topLevelItemCount())
    }
    assert groups["Earned — settled with the final wages"] == "¥50.00"
    assert groups["Forfeited"] == "¥20.00"
    assert groups["Withheld pending collection or a successor"] == "¥50.00"
    assert "Commission is wages" in widget.warnings.text()
    out = tmp_path / "settlement.pdf"
    widget.write_pdf(out)
    qtbot.waitUntil(out.exists, timeout=20000)
    assert out.read_bytes().startswith(b"%PDF")
    issued = documents.list_documents(admin, kind="settlement")
    assert issued, "the saved settlement is recorded as an issued document"


def test_the_staff_page_shows_an_employees_commission(qtbot, admin, role_users, window):
    _, month = _firm(admin, role_users)
    cm.compute_period(admin, month)
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(StaffPage)
    window.nav.setCurrentRow(window.pages.index(page))
    settle(qtbot, window.runner)
    wait_loaded(qtbot, page.panel.model)
    row = next(i for i, r in enumerate(page.panel.model.rows) if r.employee_no == "S001")
    page.panel.table.selectRow(row)
    page.detail_tabs.setCurrentWidget(page.commission)
    settle(qtbot, window.runner)
    table = page.commission.table
    assert table.rowCount() == 1 and table.item(0, 0).text() == month
    assert table.item(0, 6).text() == "¥100.00"
    window.lock()
    unlock(qtbot, window, Role.HR.value, ROLE_PASSWORD)
    page = window.page_of(StaffPage)
    window.nav.setCurrentRow(window.pages.index(page))
    wait_loaded(qtbot, page.panel.model)
    assert not page.detail_tabs.isTabVisible(1), "HR does not see commissions"
