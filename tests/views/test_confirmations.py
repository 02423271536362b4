"""Bulk and destructive actions ask first, naming what and how many; No changes nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.views.pages.customers import CustomersPage
from desktop.views.pages.receipts import ReceiptsPage
from desktop.views.workers import TaskRunner


@pytest.fixture
def answer_no(monkeypatch) -> list[str]:
    asked: list[str] = []

    def no(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(no))
    return asked


def test_confirm_all_names_the_count_and_no_confirms_nothing(qtbot, admin, answer_no):
    runner = TaskRunner()
    page = ReceiptsPage(runner)
    qtbot.addWidget(page)
    page.ctx = admin
    rows = [SimpleNamespace(id=i) for i in range(150)]
    page.model.all_rows = rows  # what the worker read: 150 items waiting
    page.confirm(False)
    assert len(answer_no) == 1 and "150 item" in answer_no[0]
    assert not runner.busy(), "No starts nothing"
    runner.wait(1000)


def test_release_to_pool_names_the_customer_and_cancel_keeps_it(qtbot, admin, monkeypatch):
    """Releasing asks first, naming the customer, and asks the reason the service requires;
    Cancel releases nothing."""
    asked: list[str] = []

    def cancel(parent, title, text, *args, **kwargs):
        asked.append(text)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(cancel))
    runner = TaskRunner()
    page = CustomersPage(runner)
    qtbot.addWidget(page)
    page.ctx = admin
    row = SimpleNamespace(id=1, name="上海恒达贸易", code="C900")
    page.panel.selected = lambda: row  # the selected line of the list
    page.release()
    assert len(asked) == 1
    assert "上海恒达贸易" in asked[0] and "C900" in asked[0] and "pool" in asked[0]
    assert "Reason" in asked[0]
    assert not runner.busy(), "Cancel starts nothing"
