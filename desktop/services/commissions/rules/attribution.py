"""Attribution: who is credited with a waybill or payment under the plans and the handover
policy (recredit after leaving, the handover window, money collected after departure).

Separate from pricing because it decides only who and under which clause, never how much.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from desktop.commission_enums import AfterRule, LineStatus, WindowRule
from desktop.services.commissions.rules.clauses import (
    CLAUSE_AFTER_COLLECTOR,
    CLAUSE_AFTER_EXPIRED,
    CLAUSE_AFTER_FORFEIT,
    CLAUSE_AFTER_NO_COLLECTOR,
    CLAUSE_AFTER_PAY,
    CLAUSE_AFTER_WITHIN,
    CLAUSE_PLAN,
    CLAUSE_RECREDIT,
    CLAUSE_WINDOW_COMPANY,
    CLAUSE_WINDOW_DEPARTING,
    CLAUSE_WINDOW_NO_SUCCESSOR,
    CLAUSE_WINDOW_SPLIT,
    CLAUSE_WINDOW_SUCCESSOR,
)
from desktop.services.commissions.rules.explanations import Part
from desktop.services.commissions.rules.facts import AllocationFact, Departure, OrderFact
from desktop.services.commissions.rules.numbers import fen
from desktop.services.commissions.rules.tiers import PlanBook, PlanRule


@dataclass(frozen=True)
class Share:
    """Who receives which part of an item, with the clause that decided it."""

    employee_id: int | None
    weight: Fraction
    status: str
    clause: str
    role: str = "credited"
    departure: Departure | None = None


@dataclass(frozen=True)
class Attribution:
    credited_id: int
    plan: PlanRule
    shares: tuple[Share, ...]
    window: Departure | None = None
    recredit_from: int | None = None


class Rules:
    """Attribution of orders under the plans and the departures, with the names the
    explanations quote."""

    def __init__(
        self,
        book: PlanBook,
        departures: Iterable[Departure],
        names: Mapping[int, str],
    ) -> None:
        self.book = book
        self.names = names
        self.departures: dict[int, list[Departure]] = defaultdict(list)
        for d in departures:
            self.departures[d.employee_id].append(d)
        for ds in self.departures.values():
            ds.sort(key=lambda d: d.last_day)
        self.departures = dict(self.departures)
        self._plain: dict[tuple[int, int], Attribution] = {}

    def name(self, employee_id: int | None) -> str:
        if employee_id is None:
            return "—"
        return self.names.get(employee_id, f"#{employee_id}")

    def window_of(self, employee_id: int | None, day: date) -> Departure | None:
        if employee_id is None:
            return None
        for d in self.departures.get(employee_id, ()):
            if d.in_window(day):
                return d
        return None

    def gone_before(self, employee_id: int | None, day: date) -> Departure | None:
        """The departure by which ``employee_id`` had left before ``day`` (None: employed then;
        a departure still ahead means they were employed again on ``day``)."""
        if employee_id is None:
            return None
        found = None
        for d in self.departures.get(employee_id, ()):
            if d.last_day >= day:
                return None
            found = d
        return found

    def attribute(self, order: OrderFact) -> Attribution | None:
        """Who earns on ``order`` and under which plan (None: nobody — no plan, no owner)."""
        day = order.order_date
        departures = self.departures
        if order.owner_id not in departures and order.salesperson_id not in departures:
            # The common case, nobody involved ever leaving: one shared attribution per
            # (employee, plan), so a month of orders builds a handful of objects.
            credited = order.salesperson_id if order.salesperson_id is not None else order.owner_id
            if credited is None:
                return None
            plan = self.book.plan_for(credited, day)
            if plan is None:
                return None
            key = (credited, plan.id)
            found = self._plain.get(key)
            if found is None:
                share = Share(credited, Fraction(1), LineStatus.ACCRUED.value, CLAUSE_PLAN)
                found = self._plain[key] = Attribution(credited, plan, (share,))
            return found
        for candidate in dict.fromkeys((order.owner_id, order.salesperson_id)):
            departure = self.window_of(candidate, day)
            if departure is None:
                continue
            plan = self.book.plan_for(candidate, day)
            if plan is not None:
                return Attribution(
                    candidate, plan, self._window_shares(plan, departure, order), departure
                )
        credited = order.salesperson_id if order.salesperson_id is not None else order.owner_id
        recredit_from = None
        if self.gone_before(credited, day) is not None:
            recredit_from = credited
            credited = order.owner_id if order.owner_id != credited else None
            if credited is not None and self.gone_before(credited, day) is not None:
                credited = None
        if credited is None:
            return None
        plan = self.book.plan_for(credited, day)
        if plan is None:
            return None
        clause = CLAUSE_RECREDIT if recredit_from is not None else CLAUSE_PLAN
        share = Share(credited, Fraction(1), LineStatus.ACCRUED.value, clause)
        return Attribution(credited, plan, (share,), None, recredit_from)

    def _window_shares(self, plan: PlanRule, d: Departure, order: OrderFact) -> tuple[Share, ...]:
        successor = d.successors.get(order.customer_id)
        if successor is None and order.salesperson_id not in (None, d.employee_id):
            successor = order.salesperson_id
        accrued, withheld = LineStatus.ACCRUED.value, LineStatus.WITHHELD.value
        rule = plan.window_rule

        def successor_share(weight: Fraction) -> Share:
            if successor is None:
                return Share(None, weight, withheld, CLAUSE_WINDOW_NO_SUCCESSOR, "successor", d)
            clause = CLAUSE_WINDOW_SPLIT if rule == WindowRule.SPLIT.value else None
            return Share(
                successor, weight, accrued, clause or CLAUSE_WINDOW_SUCCESSOR, "successor", d
            )

        if rule == WindowRule.SUCCESSOR.value:
            return (successor_share(Fraction(1)),)
        if rule == WindowRule.COMPANY.value:
            return (
                Share(
                    d.employee_id,
                    Fraction(1),
                    LineStatus.FORFEITED.value,
                    CLAUSE_WINDOW_COMPANY,
                    "departing",
                    d,
                ),
            )
        if rule == WindowRule.SPLIT.value:
            x, y = plan.split
            mine = Fraction(x, x + y)
            return (
                Share(d.employee_id, mine, accrued, CLAUSE_WINDOW_SPLIT, "departing", d),
                successor_share(1 - mine),
            )
        return (
            Share(d.employee_id, Fraction(1), accrued, CLAUSE_WINDOW_DEPARTING, "departing", d),
        )

    def window_part(self, share: Share, plan: PlanRule, whole: int, amount: int) -> Part | None:
        d = share.departure
        if d is None:
            return None
        params = {
            "departing": self.name(d.employee_id),
            "notice": d.notice_on.isoformat() if d.notice_on else "",
            "last_day": d.last_day.isoformat(),
            "case": d.case_number,
            "successor": self.name(share.employee_id),
            "share": fen(amount),
            "whole": fen(whole),
            "x": str(plan.split[0]),
            "y": str(plan.split[1]),
            "role": share.role,
        }
        return share.clause, params

    def after_departure(
        self, share: Share, plan: PlanRule, fact: AllocationFact
    ) -> tuple[Share, Part | None]:
        """Apply the plan's rule for money collected after the share's owner left."""
        if share.employee_id is None:
            return share, None
        gone = self.gone_before(share.employee_id, fact.received_on)
        if gone is None:
            return share, None
        days = (fact.received_on - gone.last_day).days
        params = {
            "employee": self.name(share.employee_id),
            "last_day": gone.last_day.isoformat(),
            "days": str(days),
            "limit": str(plan.after_days),
            "collector": "",
        }
        rule = plan.after_rule
        forfeited = LineStatus.FORFEITED.value
        if rule == AfterRule.PAY.value:
            clause, new = CLAUSE_AFTER_PAY, share
        elif rule == AfterRule.PAY_WITHIN.value:
            if days <= plan.after_days:
                clause, new = CLAUSE_AFTER_WITHIN, share
            else:
                clause, new = CLAUSE_AFTER_EXPIRED, replace(share, status=forfeited)
        elif rule == AfterRule.FORFEIT.value:
            clause, new = CLAUSE_AFTER_FORFEIT, replace(share, status=forfeited)
        else:
            collector = None
            for c in (fact.payment_collector_id, fact.invoice_collector_id):
                if c is not None and c != share.employee_id:
                    if self.gone_before(c, fact.received_on) is None:
                        collector = c
                    break
            if collector is None:
                clause, new = CLAUSE_AFTER_NO_COLLECTOR, replace(share, status=forfeited)
            else:
                params["collector"] = self.name(collector)
                clause = CLAUSE_AFTER_COLLECTOR
                new = replace(share, employee_id=collector)
        new = replace(new, clause=clause, departure=share.departure or gone)
        return new, (clause, params)
