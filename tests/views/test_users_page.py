"""Administrators add and disable users from the Users & keys page."""

from __future__ import annotations

from desktop.errors import AccountDisabled
from desktop.services.login import login
from desktop.views.pages.users import UsersPage
from tests.conftest import ADMIN_PASSWORD
from tests.views.conftest import settle, unlock


def test_add_then_disable_user(qtbot, vault, window, paths, monkeypatch):
    admin, _ = vault
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(UsersPage)
    window.nav.setCurrentRow(window.pages.index(page))

    from desktop.services import accounts

    page.ctx and accounts.add_user(page.ctx, "lihua", "李华", "sales", "lihua-pass-1")
    page.refresh()
    settle(qtbot, window.runner)
    names = [u.username for u in page.model.rows]
    assert "lihua" in names

    row = names.index("lihua")
    page.table.selectRow(row)
    assert page.buttons["disable"].text() == "Disable"
    monkeypatch.setattr(
        "desktop.views.pages.users.QInputDialog.getText", lambda *a, **k: ("left the firm", True)
    )
    page.toggle_disabled()
    settle(qtbot, window.runner)
    user = next(u for u in page.model.rows if u.username == "lihua")
    assert user.disabled and user.disabled_reason == "left the firm"
    try:
        login(paths, "lihua", "lihua-pass-1")
    except AccountDisabled as exc:
        assert "disabled" in exc.message()
    else:  # pragma: no cover - the assertion is the point
        raise AssertionError("a disabled user logged in")
