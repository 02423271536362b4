"""Plans as the engine sees them: snapshots of a plan's rule and tiers, the plan book that picks
the plan for an employee on a day, and the marginal tier arithmetic.

Separate from :mod:`desktop.services.commissions.plans`, which edits and stores plans: this is
the read-only, database-free form the pricing needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from desktop.commission_enums import (
    AfterRule,
    PlanBase,
    PlanTrigger,
    RateMode,
    TierMode,
    WindowRule,
)


@dataclass(frozen=True)
class Tier:
    """Monthly base from ``lower`` (inclusive) to ``upper`` (exclusive, None: no limit), fen."""

    lower: int
    upper: int | None
    rate: Decimal


@dataclass(frozen=True)
class PlanRule:
    """A plan as the engine needs it (a snapshot; nothing here touches the database)."""

    id: int
    name: str
    base: str = PlanBase.REVENUE.value
    trigger: str = PlanTrigger.ORDER.value
    rate_mode: str = RateMode.FLAT.value
    tier_mode: str = TierMode.MARGINAL.value
    flat_rate: Decimal = Decimal("0")
    tiers: tuple[Tier, ...] = ()
    effective_from: date = date(1900, 1, 1)
    effective_until: date | None = None
    window_rule: str = WindowRule.DEPARTING.value
    split: tuple[int, int] = (50, 50)
    after_rule: str = AfterRule.PAY.value
    after_days: int = 0
    clawback_days: int | None = None

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_until is None or day <= self.effective_until
        )


def tier_index(tiers: Sequence[Tier], base: Fraction | int) -> int:
    """0-based index of the tier a monthly base falls in (its upper bound is exclusive)."""
    for i, t in enumerate(tiers):
        if t.upper is None or base < t.upper:
            return i
    return len(tiers) - 1


def marginal_tier_at(tiers: Sequence[Tier], base: Fraction | int) -> int:
    """The tier the last fen of ``base`` lies in (0 for an empty base)."""
    for i, t in enumerate(tiers):
        if t.upper is None or base <= t.upper:
            return i
    return len(tiers) - 1


class PlanBook:
    """Which plan applies to an employee on a day.

    A plan assigned to the employee wins over one assigned to their position; among several,
    the one in force on the day with the latest start, then the highest id. (Position: the
    employee's current position — Baton keeps no position history.)
    """

    def __init__(
        self,
        plans: Iterable[PlanRule],
        by_employee: Mapping[int, Sequence[int]],
        by_position: Mapping[int, Sequence[int]],
        position_of: Mapping[int, int | None],
    ) -> None:
        self.plans = {p.id: p for p in plans}
        self._by_employee = by_employee
        self._by_position = by_position
        self._position_of = position_of
        self._cache: dict[int, tuple[list[PlanRule], list[PlanRule]]] = {}

    def _candidates(self, employee_id: int) -> tuple[list[PlanRule], list[PlanRule]]:
        found = self._cache.get(employee_id)
        if found is None:

            def ordered(ids: Iterable[int]) -> list[PlanRule]:
                plans = [self.plans[i] for i in dict.fromkeys(ids) if i in self.plans]
                return sorted(plans, key=lambda p: (p.effective_from, p.id), reverse=True)

            position = self._position_of.get(employee_id)
            found = (
                ordered(self._by_employee.get(employee_id, ())),
                ordered(self._by_position.get(position, ()) if position is not None else ()),
            )
            self._cache[employee_id] = found
        return found

    def same_plan(self, employee_id: int | None, first: date, last: date) -> bool:
        """Whether one plan applies to the employee on every day from ``first`` to ``last``
        (no plan of theirs starts or ends in between)."""
        if employee_id is None:
            return False
        own, position = self._candidates(employee_id)
        for plan in (*own, *position):
            if first < plan.effective_from <= last:
                return False
            if plan.effective_until is not None and first <= plan.effective_until < last:
                return False
        return True

    def plan_for(self, employee_id: int | None, day: date) -> PlanRule | None:
        if employee_id is None:
            return None
        own, position = self._candidates(employee_id)
        for group in (own, position):
            for plan in group:
                if plan.covers(day):
                    return plan
        return None
