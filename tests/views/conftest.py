"""Widget fixtures: settings in tmp_path, a window over a real vault."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.config import LocalSettings, Paths
from desktop.views.main_window import MainWindow


@pytest.fixture
def settings(paths: Paths) -> LocalSettings:
    s = LocalSettings(paths.settings_file)
    s.set("language", "en")
    return s


@pytest.fixture
def window(qtbot, paths: Paths, settings: LocalSettings) -> Iterator[MainWindow]:
    win = MainWindow(paths, settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.wait(30000)
    if win.ctx is not None:
        win.ctx.close()
        win.ctx = None


def unlock(qtbot, win: MainWindow, username: str, password: str) -> None:
    """Type credentials into the lock screen and wait for the workspace."""
    screen = win.lock_screen
    screen.username.setText(username)
    screen.password.clear()
    qtbot.keyClicks(screen.password, password)
    with qtbot.waitSignal(win.unlocked, timeout=20000):
        qtbot.mouseClick(
            screen.unlock_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton
        )


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """Message boxes answer at once (Yes) and are recorded; a crash dialog fails the test."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def box(kind):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return QMessageBox.StandardButton.Yes

        return staticmethod(show)

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))

    def crash(parent, exc):
        raise AssertionError(f"the GUI met an unexpected error: {exc!r}") from exc

    monkeypatch.setattr("desktop.views.errors.show_crash", crash)
    return shown


def wait_loaded(qtbot, model, timeout: int = 10000) -> None:
    """Wait until a paged model's first page and count (if any) arrived from the worker.

    Paged lists load on the database worker: a test waits for the answer, as a user waits
    for "Loading…" to go, instead of assuming the rows are there when ``reload`` returns."""
    qtbot.waitUntil(lambda: model.generation > 0 and model.settled, timeout=timeout)
