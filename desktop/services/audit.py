"""Reading the audit log (auditors and admins); verifying it lives in maintenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.accounts import User
from desktop.models.audit import SYSTEM_ACTOR, AuditEvent
from desktop.models.customers import Customer
from desktop.models.departures import DepartureCase
from desktop.models.organisation import Branch
from desktop.models.staff import Department, Employee, Position
from desktop.services import listing, terms
from desktop.services.context import ServiceContext
from desktop.services.permissions import Action


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    #: What a reader sees: the person's name (not the login), the operation and the kind of
    #: record as English sources to translate (``terms.AUDIT``), and the record's own name.
    actor_name: str = ""
    action_label: str = ""
    entity_label: str = ""
    record_name: str = ""


#: Record kinds named by a column of their own (else by their id).
_NAMED: dict[str, tuple[Any, Any]] = {
    "app_user": (User.id, User.display_name),
    "employee": (Employee.id, Employee.name),
    "customer": (Customer.id, Customer.name),
    "branch": (Branch.id, Branch.name),
    "department": (Department.id, Department.name),
    "position": (Position.id, Position.name),
    "departure_case": (DepartureCase.id, DepartureCase.number),
}


def _names(s: Session) -> dict[Any, str]:
    """Names already read in this unit of work (one read per record, not per event)."""
    cache: dict[Any, str] = s.info.setdefault("audit_names", {})
    if "users" not in cache:
        cache["users"] = dict(s.execute(select(User.username, User.display_name)).all())
    return cache


def _record_name(s: Session, entity: str, entity_id: str) -> str:
    if entity == "alert_rule":
        return terms.RULE_TITLES.get(entity_id, entity_id)
    named = _NAMED.get(entity)
    if named is None or not entity_id.isdigit():
        return entity_id
    cache = _names(s)
    key = (entity, entity_id)
    if key not in cache:
        ident, column = named
        cache[key] = s.scalar(select(column).where(ident == int(entity_id))) or entity_id
    return str(cache[key])


def _row(e: AuditEvent, s: Session | None = None) -> AuditRow:
    if s is None:
        return AuditRow(e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.before, e.after)
    users = _names(s)["users"]
    actor = terms.SYSTEM_NAME if e.actor == SYSTEM_ACTOR else users.get(e.actor) or e.actor
    return AuditRow(
        e.seq,
        e.at,
        e.actor,
        e.action,
        e.entity,
        e.entity_id,
        e.before,
        e.after,
        actor_name=actor,
        action_label=terms.audit_action(e.action),
        entity_label=terms.record_kind(e.entity),
        record_name=_record_name(s, e.entity, e.entity_id),
    )


#: The audit log, newest first, searched in who, what and which record.
EVENTS: listing.ListingSpec[AuditRow] = listing.ListingSpec(
    entity="audit_event",
    table=AuditEvent,
    key=AuditEvent.seq,
    view=Action.AUDIT_VIEW,
    query=lambda env: select(AuditEvent),
    row=lambda env, r: _row(r[0], env.s),
    sorts={"seq": AuditEvent.seq},
    default_sort="seq",
    newest_first=True,
    search=listing.Search(
        (
            listing.Match(AuditEvent.actor),
            listing.Match(AuditEvent.action),
            listing.Match(AuditEvent.entity),
            listing.Match(AuditEvent.entity_id),
        )
    ),
)


def count_events(ctx: ServiceContext, search: str = "") -> int:
    return listing.count_rows(ctx, EVENTS, search)


def list_events(ctx: ServiceContext, offset: int, limit: int, search: str = "") -> list[AuditRow]:
    """A page of events, newest first."""
    return listing.list_rows(ctx, EVENTS, offset, limit, search)
