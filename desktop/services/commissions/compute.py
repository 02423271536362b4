"""Computing a month: every line of an open or computed period in one unit of work, written in
bulk with one audit event per computation, not one per line.

Separate from :mod:`.periods` because only this writes lines. Computing again gives the same
lines (same facts, same order, same rounding); lines that did not change are not rewritten.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import Date, Integer, bindparam, column, delete, func, select, table, update
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models import audit
from desktop.models.commissions import CommissionLine, CommissionPeriod, PeriodState
from desktop.models.orders import Order, Receivable
from desktop.models.staff import Employee, EmployeeStatus
from desktop.services.bulk import no_full_collection
from desktop.services.commissions.corrections import _late_lines
from desktop.services.commissions.facts import month_facts, rules_in, writeoff_facts
from desktop.services.commissions.periods import (
    RECOMPUTABLE,
    Progress,
    _period,
    _totals,
    _watermarks,
    _yuan,
    parse_month,
)
from desktop.services.commissions.rules import PAYABLE, LineDraft, clawback_lines, compute_lines
from desktop.services.commissions.wage_cap import CapWarning, cap_warnings_in
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action

STAGE_READ = QT_TRANSLATE_NOOP("Commissions", "Reading orders and payments")
STAGE_COMPUTE = QT_TRANSLATE_NOOP("Commissions", "Computing lines")


STAGE_WRITE = QT_TRANSLATE_NOOP("Commissions", "Saving lines")


@dataclass(frozen=True)
class ComputeResult:
    month: str
    lines: int
    payable: Decimal
    totals: dict[str, Decimal]
    late_lines: int
    written: int
    seconds: float
    cap_warnings: tuple[CapWarning, ...] = ()
    #: Salespeople no plan covers in the month ("name (employee no)"): they earn nothing, and
    #: a month of 0 lines says why.
    uncovered: tuple[str, ...] = ()


# --------------------------------------------------------------------------- writing lines


_COLUMNS = (
    "employee_id",
    "credited_id",
    "plan_id",
    "case_id",
    "source",
    "source_date",
    "order_id",
    "receivable_id",
    "payment_id",
    "allocation_id",
    "base",
    "rate",
    "tier",
    "amount",
    "status",
    "clause",
    "explanation",
    "key",
    "ref_line_id",
    "origin_month",
)


#: The line table as plain columns: money as integer fen and rates as integer millionths go
#: in and come out as they are (no Decimal per value for tens of thousands of rows).
_LINES = table(
    "commission_line",
    column("id", Integer),
    column("period_id", Integer),
    *(column(c, Date() if c == "source_date" else None) for c in _COLUMNS),
)


#: The standard library's encoder, for what orjson refuses (a lone surrogate, a number it
#: does not know); one instance, since ``json.dumps`` with options builds one per call.
_EXPLAIN = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def explanation_text(parts: Any) -> str:
    """A line's explanation as stored: compact JSON, non-ASCII as it is (orjson writes the
    same text as ``_EXPLAIN`` three times faster)."""
    try:
        return orjson.dumps(parts).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return _EXPLAIN.encode(parts)


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
        explanation_text(d.parts),
        d.key,
        d.ref_line_id,
        d.origin_month,
    )


def _fingerprint(rows: list[tuple[int, tuple[Any, ...]]]) -> str:
    """SHA-256 of the lines as computed (id and stored values, as JSON), for the audit event:
    the same lines give the same fingerprint."""
    try:
        data = orjson.dumps(rows)
    except TypeError:
        data = repr(rows).encode()
    return hashlib.sha256(data).hexdigest()


def _assign_ids(
    drafts: Sequence[LineDraft], reuse: dict[str, list[int]], next_id: list[int]
) -> list[tuple[int, LineDraft]]:
    """Lines keep the id of the stored line with the same key (so references to them and
    unchanged rows survive a recomputation); new ones get fresh ids."""
    out = []
    for d in drafts:
        ids = reuse.get(d.key)
        if ids:
            out.append((ids.pop(0), d))
        else:
            out.append((next_id[0], d))
            next_id[0] += 1
    return out


def _write_lines(
    s: Session, period_id: int, rows: list[tuple[int, tuple[Any, ...]]], old: dict[int, tuple]
) -> tuple[int, list[int]]:
    """Insert new lines, update changed ones, delete vanished ones (unchanged rows are not
    written); return (rows written, ids removed)."""
    inserts, updates = [], []
    for line_id, values in rows:
        if old.get(line_id) == values:
            continue
        if line_id in old:
            row = dict(zip(_COLUMNS, values, strict=True))
            row["line_id"] = line_id
            updates.append(row)
        else:
            inserts.append((line_id, period_id, *values))
    keep = {line_id for line_id, _ in rows}
    removed = [i for i in old if i not in keep]
    conn = s.connection()
    for start in range(0, len(removed), 900):
        conn.execute(delete(_LINES).where(_LINES.c.id.in_(removed[start : start + 900])))
    if updates:
        conn.execute(
            update(_LINES)
            .where(_LINES.c.id == bindparam("line_id"))
            .values({c: bindparam(c) for c in _COLUMNS}),
            updates,
        )
    if inserts:
        _insert_rows(conn, inserts)
    return len(inserts) + len(updates) + len(removed), removed


def _insert_rows(conn: Any, rows: list[tuple[Any, ...]]) -> None:
    """New lines in one ``executemany`` of plain tuples: SQLAlchemy's per-row parameter
    processing cost as much as the insert itself on a month of tens of thousands of lines
    (the values are already what the columns store: fen, millionths, ISO dates, text)."""
    names = ("id", "period_id", *_COLUMNS)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    columns = ", ".join(f'"{c}"' for c in names)
    marks = ", ".join(mark for _ in names)
    conn.exec_driver_sql(f"INSERT INTO commission_line ({columns}) VALUES ({marks})", rows)


def _stored(s: Session, period_id: int) -> tuple[dict[int, tuple], dict[str, list[int]]]:
    rows = s.connection().execute(
        select(_LINES.c.id, *(_LINES.c[c] for c in _COLUMNS))
        .where(_LINES.c.period_id == period_id)
        .order_by(_LINES.c.id)
    )
    old: dict[int, tuple] = {}
    by_key: dict[str, list[int]] = defaultdict(list)
    key_at = _COLUMNS.index("key") + 1
    for row in rows:
        old[row[0]] = tuple(row[1:])
        by_key[row[key_at]].append(row[0])
    return old, by_key


# --------------------------------------------------------------------------- computing


def _refuse_frozen(period: CommissionPeriod) -> None:
    if period.state not in RECOMPUTABLE:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The commission period {month} is {state} and cannot be computed again. A "
                "locked period never changes: late payments and corrections go to the next "
                "open period. An approved period must be reopened first.",
            ),
            month=period.month,
            state=period.state,
        )


def compute_period(
    ctx: ServiceContext, month: str, progress: Progress | None = None
) -> ComputeResult:
    """Compute (or compute again) an open month: every line, in one unit of work.

    Refused for an approved, locked or paid period. The same facts give the same lines; lines
    that did not change are not rewritten. One audit event records the computation.
    """
    ctx.require(Action.COMMISSIONS_COMPUTE)
    first, last = parse_month(month)
    started = time.perf_counter()
    # Every line refers only to what this transaction reads first (waybills, invoices,
    # payments, employees, plans, cases, its period) under the write lock it takes at once.
    with no_full_collection(), ctx.transaction(own_references=True) as s:
        period = _period(s, month)
        if period is None:
            period = CommissionPeriod(month=month, state=PeriodState.OPEN.value)
            s.add(period)
            s.flush()
        _refuse_frozen(period)
        if progress is not None:
            progress(0, 5, STAGE_READ)
        rules = rules_in(s)
        marks = _watermarks(s)
        facts = month_facts(s, rules, first, last)
        if progress is not None:
            progress(1, 5, STAGE_COMPUTE)
        drafts = compute_lines(rules, facts)
        old, reuse = _stored(s, period.id)
        next_id = [(s.scalar(select(func.max(CommissionLine.id))) or 0) + 1]
        numbered = _assign_ids(drafts, reuse, next_id)
        writeoffs = writeoff_facts(
            s, [Receivable.written_off_on.between(first, last)], period.id, numbered, month
        )
        claws = [
            line
            for w in sorted(writeoffs, key=lambda w: (w.written_off_on, w.receivable_id))
            for line in clawback_lines(w, rules.book.plans, rules.names)
        ]
        numbered += _assign_ids(claws, reuse, next_id)
        late = _late_lines(s, rules, period.id, month, progress)
        numbered += _assign_ids(late, reuse, next_id)
        if progress is not None:
            progress(3, 5, STAGE_WRITE)
        rows = [(line_id, _values(d)) for line_id, d in numbered]
        written, removed = _write_lines(s, period.id, rows, old)
        if removed:
            _mark_referrers_stale(s, period.id, removed)
        lines = [d for _, d in numbered]
        totals = _totals(lines)
        payable = sum((d.amount for d in lines if d.status in PAYABLE), 0)
        now = ctx.now()
        s.execute(
            update(CommissionPeriod)
            .where(CommissionPeriod.id == period.id)
            .values(
                state=PeriodState.COMPUTED.value,
                computed_at=now,
                computed_by=ctx.actor.username,
                lines=len(lines),
                payable=_yuan(payable),
                updated_at=now,
                version=CommissionPeriod.version + 1,
                **marks,
            )
            .execution_options(synchronize_session=False)
        )
        digest = _fingerprint(rows)
        audit.record(
            s,
            "commissions.computed",
            "commission_period",
            period.id,
            {
                "month": month,
                "lines": len(lines),
                "late_lines": len(late),
                "rows_written": written,
                "payable": str(_yuan(payable)),
                "lines_sha256": digest,
            },
        )
        warnings = cap_warnings_in(s, month, lines)
        uncovered = _uncovered(s, rules, first, last)
        if progress is not None:
            progress(5, 5, STAGE_WRITE)
    return ComputeResult(
        month,
        len(lines),
        _yuan(payable),
        {k: _yuan(v) for k, v in totals.items()},
        len(late),
        written,
        time.perf_counter() - started,
        tuple(warnings),
        uncovered,
    )


def _uncovered(s: Session, rules: Any, first: date, last: date) -> tuple[str, ...]:
    """The salespeople (marked as sales, or with waybills in the month) whom no plan covers
    on any day of the month."""
    # per employee, one probe of the salesperson-and-date index (not every waybill of the month)
    sold = (
        select(Order.id)
        .where(Order.salesperson_id == Employee.id, Order.order_date.between(first, last))
        .exists()
    )
    people = s.execute(
        select(Employee.id, Employee.name, Employee.employee_no)
        .where(Employee.status != EmployeeStatus.DEPARTED.value)
        .where(Employee.is_sales.is_(True) | sold)
        .order_by(Employee.employee_no)
    ).all()
    return tuple(
        f"{name} ({no})"
        for id_, name, no in people
        if rules.book.plan_for(id_, first) is None and rules.book.plan_for(id_, last) is None
    )


def _mark_referrers_stale(s: Session, period_id: int, removed: list[int]) -> None:
    """Another open period's lines pointed at lines that are gone: it must be computed again."""
    referrers = select(CommissionLine.period_id).where(
        CommissionLine.ref_line_id.in_(removed), CommissionLine.period_id != period_id
    )
    s.execute(
        update(CommissionPeriod)
        .where(
            CommissionPeriod.id.in_(referrers),
            CommissionPeriod.state.in_((PeriodState.COMPUTED.value, PeriodState.APPROVED.value)),
        )
        .values(state=PeriodState.OPEN.value)
        .execution_options(synchronize_session=False)
    )
