"""Widget fixtures: settings in tmp_path, a window over a real vault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.config import LocalSettings, Paths
from desktop.services import context
from desktop.views.app import apply_style
from desktop.views.main_window import MainWindow
from desktop.views.threadguard import GuiThreadGuard


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


def settle(qtbot, runner, timeout: int = 20000) -> None:
    """Wait until the worker has nothing left to run and its answers reached the screen:
    screens read and save on the worker, so a test waits for them as a user would."""
    from PySide6.QtWidgets import QApplication

    def idle() -> bool:
        QApplication.processEvents()
        return not runner.busy()

    qtbot.waitUntil(idle, timeout=timeout)
    QApplication.processEvents()


def on_worker(qtbot, runner, fn, *args, **kwargs):
    """Run ``fn`` on the worker as a screen would, wait, and return its result (or raise)."""
    out: dict[str, object] = {}
    runner.start(
        fn,
        *args,
        on_done=lambda result: out.setdefault("result", result),
        on_error=lambda exc: out.setdefault("error", exc),
        **kwargs,
    )
    qtbot.waitUntil(lambda: bool(out), timeout=20000)
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["result"]


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
    settle(qtbot, win.runner)


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """Message boxes answer at once (Yes), text prompts Cancel, all recorded; a crash dialog
    fails the test."""
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

    # A text prompt never waits for a hand that is not there: it answers Cancel, recorded.
    from PySide6.QtWidgets import QInputDialog

    def prompt(parent, title, text, *args, **kwargs):
        shown.append(("prompt", text))
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(prompt))
    return shown


@pytest.fixture(autouse=True)
def dialog_folders(tmp_path, monkeypatch) -> Path:
    """The last folder of the file dialogs is kept in a file of the test, not the user's."""
    from PySide6.QtCore import QSettings

    store = tmp_path / "dialogs.ini"
    monkeypatch.setattr(
        "desktop.views.filedialogs.settings_store",
        lambda: QSettings(str(store), QSettings.Format.IniFormat),
    )
    return store


@pytest.fixture(autouse=True, scope="session")
def baton_style(qapp) -> None:
    """The views are tested as they look: baton.qss applied, as make_application does."""
    apply_style(qapp)


@pytest.fixture(autouse=True)
def gui_thread_guard(request: pytest.FixtureRequest) -> Iterator[GuiThreadGuard]:
    """Database work or Argon2 started by a screen on the GUI thread fails the test: the
    guard raises ``ServiceCallOnGuiThread`` at the call, and any slip a view swallowed fails
    the test here."""
    guard = GuiThreadGuard(strict=True)
    context.set_thread_guard(guard)
    yield guard
    context.set_thread_guard(None)
    assert not guard.slips, "service calls on the GUI thread:\n" + "\n".join(guard.slips)


@pytest.fixture(autouse=True, scope="session")
def english_catalog(qapp) -> Iterator[None]:
    """Baton's English catalog (the plural forms: "1 customer", "2 customers"), installed as
    the application installs it for an English window."""
    from desktop.views.app import install_translators

    installed = install_translators(qapp, "en")
    assert installed, "resources/translations/baton_en.qm is missing: run `make translations`"
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def wait_loaded(qtbot, model, timeout: int = 10000) -> None:
    """Wait until a paged model's first page and count (if any) arrived from the worker.

    Paged lists load on the database worker: a test waits for the answer, as a user waits
    for "Loading…" to go, instead of assuming the rows are there when ``reload`` returns."""
    qtbot.waitUntil(lambda: model.generation > 0 and model.settled, timeout=timeout)
