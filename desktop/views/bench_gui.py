"""``baton bench`` figure for the window: the longest stall of the GUI event loop.

``gui_worst_gap_ms`` is the longest gap between the ticks of a 10-ms ``QTimer`` in a real Qt
event loop while the one database worker runs what a user starts from the window and waits
for behind a progress dialog: an import of the bench's orders workbook (100,000 rows), a
commission year and a backup. Meanwhile a paged list asks for its first page after each job,
as a page does when a change is broadcast. The target is 100 ms: past that, a user sees the
window stop. Services stay Qt-free: the jobs come from :func:`desktop.services.bench.
gui_workload`; the CLI passes :func:`measure_gui` to ``run_bench`` when Qt is importable.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

from desktop.config import Paths
from desktop.services import customers
from desktop.services.bench import IMPORT_ROWS, Figures, WorkerJob, figure, gui_workload
from desktop.services.context import ServiceContext
from desktop.views.tablemodels import Column, PagedTableModel
from desktop.views.workers import TaskRunner, database_worker

TICK_MS = 10
GAP_TARGET_MS = 100


@dataclass
class TickLog:
    """Timestamps of the timer's ticks (seconds, ``perf_counter``)."""

    ticks: list[float] = field(default_factory=list)

    def tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def worst_gap_ms(self) -> float:
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
        return max(gaps, default=0.0) * 1000


def application() -> QCoreApplication:
    """The running Qt application, or a new offscreen one (the bench has no screen)."""
    app = QCoreApplication.instance()
    if app is not None:
        return app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication([])


def run_ticking(
    jobs: Sequence[WorkerJob],
    after_each: Callable[[], None] | None = None,
    timeout_s: float = 1800,
    runner: TaskRunner | None = None,
) -> tuple[TickLog, dict[str, float], list[BaseException]]:
    """Run ``jobs`` one after the other on the database worker while a 10-ms timer ticks in
    a real event loop; return the ticks, each job's seconds, and the errors met."""
    application()
    runner = runner if runner is not None else TaskRunner()
    log = TickLog()
    seconds: dict[str, float] = {}
    errors: list[BaseException] = []
    loop = QEventLoop()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(log.tick)
    pending = list(jobs)

    def timed(job: WorkerJob) -> Callable[[], Any]:
        def run() -> Any:
            start = time.perf_counter()
            try:
                return job.run()
            finally:
                seconds[job.name] = time.perf_counter() - start

        return run

    def next_job(_result: Any = None) -> None:
        if after_each is not None and len(pending) < len(jobs):
            after_each()
        if not pending:
            QTimer.singleShot(5 * TICK_MS, loop.quit)  # a few more ticks after the last job
            return
        job = pending.pop(0)
        runner.start(timed(job), on_done=next_job, on_error=failed)

    def failed(exc: BaseException) -> None:
        errors.append(exc)
        next_job()

    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    timer.start()
    log.tick()
    QTimer.singleShot(0, next_job)
    loop.exec()
    timer.stop()
    runner.wait(int(timeout_s * 1000))
    return log, seconds, errors


def _customer_list(ctx: ServiceContext) -> PagedTableModel:
    """The customer list as its page holds it, reloaded on the worker after each job."""
    return PagedTableModel(
        [Column("code", lambda r: r.code), Column("name", lambda r: r.name)],
        lambda offset, limit, search, sort, desc: customers.list_customers(
            ctx, offset, limit, search, sort, desc
        ),
        lambda search: customers.count_customers(ctx, search),
        page_size=200,
    )


def _on_worker(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` on the database worker and wait for it: the bench's own setup and cleanup
    (a login, a vault copy) are database work too, and never run on the GUI thread."""
    done = threading.Event()
    out: dict[str, Any] = {}

    def job() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:
            out["error"] = exc
        finally:
            done.set()

    database_worker().submit(job)
    done.wait()
    if "error" in out:
        raise out["error"]
    return out.get("value")


def measure_gui(paths: Paths, size: str, import_rows: int = IMPORT_ROWS) -> Figures:
    """``gui_worst_gap_ms``: the event loop's longest gap while the long jobs run."""
    application()
    workload = gui_workload(paths, size, import_rows)
    ctx, jobs = _on_worker(workload.__enter__)
    try:
        model = _customer_list(ctx)
        log, seconds, errors = run_ticking(jobs, after_each=model.reload, runner=model.runner)
    finally:
        _on_worker(lambda: workload.__exit__(None, None, None))
    if errors:
        raise RuntimeError(f"GUI bench job failed: {type(errors[0]).__name__}: {errors[0]}")
    figures: Figures = {
        "gui_worst_gap_ms": figure(log.worst_gap_ms(), "ms", GAP_TARGET_MS),
    }
    for name, value in seconds.items():
        figures[f"gui_job_{name}_s"] = figure(value, "s", None)
    return figures
