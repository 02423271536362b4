"""The language chosen in Settings says it applies at the next start, and does; a wrong
password is one warning line in the log, never a traceback (window and CLI)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt

from desktop.config import LocalSettings
from desktop.views.language import (
    choose_language,
    current_language,
    install_translators,
    uninstall_translators,
)
from desktop.views.main_window import MainWindow
from desktop.views.pages.settings import SettingsPage
from tests.conftest import ADMIN_PASSWORD
from tests.support import run_baton
from tests.views.conftest import settle, unlock


def test_language_chosen_in_settings_applies_on_restart(qtbot, qapp, vault, window, paths):
    admin, _ = vault
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(SettingsPage)
    window.nav.setCurrentRow(window.pages.index(page))
    settle(qtbot, window.runner)
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    page.save_general()
    assert "applies when Baton starts again" in page.general_note.text()

    # The next start reads the saved choice and opens in Chinese, as make_application does.
    window.lock()
    stored = LocalSettings(paths.settings_file)
    language = choose_language(str(stored.get("language")))
    assert language == "zh_CN"
    installed = install_translators(qapp, language)
    try:
        assert current_language() == "zh_CN"
        again = MainWindow(paths, stored)
        qtbot.addWidget(again)
        titles = [again.nav.item(i).text() for i in range(again.nav.count())]
        assert "设置" in titles and "Settings" not in titles, titles
        assert again.lock_screen.unlock_button.text() == "解锁"
    finally:
        uninstall_translators(qapp, installed)


def test_wrong_password_in_the_window_is_one_warning_without_traceback(
    qtbot, vault, window, caplog
):
    admin, _ = vault
    admin.close()
    baton = logging.getLogger("baton")
    own = not baton.propagate  # the application's log setup stops propagation to the root
    if own:
        baton.addHandler(caplog.handler)
    try:
        screen = window.lock_screen
        screen.username.setText("admin")
        qtbot.keyClicks(screen.password, "not-the-password")
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not screen.busy and screen.message.isVisible(), timeout=20000)
    finally:
        if own:
            baton.removeHandler(caplog.handler)
    records = [r for r in caplog.records if r.name.startswith("baton")]
    assert [r.levelno for r in records] == [logging.WARNING], [r.getMessage() for r in records]
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text
    assert "not-the-password" not in caplog.text


def test_wrong_password_on_the_command_line_is_one_warning_in_the_log(vault, paths):
    admin, _ = vault
    admin.close()
    proc = run_baton(paths.data_dir, "verify", password="wrong-password-1")
    assert proc.returncode == 3, proc.stderr
    log = (paths.logs / "baton.log").read_text(encoding="utf-8")
    lines = [line for line in log.splitlines() if "refused" in line]
    assert len(lines) == 1 and " WARNING " in lines[0], log
    assert "Wrong user name or password" in lines[0]
    assert "Traceback" not in log and "wrong-password-1" not in log
