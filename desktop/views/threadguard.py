"""The guard against database work and Argon2 on the GUI thread.

A query, a save or a key derivation run by a screen on the thread that draws the window
freezes the window for as long as it takes (seconds behind a writer, or for Argon2). Screens
hand such work to the ``TaskRunner`` (``views/workers.py``); this guard names the slips. The
services call it through ``services.context.set_thread_guard`` (they know no Qt): it looks
whether the current thread is the application's GUI thread and whether screen code
(``desktop.views``) is on the stack -- test code that prepares data on the main thread, or a
command-line run, is not a screen.

In the application a slip is logged once per call site (a frozen moment is better than a
crash); the view tests install the strict form, which raises ``ServiceCallOnGuiThread`` and
also remembers the slip, so a view that swallows exceptions still fails its test.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThread

from desktop.logs import get_logger
from desktop.services import context

log = get_logger("threadguard")

VIEWS_PACKAGE = "desktop.views"


class ServiceCallOnGuiThread(AssertionError):
    """A bug, never a user error: a screen ran database work or Argon2 on the GUI thread."""


def on_gui_thread() -> bool:
    """True on the thread that runs the Qt application's event loop."""
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def view_call_site() -> str | None:
    """``module:function:line`` of the innermost screen frame on the stack, else ``None``."""
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if (
            module == VIEWS_PACKAGE or module.startswith(VIEWS_PACKAGE + ".")
        ) and module != __name__:
            return f"{module}:{frame.f_code.co_name}:{frame.f_lineno}"
        frame = frame.f_back
    return None


class GuiThreadGuard:
    """The callable installed into the services; ``strict`` raises, else it logs once a site."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.slips: list[str] = []
        self._logged: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, what: str) -> None:
        if not on_gui_thread():
            return
        site = view_call_site()
        if site is None:
            return
        message = f"{what} on the GUI thread, called from {site}; hand it to the TaskRunner"
        with self._lock:
            self.slips.append(message)
            first = site not in self._logged
            self._logged.add(site)
        if self.strict:
            raise ServiceCallOnGuiThread(message)
        if first:
            log.warning("%s", message)


def install_thread_guard(*, strict: bool) -> GuiThreadGuard:
    """Install a guard for this process (replacing any); returns it to read its slips."""
    guard = GuiThreadGuard(strict)
    context.set_thread_guard(guard)
    return guard


def remove_thread_guard() -> Callable[[str], None] | None:
    """Remove the installed guard; returns it."""
    return context.set_thread_guard(None)
