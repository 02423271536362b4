"""Typing pinyin in the customers page's search box ("wang") lists the customers whose
Chinese names read so (issue 16), through the database worker like any search."""

from __future__ import annotations

from desktop.services import customers
from desktop.services.customers.dtos import CustomerInput
from desktop.views.pages.customers import CustomersPage
from tests.conftest import ADMIN_PASSWORD
from tests.views.conftest import settle, unlock, wait_loaded


def test_typing_wang_in_the_customer_search_finds_wang_by_pinyin(qtbot, vault, window):
    admin, _ = vault
    for code, name in (("W1", "王氏物流有限公司"), ("W2", "汪洋快运"), ("Z1", "张记货运")):
        customers.create_customer(admin, CustomerInput(code=code, name=name))
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(CustomersPage)
    window.nav.setCurrentRow(window.pages.index(page))
    model = page.panel.model
    qtbot.waitUntil(lambda: model.total == 3, timeout=5000)

    qtbot.keyClicks(page.panel.search, "wang")
    qtbot.waitUntil(lambda: model.search == "wang", timeout=3000)
    wait_loaded(qtbot, model)
    settle(qtbot, window.runner)
    assert sorted(row.name for row in model.rows) == ["汪洋快运", "王氏物流有限公司"]
    assert model.total == 2

    page.panel.search.clear()
    qtbot.keyClicks(page.panel.search, "zjhy")  # initials
    qtbot.waitUntil(lambda: model.search == "zjhy", timeout=3000)
    wait_loaded(qtbot, model)
    settle(qtbot, window.runner)
    assert [row.name for row in model.rows] == ["张记货运"]
