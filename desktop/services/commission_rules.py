"""The commission rules as pure functions: plans and tiers, attribution under the handover
policy, rounding, and the explanation of every line.

No database and no Qt here: :mod:`desktop.services.commissions` reads the facts (orders,
payments, write-offs, departures) with set-based queries, hands them to :func:`compute_lines`
and stores what comes back; the property tests drive these functions directly.

Money is integer fen; bases that come from a part-payment are exact fractions. The rounding
rule, the only one: **each line's amount is computed exactly and rounded once, half up, to the
fen** (``round_half_up``). Tiers are reached by the monthly base counted in fen (the sum of the
lines' bases as shown, each rounded half up), and a marginal line's amount is the exact
difference it makes to the month's commission on that base, rounded once. A split divides the rounded amount of the whole: the departing
employee's share is rounded half up, the successor gets the rest, so the shares always add up
to the whole to the fen. The base shown on a line is its exact base rounded the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from desktop.errors import QT_TRANSLATE_NOOP
from desktop.models.commissions import (
    AfterRule,
    LineSource,
    LineStatus,
    PlanBase,
    PlanTrigger,
    RateMode,
    TierMode,
    WindowRule,
)

CONTEXT = "Commissions"
ZERO = Fraction(0)

#: Statuses whose amounts are owed to the employee (clawbacks reduce them).
PAYABLE = (
    LineStatus.ACCRUED.value,
    LineStatus.APPROVED.value,
    LineStatus.PAID.value,
    LineStatus.CLAWED_BACK.value,
)
EARNED = (LineStatus.ACCRUED.value, LineStatus.APPROVED.value, LineStatus.PAID.value)

# --------------------------------------------------------------------------- clauses

#: The rule or policy clause that decided a line (stored on the line, shown with it).
CLAUSE_PLAN = "plan"
CLAUSE_RECREDIT = "plan.recredit"
CLAUSE_WINDOW_DEPARTING = "window.departing"
CLAUSE_WINDOW_SUCCESSOR = "window.successor"
CLAUSE_WINDOW_SPLIT = "window.split"
CLAUSE_WINDOW_COMPANY = "window.company"
CLAUSE_WINDOW_NO_SUCCESSOR = "window.no_successor"
CLAUSE_AFTER_PAY = "after.pay"
CLAUSE_AFTER_WITHIN = "after.pay_within"
CLAUSE_AFTER_EXPIRED = "after.expired"
CLAUSE_AFTER_FORFEIT = "after.forfeit"
CLAUSE_AFTER_COLLECTOR = "after.collector"
CLAUSE_AFTER_NO_COLLECTOR = "after.no_collector"
CLAUSE_CLAWBACK = "clawback"
CLAUSE_LATE = "late"
CLAUSE_CORRECTION = "correction"
CLAUSE_REVERSAL = "reversal"

CLAUSES = {
    CLAUSE_PLAN: QT_TRANSLATE_NOOP("Commissions", "Plan rate"),
    CLAUSE_RECREDIT: QT_TRANSLATE_NOOP("Commissions", "Plan rate (salesperson had left)"),
    CLAUSE_WINDOW_DEPARTING: QT_TRANSLATE_NOOP(
        "Commissions", "Handover window: departing employee"
    ),
    CLAUSE_WINDOW_SUCCESSOR: QT_TRANSLATE_NOOP("Commissions", "Handover window: successor"),
    CLAUSE_WINDOW_SPLIT: QT_TRANSLATE_NOOP("Commissions", "Handover window: split"),
    CLAUSE_WINDOW_COMPANY: QT_TRANSLATE_NOOP("Commissions", "Handover window: company keeps it"),
    CLAUSE_WINDOW_NO_SUCCESSOR: QT_TRANSLATE_NOOP(
        "Commissions", "Handover window: no successor yet"
    ),
    CLAUSE_AFTER_PAY: QT_TRANSLATE_NOOP("Commissions", "Collected after leaving: paid"),
    CLAUSE_AFTER_WITHIN: QT_TRANSLATE_NOOP("Commissions", "Collected after leaving, within N days"),
    CLAUSE_AFTER_EXPIRED: QT_TRANSLATE_NOOP("Commissions", "Collected after leaving, after N days"),
    CLAUSE_AFTER_FORFEIT: QT_TRANSLATE_NOOP("Commissions", "Collected after leaving: forfeited"),
    CLAUSE_AFTER_COLLECTOR: QT_TRANSLATE_NOOP(
        "Commissions", "Collected after leaving: to collector"
    ),
    CLAUSE_AFTER_NO_COLLECTOR: QT_TRANSLATE_NOOP(
        "Commissions", "Collected after leaving: no collector"
    ),
    CLAUSE_CLAWBACK: QT_TRANSLATE_NOOP("Commissions", "Clawback after bad-debt write-off"),
    CLAUSE_LATE: QT_TRANSLATE_NOOP("Commissions", "Late: dated in a locked period"),
    CLAUSE_CORRECTION: QT_TRANSLATE_NOOP("Commissions", "Correction of a locked line"),
    CLAUSE_REVERSAL: QT_TRANSLATE_NOOP("Commissions", "Reversal of a locked line"),
    "pending.pay": QT_TRANSLATE_NOOP("Commissions", "Waiting for collection: paid when collected"),
    "pending.pay_within": QT_TRANSLATE_NOOP(
        "Commissions", "Waiting for collection: paid if collected in time"
    ),
    "pending.forfeit": QT_TRANSLATE_NOOP(
        "Commissions", "Waiting for collection: will be forfeited"
    ),
    "pending.expired": QT_TRANSLATE_NOOP(
        "Commissions", "Waiting for collection: too late, will be forfeited"
    ),
    "pending.collector": QT_TRANSLATE_NOOP(
        "Commissions", "Waiting for collection: will go to the collector"
    ),
}

#: Clauses by which an employee loses commission they earned (the plan editor and the
#: settlement warn about the policy options that lead to them).
FORFEITING_CLAUSES = frozenset(
    {
        CLAUSE_WINDOW_COMPANY,
        CLAUSE_AFTER_EXPIRED,
        CLAUSE_AFTER_FORFEIT,
        CLAUSE_AFTER_COLLECTOR,
        CLAUSE_AFTER_NO_COLLECTOR,
    }
)

# --------------------------------------------------------------------------- explanations

#: Explanation templates by id. A line stores [(id, params)], never the English text, so a
#: wording change or another language applies to old lines too; ``{name}`` placeholders.
TEMPLATES: dict[str, str] = {
    "order": QT_TRANSLATE_NOOP(
        "Commissions", "Waybill {order} of {date} for {customer}: {base_kind} {base}."
    ),
    "payment": QT_TRANSLATE_NOOP(
        "Commissions",
        "Payment received {date}: {paid} of invoice {invoice} ({invoice_amount}, {portion} of "
        "it). The invoice bills {orders} with {base_kind} {order_base}; this payment's base is "
        "{portion} of that: {base}.",
    ),
    "payment_no_orders": QT_TRANSLATE_NOOP(
        "Commissions",
        "Payment received {date}: {paid} of invoice {invoice} ({invoice_amount}), which bills "
        "no waybill; the base is the revenue collected: {base}.",
    ),
    "flat": QT_TRANSLATE_NOOP(
        "Commissions", "Plan “{plan}”: flat rate {rate} → {amount} (rounded half up to the fen)."
    ),
    "whole": QT_TRANSLATE_NOOP(
        "Commissions",
        "Plan “{plan}”: the monthly base of {employee} ({month_base}) reaches tier {tier}, "
        "whose rate {rate} applies to the whole base → {amount} (rounded half up to the fen).",
    ),
    "marginal": QT_TRANSLATE_NOOP(
        "Commissions",
        "Plan “{plan}”: marginal tiers; this base takes {employee}'s monthly base from {before} "
        "to {after}, in tier {tier} (rate {rate} at the end) → {amount} (rounded half up to "
        "the fen).",
    ),
    "recredit": QT_TRANSLATE_NOOP(
        "Commissions",
        "{salesperson} had left the firm by the order date; the commission is credited to "
        "the customer's owner on that day, {employee}.",
    ),
    CLAUSE_WINDOW_DEPARTING: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "policy gives it to the departing employee.",
    ),
    CLAUSE_WINDOW_SUCCESSOR: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "policy gives it to the successor, {successor}.",
    ),
    CLAUSE_WINDOW_SPLIT: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "policy splits it {x}:{y} between the departing employee and the successor; this is "
        "the {role}'s share, {share} of {whole}.",
    ),
    CLAUSE_WINDOW_COMPANY: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "policy keeps it for the company, so the departing employee forfeits it.",
    ),
    CLAUSE_WINDOW_NO_SUCCESSOR: QT_TRANSLATE_NOOP(
        "Commissions",
        "Ordered in {departing}'s handover window ({notice} to {last_day}, case {case}): the "
        "successor's share ({share}) is withheld until a successor is named for this customer.",
    ),
    CLAUSE_AFTER_PAY: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}): the policy "
        "pays commission on money collected after departure.",
    ),
    CLAUSE_AFTER_WITHIN: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}), within the "
        "{limit} days the policy allows: paid.",
    ),
    CLAUSE_AFTER_EXPIRED: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}), later than "
        "the {limit} days the policy allows: forfeited.",
    ),
    CLAUSE_AFTER_FORFEIT: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}): the policy "
        "forfeits commission on money collected after departure.",
    ),
    CLAUSE_AFTER_COLLECTOR: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}): the policy "
        "gives it to the collector of record, {collector}.",
    ),
    CLAUSE_AFTER_NO_COLLECTOR: QT_TRANSLATE_NOOP(
        "Commissions",
        "Collected {days} days after {employee}'s last working day ({last_day}): the policy "
        "gives it to the collector of record, but there is none still employed: forfeited.",
    ),
    CLAUSE_CLAWBACK: QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice} ({invoice_amount}) was written off as bad debt on {date}: "
        "{written_off}, {portion} of it. The commission of line {line} ({original}, dated "
        "{original_date}) was {days} days earlier, within the {limit} days of the plan "
        "“{plan}”: {portion} of it is taken back.",
    ),
    CLAUSE_LATE: QT_TRANSLATE_NOOP(
        "Commissions",
        "Dated {date}, in {origin}, which was locked before this was recorded: it is paid in "
        "this period instead.",
    ),
    CLAUSE_CORRECTION: QT_TRANSLATE_NOOP(
        "Commissions",
        "Correction of line {line} ({origin}, locked): its base changed from {old_base} to "
        "{new_base} after the period was locked; the change {delta} is paid at the line's "
        "rate {rate} → {amount}.",
    ),
    "correction_amount": QT_TRANSLATE_NOOP(
        "Commissions",
        "Correction of line {line} ({origin}, locked): the amount should now be {new_amount} "
        "instead of {old_amount}; the difference is {amount}.",
    ),
    CLAUSE_REVERSAL: QT_TRANSLATE_NOOP(
        "Commissions",
        "Reversal of line {line} ({origin}, locked): its source changed after the period was "
        "locked and it no longer applies; {amount} is taken back.",
    ),
    "pending.pay": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); about {estimate} at {rate} becomes due when it is collected "
        "(the policy pays commission on money collected after departure).",
    ),
    "pending.pay_within": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); about {estimate} at {rate} is paid if collected by "
        "{deadline}, and forfeited after.",
    ),
    "pending.expired": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); the {limit} days after the last working day ended on "
        "{deadline}, so about {estimate} at {rate} will be forfeited when it is collected.",
    ),
    "pending.forfeit": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); the policy forfeits commission on money collected after "
        "departure: about {estimate} at {rate}.",
    ),
    "pending.collector": QT_TRANSLATE_NOOP(
        "Commissions",
        "Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the "
        "commission base theirs); the commission, about {estimate} at {rate}, will go to the "
        "collector of record, {collector}.",
    ),
}

BASE_KINDS = {
    PlanBase.REVENUE.value: QT_TRANSLATE_NOOP("Commissions", "revenue"),
    PlanBase.MARGIN.value: QT_TRANSLATE_NOOP("Commissions", "gross margin"),
}
ROLES = {
    "departing": QT_TRANSLATE_NOOP("Commissions", "departing employee"),
    "successor": QT_TRANSLATE_NOOP("Commissions", "successor"),
}

Part = tuple[str, dict[str, Any]]
#: Parameters holding money as whole fen, formatted (¥1,234.50) only when a line is shown.
MONEY_PARAMS = frozenset(
    {
        "base",
        "amount",
        "paid",
        "invoice_amount",
        "order_base",
        "month_base",
        "before",
        "after",
        "share",
        "whole",
        "written_off",
        "original",
        "old_base",
        "new_base",
        "delta",
        "new_amount",
        "old_amount",
        "outstanding",
        "estimate",
    }
)
#: Parameters whose value is itself a translatable word (looked up before formatting).
TRANSLATED_PARAMS = {"base_kind": BASE_KINDS, "role": ROLES}


def explain(parts: Sequence[Part], translate: Callable[[str, str], str] | None = None) -> str:
    """The explanation of a line in the reader's language (English without ``translate``)."""
    out = []
    for template_id, params in parts:
        template = TEMPLATES.get(template_id)
        if template is None:
            continue
        values = dict(params)
        for name in MONEY_PARAMS.intersection(values):
            if isinstance(values[name], int):
                values[name] = money_text(values[name])
        for name, table in TRANSLATED_PARAMS.items():
            if name in values and values[name] in table:
                word = table[values[name]]
                values[name] = translate(CONTEXT, word) if translate else word
        text = translate(CONTEXT, template) if translate else template
        try:
            out.append(text.format(**values))
        except (KeyError, IndexError, ValueError):
            out.append(template.format_map(defaultdict(str, values)))
    return " ".join(out)


def clause_label(clause: str, translate: Callable[[str, str], str] | None = None) -> str:
    text = CLAUSES.get(clause, clause)
    return translate(CONTEXT, text) if translate else text


# --------------------------------------------------------------------------- numbers


def round_half_up(value: Fraction | int) -> int:
    """``value`` (in fen) rounded to a whole fen, halves away from zero (integer arithmetic on
    the fraction's terms: exact, and fast enough for tens of thousands of lines)."""
    n, d = value.numerator, value.denominator
    if n >= 0:
        return (2 * n + d) // (2 * d)
    return -((-2 * n + d) // (2 * d))


def fen(value: int | Fraction) -> int:
    """A money parameter of an explanation: whole fen (formatted when the line is shown)."""
    return value if type(value) is int else round_half_up(value)


def money_text(fen: int | Fraction) -> str:
    """¥1,234.50 (as :func:`desktop.i18n.format_money` writes it) from fen."""
    whole = fen if type(fen) is int else round_half_up(fen)
    sign = "-" if whole < 0 else ""
    whole = abs(whole)
    return f"{sign}¥{whole // 100:,}.{whole % 100:02d}"


def percent_text(rate: Decimal | Fraction) -> str:
    """3.25%, 5.00%, 33.3333% (two to four decimals, rounded half up)."""
    if type(rate) is Fraction:
        n, d = rate.numerator * 1_000_000, rate.denominator
        q = (2 * n + d) // (2 * d) if n >= 0 else -((-2 * n + d) // (2 * d))
        sign = "-" if q < 0 else ""
        q = abs(q)
        decimals = f"{q % 10000:04d}".rstrip("0").ljust(2, "0")
        return f"{sign}{q // 10000}.{decimals}%"
    return _decimal_percent(rate)


@lru_cache(maxsize=512)
def _decimal_percent(rate: Decimal) -> str:
    return _percent(Decimal(rate))


def _percent(value: Decimal) -> str:
    text = f"{(value * 100).quantize(Decimal('0.0001')):f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}%"


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def split_amount(whole: int, weights: Sequence[Fraction]) -> list[int]:
    """Divide ``whole`` fen by ``weights`` (summing to 1): every share but the last rounded
    half up, the last the rest — the shares add up to the whole exactly."""
    shares = [round_half_up(whole * w) for w in weights[:-1]]
    shares.append(whole - sum(shares))
    return shares


# --------------------------------------------------------------------------- plans


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


@lru_cache(maxsize=256)
def _slices(tiers: tuple[Tier, ...]) -> tuple[tuple[int, int | None, Fraction], ...]:
    return tuple((t.lower, t.upper, Fraction(t.rate)) for t in tiers)


def marginal_total(tiers: Sequence[Tier], base: Fraction) -> Fraction:
    """Commission on a monthly base under marginal tiers: each tier's rate on its slice."""
    total = ZERO
    for lower, upper, rate in _slices(tuple(tiers)):
        if base <= lower:
            break
        top = base if upper is None or base < upper else upper
        total += (top - lower) * rate
    return total


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


# --------------------------------------------------------------------------- facts


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


# --------------------------------------------------------------------------- attribution


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


# --------------------------------------------------------------------------- items and pricing


@dataclass(slots=True)
class Item:
    """One commissionable thing (an order, or an allocation's waybills with one attribution)
    before pricing: its exact base, whose plan prices it, and how it is shared."""

    source: str
    source_id: int
    source_date: date
    attribution: Attribution
    base: Fraction
    parts: list[Part]
    order_id: int | None = None
    receivable_id: int | None = None
    payment_id: int | None = None
    allocation_id: int | None = None
    fact: AllocationFact | None = None
    discriminator: str = ""

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.source_date, self.source, self.source_id, self.discriminator)


@dataclass(frozen=True)
class Priced:
    amount: int
    rate: Decimal
    tier: str | None
    part: Part


def _ppm(rate: Decimal) -> int:
    """A rate in millionths (rates have at most six decimals)."""
    return int(rate * 1_000_000)


def times_rate(base: Fraction | int, ppm: int) -> int:
    """``base`` (fen) × a rate in millionths, rounded half up to the fen (integers only)."""
    n, d = base.numerator * ppm, base.denominator * 1_000_000
    if n >= 0:
        return (2 * n + d) // (2 * d)
    return -((-2 * n + d) // (2 * d))


def _marginal_micro(tiers: Sequence[Tier], fen: int) -> int:
    """Marginal commission on a monthly base of ``fen``, in millionths of a fen (exact)."""
    total = 0
    for t in tiers:
        if fen <= t.lower:
            break
        top = fen if t.upper is None or fen < t.upper else t.upper
        total += (top - t.lower) * _ppm(t.rate)
    return total


def price_group(
    items: Sequence[Item], plan: PlanRule, employee: str, start: int = 0
) -> list[Priced]:
    """Amounts for one employee's items under one plan in one month, in ``items`` order.

    Flat and whole-amount rates apply to each item's exact base. Tiers are reached by the
    monthly base counted in fen — the sum of the lines' bases as shown, each rounded half up —
    and marginal amounts are the difference the item makes to the month's commission on that
    base (integers throughout). ``start`` is the monthly base already priced in fen (late items
    continue a locked month).
    """
    out: list[Priced] = []
    if plan.rate_mode == RateMode.FLAT.value or not plan.tiers:
        rate = plan.flat_rate
        ppm = _ppm(rate)
        rate_text = percent_text(rate)
        for item in items:
            amount = times_rate(item.base, ppm)
            params = {"plan": plan.name, "rate": rate_text, "amount": fen(amount)}
            out.append(Priced(amount, rate, None, ("flat", params)))
        return out
    tiers = plan.tiers
    if plan.tier_mode == TierMode.WHOLE.value:
        month_base = start + sum(round_half_up(i.base) for i in items)
        index = tier_index(tiers, month_base)
        rate = tiers[index].rate
        ppm = _ppm(rate)
        for item in items:
            amount = times_rate(item.base, ppm)
            params = {
                "plan": plan.name,
                "employee": employee,
                "month_base": fen(month_base),
                "tier": str(index + 1),
                "rate": percent_text(rate),
                "amount": fen(amount),
            }
            out.append(Priced(amount, rate, str(index + 1), ("whole", params)))
        return out
    cumulative = start
    micro_before = _marginal_micro(tiers, cumulative)
    for item in items:
        before = cumulative
        base_fen = round_half_up(item.base)
        cumulative += base_fen
        micro_after = _marginal_micro(tiers, cumulative)
        amount = round_half_up(Fraction(micro_after - micro_before, 1_000_000))
        micro_before = micro_after
        last = marginal_tier_at(tiers, cumulative)
        first = min(tier_index(tiers, before), last) if base_fen > 0 else last
        label = str(last + 1) if first == last else f"{first + 1}–{last + 1}"
        rate = tiers[last].rate
        params = {
            "plan": plan.name,
            "employee": employee,
            "before": fen(before),
            "after": fen(cumulative),
            "tier": label,
            "rate": percent_text(rate),
            "amount": fen(amount),
        }
        out.append(Priced(amount, rate, label, ("marginal", params)))
    return out


def order_item(rules: Rules, order: OrderFact) -> Item | None:
    """The commissionable item of a waybill under an order-date plan (None: not one)."""
    attribution = rules.attribute(order)
    if attribution is None or attribution.plan.trigger != PlanTrigger.ORDER.value:
        return None
    base = order.base(attribution.plan.base)
    params = {
        "order": order.number,
        "date": order.order_date.isoformat(),
        "customer": order.customer,
        "base_kind": attribution.plan.base,
        "base": fen(base),
    }
    parts: list[Part] = [("order", params)]
    if attribution.recredit_from is not None:
        parts.append(
            (
                "recredit",
                {
                    "salesperson": rules.name(attribution.recredit_from),
                    "employee": rules.name(attribution.credited_id),
                },
            )
        )
    return Item(
        LineSource.ORDER.value,
        order.id,
        order.order_date,
        attribution,
        Fraction(base),
        parts,
        order_id=order.id,
    )


def _signature(a: Attribution) -> Any:
    if a.window is None and a.recredit_from is None:
        return (a.credited_id, a.plan.id)
    return (
        a.credited_id,
        a.plan.id,
        a.recredit_from,
        tuple(
            (sh.employee_id, sh.weight.numerator, sh.weight.denominator, sh.status, sh.clause)
            for sh in a.shares
        ),
    )


def allocation_items(rules: Rules, fact: AllocationFact) -> list[Item]:
    """The commissionable items of one allocation under payment plans: its invoice's waybills
    grouped by attribution; the base of each group is the paid share of their bases."""
    if fact.invoice_amount <= 0 or fact.amount <= 0:
        return []
    share_of_invoice = Fraction(fact.amount, fact.invoice_amount)
    common = {
        "date": fact.received_on.isoformat(),
        "paid": fen(fact.amount),
        "invoice": fact.invoice,
        "invoice_amount": fen(fact.invoice_amount),
        "portion": percent_text(share_of_invoice),
    }
    refs = {
        "receivable_id": fact.receivable_id,
        "payment_id": fact.payment_id,
        "allocation_id": fact.id,
    }
    if not fact.orders:
        pseudo = OrderFact(
            0,
            fact.invoice,
            fact.customer_id,
            fact.customer,
            fact.issued_on,
            fact.invoice_salesperson_id,
            fact.invoice_owner_id,
            fact.invoice_amount,
            fact.invoice_amount,
        )
        a = rules.attribute(pseudo)
        if (
            a is None
            or a.plan.trigger != PlanTrigger.PAYMENT.value
            or a.plan.base != PlanBase.REVENUE.value
        ):
            return []
        params = {**common, "base": fen(fact.amount)}
        return [
            Item(
                LineSource.PAYMENT.value,
                fact.id,
                fact.received_on,
                a,
                Fraction(fact.amount),
                [("payment_no_orders", params)],
                fact=fact,
                **refs,
            )
        ]
    groups: dict[tuple[Any, ...], tuple[Attribution, list[OrderFact]]] = {}
    for order in fact.orders:
        a = rules.attribute(order)
        if a is None or a.plan.trigger != PlanTrigger.PAYMENT.value:
            continue
        groups.setdefault(_signature(a), (a, []))[1].append(order)
    items = []
    for n, (a, orders) in enumerate(groups.values()):
        if a.plan.base == PlanBase.REVENUE.value:
            order_base = sum(max(0, o.revenue) for o in orders)
        else:
            order_base = sum(max(0, o.revenue - o.cost) for o in orders)
        base = order_base * share_of_invoice
        waybills = sum(o.count for o in orders)
        names = ", ".join(o.number for o in orders[:3])
        if waybills > min(3, len(orders)):
            names += f" (+{waybills - min(3, len(orders))})"
        params = {
            **common,
            "orders": names,
            "base_kind": a.plan.base,
            "order_base": fen(order_base),
            "base": fen(base),
        }
        parts: list[Part] = [("payment", params)]
        if a.recredit_from is not None:
            parts.append(
                (
                    "recredit",
                    {
                        "salesperson": rules.name(a.recredit_from),
                        "employee": rules.name(a.credited_id),
                    },
                )
            )
        items.append(
            Item(
                LineSource.PAYMENT.value,
                fact.id,
                fact.received_on,
                a,
                base,
                parts,
                order_id=orders[0].id if waybills == 1 else None,
                fact=fact,
                discriminator=f"{n:03d}",
                **refs,
            )
        )
    return items


def line_key(
    source: str,
    source_id: int,
    employee_id: int | None,
    plan_id: int | None,
    status: str,
    clause: str,
) -> str:
    """What identifies a line's source and outcome across periods (corrections match it)."""
    who = "-" if employee_id is None else str(employee_id)
    prefix = {"order": "o", "payment": "a", "write_off": "w"}[source]
    return f"{prefix}{source_id}:{who}:{plan_id or '-'}:{status}:{clause}"


def bucket(status: str) -> str:
    """The status a correction of a line carries (approval moves accrued lines on)."""
    return LineStatus.ACCRUED.value if status in EARNED else status


def distribute(rules: Rules, item: Item, priced: Priced) -> list[LineDraft]:
    """Share one priced item out as lines, under the window and after-departure rules."""
    a = item.attribution
    shares = a.shares
    whole_base = round_half_up(item.base)
    if len(shares) == 1:
        amounts, bases = [priced.amount], [whole_base]
    else:
        amounts = split_amount(priced.amount, [s.weight for s in shares])
        bases = split_amount(whole_base, [s.weight for s in shares])
    lines = []
    for share, amount, base in zip(shares, amounts, bases, strict=True):
        parts = [*item.parts, priced.part]
        window = rules.window_part(share, a.plan, priced.amount, amount)
        if window is not None:
            parts.append(window)
        final = share
        if item.fact is not None:
            final, after = rules.after_departure(share, a.plan, item.fact)
            if after is not None:
                parts.append(after)
        departure = final.departure
        lines.append(
            LineDraft(
                employee_id=final.employee_id,
                credited_id=a.credited_id,
                plan_id=a.plan.id,
                case_id=departure.case_id if departure is not None else None,
                source=item.source,
                source_date=item.source_date,
                base=base,
                rate=priced.rate,
                tier=priced.tier,
                amount=amount,
                status=final.status,
                clause=final.clause,
                parts=parts,
                key=line_key(
                    item.source,
                    item.source_id,
                    final.employee_id,
                    a.plan.id,
                    bucket(final.status),
                    final.clause,
                ),
                order_id=item.order_id,
                receivable_id=item.receivable_id,
                payment_id=item.payment_id,
                allocation_id=item.allocation_id,
            )
        )
    return lines


def _merge(lines: list[LineDraft]) -> list[LineDraft]:
    """Lines of one source with the same key become one (a waybill split twice the same way)."""
    merged: dict[str, LineDraft] = {}
    out = []
    for line in lines:
        same = merged.get(line.key)
        if same is None:
            merged[line.key] = line
            out.append(line)
        else:
            same.amount += line.amount
            same.base += line.base
            same.parts.extend(line.parts)
    return out


def price_items(
    rules: Rules,
    items: Iterable[Item],
    start: Callable[[int, int, str], int] | None = None,
) -> list[LineDraft]:
    """Price items per (credited employee, plan, month) in date order, then share them out.

    ``start(employee, plan, month)`` is the base already priced in that month (late items of a
    locked month continue its tiers); 0 when not given.
    """
    groups: dict[tuple[int, int, str], list[Item]] = defaultdict(list)
    for item in items:
        a = item.attribution
        groups[(a.credited_id, a.plan.id, month_of(item.source_date))].append(item)
    lines: list[LineDraft] = []
    for (credited, plan_id, month), group in sorted(groups.items()):
        group.sort(key=lambda i: i.sort_key)
        plan = group[0].attribution.plan
        begin = start(credited, plan_id, month) if start is not None else 0
        for item, priced in zip(
            group, price_group(group, plan, rules.name(credited), begin), strict=True
        ):
            lines.extend(_merge(distribute(rules, item, priced)))
    return lines


def clawback_lines(
    writeoff: WriteOffFact, plans: Mapping[int, PlanRule], names: Mapping[int, str]
) -> list[LineDraft]:
    """Take back the commission paid on the order date for an invoice written off within the
    plan's clawback days of that commission, in the written-off proportion.

    Commission earned on payment needs no clawback: it was only ever earned on money received.
    """
    if writeoff.invoice_amount <= 0 or writeoff.written_off <= 0:
        return []
    share = Fraction(writeoff.written_off, writeoff.invoice_amount)
    out = []
    for line in writeoff.prior:
        plan = plans.get(line.plan_id) if line.plan_id is not None else None
        if (
            plan is None
            or plan.clawback_days is None
            or line.source != LineSource.ORDER.value
            or line.status not in EARNED
            or line.amount <= 0
        ):
            continue
        days = (writeoff.written_off_on - line.source_date).days
        if days > plan.clawback_days:
            continue
        amount = -round_half_up(line.amount * share)
        if amount == 0:
            continue
        params = {
            "invoice": writeoff.invoice,
            "invoice_amount": fen(writeoff.invoice_amount),
            "date": writeoff.written_off_on.isoformat(),
            "written_off": fen(writeoff.written_off),
            "portion": percent_text(share),
            "line": str(line.id),
            "original": fen(line.amount),
            "original_date": line.source_date.isoformat(),
            "days": str(days),
            "limit": str(plan.clawback_days),
            "plan": plan.name,
        }
        out.append(
            LineDraft(
                employee_id=line.employee_id,
                credited_id=line.credited_id,
                plan_id=line.plan_id,
                case_id=line.case_id,
                source=LineSource.WRITE_OFF.value,
                source_date=writeoff.written_off_on,
                base=-round_half_up(line.base * share),
                rate=None,
                tier=None,
                amount=amount,
                status=LineStatus.CLAWED_BACK.value,
                clause=CLAUSE_CLAWBACK,
                parts=[(CLAUSE_CLAWBACK, params)],
                key=f"w{writeoff.receivable_id}:{line.id}",
                order_id=line.order_id,
                receivable_id=writeoff.receivable_id,
                ref_line_id=line.id,
            )
        )
    return out


@dataclass(frozen=True)
class MonthFacts:
    """What one month's computation reads."""

    orders: Sequence[OrderFact] = ()
    allocations: Sequence[AllocationFact] = ()
    writeoffs: Sequence[WriteOffFact] = ()


def compute_lines(
    rules: Rules,
    facts: MonthFacts,
    start: Callable[[int, int, str], int] | None = None,
) -> list[LineDraft]:
    """Every line of a month's facts, in a deterministic order (the same facts give the same
    lines)."""
    items: list[Item] = []
    for order in facts.orders:
        item = order_item(rules, order)
        if item is not None:
            items.append(item)
    for fact in facts.allocations:
        items.extend(allocation_items(rules, fact))
    lines = price_items(rules, items, start)
    plans = rules.book.plans
    for writeoff in sorted(facts.writeoffs, key=lambda w: (w.written_off_on, w.receivable_id)):
        lines.extend(clawback_lines(writeoff, plans, rules.names))
    return lines


def payable_total(lines: Iterable[LineDraft | PriorLine]) -> int:
    return sum(line.amount for line in lines if line.status in PAYABLE)
