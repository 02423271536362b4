"""The demo's sizes (small, medium, large), its settings, messages and progress labels, and
the DTOs it returns: what callers of ``baton demo`` and ``baton bench`` see, apart from the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta, timezone

from desktop.errors import QT_TRANSLATE_NOOP

Progress = Callable[[int, int, str], None]
#: Receipts planned but not yet written: (customer id, day) → {receivable id: fen}.
Pending = dict[tuple[int, date], dict[int, int]]

BATCH = 5_000
#: Page cache (KiB) for the one generating transaction; the connection's own is put back after.
CACHE_KIB = 65_536
DEMO_PASSWORD = "demo-password"
#: The standard 回款提成 plan a tried-out demo firm starts with (named like the rest of it).
DEMO_PLAN_NAME = "销售回款提成（标准）"
CHINA = timezone(timedelta(hours=8))

MSG_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "Errors",
    "Demo data can only be added to an empty firm: this vault already holds staff or customers.",
)
MSG_BAD_SIZE = QT_TRANSLATE_NOOP(
    "Errors", "Unknown demo size {size}: choose one of small, medium or large."
)

# Progress labels, translated by the view that shows them.
STAGE_STAFF = QT_TRANSLATE_NOOP("Demo", "Staff")
STAGE_CUSTOMERS = QT_TRANSLATE_NOOP("Demo", "Customers and ownership")
STAGE_ORDERS = QT_TRANSLATE_NOOP("Demo", "Orders, receivables and payments")
STAGE_FOLLOW_UPS = QT_TRANSLATE_NOOP("Demo", "Follow-ups")
STAGE_USERS = QT_TRANSLATE_NOOP("Demo", "Demo accounts")
STAGE_DONE = QT_TRANSLATE_NOOP("Demo", "Done")


@dataclass(frozen=True)
class DemoSize:
    staff: int
    customers: int
    orders: int
    receivables: int
    follow_ups: int
    top_book: int  # customers owned by the top salesperson


SIZES: dict[str, DemoSize] = {
    "small": DemoSize(20, 300, 5_000, 1_500, 1_000, 80),
    "medium": DemoSize(200, 10_000, 100_000, 30_000, 20_000, 500),
    "large": DemoSize(1_000, 50_000, 1_000_000, 300_000, 200_000, 2_000),
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    display_name: str
    employee_id: int | None
    branch_id: int | None
    created: bool  # False when an account of that name existed already (left untouched)


@dataclass(frozen=True)
class DemoSummary:
    size: str
    seed: int
    today: date
    branches_created: int
    departments: int
    positions: int
    staff: int
    customers: int
    contacts: int
    assignments: int
    pool_customers: int
    pool_claims: int
    orders: int
    receivables: int
    payments: int
    allocations: int
    write_offs: int
    follow_ups: int
    top_salesperson_id: int
    top_salesperson_customers: int
    users: tuple[DemoUser, ...] = field(default=())
    elapsed_s: float = 0.0
    #: The commission plan set up for the sales positions, if one was asked for.
    commission_plan: str = ""
    #: Alert patterns planted, per rule (the medium demo; see alert_plants.py).
    planted_alerts: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "branches_created": self.branches_created,
            "departments": self.departments,
            "positions": self.positions,
            "staff": self.staff,
            "customers": self.customers,
            "contacts": self.contacts,
            "assignments": self.assignments,
            "pool_customers": self.pool_customers,
            "pool_claims": self.pool_claims,
            "orders": self.orders,
            "receivables": self.receivables,
            "payments": self.payments,
            "allocations": self.allocations,
            "write_offs": self.write_offs,
            "follow_ups": self.follow_ups,
        }
