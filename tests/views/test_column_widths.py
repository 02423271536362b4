"""Column widths: the lists fit their columns to the contents, and a width the user set by
hand is remembered per table, so a new window (tomorrow's start) shows it again."""

from __future__ import annotations

from desktop.services.demo import generate_demo
from desktop.views.main_window import MainWindow
from desktop.views.pages.customers import CustomersPage
from desktop.views.pages.orders import OrdersPage
from desktop.views.widgets.column_memory import saved_widths
from tests.conftest import ADMIN_PASSWORD
from tests.views.conftest import settle, unlock, wait_loaded


def _show(qtbot, window, kind):
    page = window.page_of(kind)
    window.nav.setCurrentRow(window.pages.index(page))
    settle(qtbot, window.runner)
    return page


def _orders_panel(qtbot, window):
    page = _show(qtbot, window, OrdersPage)
    panel = page.orders.panel
    wait_loaded(qtbot, panel.model)
    settle(qtbot, window.runner)
    return panel


def test_a_width_set_by_the_user_survives_a_new_window(qtbot, vault, window, paths, settings):
    admin, _ = vault
    generate_demo(admin, "small", seed=7)
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    panel = _orders_panel(qtbot, window)
    header = panel.table.horizontalHeader()
    fitted = [header.sectionSize(i) for i in range(header.count())]
    # Fitted to contents: the date column is no wider than a date needs.
    assert fitted[1] < 160
    salesperson = 3  # the customer's column (2) takes the spare width
    wanted = fitted[salesperson] + 137
    header.resizeSection(salesperson, wanted)  # the user drags the column's edge
    qtbot.waitUntil(lambda: len(saved_widths("OrdersList")) == header.count(), timeout=3000)
    assert saved_widths("OrdersList")[salesperson] == wanted
    # Another table keeps its own widths.
    customers = _show(qtbot, window, CustomersPage)
    wait_loaded(qtbot, customers.panel.model)
    assert saved_widths("CustomersList") == []
    window.lock()
    window.runner.wait(30000)
    window.close()

    again = MainWindow(paths, settings)
    qtbot.addWidget(again)
    again.show()
    try:
        unlock(qtbot, again, "admin", ADMIN_PASSWORD)
        panel = _orders_panel(qtbot, again)
        header = panel.table.horizontalHeader()
        assert header.sectionSize(salesperson) == wanted
        # The other columns are as the user left them (the fitted widths then).
        assert header.sectionSize(1) == fitted[1]
    finally:
        again.runner.wait(30000)
        if again.ctx is not None:
            again.ctx.close()
            again.ctx = None


def test_widths_of_another_shape_are_not_applied(qtbot, vault, window, dialog_folders):
    from PySide6.QtCore import QSettings

    store = QSettings(str(dialog_folders), QSettings.Format.IniFormat)
    store.setValue("columns/OrdersList", "10,20,30")  # an older version's columns
    store.setValue("columns/CustomersList", "garbage,x")
    store.sync()
    admin, _ = vault
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    panel = _orders_panel(qtbot, window)
    header = panel.table.horizontalHeader()
    assert header.sectionSize(0) != 10 and header.sectionSize(2) != 30
    customers = _show(qtbot, window, CustomersPage)
    wait_loaded(qtbot, customers.panel.model)
    settle(qtbot, window.runner)
    assert customers.panel.table.horizontalHeader().sectionSize(0) > 0
