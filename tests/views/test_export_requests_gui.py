"""Issue 14 in the window: an export over the window limit is not a dead end. HR's export of
the customer list is refused over the limit and offers a request (reason required); the
manager and then the administrator approve it on the Alerts page (the requester cannot); HR
exports the list once with it; the next export needs a new request, which a manager rejects
with a reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from desktop.models.accounts import Role
from desktop.services import business_settings as bs
from desktop.services import customers
from desktop.services import export_approvals as ea
from desktop.views.pages.alerts import AlertsPage
from desktop.views.pages.customers import CustomersPage
from tests.conftest import ADMIN_PASSWORD, ROLE_PASSWORD
from tests.views.conftest import settle, unlock


def _show(qtbot, window, kind):
    page = window.page_of(kind)
    window.nav.setCurrentRow(window.pages.index(page))
    settle(qtbot, window.runner)
    return page


def _export(qtbot, window, monkeypatch, out: Path) -> CustomersPage:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    page = _show(qtbot, window, CustomersPage)
    page.export_request_dialog = None
    page.export_button.click()
    settle(qtbot, window.runner)
    return page


def _requests_panel(qtbot, window, user, password, request_id):
    unlock(qtbot, window, user, password)
    page = _show(qtbot, window, AlertsPage)
    panel = page.export_requests
    qtbot.waitUntil(lambda: any(r.id == request_id for r in panel.model.rows), timeout=10000)
    assert panel.isVisible()
    panel.select_request(request_id)
    return panel


def test_an_export_over_the_limit_becomes_a_request_two_approvers_grant_once(
    qtbot, admin, role_users, window, monkeypatch, tmp_path, no_blocking_dialogs
):
    bs.set(admin, bs.EXPORT_APPROVAL_THRESHOLD, 2)
    for code, name in (("C001", "恒达"), ("C002", "华南"), ("C003", "东方")):
        customers.create_customer(admin, customers.CustomerInput(code, name), None, None)
    out = tmp_path / "客户.xlsx"

    # HR: refused over the limit, offered a request; the reason is required.
    unlock(qtbot, window, role_users[Role.HR], ROLE_PASSWORD)
    page = _export(qtbot, window, monkeypatch, out)
    assert not out.exists()
    dialog = page.export_request_dialog
    assert dialog is not None and dialog.isVisible()
    assert "passes the limit of 2" in dialog.intro.text()
    dialog.submit()
    settle(qtbot, window.runner)
    assert dialog.isVisible() and "reason" in dialog.errors.labels["reason"].text()
    assert ea.list_requests(admin) == []
    dialog.reason.setPlainText("年度客户盘点")
    dialog.submit()
    settle(qtbot, window.runner)
    assert not dialog.isVisible()
    (request,) = ea.list_requests(admin)
    assert (request.rows, request.reason, request.status) == (3, "年度客户盘点", "pending")
    assert any(f"Request {request.id} was sent" in text for _k, text in no_blocking_dialogs)

    # Asking again before it is approved says it is waiting, files nothing new.
    page = _export(qtbot, window, monkeypatch, out)
    assert page.export_request_dialog is None
    assert any("is waiting" in text for _k, text in no_blocking_dialogs)
    assert len(ea.list_requests(admin)) == 1

    # The requester sees it on the Alerts page but cannot approve or reject it.
    window.lock()
    panel = _requests_panel(qtbot, window, role_users[Role.HR], ROLE_PASSWORD, request.id)
    assert not panel.approve_button.isEnabled() and not panel.reject_button.isEnabled()

    # The manager gives the first approval, then may not give the second.
    window.lock()
    panel = _requests_panel(qtbot, window, role_users[Role.MANAGER], ROLE_PASSWORD, request.id)
    assert panel.approve_button.isEnabled()
    panel.approve_button.click()
    settle(qtbot, window.runner)
    assert ea.list_requests(admin)[0].status == "first_approved"
    panel.select_request(request.id)
    assert not panel.approve_button.isEnabled()

    # The administrator gives the second.
    window.lock()
    panel = _requests_panel(qtbot, window, "admin", ADMIN_PASSWORD, request.id)
    assert panel.approve_button.isEnabled()
    panel.approve_button.click()
    settle(qtbot, window.runner)
    assert ea.list_requests(admin)[0].status == "approved"

    # HR exports the list once with it (asked first, the answer is Yes).
    window.lock()
    unlock(qtbot, window, role_users[Role.HR], ROLE_PASSWORD)
    page = _export(qtbot, window, monkeypatch, out)
    assert out.exists()
    assert f"approved by {role_users[Role.MANAGER]} and admin" in " ".join(
        text for kind, text in no_blocking_dialogs if kind == "question"
    )
    qtbot.waitUntil(lambda: "Exported 3 row" in page.panel.count_label.text(), timeout=10000)
    assert ea.list_requests(admin)[0].status == "used"

    # Used once: the next export over the limit asks for a new request.
    again = tmp_path / "again.xlsx"
    page = _export(qtbot, window, monkeypatch, again)
    assert not again.exists()
    dialog = page.export_request_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reason.setPlainText("再导一次")
    dialog.submit()
    settle(qtbot, window.runner)
    second = ea.list_requests(admin)[0]
    assert second.id != request.id and second.status == "pending"

    # A manager rejects it; the reason is required.
    window.lock()
    panel = _requests_panel(qtbot, window, role_users[Role.MANAGER], ROLE_PASSWORD, second.id)
    panel.reject_button.click()
    settle(qtbot, window.runner)
    assert any("reason for rejecting" in text for _k, text in no_blocking_dialogs)
    assert ea.list_requests(admin)[0].status == "pending"
    panel.select_request(second.id)
    panel.reason.setText("范围太大")
    panel.reject_button.click()
    settle(qtbot, window.runner)
    rejected = ea.list_requests(admin)[0]
    assert (rejected.status, rejected.reject_reason) == ("rejected", "范围太大")
