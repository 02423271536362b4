"""Items and pricing: the commissionable items of a month's facts, priced per employee, plan and
month under the tiers, shared out as lines, plus clawbacks; :func:`compute_lines` is the whole
month.

Separate as the one place amounts are decided, on top of attribution and the plan tiers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from desktop.commission_enums import (
    LineSource,
    LineStatus,
    PlanBase,
    PlanTrigger,
    RateMode,
    TierMode,
)
from desktop.services.commissions.rules.attribution import Attribution, Rules, Share
from desktop.services.commissions.rules.clauses import CLAUSE_CLAWBACK, EARNED
from desktop.services.commissions.rules.explanations import Part
from desktop.services.commissions.rules.facts import (
    AllocationFact,
    LineDraft,
    OrderFact,
    WriteOffFact,
)
from desktop.services.commissions.rules.numbers import (
    div_half_up,
    fen,
    percent_text,
    ratio_percent,
    round_half_up,
    split_amount,
)
from desktop.services.commissions.rules.tiers import PlanRule, Tier, marginal_tier_at, tier_index
from desktop.services.dates import month_of

#: Enum values read once (an enum member's ``.value`` is a descriptor call: thousands per month).
_ORDER, _PAYMENT = LineSource.ORDER.value, LineSource.PAYMENT.value
_ON_PAYMENT, _ON_ORDER = PlanTrigger.PAYMENT.value, PlanTrigger.ORDER.value
_REVENUE = PlanBase.REVENUE.value
_ACCRUED = LineStatus.ACCRUED.value
_FLAT, _WHOLE = RateMode.FLAT.value, TierMode.WHOLE.value


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


class Priced(NamedTuple):
    amount: int
    rate: Decimal
    tier: str | None
    part: Part


def _ppm(rate: Decimal) -> int:
    """A rate in millionths (rates have at most six decimals)."""
    return int(rate * 1_000_000)


def times_rate(base: Fraction | int, ppm: int) -> int:
    """``base`` (fen) × a rate in millionths, rounded half up to the fen (integers only)."""
    return div_half_up(base.numerator * ppm, base.denominator * 1_000_000)


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
    if plan.rate_mode == _FLAT or not plan.tiers:
        rate = plan.flat_rate
        ppm = _ppm(rate)
        rate_text = percent_text(rate)
        for item in items:
            amount = times_rate(item.base, ppm)
            params = {"plan": plan.name, "rate": rate_text, "amount": fen(amount)}
            out.append(Priced(amount, rate, None, ("flat", params)))
        return out
    tiers = plan.tiers
    if plan.tier_mode == _WHOLE:
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
        amount = div_half_up(micro_after - micro_before, 1_000_000)
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
    if attribution is None or attribution.plan.trigger != _ON_ORDER:
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
        _ORDER,
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
    paid, invoiced = fact.amount, fact.invoice_amount
    common = {
        "date": fact.received_on.isoformat(),
        "paid": paid,
        "invoice": fact.invoice,
        "invoice_amount": invoiced,
        "portion": ratio_percent(paid, invoiced),
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
        if a is None or a.plan.trigger != _ON_PAYMENT or a.plan.base != _REVENUE:
            return []
        params = {**common, "base": fen(fact.amount)}
        return [
            Item(
                _PAYMENT,
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
        if a is None or a.plan.trigger != _ON_PAYMENT:
            continue
        groups.setdefault(_signature(a), (a, []))[1].append(order)
    items = []
    for n, (a, orders) in enumerate(groups.values()):
        if a.plan.base == _REVENUE:
            order_base = sum(max(0, o.revenue) for o in orders)
        else:
            order_base = sum(max(0, o.revenue - o.cost) for o in orders)
        # the exact paid share of the waybills' base (one fraction, reduced once)
        base = Fraction(order_base * paid, invoiced)
        waybills = sum(o.count for o in orders)
        names = ", ".join(o.number for o in orders[:3])
        if waybills > min(3, len(orders)):
            names += f" (+{waybills - min(3, len(orders))})"
        params = {
            **common,
            "orders": names,
            "base_kind": a.plan.base,
            "order_base": order_base,
            "base": round_half_up(base),
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
                _PAYMENT,
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
    return _ACCRUED if status in EARNED else status


def distribute(rules: Rules, item: Item, priced: Priced) -> list[LineDraft]:
    """Share one priced item out as lines, under the window and after-departure rules."""
    a = item.attribution
    shares = a.shares
    whole_base = round_half_up(item.base)
    if len(shares) == 1:
        share = shares[0]
        if share.departure is None and (
            item.fact is None or rules.gone_before(share.employee_id, item.source_date) is None
        ):
            # the common case: nobody leaving (no window, no money after a departure)
            parts = [*item.parts, priced.part]
            return [_draft(item, priced, share, priced.amount, whole_base, parts)]
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
        lines.append(_draft(item, priced, final, amount, base, parts))
    return lines


def _draft(
    item: Item, priced: Priced, share: Share, amount: int, base: int, parts: list[Part]
) -> LineDraft:
    """The line of ``share`` of a priced item."""
    a = item.attribution
    departure = share.departure
    return LineDraft(
        share.employee_id,
        a.credited_id,
        a.plan.id,
        departure.case_id if departure is not None else None,
        item.source,
        item.source_date,
        base,
        priced.rate,
        priced.tier,
        amount,
        share.status,
        share.clause,
        parts,
        line_key(
            item.source,
            item.source_id,
            share.employee_id,
            a.plan.id,
            bucket(share.status),
            share.clause,
        ),
        item.order_id,
        item.receivable_id,
        item.payment_id,
        item.allocation_id,
    )


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
