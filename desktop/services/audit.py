"""Reading the audit log (auditors and admins); verifying it lives in maintenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop.models.audit import AuditEvent
from desktop.services import listing
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


def _row(e: AuditEvent) -> AuditRow:
    return AuditRow(e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.before, e.after)


#: The audit log, newest first, searched in who, what and which record.
EVENTS: listing.ListingSpec[AuditRow] = listing.ListingSpec(
    entity="audit_event",
    table=AuditEvent,
    key=AuditEvent.seq,
    view=Action.AUDIT_VIEW,
    query=lambda env: select(AuditEvent),
    row=lambda env, r: _row(r[0]),
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
