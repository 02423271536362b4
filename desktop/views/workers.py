"""One database worker: every service call runs on one thread, in order, off the GUI thread.

There is exactly one :class:`DatabaseWorker` thread per process. Every window, dialog and
paged table hands it jobs through a :class:`TaskRunner`; the worker runs them one after the
other and the results come back to callbacks on the GUI thread. One thread means two jobs never
hold the database at once, so a page read never races a write of the same process; a read
queued behind a long write (an import, a commission year, a backup) simply waits its turn —
those run behind a modal progress dialog, so nothing on screen is waiting unseen.

Two kinds of operation, in the manner of Anki's ``aqt.operations``:

- :class:`QueryOp` — a read: returns a value handed to ``success``; nothing refreshes.
- :class:`CollectionOp` — a write: returns :class:`Changes` (or an object with ``.changes``);
  after ``success`` the runner emits ``changes_made`` and the main window broadcasts them,
  so every page that watches one of the kinds reloads itself.

``TaskRunner.start`` and :func:`run_with_progress` are the plain front both use. A callable
may accept ``progress`` (a :class:`Progress`) to report steps and to see Cancel; a job
cancelled before its turn never runs. A job started *from* the worker thread (a job that
starts another) runs at once, inline, instead of queueing behind itself — waiting for it
can therefore never deadlock.
"""

from __future__ import annotations

import gc
import inspect
import queue
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.errors import CredentialsError
from desktop.logs import get_logger, safe_code, safe_traceback
from desktop.services.bulk import no_full_collection
from desktop.services.changes import Changes

log = get_logger("workers")

T = TypeVar("T")


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


# -- the one thread -------------------------------------------------------------------------


class DatabaseWorker:
    """The process's one thread for database work: a FIFO of jobs run one at a time.

    A plain daemon thread rather than a ``QThread``: it needs no event loop (results travel
    back by queued signals to objects that live on the GUI thread), and it never outlives the
    interpreter holding a half-destroyed Qt object.

    When it starts, the objects loaded so far (modules, classes, Qt wrappers: the bulk of a
    running app) are moved out of the collector's reach with ``gc.freeze()``, so a later full
    collection walks only what was made since — 0 ms instead of 100–300 ms on this app's
    start-up heap, every one of them a stall of the window."""

    def __init__(self) -> None:
        gc.freeze()
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name="baton-database", daemon=True)
        self._thread.start()

    @property
    def ident(self) -> int | None:
        """The worker thread's id (every job reports this one)."""
        return self._thread.ident

    def on_worker(self) -> bool:
        return threading.get_ident() == self._thread.ident

    def submit(self, job: Callable[[], None]) -> None:
        """Queue ``job``; from the worker itself, run it now (never wait behind oneself)."""
        if self.on_worker():
            job()
        else:
            self._jobs.put(job)

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                with no_full_collection():
                    job()
            except BaseException:  # a job reports its own errors; the thread must live on
                log.error("database worker job failed outside its task")


_worker: DatabaseWorker | None = None
_worker_lock = threading.Lock()


def database_worker() -> DatabaseWorker:
    """The one worker of this process, started on first use."""
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = DatabaseWorker()
        return _worker


# -- tasks and the runner -------------------------------------------------------------------


class Task:
    """One job for the worker; ``progress.cancel()`` stops it (or skips it, if still queued)."""

    def __init__(
        self,
        runner: TaskRunner,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        callbacks: dict[str, Callable[..., Any] | None],
    ) -> None:
        self._runner = runner
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._callbacks = callbacks
        self.progress = Progress(self._report)
        self.finished = threading.Event()
        try:
            self._wants_progress = "progress" in inspect.signature(fn).parameters
        except (TypeError, ValueError):
            self._wants_progress = False

    @property
    def name(self) -> str:
        return str(getattr(self._fn, "__name__", self._fn))

    def _report(self, done: int, total: int, label: str) -> None:
        on_progress = self._callbacks.get("progress")
        if on_progress is not None:
            self._runner._deliver.emit(partial(on_progress, done, total, label))

    def run(self) -> None:
        """Run on the worker thread; the outcome goes back to the GUI thread."""
        try:
            if self.progress.cancelled:
                raise Cancelled
            if self._wants_progress:
                result = self._fn(*self._args, progress=self.progress, **self._kwargs)
            else:
                result = self._fn(*self._args, **self._kwargs)
        except Cancelled:
            outcome = partial(self._runner._cancelled, self)
        except BaseException as exc:  # handed to the GUI thread, which decides how to show it
            if isinstance(exc, CredentialsError):
                # A mistyped password is an everyday event, not a fault: one line, no trace.
                log.warning("task %s refused: %s", self.name, safe_code(exc))
            else:
                # Never the formatted text: exception messages can quote record content.
                log.error("task %s failed: %s", self.name, safe_traceback(exc))
            outcome = partial(self._runner._failed, self, exc)
        else:
            outcome = partial(self._runner._done, self, result)
        try:
            self._runner._deliver.emit(outcome)
        finally:
            # After the emit: once ``wait`` returns, the callback is queued on the GUI thread.
            self._runner._ran(self)


class TaskRunner(QObject):
    """Hands jobs to the one database worker and calls back on the GUI thread.

    Any number of runners (one per window or wizard) share the one worker; a runner keeps
    its tasks alive until their callbacks ran and can wait for its own jobs."""

    #: A CollectionOp finished: (Changes, initiator). The main window broadcasts it.
    changes_made = Signal(object, object)
    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = database_worker()
        self._running: set[Task] = set()
        self._unfinished = 0
        self._idle = threading.Condition()
        self._deliver.connect(self._call, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _call(self, callback: Callable[[], None]) -> None:
        callback()

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
        """Queue ``fn(*args, **kwargs)`` on the database worker; callbacks run on this thread."""
        callbacks = {"done": on_done, "error": on_error, "cancel": on_cancel}
        callbacks["progress"] = on_progress
        task = Task(self, fn, args, kwargs, callbacks)
        self._running.add(task)
        with self._idle:
            self._unfinished += 1
        self.worker.submit(task.run)
        return task

    # Called on the worker thread when a task's function returned (or raised).
    def _ran(self, task: Task) -> None:
        task.finished.set()
        with self._idle:
            self._unfinished -= 1
            self._idle.notify_all()

    # Called on the GUI thread, in the order the worker finished the tasks.
    def _done(self, task: Task, result: Any) -> None:
        self._running.discard(task)
        callback = task._callbacks.get("done")
        if callback is not None:
            callback(result)

    def _failed(self, task: Task, exc: BaseException) -> None:
        self._running.discard(task)
        callback = task._callbacks.get("error")
        if callback is not None:
            callback(exc)

    def _cancelled(self, task: Task) -> None:
        self._running.discard(task)
        callback = task._callbacks.get("cancel")
        if callback is not None:
            callback()

    def busy(self) -> bool:
        """True while a task of this runner has not yet called back."""
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job of this runner has run on the worker (callbacks still pend).

        On the worker thread itself there is nothing to wait for: a job started there ran
        inline, and waiting for the job that is running would never end."""
        if self.worker.on_worker():
            return True
        with self._idle:
            return self._idle.wait_for(lambda: self._unfinished == 0, msecs / 1000)


# -- the two operation kinds ----------------------------------------------------------------


def _show_error(parent: QWidget | None, exc: BaseException) -> None:
    from desktop.views.errors import show_error

    show_error(parent, exc)


def changes_of(result: Any) -> Changes | None:
    """The Changes a write returned: the result itself or its ``changes`` attribute."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else None


class QueryOp(Generic[T]):
    """A read on the database worker: ``op()`` returns a value for ``success``; no refresh.

    ``QueryOp(parent=page, op=lambda: customers.get(ctx, 7), success=page.show).run(runner)``
    Errors go to ``failure`` or are shown over ``parent``."""

    def __init__(
        self, *, parent: QWidget | None, op: Callable[[], T], success: Callable[[T], Any]
    ) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], Any] | None = None
        self._progress: str | None = None

    def failure(self, failure: Callable[[BaseException], Any] | None) -> QueryOp[T]:
        self._failure = failure
        return self

    def with_progress(self, label: str) -> QueryOp[T]:
        """Run behind a modal progress dialog with this label."""
        self._progress = label
        return self

    def _error(self, exc: BaseException) -> None:
        if self._failure is not None:
            self._failure(exc)
        else:
            _show_error(self._parent, exc)

    def run(self, runner: TaskRunner) -> Task:
        if self._progress is not None and self._parent is not None:
            return run_with_progress(
                self._parent,
                runner,
                self._progress,
                self._op,
                on_done=self._success,
                on_error=self._error,
                cancellable=False,
            )
        return runner.start(self._op, on_done=self._success, on_error=self._error)


class CollectionOp(Generic[T]):
    """A write on the database worker: ``op()`` returns Changes (or has ``.changes``).

    After ``success`` the runner emits ``changes_made(changes, initiator)``; the main window
    broadcasts it to every page but the initiator, which refreshes itself in ``success``."""

    def __init__(self, *, parent: QWidget | None, op: Callable[[], T]) -> None:
        self._parent = parent
        self._op = op
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[BaseException], Any] | None = None
        self._progress: str | None = None

    def success(self, success: Callable[[T], Any] | None) -> CollectionOp[T]:
        self._success = success
        return self

    def failure(self, failure: Callable[[BaseException], Any] | None) -> CollectionOp[T]:
        self._failure = failure
        return self

    def with_progress(self, label: str) -> CollectionOp[T]:
        self._progress = label
        return self

    def run(self, runner: TaskRunner, *, initiator: object | None = None) -> Task:
        def done(result: T) -> None:
            try:
                if self._success is not None:
                    self._success(result)
            finally:
                changes = changes_of(result)
                if changes is not None:
                    runner.changes_made.emit(changes, initiator)

        def error(exc: BaseException) -> None:
            if self._failure is not None:
                self._failure(exc)
            else:
                _show_error(self._parent, exc)

        if self._progress is not None and self._parent is not None:
            return run_with_progress(
                self._parent, runner, self._progress, self._op, on_done=done, on_error=error
            )
        return runner.start(self._op, on_done=done, on_error=error)


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
    """Run ``fn`` on the worker behind a modal progress dialog with Cancel."""
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
            _show_error(parent, exc)

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
