"""Clause templates (handover, customer ownership, confidentiality, non-compete) and the
employee's acknowledgement of the clauses that apply to their case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from desktop.models.accounts import User
from desktop.models.departures import ClauseAcknowledgement, ClauseTemplate, DepartureCase
from desktop.models.staff import Employee
from desktop.services import departure_templates, handover
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.handover import case_in_scope
from desktop.services.permissions import Action
from desktop.services.validation import Problems, required_text

# --------------------------------------------------------------------------- clauses


@dataclass(frozen=True)
class ClauseInfo:
    """One version of a clause template."""

    id: int
    key: str
    language: str
    version: int
    title: str
    body: str
    sha256: str
    current: bool


@dataclass(frozen=True)
class ClauseView:
    """A clause as a case shows it: the current text, and whether (and which version) the
    employee acknowledged. ``outdated``: they acknowledged an older version."""

    clause: ClauseInfo
    acknowledged_at: datetime | None
    acknowledged_version: int | None
    acknowledged_sha256: str | None
    recorded_by: str | None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def outdated(self) -> bool:
        return (
            self.acknowledged_version is not None
            and self.acknowledged_version != self.clause.version
        )


def _clause_info(c: ClauseTemplate) -> ClauseInfo:
    return ClauseInfo(c.id, c.key, c.language, c.version, c.title, c.body, c.sha256, c.current)


def list_clauses(ctx: ServiceContext, include_old: bool = False) -> list[ClauseInfo]:
    """The clause templates (current versions, or every version), by key and language."""
    ctx.require(Action.DEPARTURES_VIEW)
    with ctx.transaction() as s:
        handover.ensure_templates(ctx, s)
        query = select(ClauseTemplate).order_by(
            ClauseTemplate.key, ClauseTemplate.language, ClauseTemplate.version
        )
        if not include_old:
            query = query.where(ClauseTemplate.current.is_(True))
        return [_clause_info(c) for c in s.scalars(query)]


def save_clause(ctx: ServiceContext, key: str, language: str, title: str, body: str) -> Changes:
    """Edit a clause: a new version becomes current; acknowledgements keep pointing at the
    version they saw. ``Changes.ids`` holds the new version's id."""
    ctx.require(Action.CLAUSE_TEMPLATES_EDIT)
    p = Problems()
    clean_key = p.check(
        required_text, key, "key", 32, QT_TRANSLATE_NOOP("Errors", "Name the clause.")
    )
    clean_title = p.check(
        required_text, title, "title", 200, QT_TRANSLATE_NOOP("Errors", "Give the clause a title.")
    )
    clean_body = p.check(
        required_text, body, "body", 20000, QT_TRANSLATE_NOOP("Errors", "Write the clause's text.")
    )
    if language not in ("zh", "en"):
        p.add(
            ValidationError(
                QT_TRANSLATE_NOOP("Errors", "A clause is written in zh or en (not {value})."),
                field="language",
                value=language,
            )
        )
    p.raise_if_any()
    assert clean_key and clean_title and clean_body
    with ctx.transaction() as s:
        handover.ensure_templates(ctx, s)
        previous = s.scalars(
            select(ClauseTemplate).where(
                ClauseTemplate.key == clean_key, ClauseTemplate.language == language
            )
        ).all()
        for old in previous:
            if old.current:
                old.current = False
        clause = ClauseTemplate(
            key=clean_key,
            language=language,
            version=max((c.version for c in previous), default=0) + 1,
            title=clean_title,
            body=clean_body,
            sha256=departure_templates.clause_hash(clean_title, clean_body),
            current=True,
            created_by=ctx.actor.user_id,
        )
        s.add(clause)
        s.flush()
        return Changes.of(Kind.CLAUSES, ids=frozenset({clause.id}))


CASE_CLAUSES = ("handover", "customer_ownership", "confidentiality", "non_compete")


def _case_clause_keys(case: DepartureCase, employee: Employee) -> list[str]:
    keys = ["handover", "customer_ownership"]
    if employee.confidentiality:
        keys.append("confidentiality")
    if case.non_compete_months or employee.non_compete:
        keys.append("non_compete")
    return keys


def _clauses_in(s: Session, case: DepartureCase, employee: Employee) -> list[ClauseView]:
    keys = _case_clause_keys(case, employee)
    current = s.scalars(
        select(ClauseTemplate)
        .where(ClauseTemplate.key.in_(keys), ClauseTemplate.current.is_(True))
        .order_by(ClauseTemplate.key, ClauseTemplate.language)
    ).all()
    acks: dict[tuple[str, str], tuple[ClauseAcknowledgement, ClauseTemplate, str | None]] = {}
    for ack, clause, who in s.execute(
        select(ClauseAcknowledgement, ClauseTemplate, User.display_name)
        .join(ClauseTemplate, ClauseTemplate.id == ClauseAcknowledgement.clause_id)
        .outerjoin(User, User.id == ClauseAcknowledgement.recorded_by)
        .where(ClauseAcknowledgement.case_id == case.id)
        .order_by(ClauseAcknowledgement.acknowledged_at)
    ):
        acks[(clause.key, clause.language)] = (ack, clause, who)
    order = {k: i for i, k in enumerate(keys)}
    out = []
    for c in sorted(current, key=lambda c: (order[c.key], c.language)):
        found = acks.get((c.key, c.language))
        out.append(
            ClauseView(
                _clause_info(c),
                found[0].acknowledged_at if found else None,
                found[1].version if found else None,
                found[0].sha256 if found else None,
                found[2] if found else None,
            )
        )
    return out


def acknowledges_own(ctx: ServiceContext, case_employee_id: int | None) -> bool:
    """Whether the actor is the leaver of the case, acknowledging from their own account
    (``Action.OWN_CLAUSES_ACKNOWLEDGE``): then neither HR's right nor the scope is asked."""
    return (
        ctx.actor.employee_id is not None
        and ctx.actor.employee_id == case_employee_id
        and ctx.can(Action.OWN_CLAUSES_ACKNOWLEDGE)
    )


def may_acknowledge_clauses(ctx: ServiceContext, case_employee_id: int | None) -> bool:
    """The one rule of who records an acknowledgement: the leaver themselves
    (:func:`acknowledges_own`) or HR (``Action.DEPARTURES_EDIT``, within scope). The case
    screen enables its button by this, :func:`acknowledge_clauses` refuses by it."""
    return acknowledges_own(ctx, case_employee_id) or ctx.can(Action.DEPARTURES_EDIT)


def acknowledge_clauses(ctx: ServiceContext, case_id: int, clause_ids: Iterable[int]) -> Changes:
    """Record that the departing employee acknowledged these clause versions (who — the
    employee, recorded by the acting user —, when, and the SHA-256 of the text they saw). HR
    records it, or the employee from their own account."""
    with ctx.transaction() as s:
        case = s.get(DepartureCase, case_id)
        if not acknowledges_own(ctx, case.employee_id if case is not None else None):
            ctx.require(Action.DEPARTURES_EDIT)
            case = case_in_scope(ctx, s, case_id)
        assert case is not None
        employee = s.get(Employee, case.employee_id)
        assert employee is not None
        allowed = set(_case_clause_keys(case, employee))
        ids = list(dict.fromkeys(clause_ids))
        for clause_id in ids:
            clause = s.get(ClauseTemplate, clause_id)
            if clause is None or clause.key not in allowed:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "Clause {id} is not one of this case's."),
                    field="clause_ids",
                    id=clause_id,
                )
            previous = s.scalars(
                select(ClauseAcknowledgement)
                .join(ClauseTemplate, ClauseTemplate.id == ClauseAcknowledgement.clause_id)
                .where(
                    ClauseAcknowledgement.case_id == case.id,
                    ClauseTemplate.key == clause.key,
                    ClauseTemplate.language == clause.language,
                )
            ).all()
            if any(p.clause_id == clause.id for p in previous):
                continue
            s.add(
                ClauseAcknowledgement(
                    case_id=case.id,
                    clause_id=clause.id,
                    employee_id=case.employee_id,
                    sha256=clause.sha256,
                    acknowledged_at=ctx.now(),
                    recorded_by=ctx.actor.user_id,
                )
            )
        handover.add_event(ctx, s, case, "clauses_acknowledged", ", ".join(str(i) for i in ids))
        return Changes.of(Kind.DEPARTURES, ids=frozenset({case.id}))
