"""The commission engine's month as it was before issue 17, kept as the oracle of
tests/services/test_speed_commissions.py: the same facts, rules and line numbering, with the
explanation written by ``json.dumps`` per line, as a list of (line id, column values) in the
order compute_period writes them. Reads only; it never writes a line."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models.commissions import CommissionLine
from desktop.models.orders import Receivable
from desktop.services.commissions.compute import _assign_ids
from desktop.services.commissions.corrections import _late_lines
from desktop.services.commissions.facts import month_facts, rules_in, writeoff_facts
from desktop.services.commissions.periods import parse_month
from desktop.services.commissions.rules import LineDraft, clawback_lines, compute_lines


def _values(d: LineDraft) -> tuple[Any, ...]:
    return (
        d.employee_id,
        d.credited_id,
        d.plan_id,
        d.case_id,
        d.source,
        d.source_date,
        d.order_id,
        d.receivable_id,
        d.payment_id,
        d.allocation_id,
        d.base,
        None if d.rate is None else int(d.rate * 1_000_000),
        d.tier,
        d.amount,
        d.status,
        d.clause,
        json.dumps(d.parts, ensure_ascii=False, separators=(",", ":")),
        d.key,
        d.ref_line_id,
        d.origin_month,
    )


def month_rows(
    s: Session, month: str, period_id: int, reuse: dict[str, list[int]]
) -> list[tuple[int, tuple[Any, ...]]]:
    """The rows the old engine would store for ``month`` (period ``period_id``), numbered
    as it numbered them given the stored lines' ids by key (``reuse``)."""
    first, last = parse_month(month)
    rules = rules_in(s)
    facts = month_facts(s, rules, first, last)
    drafts = compute_lines(rules, facts)
    next_id = [(s.scalar(select(func.max(CommissionLine.id))) or 0) + 1]
    numbered = _assign_ids(drafts, reuse, next_id)
    writeoffs = writeoff_facts(
        s, [Receivable.written_off_on.between(first, last)], period_id, numbered, month
    )
    claws = [
        line
        for w in sorted(writeoffs, key=lambda w: (w.written_off_on, w.receivable_id))
        for line in clawback_lines(w, rules.book.plans, rules.names)
    ]
    numbered += _assign_ids(claws, reuse, next_id)
    numbered += _assign_ids(_late_lines(s, rules, period_id, month, None), reuse, next_id)
    return [(line_id, _values(d)) for line_id, d in numbered]
