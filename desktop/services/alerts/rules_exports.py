"""The alert rule that looks at the audit trail of exports and prints: customer rows taken
out in bulk by one account (rule 8).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models.accounts import User
from desktop.models.alerts import SubjectKind
from desktop.models.audit import AuditEvent
from desktop.models.documents import DocumentSnapshot, IssuedDocument
from desktop.models.types import utcnow
from desktop.services.alerts import definitions as d
from desktop.services.alerts.definitions import RuleConfig
from desktop.services.alerts.rules_common import (
    HORIZON_DAYS,
    Finding,
    Focus,
    _bursts,
    _fired_days,
    _ids,
)

# --------------------------------------------------------------------------- 8


def _first_seq_since(s: Session, since: datetime) -> int:
    """The first audit event at or after ``since``: a binary search over the primary key
    (events are appended in time order), so a sweep never scans the whole log."""
    lo = s.scalar(select(func.min(AuditEvent.seq))) or 0
    hi = s.scalar(select(func.max(AuditEvent.seq))) or 0
    if hi == 0:
        return 0
    while lo < hi:
        mid = (lo + hi) // 2
        at = s.scalar(
            select(AuditEvent.at).where(AuditEvent.seq >= mid).order_by(AuditEvent.seq).limit(1)
        )
        if at is None or at >= since:
            hi = mid
        else:
            lo = mid + 1
    return lo


def bulk_export(s: Session, cfg: RuleConfig, today: date, focus: Focus | None) -> list[Finding]:
    """Customer rows exported or printed by one account: more than ``max_rows`` in
    ``window_days`` (from the audit log of exports and the issued documents)."""
    import json

    limit = cfg.integer("max_rows")
    # Exports and prints are stamped by the audit log's clock (the real one), so the window
    # is counted back from it rather than from the business day ``today``.
    since = utcnow() - timedelta(days=HORIZON_DAYS // 4 + cfg.window_days)
    per: dict[str, list[tuple[date, int, int]]] = defaultdict(list)
    first = _first_seq_since(s, since)
    q = select(AuditEvent.seq, AuditEvent.actor, AuditEvent.at, AuditEvent.after).where(
        AuditEvent.seq >= first,
        AuditEvent.action == "export",
        AuditEvent.entity == "customer",
    )
    if focus is not None and focus.usernames is not None:
        q = q.where(AuditEvent.actor.in_(focus.usernames))
    for seq, actor, at, after in s.execute(q):
        try:
            rows = int(json.loads(after or "{}").get("rows") or 0)
        except (ValueError, TypeError):
            rows = 0
        if rows:
            per[actor].append((at.date(), rows, seq))
    q2 = (
        select(
            IssuedDocument.created_by_name,
            IssuedDocument.created_at,
            DocumentSnapshot.rows,
            IssuedDocument.id,
        )
        .join(DocumentSnapshot, DocumentSnapshot.id == IssuedDocument.snapshot_id)
        .where(IssuedDocument.created_at >= since, DocumentSnapshot.rows > 0)
    )
    if focus is not None and focus.usernames is not None:
        q2 = q2.where(IssuedDocument.created_by_name.in_(focus.usernames))
    for actor, at, rows, did in s.execute(q2):
        # Printed documents are told apart from audit events by a negative id.
        per[actor].append((at.date(), rows, -did))
    users = (
        {u.username: u for u in s.scalars(select(User).where(User.username.in_(list(per))))}
        if per
        else {}
    )
    fired = _fired_days(s, d.BULK_EXPORT, SubjectKind.USER, [u.id for u in users.values()])
    out: list[Finding] = []
    for actor, events in sorted(per.items()):
        user = users.get(actor)
        if user is None:
            continue
        for day, total, ids in _bursts(events, cfg.window_days, limit, fired.get(user.id)):
            out.append(
                Finding(
                    SubjectKind.USER,
                    user.id,
                    user.employee_id,
                    f"d{day.isoformat()}",
                    f"rows={total} limit={limit} days={cfg.window_days}",
                    {
                        "user": actor,
                        "rows": total,
                        "limit": limit,
                        "window_days": cfg.window_days,
                        "until": day.isoformat(),
                        "audit_events": _ids(i for i in ids if i > 0),
                        "documents": _ids(-i for i in ids if i < 0),
                    },
                )
            )
    return out
