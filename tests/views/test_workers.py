"""The one database worker: one thread in turn, writes broadcast, stale pages dropped, and
the event loop ticking while a long job runs. Real vaults, real service calls."""

from __future__ import annotations

import threading
import time

from desktop.services import audit, customers, organisation
from desktop.services.bench import WorkerJob
from desktop.services.changes import Kind
from desktop.services.demo import generate_demo
from desktop.views.bench_gui import run_ticking
from desktop.views.pages.audit import AuditPage
from desktop.views.pages.dashboard import DashboardPage
from desktop.views.tablemodels import Column, PagedTableModel
from desktop.views.workers import CollectionOp, QueryOp, TaskRunner, database_worker
from tests.conftest import ADMIN_PASSWORD
from tests.views.conftest import unlock, wait_loaded


class Overlap:
    """Counts how many wrapped calls run at the same moment, and on which threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.threads: set[int] = set()
        self.order: list[str] = []

    def wrap(self, name: str, fn, *args):
        def run():
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
                self.threads.add(threading.get_ident())
            try:
                time.sleep(0.05)  # long enough for a second thread to start beside it
                return fn(*args)
            finally:
                with self.lock:
                    self.now -= 1
                    self.order.append(name)

        return run


def test_every_task_of_every_runner_runs_on_the_one_worker_thread_in_turn(qtbot, admin):
    overlap = Overlap()
    first, second = TaskRunner(), TaskRunner()
    results: list[object] = []
    for i in range(4):
        for name, runner in (("a", first), ("b", second)):
            runner.start(
                overlap.wrap(f"{name}{i}", customers.count_customers, admin, ""),
                on_done=results.append,
            )
    first.start(
        overlap.wrap("rename", organisation.rename_company, admin, "测试物流有限公司"),
        on_done=results.append,
    )
    qtbot.waitUntil(lambda: len(results) == 9, timeout=20000)
    assert overlap.most == 1, "two database jobs ran at the same time"
    assert overlap.threads == {database_worker().ident}
    assert threading.get_ident() not in overlap.threads, "a job ran on the GUI thread"
    assert overlap.order == [f"{n}{i}" for i in range(4) for n in "ab"] + ["rename"]


def test_a_read_started_inside_a_write_never_waits_behind_it(qtbot, admin):
    """A job that starts another and waits for it would wait forever on one thread if the
    second queued behind the first; it runs inline instead. A read queued by the window
    while the write runs comes after it."""
    runner = TaskRunner()
    seen: dict[str, object] = {}
    inner_done = threading.Event()

    def write_then_read() -> object:
        changes = organisation.rename_company(admin, "内部读取物流有限公司")
        inner = runner.start(
            organisation.company_name, admin, on_done=lambda name: seen.update(inner=name)
        )
        assert runner.wait(5000), "the inner read never ran"
        inner_done.set()
        assert inner.finished.is_set()
        return changes

    runner.start(write_then_read, on_done=lambda c: seen.update(outer=c))
    runner.start(organisation.company_name, admin, on_done=lambda n: seen.update(queued=n))
    qtbot.waitUntil(lambda: {"outer", "inner", "queued"} <= set(seen), timeout=20000)
    assert inner_done.is_set()
    assert seen["inner"] == seen["queued"] == "内部读取物流有限公司"


def test_a_collection_op_refreshes_the_pages_that_watch_its_changes(qtbot, vault, window):
    admin, _ = vault
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    audit_page = window.page_of(AuditPage)
    window.nav.setCurrentRow(window.pages.index(audit_page))
    wait_loaded(qtbot, audit_page.model)
    before = audit_page.model.total
    dashboard = window.page_of(DashboardPage)
    ctx = window.ctx
    assert Kind.COMPANY in audit_page.watches

    got: list[object] = []
    with qtbot.waitSignal(window.runner.changes_made, timeout=10000) as signal:
        CollectionOp(
            parent=dashboard, op=lambda: organisation.rename_company(ctx, "广播物流有限公司")
        ).success(got.append).run(window.runner, initiator=dashboard)
    changes, initiator = signal.args
    assert Kind.COMPANY in changes.kinds and initiator is dashboard
    assert got == [changes]
    # The audit page, which watches the company, reloaded by itself and shows the rename.
    qtbot.waitUntil(lambda: audit_page.model.total == before + 1, timeout=10000)
    wait_loaded(qtbot, audit_page.model)
    newest = audit_page.model.rows[0]
    assert "广播物流有限公司" in (newest.after or ""), "the newest event is the rename"


def test_a_query_op_returns_its_value_and_broadcasts_nothing(qtbot, admin):
    runner = TaskRunner()
    broadcasts: list[object] = []
    runner.changes_made.connect(lambda *a: broadcasts.append(a))
    got: list[str] = []
    QueryOp(parent=None, op=lambda: organisation.company_name(admin), success=got.append).run(
        runner
    )
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    assert got == [organisation.company_name(admin)]
    assert broadcasts == []


def _model(admin, gate: threading.Event | None = None) -> PagedTableModel:
    def fetch(offset, limit, search, sort, desc):
        if gate is not None and search == "old":
            gate.wait(10)
        return customers.list_customers(admin, offset, limit, search, sort, desc)

    return PagedTableModel(
        [Column("code", lambda r: r.code, "code"), Column("name", lambda r: r.name, "name")],
        fetch,
        lambda search: customers.count_customers(admin, search),
        page_size=20,
    )


def test_a_page_for_an_older_search_is_dropped_when_it_arrives(qtbot, admin):
    generate_demo(admin, "small", seed=7)
    gate = threading.Event()
    model = _model(admin, gate)
    shown: list[list[str]] = []
    model.modelReset.connect(lambda: shown.append([r.code for r in model.rows]))
    model.search = "old"
    model.reload()
    assert model.loading, "the page is on its way, not read on the GUI thread"
    model.search = "C00001"
    model.reload()
    gate.set()
    wait_loaded(qtbot, model)
    assert len(shown) == 1, "the answer to the older search reached the table"
    assert shown[0] and all("C00001" in code for code in shown[0])
    assert model.total == len(model.rows) == len(shown[0])


def test_a_next_page_asked_before_the_search_changed_is_dropped(qtbot, admin):
    generate_demo(admin, "small", seed=7)
    model = _model(admin)
    model.reload()
    wait_loaded(qtbot, model)
    assert model.canFetchMore()
    model.fetchMore()  # the next page of every customer …
    assert not model.canFetchMore(), "one next page at a time"
    model.search = "C00002"
    model.reload()  # … but the user typed before it came back
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    wait_loaded(qtbot, model)
    qtbot.wait(50)
    assert inserted == [], "rows of the older search were added to the table"
    assert model.rows and all("C00002" in r.code for r in model.rows)
    assert len(model.rows) == model.total


def test_the_event_loop_keeps_ticking_while_the_worker_runs_a_long_job(qtbot, admin):
    def long_reads() -> int:
        end, n = time.perf_counter() + 1.5, 0
        while time.perf_counter() < end:
            audit.count_events(admin, "")
            n += 1
        return n

    log, seconds, errors = run_ticking([WorkerJob("reads", long_reads)])
    assert not errors
    started = log.ticks[0]
    during = [t for t in log.ticks if started < t < started + seconds["reads"]]
    # A 10-ms timer over 1.5 s: a blocked loop would tick once or not at all.
    assert len(during) > 30, f"only {len(during)} ticks while the job ran"


def test_a_job_cancelled_while_it_waits_its_turn_never_runs(qtbot, admin):
    runner = TaskRunner()
    gate = threading.Event()
    name = organisation.company_name(admin)
    outcome: list[str] = []
    runner.start(gate.wait, 10, on_done=lambda _r: outcome.append("first"))
    queued = runner.start(
        organisation.rename_company,
        admin,
        "不该改名物流有限公司",
        on_done=lambda _c: outcome.append("renamed"),
        on_cancel=lambda: outcome.append("cancelled"),
    )
    queued.progress.cancel()
    gate.set()
    qtbot.waitUntil(lambda: len(outcome) == 2, timeout=10000)
    assert outcome == ["first", "cancelled"]
    assert organisation.company_name(admin) == name, "the cancelled rename was written"
