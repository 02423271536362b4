"""The demo generator itself: its state, id and timestamp plumbing and the demo account plan;
the steps that fill the firm are mixins in sibling modules so that none grows too long.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models.accounts import Role
from desktop.models.orders import Order
from desktop.services.dates import add_months, first_of_month
from desktop.services.demo.customers import _CustomerSteps
from desktop.services.demo.follow_ups import _FollowUpSteps
from desktop.services.demo.helpers import _Names
from desktop.services.demo.orders import _OrderSteps
from desktop.services.demo.profiles import CHINA, STAGE_STAFF, DemoSize, Progress
from desktop.services.demo.records import _BranchInfo, _Cust, _Emp, _Sink
from desktop.services.demo.reference import FINANCE, HR, ID_TABLES
from desktop.services.demo.staff import _StaffSteps

# =========================================================================== the generator


class _Generator(_StaffSteps, _CustomerSteps, _OrderSteps, _FollowUpSteps):
    """One run's state and plumbing; the steps it runs are the mixins it inherits."""

    def __init__(
        self,
        session: Session,
        size: DemoSize,
        seed: int,
        today: date,
        approver: int | None,
        progress: Progress | None,
    ) -> None:
        self.s = session
        self.conn = session.connection()
        self.size = size
        self.rng = random.Random(seed)
        self.names = _Names(self.rng)
        self.today = today
        self.approver = approver
        self.progress_fn = progress
        self.total_units = size.staff + size.customers + size.orders + size.follow_ups
        self.done_units = 0
        self.stage = STAGE_STAFF
        self.window_start = add_months(first_of_month(today), -24)
        self.branches: list[_BranchInfo] = []
        self.branches_created = 0
        self.positions: dict[str, int] = {}
        self.departments = 0
        self.emps: list[_Emp] = []
        self.emp_by_id: dict[int, _Emp] = {}
        self.custs: list[_Cust] = []
        self.ts_cache: dict[date, datetime] = {}
        self.write_offs = 0
        self.top: _Emp | None = None
        self.top_customers = 0
        meta = Order.metadata.tables
        c = self.conn
        self.sink_customer = _Sink(c, meta["customer"])
        self.sink_contact = _Sink(c, meta["contact"], [self.sink_customer])
        self.sink_assign = _Sink(c, meta["customer_assignment"], [self.sink_customer])
        self.sink_claim = _Sink(c, meta["pool_claim"], [self.sink_customer])
        self.sink_receivable = _Sink(c, meta["receivable"], on_flush=self._flushed)
        self.sink_order = _Sink(c, meta["waybill"], [self.sink_receivable], self._flushed)
        self.sink_payment = _Sink(c, meta["payment"], on_flush=self._flushed)
        self.sink_alloc = _Sink(
            c, meta["payment_allocation"], [self.sink_payment, self.sink_receivable], self._flushed
        )
        self.sink_follow = _Sink(c, meta["follow_up"], on_flush=self._flushed)
        self.next_ids = {
            name: (self.conn.scalar(select(func.max(meta[name].c.id))) or 0) + 1
            for name in ID_TABLES
        }

    # ------------------------------------------------------------------ plumbing

    def _id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def _ts(self, d: date) -> datetime:
        ts = self.ts_cache.get(d)
        if ts is None:
            ts = datetime(d.year, d.month, d.day, 10, 0, tzinfo=CHINA).astimezone(UTC)
            self.ts_cache[d] = ts
        return ts

    def _flushed(self, sink: _Sink, n: int) -> None:
        if sink is self.sink_order or sink is self.sink_follow:
            self.done_units += n
        self._report()

    def _report(self) -> None:
        if self.progress_fn is not None:
            self.progress_fn(min(self.done_units, self.total_units), self.total_units, self.stage)

    # ------------------------------------------------------------------ the demo accounts

    def user_plan(self) -> list[tuple[str, str, str, int | None, int | None]]:
        """(username, role, display name, employee id, branch id) of each demo account."""
        assert self.top is not None
        top = self.top
        branch = self.branches[top.branch]
        manager = self.emp_by_id[top.manager_id] if top.manager_id else top

        def first_active(position: str) -> _Emp | None:
            return next(
                (
                    e
                    for e in self.emps
                    if e.position == position and e.status == "active" and e.branch == top.branch
                ),
                None,
            )

        hr, finance = first_active(HR), first_active(FINANCE)
        return [
            ("hr", Role.HR.value, hr.name if hr else "人事专员", hr.id if hr else None, None),
            ("manager", Role.MANAGER.value, manager.name, manager.id, branch.id),
            (
                "finance",
                Role.FINANCE.value,
                finance.name if finance else "财务专员",
                finance.id if finance else None,
                None,
            ),
            ("sales", Role.SALES.value, top.name, top.id, branch.id),
            ("auditor", Role.AUDITOR.value, "审计员", None, None),
        ]
