"""Settings → Backups and checks names an account changed outside Baton (plain SQL), which
the audit log does not know of; a firm changed only through Baton passes."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.views.pages.settings import SettingsPage
from tests.conftest import ADMIN_PASSWORD
from tests.views.conftest import unlock

pytestmark = pytest.mark.sqlcipher("the window's fixture opens the local vault")


def _check(qtbot, window) -> SettingsPage:
    page = window.page_of(SettingsPage)
    window.nav.setCurrentRow(window.pages.index(page))
    page.check_integrity()
    qtbot.waitUntil(lambda: bool(page.backup_note.text()), timeout=30000)
    return page


def test_an_account_raised_by_plain_sql_is_named_by_the_check(
    qtbot, admin, role_users, window, no_blocking_dialogs
):
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = _check(qtbot, window)
    assert "All checks passed" in page.backup_note.text()

    with admin.transaction() as s:
        s.execute(text("UPDATE app_user SET role = 'admin' WHERE username = 'sales'"))
    page.backup_note.clear()
    page = _check(qtbot, window)
    expected = "Account sales was changed outside Baton: role is admin, the audit log says sales"
    assert expected in page.backup_note.text()
    assert any(expected in shown for _kind, shown in no_blocking_dialogs)
