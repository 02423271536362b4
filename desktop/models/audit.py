"""The append-only, hash-chained audit log, and the session hook that writes it.

Every insert, update and delete flushed through the ORM becomes one event in the same
transaction, so a rolled-back change leaves no trace and a committed one cannot lack its event.
Each event's hash covers its own columns and the previous event's hash: editing or removing a
row breaks the chain from that row on, and :func:`verify_chain` names the first such row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Integer, String, Text, event, insert, inspect, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from desktop.models.base import Base
from desktop.models.types import UTCDateTime
from desktop.storage.anchor import ANCHOR_SINKS, Anchor, anchor_problem

GENESIS = "0" * 64
SYSTEM_ACTOR = "system"


class AuditEvent(Base):
    """One change or sensitive read. ``hash`` covers every column and the previous hash."""

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


# --------------------------------------------------------------------------- hashing


def _at_text(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(
    prev_hash: str,
    seq: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: str | None,
    after: str | None,
) -> str:
    """SHA-256 over the stored text of an event and the previous event's hash."""
    parts = [prev_hash, str(seq), at, actor, action, entity, entity_id, before or "", after or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def jsonable(value: Any) -> Any:
    """A JSON-safe form of a column value; large binary values are reduced to their hash."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return _at_text(value) if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    if isinstance(value, float):
        return repr(value)
    return str(value)


def dumps(data: dict[str, Any] | None) -> str | None:
    if data is None:
        return None
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class PendingEvent:
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


#: PostgreSQL advisory lock held from a transaction's first write to its commit, so that two
#: seats never both read the same chain tail (SQLite's BEGIN IMMEDIATE serialises writers).
AUDIT_LOCK = 0x42A70002


def _lock_chain(session: Session) -> None:
    if session.info.get("_audit_locked"):
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK})
    session.info["_audit_locked"] = True


def lock_chain(session: Session) -> None:
    """Hold the chain's lock from now to commit (a reader that must see every event written
    before its own, such as the incremental alert sweep)."""
    _lock_chain(session)


def _tail(session: Session) -> tuple[int, str]:
    tail = session.info.get("_audit_tail")
    if tail is None:
        _lock_chain(session)
        row = (
            session.connection()
            .execute(
                select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
            )
            .first()
        )
        tail = (row[0], row[1]) if row else (0, GENESIS)
    return tail


def append_events(session: Session, events: list[PendingEvent]) -> None:
    """Chain and insert events inside the session's current transaction."""
    if not events:
        return
    seq, prev = _tail(session)
    actor = str(session.info.get("actor") or SYSTEM_ACTOR)
    at = datetime.now(UTC)
    at_text = _at_text(at)
    rows = []
    for ev in events:
        seq += 1
        before, after = dumps(ev.before), dumps(ev.after)
        digest = event_hash(
            prev, seq, at_text, actor, ev.action, ev.entity, ev.entity_id, before, after
        )
        rows.append(
            {
                "seq": seq,
                "at": at,
                "actor": actor,
                "action": ev.action,
                "entity": ev.entity,
                "entity_id": ev.entity_id,
                "before": before,
                "after": after,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    session.connection().execute(insert(AuditEvent), rows)
    session.info["_audit_tail"] = (seq, prev)


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> None:
    """Audit something that is not a row change: a login, an export, a print, a verification."""
    append_events(session, [PendingEvent(action, entity, str(entity_id), None, detail)])


def _identity(obj: Any) -> str:
    state = inspect(obj)
    # A row inserted in this flush has no identity key yet, but its primary key is filled in.
    ident = state.identity or state.mapper.primary_key_from_instance(obj)
    if all(v is None for v in ident):
        return ""
    return "/".join(str(v) for v in ident)


def _columns(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(type(obj)).column_attrs]


def _snapshot(obj: Any, loaded_only: bool = False) -> dict[str, Any]:
    state = inspect(obj)
    exclude = getattr(obj, "__audit_exclude__", frozenset())
    out: dict[str, Any] = {}
    for key in _columns(obj):
        if loaded_only and key not in state.dict:
            continue
        value = state.dict.get(key) if loaded_only else getattr(obj, key)
        out[key] = {"excluded": True} if key in exclude else jsonable(value)
    return out


def _diff(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    exclude = getattr(obj, "__audit_exclude__", frozenset())
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in _columns(obj):
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if key in exclude:
            old, new = {"excluded": True}, {"changed": True}
        before[key], after[key] = jsonable(old), jsonable(new)
    return before, after


def _collect(session: Session) -> list[PendingEvent]:
    events: list[PendingEvent] = []
    for obj in session.new:
        if isinstance(obj, AuditEvent):
            continue
        events.append(
            PendingEvent("insert", obj.__tablename__, _identity(obj), None, _snapshot(obj))
        )
    for obj in session.dirty:
        if isinstance(obj, AuditEvent) or not session.is_modified(obj, include_collections=False):
            continue
        before, after = _diff(obj)
        if after:
            events.append(PendingEvent("update", obj.__tablename__, _identity(obj), before, after))
    for obj in session.deleted:
        if isinstance(obj, AuditEvent):
            continue
        events.append(
            PendingEvent("delete", obj.__tablename__, _identity(obj), _snapshot(obj, True), None)
        )
    return events


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    # Take the chain lock before this flush writes any row, so the order of locks is the same
    # in every transaction (chain first, rows second) and two seats cannot deadlock on it.
    if session.new or session.dirty or session.deleted:
        _lock_chain(session)


def _after_flush(session: Session, flush_context: Any) -> None:
    append_events(session, _collect(session))


def _forget_tail(session: Session, *args: Any) -> None:
    session.info.pop("_audit_tail", None)
    session.info.pop("_audit_locked", None)


def _after_commit(session: Session) -> None:
    """Tell the store the chain's new tail, so it can keep the anchor current (anchor.py)."""
    tail = session.info.get("_audit_tail")
    _forget_tail(session)
    if tail is None:
        return
    sink = ANCHOR_SINKS.get(session.get_bind())
    if sink is not None:
        sink(*tail)


#: Set on each ``Session`` class or ``sessionmaker`` the audit writer is attached to.
_HOOKED = "_baton_audit_hooked"


def install_audit_hook(target: Any) -> None:
    """Attach the audit writer to a ``Session`` class or ``sessionmaker`` (once per target).

    "Already attached" is a mark on the target itself, never ``event.contains``: SQLAlchemy
    keys its listener registry by ``id(target)`` and keeps a dead sessionmaker's entry until
    the cyclic GC runs, so a new sessionmaker allocated at the same address (after a context
    was closed or its store replaced) looked hooked and its commits went unaudited.
    """
    if getattr(target, _HOOKED, False):
        return
    event.listen(target, "before_flush", _before_flush)
    event.listen(target, "after_flush", _after_flush)
    event.listen(target, "after_commit", _after_commit)
    event.listen(target, "after_soft_rollback", _forget_tail)
    setattr(target, _HOOKED, True)


# --------------------------------------------------------------------------- verifying


@dataclass(frozen=True)
class ChainReport:
    """Result of recomputing the chain: ``first_broken`` is None when every event verifies;
    ``truncated`` says how the chain falls short of its anchor ("" when it does not)."""

    events: int
    first_broken: int | None
    reason: str
    truncated: str = ""
    anchored: int | None = None
    #: Events whose personal values a retention purge redacted (each named by a record).
    redacted: int = 0

    @property
    def ok(self) -> bool:
        return self.first_broken is None and not self.truncated


def check_anchor(session: Session, report: ChainReport, anchor: Anchor | None) -> ChainReport:
    """Compare a verified chain with the anchor kept outside the table (key file, backups)."""
    if anchor is None:
        return report
    conn = session.connection()

    def head_at(seq: int) -> str | None:
        return conn.execute(
            text("SELECT hash FROM audit_event WHERE seq = :seq"), {"seq": seq}
        ).scalar()

    count = conn.execute(text("SELECT coalesce(max(seq), 0) FROM audit_event")).scalar() or 0
    problem = anchor_problem(anchor, int(count), head_at)
    return ChainReport(
        report.events,
        report.first_broken,
        report.reason,
        problem,
        anchored=anchor.count,
        redacted=report.redacted,
    )


#: The action of the chained record that names redacted events (see :func:`redact_events`).
REDACTED_ACTION = "audit.redacted"
#: What replaces a personal value in a redacted event (``"redacted":true`` in the stored text,
#: which the database trigger of migration 0014 requires of any UPDATE).
REDACTED = {"redacted": True}

_ROW_SQL = (
    "SELECT seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash "
    "FROM audit_event"
)


def redact_events(
    session: Session, changes: dict[int, tuple[str | None, str | None]], detail: dict[str, Any]
) -> int:
    """Replace the ``before``/``after`` text of older events (personal values blanked) and
    append one chained ``audit.redacted`` record naming each: its seq, its original hash and
    the hash its redacted text gives (computed as :func:`event_hash` does). The events keep
    their hash, so the links of the chain and the anchor stay; :func:`verify_chain` accepts a
    changed event only when such a later record names it and its current text gives the
    recorded hash. Nothing of the removed values is written anywhere."""
    if not changes:
        return 0
    conn = session.connection()
    named = []
    for seq in sorted(changes):
        row = conn.execute(text(_ROW_SQL + " WHERE seq = :seq"), {"seq": seq}).one()
        before, after = changes[seq]
        digest = event_hash(row[8], row[0], row[1], row[2], row[3], row[4], row[5], before, after)
        conn.execute(
            text("UPDATE audit_event SET before = :b, after = :a WHERE seq = :seq"),
            {"b": before, "a": after, "seq": seq},
        )
        named.append({"seq": seq, "hash": row[9], "redacted_hash": digest})
    record(session, REDACTED_ACTION, "audit_event", "", {**detail, "events": named})
    return len(named)


def _redactions(session: Session) -> dict[int, tuple[str, str, int]]:
    """seq -> (original hash, redacted hash, seq of the naming record), from every record."""
    out: dict[int, tuple[str, str, int]] = {}
    rows = session.connection().execute(
        text("SELECT seq, after FROM audit_event WHERE action = :a"), {"a": REDACTED_ACTION}
    )
    for record_seq, after in rows:
        try:
            for item in json.loads(after or "{}").get("events", []):
                out[int(item["seq"])] = (
                    str(item["hash"]),
                    str(item["redacted_hash"]),
                    int(record_seq),
                )
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # an altered record breaks the chain where it stands
    return out


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash from the stored text; name the first event altered or missing.

    An event whose text a retention purge redacted verifies through the later record that
    names it (original hash kept in the event, the redacted text's hash in the record, which
    is itself chained): a changed event no record names, or changed again after, is altered."""
    redactions = _redactions(session)
    rows = session.connection().execute(text(_ROW_SQL + " ORDER BY seq"))
    prev = GENESIS
    expected_seq = 1
    count = 0
    redacted = 0
    for seq, at, actor, action, entity, entity_id, before, after, prev_hash, digest in rows:
        count += 1
        if seq != expected_seq:
            return ChainReport(count, expected_seq, f"event {expected_seq} is missing")
        if prev_hash != prev:
            return ChainReport(count, seq, f"event {seq} does not follow event {seq - 1}")
        recomputed = event_hash(prev, seq, at, actor, action, entity, entity_id, before, after)
        if recomputed != digest:
            named = redactions.get(seq)
            if named is None or named[0] != digest or named[1] != recomputed or named[2] <= seq:
                return ChainReport(count, seq, f"event {seq} was altered")
            redacted += 1
        prev = digest
        expected_seq += 1
    return ChainReport(count, None, "ok", redacted=redacted)
