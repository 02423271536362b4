"""Each role sees only the pages it may use; unbuilt pages say so."""

from __future__ import annotations

import pytest

from desktop.models.accounts import Role
from desktop.views.pages.alerts import AlertsPage
from desktop.views.pages.audit import AuditPage
from desktop.views.pages.placeholder import PlaceholderPage
from desktop.views.pages.users import UsersPage
from tests.conftest import ADMIN_PASSWORD, ROLE_PASSWORD
from tests.views.conftest import settle, unlock, wait_loaded


def visible_titles(window):
    return [window.nav.item(i).text() for i in window.visible_pages()]


@pytest.mark.parametrize(
    ("role", "sees", "hidden"),
    [
        (Role.ADMIN, {"Users & keys", "Audit", "Settings", "Staff"}, set()),
        (Role.SALES, {"Dashboard", "Customers", "Settings"}, {"Users & keys", "Audit", "Staff"}),
        (Role.AUDITOR, {"Audit", "Users & keys", "Staff"}, set()),
        (Role.FINANCE, {"Orders & Receivables", "Commissions"}, {"Users & keys", "Departures"}),
    ],
)
def test_pages_follow_the_role(qtbot, window, role_users, role, sees, hidden):
    password = ADMIN_PASSWORD if role is Role.ADMIN else ROLE_PASSWORD
    unlock(qtbot, window, role_users[role], password)
    titles = set(visible_titles(window))
    assert sees <= titles
    assert not (hidden & titles)


def test_the_alerts_page_says_what_it_is_for_and_who_sees_it(qtbot, window, role_users):
    # The last placeholder (Alerts) is built: it states its purpose and that a signal is not
    # proof; auditors, finance and sales do not see it.
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    index = next(i for i, p in enumerate(window.pages) if isinstance(p, AlertsPage))
    window.nav.setCurrentRow(index)
    labels = [w.text() for w in window.pages[index].findChildren(type(window.state_label))]
    assert any("A signal is not proof" in text for text in labels)
    assert not any(isinstance(p, PlaceholderPage) for p in window.pages)
    window.lock()
    unlock(qtbot, window, role_users[Role.AUDITOR], ROLE_PASSWORD)
    assert window.nav.item(index).isHidden()


def test_auditor_cannot_manage_users(qtbot, window, role_users):
    unlock(qtbot, window, role_users[Role.AUDITOR], ROLE_PASSWORD)
    page = window.page_of(UsersPage)
    window.nav.setCurrentRow(window.pages.index(page))
    settle(qtbot, window.runner)
    assert page.model.rowCount() >= 6
    assert not page.buttons["add"].isEnabled()
    assert not page.buttons["rotate"].isEnabled()


def test_audit_page_lists_and_verifies(qtbot, window, role_users, qtmodeltester):
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(AuditPage)
    window.nav.setCurrentRow(window.pages.index(page))
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() > 5
    qtmodeltester.check(page.model)
    page.verify()
    settle(qtbot, window.runner)
    assert "intact" in page.result.text()
    # the list has the page's height: no empty half above it, before or after the verdict
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert page.table.height() > 0.75 * page.height()
    qtbot.keyClicks(page.search, "app_user")
    qtbot.waitUntil(lambda: page.model.search == "app_user", timeout=3000)
    wait_loaded(qtbot, page.model)
    assert all("app_user" in f"{r.entity} {r.action} {r.actor}" for r in page.model.rows)
