"""Staff, Customers and Orders pages over a demo firm; the import wizard end to end."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from desktop.models.customers import Customer
from desktop.services.demo import generate_demo
from desktop.views.import_wizard import ImportWizard
from desktop.views.pages.customers import CustomersPage
from desktop.views.pages.orders import OrdersPage
from desktop.views.pages.staff import StaffPage
from desktop.views.workers import TaskRunner
from tests.conftest import ADMIN_PASSWORD
from tests.views.conftest import settle, unlock, wait_loaded


def test_customer_list_filters_as_you_type(qtbot, vault, window, qtmodeltester):
    admin, _ = vault
    generate_demo(admin, "small", seed=7)
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(CustomersPage)
    window.nav.setCurrentRow(window.pages.index(page))
    model = page.panel.model
    qtbot.waitUntil(lambda: model.total == 300, timeout=3000)
    qtmodeltester.check(model)

    qtbot.keyClicks(page.panel.search, "C00012")
    qtbot.waitUntil(lambda: model.search == "C00012", timeout=3000)
    wait_loaded(qtbot, model)
    settle(qtbot, window.runner)
    codes = [row.code for row in model.rows]
    assert codes and all("C00012" in code for code in codes)
    assert model.total == len(codes)
    assert page.pane.detail is not None, "the first match is shown in the detail pane"
    assert page.pane.detail.code in codes
    assert page.pane.history.rowCount() >= 1, "the ownership timeline is filled"

    page.panel.search.clear()
    qtbot.waitUntil(lambda: model.search == "" and model.total == 300, timeout=3000)


def test_staff_and_money_pages_show_the_demo_firm(qtbot, vault, window):
    admin, _ = vault
    generate_demo(admin, "small", seed=7)
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    staff_page = window.page_of(StaffPage)
    window.nav.setCurrentRow(window.pages.index(staff_page))
    wait_loaded(qtbot, staff_page.panel.model)
    settle(qtbot, window.runner)
    assert staff_page.panel.model.rowCount() > 10
    assert "*" in staff_page.pane.text.text(), "ID numbers are masked until asked for"

    orders_page = window.page_of(OrdersPage)
    window.nav.setCurrentRow(window.pages.index(orders_page))
    model = orders_page.orders.panel.model
    qtbot.waitUntil(lambda: (model.total or 0) > 1000, timeout=3000)
    orders_page.tabs.setCurrentIndex(3)
    settle(qtbot, window.runner)
    assert orders_page.aging.table.rowCount() > 1
    assert "outstanding" in orders_page.aging.summary.text()


def test_import_wizard_shows_errors_then_imports(qtbot, admin, tmp_path):
    bad = tmp_path / "customers.csv"
    bad.write_text(
        '客户编码,客户名称,信用额度\nC001,恒达,"1,000.00"\nC001,华南,abc\n', encoding="utf-8"
    )
    wizard = ImportWizard(admin, TaskRunner(), "customers")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(bad))
    wizard.next()  # the file is read on the worker; the page goes on when it is read
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10000)
    assert [c.currentData() for c in wizard.mapping_page.combos] == ["code", "name", "credit_limit"]
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.preview is not None, timeout=10000)
    assert not preview.isComplete()
    problems = {preview.errors.item(r, 1).text() for r in range(preview.errors.rowCount())}
    assert {"客户编码", "信用额度"} <= problems
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    bad.write_text(
        '客户编码,客户名称,信用额度\nC001,恒达,"1,000.00"\nC002,华南,500\n', encoding="utf-8"
    )
    wizard.back()
    wizard.next()
    qtbot.waitUntil(lambda: preview.preview is not None and preview.isComplete(), timeout=10000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=20000)
    assert wizard.run_page.result.inserted["customers"] == 2
    assert wizard.result_changes is not None
    with admin.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 2


def test_dashboard_shows_the_firm_at_a_glance(qtbot, vault, window):
    from desktop.views.pages.dashboard import DashboardPage

    admin, _ = vault
    generate_demo(admin, "small", seed=7)
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(DashboardPage)
    qtbot.waitUntil(lambda: page.cards["customers"].value.text() != "—", timeout=10000)
    assert page.cards["outstanding"].value.text().startswith("¥")
    assert len(page.aging_chart.bars) == 7, "not yet due + the six default aging buckets"
    assert page.cases_chart.isVisibleTo(page)


def test_sales_dashboard_hides_what_the_role_cannot_see(qtbot, vault, window, paths):
    from desktop.views.pages.dashboard import DashboardPage

    admin, _ = vault
    generate_demo(admin, "small", seed=7)
    admin.close()
    unlock(qtbot, window, "sales", "demo-password")
    page = window.page_of(DashboardPage)
    qtbot.waitUntil(lambda: page.cards["customers"].value.text() != "—", timeout=10000)
    assert not page.cards["staff"].isVisibleTo(page), "sales do not see the staff count"
    assert not page.cases_chart.isVisibleTo(page), "nor departure cases"


def test_dashboard_deadline_shows_names_as_text(qtbot):
    from datetime import date
    from decimal import Decimal

    from desktop.services.dashboard import DashboardData, DeadlineLine
    from desktop.views.pages.dashboard import DashboardPage

    page = DashboardPage(TaskRunner())
    qtbot.addWidget(page)
    line = DeadlineLine(
        1, "D2026-0001", "<b>Li & Co</b>", "Return the badge", {}, date.today(), True
    )
    page.show_data(
        DashboardData("Firm", 1, 1, 0, Decimal(0), Decimal(0), Decimal(0), (), {}, (line,), 0)
    )
    assert "&lt;b&gt;Li &amp; Co&lt;/b&gt;" in page.deadlines.text(), "a name is never markup"
