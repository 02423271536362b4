"""What every alert rule shares: findings, focus, the windows and the small helpers the
rule modules (:mod:`.rules_orders`, :mod:`.rules_customers`, :mod:`.rules_followups`,
:mod:`.rules_exports`) all use, kept apart so that none of them imports another.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.alerts import Alert
from desktop.models.departures import CaseState
from desktop.models.orders import Order, OrderStatus

#: How far back a sweep looks for row-by-row rules (orders, follow-ups) beyond their window.
HORIZON_DAYS = 365
#: How far back the sweep looks for the start of a customer's silence.
SILENT_LOOKBACK_DAYS = 90
#: Evidence lists keep at most this many record ids (the figures count them all).
MAX_IDS = 50
LIVE = Order.status != OrderStatus.CANCELLED.value
#: Cases whose employee is leaving or has left (not a draft, not withdrawn or cancelled).
LEAVING_STATES = (
    CaseState.SUBMITTED.value,
    CaseState.APPROVED.value,
    CaseState.IN_HANDOVER.value,
    CaseState.AWAITING_CONFIRMATION.value,
    CaseState.COMPLETED.value,
    CaseState.ARCHIVED.value,
)
DONE_STATES = (CaseState.COMPLETED.value, CaseState.ARCHIVED.value)


@dataclass(frozen=True)
class Finding:
    subject_kind: str
    subject_id: int
    employee_id: int | None
    window_key: str
    summary: str
    evidence: dict[str, Any]


@dataclass(frozen=True)
class Focus:
    """What a write touched; a rule looks only at these (None: not limited that way)."""

    order_ids: frozenset[int] | None = None
    min_order_id: int | None = None
    employee_ids: frozenset[int] | None = None
    customer_ids: frozenset[int] | None = None
    followup_ids: frozenset[int] | None = None
    usernames: frozenset[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _ids(values: Iterable[int]) -> list[int]:
    return sorted(set(values))[:MAX_IDS]


def _utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _focus_orders(query: Any, focus: Focus | None) -> Any:
    if focus is None:
        return query
    if focus.order_ids is not None:
        query = query.where(Order.id.in_(focus.order_ids))
    if focus.min_order_id is not None:
        query = query.where(Order.id > focus.min_order_id)
    return query


def _existing_keys(s: Session, rule: str, kind: str, subject_ids: Iterable[int]) -> set[str]:
    ids = list(set(subject_ids))
    if not ids:
        return set()
    return set(
        s.scalars(
            select(Alert.window_key).where(
                Alert.rule_id == rule, Alert.subject_kind == kind, Alert.subject_id.in_(ids)
            )
        )
    )


def _bursts(
    events: list[tuple[date, int, int]],
    window: int,
    limit: int,
    last_fired: date | None,
) -> list[tuple[date, int, list[int]]]:
    """Days on which the weight of ``events`` (day, weight, id) in the trailing ``window``
    days first exceeds ``limit``; after a burst, the next one must start a window later.
    Stable: the same events and the same alerts already raised give the same days."""
    events = sorted(events)
    found: list[tuple[date, int, list[int]]] = []
    trail: deque[tuple[date, int, int]] = deque()
    total = 0
    for day, weight, rid in events:
        trail.append((day, weight, rid))
        total += weight
        while trail and trail[0][0] <= day - timedelta(days=window):
            total -= trail.popleft()[1]
        if last_fired is not None and (day - last_fired).days < window:
            continue
        if total > limit:
            found.append((day, total, [r for _d, _w, r in trail]))
            last_fired = day
    return found


def _fired_days(s: Session, rule: str, kind: str, subjects: Iterable[Any]) -> dict[Any, date]:
    """The latest burst day already raised per subject (keys ``d<ISO day>``)."""
    out: dict[Any, date] = {}
    ids = list(subjects)
    if not ids:
        return out
    rows = s.execute(
        select(Alert.subject_id, Alert.window_key).where(
            Alert.rule_id == rule, Alert.subject_kind == kind, Alert.subject_id.in_(ids)
        )
    )
    for sid, key in rows:
        if key.startswith("d"):
            day = date.fromisoformat(key[1:])
            if sid not in out or day > out[sid]:
                out[sid] = day
    return out
