"""Reads that never wait (issue 12 item 2).

A list or a count begun while another connection holds a write (an import, a long save)
answers at once from its snapshot instead of queueing behind the writer; a writer that meets
another writer waits its short retry window and then says plainly that the database is busy;
a read-only unit of work that tries to save fails loudly instead of taking the write lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError

from desktop.errors import Busy, StorageError
from desktop.models.organisation import Branch
from desktop.models.staff import Department
from desktop.services import customers, organisation
from desktop.services.context import ServiceContext, WriteInRead
from desktop.services.customers import CustomerInput
from desktop.storage import database
from tests.support import ADMIN_PASSWORD

HOLD_S = 5.0


class HeldWrite:
    """Another connection (its own login, engine and pool) in a thread, holding a write
    transaction open for up to ``HOLD_S`` seconds, like a long import."""

    def __init__(self, other: ServiceContext) -> None:
        self.other = other
        self.holding = threading.Event()
        self.release = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            with self.other.transaction() as s:
                s.add(Branch(code="HOLD", name="written by the long task"))
                s.flush()
                self.holding.set()
                self.release.wait(HOLD_S)
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.error = exc
            self.holding.set()

    def __enter__(self) -> HeldWrite:
        self.thread.start()
        assert self.holding.wait(30), "the writer never took its lock"
        assert self.error is None, self.error
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release.set()
        self.thread.join(30)
        assert self.error is None, self.error


@pytest.fixture
def held_write(relogin: Any) -> Iterator[HeldWrite]:
    yield HeldWrite(relogin("admin", ADMIN_PASSWORD))


def test_a_count_and_a_list_page_beside_a_five_second_write_answer_at_once(
    admin: ServiceContext, held_write: HeldWrite
):
    for i in range(3):
        customers.create_customer(admin, CustomerInput(f"R{i:03d}", f"读者客户{i}"))
    # The page was on screen before the import began (statements compiled, pages cached).
    customers.count_customers(admin)
    customers.list_customers(admin, 0, 50)
    with held_write:
        start = time.perf_counter()
        count = customers.count_customers(admin)
        counted = time.perf_counter()
        page = customers.list_customers(admin, 0, 50)
        listed = time.perf_counter()
        branches = organisation.list_branches(admin)
        elapsed = time.perf_counter() - start
        print(
            f"\nreads beside a held write (writer holds {HOLD_S} s): count "
            f"{(counted - start) * 1000:.1f} ms, list page {(listed - counted) * 1000:.1f} ms, "
            f"branches {(start + elapsed - listed) * 1000:.1f} ms; all {elapsed * 1000:.1f} ms"
        )
        assert elapsed < 1.0, f"the reads waited {elapsed:.2f} s behind the writer"
        assert held_write.thread.is_alive(), "the writer let go before the reads ended"
    assert count == 3
    assert sorted(r.code for r in page) == ["R000", "R001", "R002"]
    # A snapshot: the writer's uncommitted branch is not seen, its committed one is after.
    assert "HOLD" not in {b.code for b in branches}
    assert "HOLD" in {b.code for b in organisation.list_branches(admin)}


def test_a_writer_behind_another_writer_gets_busy_in_plain_words_after_its_window(
    admin: ServiceContext, held_write: HeldWrite, relogin: Any, monkeypatch
):
    """SQLite: the file's one write lock. PostgreSQL: the held transaction's new row, which the
    same code would duplicate (the unique index makes the second writer wait for it)."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.5)  # the retry window, short in tests
    ctx = relogin("admin", ADMIN_PASSWORD)
    with held_write:
        start = time.perf_counter()
        with pytest.raises(Busy) as caught, ctx.transaction() as s:
            s.add(Branch(code="HOLD", name="saved while the import runs"))
        waited = time.perf_counter() - start
        print(f"\nbusy writer gave up after {waited * 1000:.0f} ms (window 500 ms)")
    assert isinstance(caught.value, StorageError)  # existing handlers keep working
    message = caught.value.message()
    assert message == database.MSG_BUSY
    assert "nothing was changed" in message and "lock" not in message
    assert 0.4 < waited < 3.0
    with ctx.read() as s:
        names = list(s.scalars(select(Branch.name).where(Branch.code == "HOLD")))
    assert names == ["written by the long task"]


def test_a_read_only_unit_of_work_that_tries_to_save_fails_loudly(admin: ServiceContext):
    def branches() -> set[str]:
        return {b.code for b in organisation.list_branches(admin)}

    before = branches()
    with pytest.raises(WriteInRead, match="Branch"), admin.read() as s:
        s.add(Branch(code="SLIP1", name="added in a read"))
    with pytest.raises(WriteInRead, match="Branch"), admin.read() as s:
        s.add(Branch(code="SLIP2", name="added and flushed in a read"))
        s.flush()
    with pytest.raises(WriteInRead, match="Branch"), admin.read() as s:
        first = s.scalars(select(Branch).order_by(Branch.id)).first()
        assert first is not None
        first.name = "renamed in a read"
    # A write in SQL, past the ORM, is refused by the database itself.
    with pytest.raises(DBAPIError, match=r"(?i)read.?only"), admin.read() as s:
        s.execute(insert(Branch).values(code="SLIP3", name="inserted in a read", version=1))
    assert branches() == before
    assert "renamed in a read" not in {b.name for b in organisation.list_branches(admin)}
    # The pooled connections that served those reads still write for a unit of work.
    for i in range(4):
        with admin.transaction() as s:
            s.add(Branch(code=f"OK{i}", name=f"saved after the reads {i}"))
    assert {f"OK{i}" for i in range(4)} <= branches()


def test_a_write_of_its_own_references_leaves_every_connection_checking_references(
    admin: ServiceContext,
):
    """A bulk write whose references it read itself (a commission month) is not made to look
    each one up again; every other unit of work, on whichever pooled connection, still is:
    a row pointing at nothing is refused and nothing is saved."""
    if admin.store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only: PostgreSQL checks references in every transaction")

    def dangling(s) -> None:
        # a department of a branch that does not exist
        s.execute(insert(Department).values(branch_id=999_999, name="nowhere", version=1))

    with admin.transaction(own_references=True) as s:
        assert s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
    for _ in range(4):  # every pooled connection, read or write
        with admin.read() as s:
            assert s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(DBAPIError, match=r"(?i)foreign key"), admin.transaction() as s:
            dangling(s)
    with admin.read() as s:
        assert s.scalar(select(Department.id).where(Department.name == "nowhere")) is None
