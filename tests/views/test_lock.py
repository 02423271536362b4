"""Unlock with a wrong then a right password; idle auto-lock hides data; unlock restores it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.views.pages.dashboard import DashboardPage
from tests.conftest import ADMIN_PASSWORD
from tests.views.conftest import unlock


def test_wrong_then_right_password(qtbot, vault, window):
    admin, _ = vault
    admin.close()
    screen = window.lock_screen
    assert window.is_locked
    screen.username.setText("admin")
    qtbot.keyClicks(screen.password, "not-the-password")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.busy and screen.message.isVisible(), timeout=20000)
    assert "Wrong user name or password" in screen.message.text()
    assert window.is_locked
    assert screen.password.text() == "", "a failed password is cleared"

    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    assert not window.is_locked
    dashboard = window.page_of(DashboardPage)
    qtbot.waitUntil(lambda: dashboard.heading.text() == "上海迅达物流有限公司", timeout=5000)


def test_idle_lock_hides_data_and_unlock_restores_it(qtbot, vault, window, settings):
    admin, _ = vault
    admin.close()
    settings.set("idle_lock_seconds_override", 1)
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    dashboard = window.page_of(DashboardPage)
    qtbot.waitUntil(lambda: dashboard.heading.text() == "上海迅达物流有限公司", timeout=5000)

    with qtbot.waitSignal(window.locked, timeout=10000):
        pass
    assert window.is_locked
    assert window.central.currentWidget() is window.lock_screen
    assert dashboard.heading.text() == "", "the data is hidden, not just covered"
    assert window.ctx is None, "locking disposes the connections"

    settings.set("idle_lock_seconds_override", 0)
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: dashboard.heading.text() == "上海迅达物流有限公司", timeout=5000)


def test_lock_button_and_shortcut(qtbot, vault, window):
    admin, _ = vault
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert window.is_locked
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked


def test_lock_screen_names_the_server_without_its_password(window, settings):
    screen = window.lock_screen
    assert screen.recovery_button.isVisible() and screen.where.isHidden()
    settings.set("database_url", "postgresql+psycopg://baton:s3cret@db.office/baton")
    screen.prepare()
    assert screen.where.isVisible()
    assert "db.office" in screen.where.text() and "s3cret" not in screen.where.text()
    assert not screen.recovery_button.isVisible(), "a server has no recovery key"
    settings.set("database_url", "")
    screen.prepare()
    assert screen.where.isHidden() and screen.recovery_button.isVisible()
