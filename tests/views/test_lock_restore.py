"""The lock screen's "Restore from a backup…" on a damaged vault asks for the restore
permission: a sales or auditor account is refused, an administrator restores."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.models.audit import AuditEvent
from desktop.services.login import login
from desktop.views.lock_screen import LockScreen
from tests.support import ADMIN_PASSWORD, vault_hashes
from tests.test_cli_restore_roles import ROLE_PASSWORD, damaged_vault_with_roles, the_backup
from tests.views.conftest import settle


def damaged_unlock(qtbot, screen: LockScreen, user: str, password: str) -> None:
    screen.username.setText(user)
    screen.password.clear()
    qtbot.keyClicks(screen.password, password)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.busy and screen.restore_button.isVisible(), timeout=30000)


def restore_from_lock_screen(qtbot, window, monkeypatch, user: str, password: str) -> None:
    screen = window.lock_screen
    damaged_unlock(qtbot, screen, user, password)
    backup = the_backup(window.paths)
    monkeypatch.setattr(
        "desktop.views.filedialogs.QFileDialog.getOpenFileName",
        lambda *a, **k: (str(backup), ""),
    )
    qtbot.keyClicks(screen.password, password)  # the failed unlock cleared it
    qtbot.mouseClick(screen.restore_button, Qt.MouseButton.LeftButton)
    # The restore runs on the worker after its question; wait for its answer to reach the
    # screen (the refusal's warning or the success message), not for a fixed time.
    settle(qtbot, window.runner, timeout=60000)


@pytest.mark.parametrize("role", ["sales", "auditor"])
def test_lock_screen_restore_refuses_roles_without_the_permission(
    qtbot, paths, window, monkeypatch, no_blocking_dialogs, role
):
    damaged_vault_with_roles(paths)
    before = vault_hashes(paths)
    restore_from_lock_screen(qtbot, window, monkeypatch, role, ROLE_PASSWORD)
    warnings = [text for kind, text in no_blocking_dialogs if kind == "warning"]
    assert any(f"({role}) does not allow this" in text for text in warnings), no_blocking_dialogs
    assert vault_hashes(paths) == before
    assert "restored" not in window.lock_screen.message.text()


def test_lock_screen_restore_by_the_admin_works(
    qtbot, paths, window, monkeypatch, no_blocking_dialogs
):
    damaged_vault_with_roles(paths)
    restore_from_lock_screen(qtbot, window, monkeypatch, "admin", ADMIN_PASSWORD)
    qtbot.waitUntil(
        lambda: "restored and verified" in window.lock_screen.message.text(), timeout=30000
    )
    # The lock screen's restore is the command line's (restore_with_password): it is audited.
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with ctx.read() as s:
            assert s.scalar(select(AuditEvent.seq).where(AuditEvent.action == "backup.restored"))
    finally:
        ctx.close()
