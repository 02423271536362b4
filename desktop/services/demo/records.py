"""The generator's working records, kept apart from the steps that fill them: the volume
calendar, months, staff, customers and branches in memory, and the batched row writer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, insert

from desktop.services.dates import add_months
from desktop.services.demo.profiles import BATCH
from desktop.services.demo.reference import SPRING_FESTIVAL

# =========================================================================== calendar


def day_weight(d: date) -> float:
    """Relative order volume of a day: weekdays, the Q4 peak, 春节 run-up and dip, 国庆."""
    w = (1.0, 1.0, 1.0, 1.0, 1.02, 0.75, 0.45)[d.weekday()]
    w *= (1.0, 0.9, 1.0, 1.0, 1.0, 1.08, 0.95, 1.0, 1.1, 1.1, 1.35, 1.25)[d.month - 1]
    for sf in (SPRING_FESTIVAL.get(d.year), SPRING_FESTIVAL.get(d.year + 1)):
        if sf is None:
            continue
        k = (d - sf).days
        if -28 <= k <= -8:
            w *= 1.45
        elif -7 <= k <= -1:
            w *= 0.6
        elif 0 <= k <= 7:
            w *= 0.12
        elif 8 <= k <= 15:
            w *= 0.5
        elif 16 <= k <= 21:
            w *= 0.8
    if d.month == 10 and d.day <= 7:
        w *= 0.45
    return w


@dataclass
class _Month:
    first: date
    last: date  # last day inside the window (today for the current month)
    days: list[date]
    cum: tuple[float, ...]  # cumulative day weights
    orders: int = 0
    billed: bool = False
    groups: int = 0  # receivables (billed) or ordering customers (not billed)
    follow_ups: int = 0

    @property
    def issue_date(self) -> date:
        return add_months(self.first, 1).replace(day=5)


# =========================================================================== people and firms


@dataclass(slots=True)
class _Emp:
    id: int
    no: str
    name: str
    male: bool
    branch: int  # index into branches
    position: str
    category: str
    is_sales: bool
    hire: date
    status: str = "active"
    departed_on: date | None = None
    manager_id: int | None = None


@dataclass(slots=True)
class _Cust:
    id: int
    city: int
    weight: float
    acquired: date
    end: date  # orders stop before this day (exclusive)
    periods: list[tuple[date, date | None, int]]
    profile: str
    terms: int
    pool: bool
    mix: tuple[float, ...]
    lanes: list[tuple[int, int]]
    default_from: date | None = None

    def owner_on(self, d: date) -> int | None:
        for start, stop, emp in self.periods:
            if start <= d and (stop is None or d < stop):
                return emp
        return None


@dataclass(slots=True)
class _BranchInfo:
    id: int
    name: str
    city: int  # index into CITIES
    departments: dict[str, int] = field(default_factory=dict)


# =========================================================================== batched writer


class _Sink:
    """Rows of one table, inserted in batches; ``deps`` are flushed first (foreign keys)."""

    def __init__(
        self,
        conn: Connection,
        table: Table,
        deps: Sequence[_Sink] = (),
        on_flush: Callable[[_Sink, int], None] | None = None,
    ) -> None:
        self.conn, self.table, self.deps, self.on_flush = conn, table, deps, on_flush
        self.rows: list[dict[str, Any]] = []
        self.count = 0

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        for dep in self.deps:
            dep.flush()
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        self.conn.execute(insert(self.table), rows)
        self.count += len(rows)
        if self.on_flush:
            self.on_flush(self, len(rows))
