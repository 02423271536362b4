"""Running service calls off the GUI thread, with progress and cancel.

A :class:`Task` runs one callable on a ``QThreadPool`` thread; the callable may accept a
:class:`Progress` to report steps and to see whether the user pressed Cancel. Results and
errors come back to callbacks on the GUI thread by signal. Widgets never touch a session
from a worker: the callable is a service function that opens its own unit of work.
"""

from __future__ import annotations

import inspect
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.errors import CredentialsError
from desktop.logs import get_logger, safe_code, safe_traceback

log = get_logger("workers")


class Cancelled(Exception):
    """Raised inside a task when the user cancelled it."""


class Progress:
    """Handed to a task: report (done, total, label); check ``cancelled``."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int, label: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._emit(done, total, label)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class Task(QRunnable):
    """One background job; keep a reference (``TaskRunner`` does) until it finishes."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self.progress = Progress(self.signals.progress.emit)
        self._fn, self._args, self._kwargs = fn, args, kwargs
        try:
            self._wants_progress = "progress" in inspect.signature(fn).parameters
        except (TypeError, ValueError):
            self._wants_progress = False

    def run(self) -> None:
        try:
            if self._wants_progress:
                result = self._fn(*self._args, progress=self.progress, **self._kwargs)
            else:
                result = self._fn(*self._args, **self._kwargs)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # handed to the GUI thread, which decides how to show it
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Starts tasks and keeps them alive; one runner per window."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._running: set[Task] = set()

    def start(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        **kwargs: Any,
    ) -> Task:
        task = Task(fn, *args, **kwargs)
        self._running.add(task)

        def finish() -> None:
            self._running.discard(task)

        def done(result: Any) -> None:
            finish()
            if on_done:
                on_done(result)

        def failed(exc: BaseException, tb: str) -> None:
            finish()
            name = getattr(fn, "__name__", fn)
            if isinstance(exc, CredentialsError):
                # A mistyped password is an everyday event, not a fault: one line, no trace.
                log.warning("task %s refused: %s", name, safe_code(exc))
            else:
                # Never the formatted text (``tb``): exception messages can quote record content.
                log.error("task %s failed: %s", name, safe_traceback(exc))
            if on_error:
                on_error(exc)

        def cancelled() -> None:
            finish()
            if on_cancel:
                on_cancel()

        task.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
        task.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        task.signals.cancelled.connect(cancelled, Qt.ConnectionType.QueuedConnection)
        if on_progress:
            task.signals.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
        self.pool.start(task)
        return task

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


def run_with_progress(
    parent: QWidget,
    runner: TaskRunner,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
    **kwargs: Any,
) -> Task:
    """Run ``fn`` in the background behind a modal progress dialog with Cancel."""
    cancel_text = QCoreApplication.translate("Workers", "Cancel") if cancellable else ""
    dialog = QProgressDialog(title, cancel_text, 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def progress(done: int, total: int, label: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if label:
            dialog.setLabelText(label)

    def close() -> None:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def done(result: Any) -> None:
        close()
        if on_done:
            on_done(result)

    def error(exc: BaseException) -> None:
        close()
        if on_error:
            on_error(exc)
        else:
            from desktop.views.errors import show_error

            show_error(parent, exc)

    task = runner.start(
        fn,
        *args,
        on_done=done,
        on_error=error,
        on_cancel=close,
        on_progress=progress,
        **kwargs,
    )
    dialog.canceled.connect(task.progress.cancel)
    dialog.show()
    return task
