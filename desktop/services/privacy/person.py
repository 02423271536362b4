"""Everything held about one person (PIPL art. 45: access and a copy), and the retention purge
of departed staff's personal fields (PIPL art. 19: no longer than the purpose needs).

The purge blanks the personal fields only — business records (orders, receivables, cases,
commission lines) stay, naming the person by name and number. It writes with a plain UPDATE so
the old values are not copied into the audit log, and records one audit event per person
naming the fields purged (never their values).

Older audit events recorded those values when they were set (an insert's snapshot, an
update's before/after). The purge redacts them there too: every event whose text holds one of
the person's ID number, phone or e-mail, and the wage in the person's own employee events, has
that value replaced by ``{"redacted": true}``. An event keeps its hash (the chain's links and
the vault's anchor are unchanged); one chained ``audit.redacted`` record names each redacted
event with its original hash and the hash of its redacted text, and ``verify_chain`` accepts a
changed event only against such a record (``models/audit.py``; design in docs/PAPERWORK.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.audit import REDACTED, AuditEvent, dumps, jsonable, redact_events
from desktop.models.commissions import CommissionLine
from desktop.models.customers import CustomerAssignment
from desktop.models.departures import CaseDuty, DepartureCase, HandoverItem
from desktop.models.orders import FollowUp
from desktop.models.paperwork import Acknowledgement
from desktop.models.staff import Employee, EmployeeStatus
from desktop.services import business_settings as settings
from desktop.services.context import ServiceContext
from desktop.services.departures.duties import add_months
from desktop.services.permissions import Action
from desktop.services.scope import employee_in_scope

#: The personal fields of an employee record that the retention purge blanks.
PERSONAL_FIELDS = ("id_number", "phone", "email", "monthly_wage")


def _row(obj: Any, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    exclude = set(getattr(obj, "__audit_exclude__", ())) | set(skip)
    return {
        c.key: jsonable(getattr(obj, c.key))
        for c in obj.__mapper__.column_attrs
        if c.key not in exclude
    }


def person_export(ctx: ServiceContext, employee_id: int) -> dict[str, Any]:
    """Every record Baton holds about one employee, by table (the export is audited)."""
    ctx.require(Action.PERSONAL_DATA_VIEW)
    with ctx.transaction() as s:
        e = employee_in_scope(ctx, s, employee_id)
        cases = s.scalars(
            select(DepartureCase)
            .where(DepartureCase.employee_id == e.id)
            .order_by(DepartureCase.id)
        ).all()
        case_ids = [c.id for c in cases]
        out: dict[str, Any] = {
            "format": "baton-person-export/1",
            "exported_at": ctx.now().isoformat(),
            "employee": _row(e),
            "account": [_row(u) for u in s.scalars(select(User).where(User.employee_id == e.id))],
            "departure_cases": [_row(c) for c in cases],
            "case_duties": [
                _row(d)
                for d in s.scalars(select(CaseDuty).where(CaseDuty.case_id.in_(case_ids or [0])))
            ],
            "handover_items_taken_over": [
                _row(i)
                for i in s.scalars(select(HandoverItem).where(HandoverItem.successor_id == e.id))
            ],
            "customer_assignments": [
                _row(a)
                for a in s.scalars(
                    select(CustomerAssignment).where(CustomerAssignment.employee_id == e.id)
                )
            ],
            "follow_ups": [
                _row(f) for f in s.scalars(select(FollowUp).where(FollowUp.employee_id == e.id))
            ],
            "commission_lines": [
                _row(c)
                for c in s.scalars(select(CommissionLine).where(CommissionLine.employee_id == e.id))
            ],
            "acknowledgements": [
                _row(a)
                for a in s.scalars(
                    select(Acknowledgement).where(Acknowledgement.employee_id == e.id)
                )
            ],
            "audit_events": [
                _row(ev)
                for ev in s.scalars(
                    select(AuditEvent)
                    .where(
                        or_(
                            (AuditEvent.entity == "employee") & (AuditEvent.entity_id == str(e.id)),
                            (AuditEvent.entity == "departure_case")
                            & AuditEvent.entity_id.in_([str(i) for i in case_ids] or ["-"]),
                        )
                    )
                    .order_by(AuditEvent.seq)
                )
            ],
        }
        audit.record(
            s,
            "personal_data.exported",
            "employee",
            e.id,
            {"tables": [k for k, v in out.items() if isinstance(v, list)]},
        )
        return out


def export_bytes(data: dict[str, Any], fmt: str) -> bytes:
    """The export as JSON, or as a workbook with one sheet per table."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    from openpyxl import Workbook

    from desktop.services.tabular import xlsx_text

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "employee"
    for key, value in data["employee"].items():
        first.append([key, xlsx_text(value) if isinstance(value, str) else value])
    for name, rows in data.items():
        if not isinstance(rows, list):
            continue
        sheet = book.create_sheet(name[:31])
        if not rows:
            sheet.append(["(none)"])
            continue
        columns = list(rows[0])
        sheet.append(columns)
        for row in rows:
            sheet.append(
                [
                    xlsx_text(v)
                    if isinstance(v, str)
                    else json.dumps(v)
                    if isinstance(v, dict | list)
                    else v
                    for v in (row.get(c) for c in columns)
                ]
            )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class PurgeResult:
    """Who is (or, in a dry run, would be) purged, and after how many years."""

    years: int
    dry_run: bool
    employees: tuple[tuple[str, str, date], ...]  # (number, name, departed on)
    #: Older audit events whose personal values were (or, in a dry run, would be) redacted.
    redacted_events: int = 0


def _due(s: Session, years: int, today: date) -> list[Employee]:
    departed = s.scalars(
        select(Employee)
        .where(
            Employee.status == EmployeeStatus.DEPARTED.value,
            Employee.departed_on.is_not(None),
            or_(*(getattr(Employee, f).is_not(None) for f in PERSONAL_FIELDS)),
        )
        .order_by(Employee.employee_no)
    ).all()
    return [e for e in departed if e.departed_on and add_months(e.departed_on, 12 * years) <= today]


def purge(ctx: ServiceContext, dry_run: bool = True, years: int | None = None) -> PurgeResult:
    """Blank the personal fields of staff departed more than ``years`` (default: the
    business setting) ago; ``dry_run`` lists them and changes nothing."""
    ctx.require(Action.STAFF_EDIT)
    ctx.require(Action.PERSONAL_DATA_VIEW)
    today = ctx.today()
    with ctx.transaction() as s:
        keep = (
            years
            if years is not None
            else settings.value_in(s, settings.PERSONAL_DATA_RETENTION_YEARS)
        )
        if years is not None:
            # The same bounds as the setting: a typo must not purge everyone.
            keep = settings._spec(settings.PERSONAL_DATA_RETENTION_YEARS).parse(years)
        due = _due(s, keep, today)
        found = tuple((e.employee_no, e.name, e.departed_on) for e in due if e.departed_on)
        redactions: dict[int, tuple[str | None, str | None]] = {}
        for e in due:
            redactions.update(_redactions_of(s, e, redactions))
        if not dry_run and due:
            for e in due:
                fields = [f for f in PERSONAL_FIELDS if getattr(e, f) is not None]
                s.execute(
                    update(Employee)
                    .where(Employee.id == e.id)
                    .values(
                        **{f: None for f in PERSONAL_FIELDS},
                        version=Employee.version + 1,
                    )
                    .execution_options(synchronize_session=False)
                )
                audit.record(
                    s,
                    "personal_data.purged",
                    "employee",
                    e.id,
                    {
                        "fields": fields,
                        "departed_on": e.departed_on.isoformat() if e.departed_on else None,
                        "retention_years": keep,
                    },
                )
            redact_events(
                s,
                redactions,
                {
                    "reason": "personal_data.purged",
                    "employees": [e.employee_no for e in due],
                    "fields": list(PERSONAL_FIELDS),
                },
            )
            s.expire_all()
        return PurgeResult(keep, dry_run, found, len(redactions))


def _redacted(value: Any, secrets: tuple[str, ...], wage_keys: bool) -> tuple[Any, bool]:
    """``value`` with every string leaf holding one of ``secrets`` (and, with ``wage_keys``,
    every ``monthly_wage`` entry) replaced by the marker; and whether anything was."""
    if isinstance(value, dict):
        out, hit = {}, False
        for key, item in value.items():
            if wage_keys and key == "monthly_wage" and item is not None and item != REDACTED:
                out[key], hit = dict(REDACTED), True
                continue
            out[key], changed = _redacted(item, secrets, wage_keys)
            hit = hit or changed
        return out, hit
    if isinstance(value, list):
        pairs = [_redacted(item, secrets, wage_keys) for item in value]
        return [p[0] for p in pairs], any(p[1] for p in pairs)
    if isinstance(value, str) and any(secret in value for secret in secrets):
        return dict(REDACTED), True
    return value, False


def _redactions_of(
    s: Session, e: Employee, already: dict[int, tuple[str | None, str | None]]
) -> dict[int, tuple[str | None, str | None]]:
    """The new before/after text of each older event holding a personal value of ``e``."""
    secrets = tuple(v for v in (e.id_number, e.phone, e.email) if v and len(v) >= 5)
    own = (AuditEvent.entity == "employee") & (AuditEvent.entity_id == str(e.id))
    conditions = [own]
    for secret in secrets:
        conditions += [AuditEvent.before.contains(secret), AuditEvent.after.contains(secret)]
    out: dict[int, tuple[str | None, str | None]] = {}
    for ev in s.scalars(select(AuditEvent).where(or_(*conditions)).order_by(AuditEvent.seq)):
        before_text, after_text = already.get(ev.seq, (ev.before, ev.after))
        wage_keys = ev.entity == "employee" and ev.entity_id == str(e.id)
        changed = False
        texts: list[str | None] = []
        for raw in (before_text, after_text):
            if raw is None:
                texts.append(None)
                continue
            try:
                data = json.loads(raw)
            except ValueError:
                data = raw
            new, hit = _redacted(data, secrets, wage_keys)
            changed = changed or hit
            texts.append(dumps(new) if isinstance(new, dict) else json.dumps(new))
        if changed:
            out[ev.seq] = (texts[0], texts[1])
    return out
