"""Storing findings as alerts: one set-based insert that skips what is raised already.

Why not the ORM: a first sweep over a large firm raises thousands of alerts, and the ORM's
flush (one object, one audit snapshot at a time) was most of the sweep's time. Why the
database decides what is new (``ON CONFLICT DO NOTHING`` on the unique key of rule, subject
and window) rather than a read before the write: two seats raising the same alert at once
(a sweep on one, an order's hook on another, on PostgreSQL) then give one row and no error,
and the one whose row it is gets its id back. Every inserted row is audited as the session's
hook would have audited it (an ``insert`` event with the row's columns), in the same unit of
work.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.alerts import Alert, AlertRule, AlertStatus
from desktop.models.types import utcnow
from desktop.services.alerts.definitions import RULES, RuleConfig
from desktop.services.alerts.rules_common import Finding

#: Rows per INSERT statement (well under SQLite's and PostgreSQL's bound-parameter limits).
CHUNK = 500
_KEY = ("rule_id", "subject_kind", "subject_id", "window_key")


def _columns() -> list[str]:
    return [c.key for c in Alert.__table__.columns]


def _insert(s: Session, table: Any = None) -> Any:
    table = Alert.__table__ if table is None else table
    name = s.connection().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(name)  # pragma: no cover - Baton runs on these two


def _known(s: Session, rule: str, subject_ids: list[int]) -> set[tuple[str, int, str]]:
    known: set[tuple[str, int, str]] = set()
    for i in range(0, len(subject_ids), 900):
        known.update(
            (str(k), int(sid), str(w))
            for k, sid, w in s.execute(
                select(Alert.subject_kind, Alert.subject_id, Alert.window_key).where(
                    Alert.rule_id == rule, Alert.subject_id.in_(subject_ids[i : i + 900])
                )
            )
        )
    return known


def _ensure_rule(s: Session, cfg: RuleConfig) -> None:
    """The rule's row (an alert refers to it), made from the defaults the first time; two
    sessions making it at once give one row and no error, as for the alerts."""
    if s.get(AlertRule, cfg.id) is not None:
        return
    defaults = RULES[cfg.id]
    row = {
        "rule_id": cfg.id,
        "enabled": True,
        "severity": str(defaults.severity),
        "window_days": defaults.window_days,
        "thresholds": json.dumps(defaults.thresholds, ensure_ascii=False),
        "created_at": utcnow(),
        "updated_at": utcnow(),
        "version": 1,
    }
    table = AlertRule.__table__
    made = s.connection().execute(
        _insert(s, table)
        .on_conflict_do_nothing(index_elements=["rule_id"])
        .returning(table.c.rule_id),
        row,
    )
    if made.first() is not None:
        columns = [c.key for c in table.columns]
        snapshot = {c: audit.jsonable(row[c]) for c in columns}
        audit.append_events(
            s, [audit.PendingEvent("insert", AlertRule.__tablename__, cfg.id, None, snapshot)]
        )


def store(s: Session, cfg: RuleConfig, findings: list[Finding], now: datetime) -> list[int]:
    """Insert the findings not raised before (same rule, subject and window); the ids of the
    rows this call inserted (a row another session inserted first is not among them)."""
    if not findings:
        return []
    _ensure_rule(s, cfg)
    known = _known(s, cfg.id, sorted({f.subject_id for f in findings}))
    rows: list[dict[str, Any]] = []
    for f in findings:
        key = (str(f.subject_kind), f.subject_id, f.window_key[:40])
        if key in known:
            continue
        known.add(key)
        rows.append(
            {
                "rule_id": cfg.id,
                "severity": cfg.severity,
                "subject_kind": key[0],
                "subject_id": key[1],
                "employee_id": f.employee_id,
                "window_key": key[2],
                "summary": f.summary[:400],
                "evidence": json.dumps(f.evidence, ensure_ascii=False, sort_keys=True),
                "status": AlertStatus.OPEN.value,
                "reason": None,
                "assignee_id": None,
                "raised_at": now,
                "decided_by": None,
                "decided_at": None,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
    if not rows:
        return []
    base = _insert(s)
    stmt = base.on_conflict_do_nothing(index_elements=list(_KEY)).returning(
        Alert.__table__.c.id, *(Alert.__table__.c[k] for k in _KEY)
    )
    by_key = {tuple(r[k] for k in _KEY): r for r in rows}
    conn = s.connection()
    inserted: list[dict[str, Any]] = []
    for i in range(0, len(rows), CHUNK):
        for rid, *key in conn.execute(stmt, rows[i : i + CHUNK]):
            row = dict(by_key[tuple(key)], id=rid)
            inserted.append(row)
    inserted.sort(key=lambda r: r["id"])
    columns = _columns()
    audit.append_events(
        s,
        [
            audit.PendingEvent(
                "insert",
                Alert.__tablename__,
                str(r["id"]),
                None,
                {c: audit.jsonable(r[c]) for c in columns},
            )
            for r in inserted
        ],
    )
    return [r["id"] for r in inserted]
