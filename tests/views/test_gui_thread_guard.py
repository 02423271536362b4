"""The guard against database work and Argon2 on the GUI thread, and the work moved off it."""

from __future__ import annotations

import logging
import time

import pytest

from desktop.errors import BatonError
from desktop.services import context, organisation
from desktop.services.login import login
from desktop.storage.vault import KdfParams, derive_key
from desktop.views.pages.audit import AuditPage
from desktop.views.threadguard import (
    GuiThreadGuard,
    ServiceCallOnGuiThread,
    install_thread_guard,
    on_gui_thread,
)
from desktop.views.widgets.commissions import EmployeeCommissions
from desktop.views.workers import TaskRunner
from tests.conftest import ADMIN_PASSWORD, COMPANY
from tests.views.conftest import settle, unlock


def _answer_on_gui_thread(qtbot, fn, *args):
    """Call ``fn`` from a screen's callback on the GUI thread (the slip the guard names);
    returns what it raised, or None."""
    runner = TaskRunner()
    got: dict[str, object] = {}

    def on_done(_result: object) -> None:
        try:
            fn(*args)
        except BaseException as exc:  # recorded for the assertion
            got["error"] = exc
        got["ran"] = True

    runner.start(lambda: None, on_done=on_done)
    qtbot.waitUntil(lambda: "ran" in got, timeout=10000)
    return got.get("error")


def test_a_query_from_a_screen_on_the_gui_thread_fails_loudly(qtbot, admin, gui_thread_guard):
    error = _answer_on_gui_thread(qtbot, organisation.company_name, admin)
    assert isinstance(error, ServiceCallOnGuiThread)
    assert isinstance(error, AssertionError) and not isinstance(error, BatonError)
    assert "read on the GUI thread" in str(error)
    # A view that swallowed it still fails its test: the slip is remembered.
    assert len(gui_thread_guard.slips) == 1
    gui_thread_guard.slips.clear()


def test_a_screen_reading_directly_is_refused_before_the_database_is_touched(
    qtbot, admin, gui_thread_guard
):
    with pytest.raises(ServiceCallOnGuiThread, match="read on the GUI thread"):
        EmployeeCommissions.read(admin, 1)
    gui_thread_guard.slips.clear()


def test_a_write_from_a_screen_on_the_gui_thread_fails_loudly(qtbot, admin, gui_thread_guard):
    def save() -> None:
        with admin.transaction():
            pass

    error = _answer_on_gui_thread(qtbot, save)
    assert isinstance(error, ServiceCallOnGuiThread) and "transaction" in str(error)
    gui_thread_guard.slips.clear()


def test_argon2_from_a_screen_on_the_gui_thread_fails_loudly(qtbot, vault, paths, gui_thread_guard):
    admin, _ = vault
    admin.close()
    error = _answer_on_gui_thread(qtbot, login, paths, "admin", ADMIN_PASSWORD)
    assert isinstance(error, ServiceCallOnGuiThread) and "login" in str(error)
    error = _answer_on_gui_thread(
        qtbot, derive_key, b"secret", KdfParams(1, 8 * 1024, 1, b"\0" * 16)
    )
    assert isinstance(error, ServiceCallOnGuiThread) and "argon2" in str(error)
    gui_thread_guard.slips.clear()


def test_the_worker_and_test_code_may_call_services(qtbot, admin, gui_thread_guard):
    runner = TaskRunner()
    got: list[object] = []
    runner.start(organisation.company_name, admin, on_done=got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    assert got == [COMPANY]
    assert organisation.company_name(admin) == COMPANY, "no screen on the stack: not a slip"
    assert not gui_thread_guard.slips


def test_the_application_logs_a_slip_once_per_place_instead_of_crashing(qtbot, admin, caplog):
    guard = install_thread_guard(strict=False)
    try:
        with caplog.at_level(logging.WARNING, logger="baton.threadguard"):
            for _ in range(2):
                assert _answer_on_gui_thread(qtbot, organisation.company_name, admin) is None
    finally:
        context.set_thread_guard(None)
    warnings = [r for r in caplog.records if r.name == "baton.threadguard"]
    assert len(warnings) == 1 and "read on the GUI thread" in warnings[0].getMessage()
    assert len(guard.slips) == 2


def test_the_lock_screen_runs_argon2_off_the_gui_thread(qtbot, vault, window, gui_thread_guard):
    admin, _ = vault
    admin.close()
    seen: list[tuple[str, bool]] = []

    def recording(what: str) -> None:
        seen.append((what, on_gui_thread()))
        gui_thread_guard(what)

    context.set_thread_guard(recording)
    try:
        unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    finally:
        context.set_thread_guard(gui_thread_guard)
    kdf = [gui for what, gui in seen if what == "argon2"]
    assert kdf, "the unlock derived a key"
    assert not any(kdf), "Argon2 ran on the GUI thread"
    assert ("login", False) in seen
    assert not any(gui for _what, gui in seen), "nothing of the unlock ran on the GUI thread"
    # What the unlock shows was read on the worker: the firm's name in the title.
    qtbot.waitUntil(lambda: COMPANY in window.windowTitle(), timeout=10000)


def test_a_late_answer_is_not_shown_on_a_locked_window(qtbot, vault, window):
    admin, _ = vault
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = window.page_of(AuditPage)
    shown: list[object] = []

    def slow() -> str:
        time.sleep(0.3)
        return "data"

    page.ctx = window.ctx
    page.run(slow, on_done=shown.append)
    window.lock()
    settle(qtbot, window.runner)
    assert shown == [], "the answer arrived after the lock and was dropped"


def test_the_guard_is_a_plain_callable_the_services_know_nothing_about() -> None:
    guard = GuiThreadGuard(strict=True)
    previous = context.set_thread_guard(guard)
    try:
        context.check_thread("read")  # the test's own thread, no screen on the stack
    finally:
        context.set_thread_guard(previous)
    assert guard.slips == []
