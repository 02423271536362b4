"""Statements per employee and period: the live statement, and the issued one, a snapshot that
no later plan edit or correction changes.

Separate because a statement is a document handed to the employee, with its own storage.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound
from desktop.models import audit
from desktop.models.commissions import (
    CommissionLine,
    CommissionPlan,
    CommissionStatement,
    LineStatus,
)
from desktop.models.organisation import Branch, Company
from desktop.models.staff import Employee, Position
from desktop.services import scope
from desktop.services.commissions.employees import _may_see_employee
from desktop.services.commissions.lines import _line_row, _line_select, _stored_lines
from desktop.services.commissions.periods import FROZEN, _existing, _totals, _yuan
from desktop.services.commissions.plans import PolicyWarning, policy_warnings
from desktop.services.commissions.rules import PAYABLE, Part
from desktop.services.commissions.wage_cap import CapWarning, cap_warnings_in
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action


@dataclass(frozen=True)
class StatementLine:
    id: int
    source: str
    source_date: date
    reference: str
    base: Decimal
    rate: Decimal | None
    tier: str | None
    amount: Decimal
    status: str
    clause: str
    parts: tuple[Part, ...]
    ref_line_id: int | None
    origin_month: str | None


@dataclass(frozen=True)
class Statement:
    """What an employee's statement for a period shows; ``number`` once issued."""

    company: str
    month: str
    period_state: str
    employee_id: int
    employee_no: str
    employee_name: str
    branch: str | None
    position: str | None
    lines: tuple[StatementLine, ...]
    totals: dict[str, Decimal]
    payable: Decimal
    cap_warnings: tuple[CapWarning, ...]
    policy_warnings: tuple[tuple[str, PolicyWarning], ...]
    number: str = ""
    issued_at: datetime | None = None
    issued_by: str = ""
    snapshot_sha256: str = ""


def _company(s: Session) -> str:
    return s.scalar(select(Company.name).limit(1)) or ""


def _employee_labels(s: Session, employee_id: int) -> tuple[Employee, str | None, str | None]:
    employee = s.get(Employee, employee_id)
    if employee is None:
        raise NotFound(scope.MSG_EMPLOYEE_NOT_FOUND, id=employee_id)
    branch = s.scalar(select(Branch.name).where(Branch.id == employee.branch_id))
    position = s.scalar(select(Position.name).where(Position.id == employee.position_id))
    return employee, branch, position


def _statement_in(ctx: ServiceContext, s: Session, employee_id: int, month: str) -> Statement:
    _may_see_employee(ctx, s, employee_id)  # sales: only themselves (their scope)
    period = _existing(s, month)
    employee, branch, position = _employee_labels(s, employee_id)
    query = _line_select()
    rows = [
        _line_row(r)
        for r in s.execute(
            query.where(
                CommissionLine.period_id == period.id, CommissionLine.employee_id == employee_id
            ).order_by(CommissionLine.source_date, CommissionLine.id)
        )
    ]
    explanations = dict(
        s.execute(
            select(CommissionLine.id, CommissionLine.explanation).where(
                CommissionLine.period_id == period.id, CommissionLine.employee_id == employee_id
            )
        ).all()
    )
    lines = tuple(
        StatementLine(
            r.id,
            r.source,
            r.source_date,
            r.reference,
            r.base,
            r.rate,
            r.tier,
            r.amount,
            r.status,
            r.clause,
            tuple((t, p) for t, p in json.loads(explanations[r.id])),
            r.ref_line_id,
            r.origin_month,
        )
        for r in rows
    )
    stored = _stored_lines(
        s, [CommissionLine.period_id == period.id, CommissionLine.employee_id == employee_id]
    )
    totals = _totals(stored)
    plan_ids = {d.plan_id for d in stored if d.plan_id is not None}
    policies = []
    for plan in s.scalars(
        select(CommissionPlan).where(CommissionPlan.id.in_(plan_ids)).order_by(CommissionPlan.id)
    ):
        for w in policy_warnings(
            plan.window_rule, plan.after_rule, plan.after_days, plan.clawback_days
        ):
            if w.forfeits and any(
                d.plan_id == plan.id and d.status == LineStatus.FORFEITED.value for d in stored
            ):
                policies.append((plan.name, w))
    return Statement(
        _company(s),
        month,
        period.state,
        employee.id,
        employee.employee_no,
        employee.name,
        branch,
        position,
        lines,
        {k: _yuan(v) for k, v in totals.items()},
        _yuan(sum(d.amount for d in stored if d.status in PAYABLE)),
        tuple(cap_warnings_in(s, month, stored)),
        tuple(policies),
    )


def statement(ctx: ServiceContext, employee_id: int, month: str) -> Statement:
    """An employee's lines of a period as the statement shows them (not issued)."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.read() as s:
        return _statement_in(ctx, s, employee_id, month)


def _snapshot(data: Statement) -> str:
    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, date | datetime):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    body = asdict(data)
    for key in ("number", "issued_at", "issued_by", "snapshot_sha256"):
        body.pop(key, None)
    return json.dumps(body, default=default, ensure_ascii=False, sort_keys=True)


def _from_snapshot(text: str) -> Statement:
    raw = json.loads(text)

    def money(v: Any) -> Decimal | None:
        return None if v is None else Decimal(v)

    lines = tuple(
        StatementLine(
            line["id"],
            line["source"],
            date.fromisoformat(line["source_date"]),
            line["reference"],
            Decimal(line["base"]),
            money(line["rate"]),
            line["tier"],
            Decimal(line["amount"]),
            line["status"],
            line["clause"],
            tuple((t, p) for t, p in line["parts"]),
            line["ref_line_id"],
            line["origin_month"],
        )
        for line in raw["lines"]
    )
    caps = tuple(
        CapWarning(
            c["employee_id"],
            c["employee_name"],
            c["month"],
            Decimal(c["clawback"]),
            money(c["wage"]),
            money(c["cap"]),
            money(c["minimum_wage"]),
        )
        for c in raw["cap_warnings"]
    )
    policies = tuple((name, PolicyWarning(**w)) for name, w in raw["policy_warnings"])
    return Statement(
        raw["company"],
        raw["month"],
        raw["period_state"],
        raw["employee_id"],
        raw["employee_no"],
        raw["employee_name"],
        raw["branch"],
        raw["position"],
        lines,
        {k: Decimal(v) for k, v in raw["totals"].items()},
        Decimal(raw["payable"]),
        caps,
        policies,
    )


def issue_statement(ctx: ServiceContext, employee_id: int, month: str) -> Statement:
    """Issue an employee's statement for a period: its lines are frozen in a snapshot with a
    number and a hash. Issuing again while nothing changed returns the same statement; after
    a recomputation a new one is issued and the old keeps what it said."""
    ctx.require(Action.COMMISSIONS_VIEW)
    ctx.require(Action.EXPORT)
    with ctx.transaction() as s:
        data = _statement_in(ctx, s, employee_id, month)
        period = _existing(s, month)
        text = _snapshot(data)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        existing = s.scalar(
            select(CommissionStatement)
            .where(
                CommissionStatement.period_id == period.id,
                CommissionStatement.employee_id == employee_id,
                CommissionStatement.sha256 == digest,
            )
            .order_by(CommissionStatement.id.desc())
            .limit(1)
        )
        if existing is None:
            count = s.scalar(
                select(func.count())
                .select_from(CommissionStatement)
                .where(CommissionStatement.period_id == period.id)
            )
            existing = CommissionStatement(
                period_id=period.id,
                employee_id=employee_id,
                number=f"CS{month.replace('-', '')}-{data.employee_no}-{(count or 0) + 1:03d}",
                issued_at=ctx.now(),
                issued_by=ctx.actor.username,
                period_state=period.state,
                total=data.payable,
                snapshot=text,
                sha256=digest,
                final=period.state in FROZEN,
            )
            s.add(existing)
            s.flush()
        else:
            audit.record(
                s, "commissions.statement.reprinted", "commission_statement", existing.id, {}
            )
        return replace(
            _from_snapshot(existing.snapshot),
            number=existing.number,
            issued_at=existing.issued_at,
            issued_by=existing.issued_by,
            snapshot_sha256=existing.sha256,
        )


def issued_statement(ctx: ServiceContext, number: str) -> Statement:
    """An issued statement exactly as it was issued (whatever happened since)."""
    ctx.require(Action.COMMISSIONS_VIEW)
    with ctx.read() as s:
        found = s.scalar(select(CommissionStatement).where(CommissionStatement.number == number))
        if found is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "There is no commission statement {number}."),
                number=number,
            )
        _may_see_employee(ctx, s, found.employee_id)  # sales: only their own statements
        return replace(
            _from_snapshot(found.snapshot),
            number=found.number,
            issued_at=found.issued_at,
            issued_by=found.issued_by,
            snapshot_sha256=found.sha256,
        )
