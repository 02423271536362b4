"""The facts the rules read and the lines they draft: departures, waybills, payment allocations,
write-offs, the lines already stored, and a drafted line.

Separate so that the reading side (:mod:`desktop.services.commissions.facts`) and the pricing
share one set of plain records, with no database types in them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from desktop.commission_enums import PlanBase
from desktop.services.commissions.rules.explanations import Part


@dataclass(frozen=True)
class Departure:
    """A leaving (or departed) employee: the handover window is ``notice_on`` … ``last_day``
    (no window when ``notice_on`` is None: departed without a case); ``successors`` maps a
    customer to the successor named on the case."""

    employee_id: int
    last_day: date
    notice_on: date | None = None
    case_id: int | None = None
    case_number: str = ""
    successors: Mapping[int, int] = field(default_factory=dict)

    def in_window(self, day: date) -> bool:
        return self.notice_on is not None and self.notice_on <= day <= self.last_day


class OrderFact(NamedTuple):
    """A waybill — or, for an invoice's waybills that share salesperson, customer and plan
    and involve nobody leaving, their sum (``count`` of them; ``number`` the first, ``cost``
    such that revenue − cost is the sum of their margins, each floored at zero)."""

    id: int
    number: str
    customer_id: int
    customer: str
    order_date: date
    salesperson_id: int | None
    owner_id: int | None
    revenue: int
    cost: int
    count: int = 1

    def base(self, kind: str) -> int:
        """The order's commission base in fen; never below zero (a loss-making waybill earns
        nothing and takes nothing from the others)."""
        value = self.revenue if kind == PlanBase.REVENUE.value else self.revenue - self.cost
        return max(0, value)


class AllocationFact(NamedTuple):
    """Part of a payment settling one invoice, with the waybills the invoice bills."""

    id: int
    payment_id: int
    received_on: date
    amount: int
    receivable_id: int
    invoice: str
    invoice_amount: int
    issued_on: date
    invoice_salesperson_id: int | None
    invoice_owner_id: int | None
    customer_id: int
    customer: str
    payment_collector_id: int | None
    invoice_collector_id: int | None
    orders: tuple[OrderFact, ...]


class PriorLine(NamedTuple):
    """A line already stored (for clawbacks and corrections)."""

    id: int
    employee_id: int | None
    credited_id: int | None
    plan_id: int | None
    case_id: int | None
    source: str
    source_date: date
    order_id: int | None
    receivable_id: int | None
    payment_id: int | None
    allocation_id: int | None
    base: int
    rate: Decimal | None
    amount: int
    status: str
    clause: str
    key: str
    month: str


@dataclass(frozen=True)
class WriteOffFact:
    receivable_id: int
    invoice: str
    invoice_amount: int
    written_off: int
    written_off_on: date
    prior: tuple[PriorLine, ...]


@dataclass(slots=True)
class LineDraft:
    """A line as computed, before it is stored. Amounts and base in fen."""

    employee_id: int | None
    credited_id: int | None
    plan_id: int | None
    case_id: int | None
    source: str
    source_date: date
    base: int
    rate: Decimal | None
    tier: str | None
    amount: int
    status: str
    clause: str
    parts: list[Part]
    key: str
    order_id: int | None = None
    receivable_id: int | None = None
    payment_id: int | None = None
    allocation_id: int | None = None
    ref_line_id: int | None = None
    origin_month: str | None = None
