"""Reading the audit log (auditors and admins); verifying it lives in maintenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select

from desktop.models.audit import AuditEvent
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


def _filtered(search: str):  # type: ignore[no-untyped-def]
    query = select(AuditEvent)
    text = search.strip()
    if text:
        like = f"%{text}%"
        query = query.where(
            or_(
                AuditEvent.actor.like(like),
                AuditEvent.action.like(like),
                AuditEvent.entity.like(like),
                AuditEvent.entity_id.like(like),
            )
        )
    return query


def count_events(ctx: ServiceContext, search: str = "") -> int:
    ctx.require(Action.AUDIT_VIEW)
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(_filtered(search).subquery())) or 0


def list_events(ctx: ServiceContext, offset: int, limit: int, search: str = "") -> list[AuditRow]:
    """A page of events, newest first."""
    ctx.require(Action.AUDIT_VIEW)
    with ctx.read() as s:
        rows = s.scalars(
            _filtered(search).order_by(AuditEvent.seq.desc()).offset(offset).limit(limit)
        )
        return [
            AuditRow(e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.before, e.after)
            for e in rows
        ]
