"""Settings → Database: an administrator tests an office server's address and saves it for
this PC; a mistake is said in one line and nothing is saved; other roles do not see the tab."""

from __future__ import annotations

from desktop.config import LocalSettings
from desktop.models.accounts import Role
from desktop.views.pages.settings import SettingsPage
from tests.conftest import ADMIN_PASSWORD, ROLE_PASSWORD
from tests.views.conftest import unlock


def show_settings(window) -> SettingsPage:
    page = window.page_of(SettingsPage)
    window.nav.setCurrentRow(window.pages.index(page))
    page.tabs.setCurrentWidget(page.database_tab)
    return page


def test_test_and_save_the_server_address(
    qtbot, admin, window, paths, pg_server, pg_databases, no_blocking_dialogs
):
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = show_settings(window)
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.database_tab))

    wrong = pg_server.url("postgres", password="not-the-password")
    page.server_url.setText(wrong)
    page.test_server()
    qtbot.waitUntil(lambda: page.test_server_button.isEnabled(), timeout=20000)
    assert "refused the database user baton" in page.server_note.text()

    name = pg_databases.create()
    try:
        url = pg_server.url(name)
        page.server_url.setText(url)
        page.test_server()
        qtbot.waitUntil(lambda: "Connected to" in page.server_note.text(), timeout=20000)
        assert "The database is empty" in page.server_note.text()
        assert "PostgreSQL 1" in page.server_note.text()
        assert "encrypted with TLS" in page.server_note.text()

        page.save_server()
        assert LocalSettings(paths.settings_file).get("database_url") == url
        assert "next login" in page.server_note.text()
    finally:
        pg_databases.drop(name)

    page.server_url.setText("mysql://somewhere/db")
    page.save_server()
    assert LocalSettings(paths.settings_file).get("database_url") == url, "nothing saved"
    assert "mysql://somewhere/db" in page.server_note.text(), "the refusal names the address"
    assert no_blocking_dialogs == [], "said once, under the field, not again in a box"


def test_only_administrators_see_the_database_tab(qtbot, role_users, window):
    unlock(qtbot, window, role_users[Role.HR], ROLE_PASSWORD)
    page = show_settings(window)
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.database_tab))
