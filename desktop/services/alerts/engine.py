"""Raising, listing and deciding alerts: the sweep, the hooks the writes call, the inbox.

Why hooks are plain calls: each write that matters (an order typed or imported, a follow-up,
an export or print, an ownership change) calls its ``on_…`` function here itself, inside its
own unit of work, so the alert commits with the write or not at all. A refused order cannot
do that (its unit of work rolls back), so :mod:`desktop.services.order_lock` calls
:func:`on_lock_refused` in the unit of work that records the refused attempt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from time import perf_counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from desktop.logs import get_logger
from desktop.models import audit
from desktop.models.accounts import User
from desktop.models.alerts import Alert, AlertRule, AlertStatus, Severity
from desktop.models.types import utcnow
from desktop.services import scope
from desktop.services.alerts import definitions as d
from desktop.services.alerts import incremental
from desktop.services.alerts.definitions import RuleConfig, configs_in, ensure_row
from desktop.services.alerts.rules import FINDERS, Finding, Focus
from desktop.services.alerts.storing import store
from desktop.services.changes import Kind
from desktop.services.context import Changes, ServiceContext
from desktop.services.permissions import Action, can

log = get_logger("alerts")

MSG_REASON = QT_TRANSLATE_NOOP(
    "Errors", "Give a reason (at least {min} characters) to resolve or dismiss an alert."
)
MSG_NOT_FOUND = QT_TRANSLATE_NOOP("Errors", "There is no alert {id}.")
MSG_CLOSED = QT_TRANSLATE_NOOP(
    "Errors", "Alert {id} is {status} already; only an open or acknowledged alert can change."
)
MSG_NO_USER = QT_TRANSLATE_NOOP("Errors", "There is no active user {user} to assign the alert to.")
MIN_REASON = 3

#: Rules cheap enough to run inside an order's unit of work, by the kind of write.
ORDER_RULES = (
    d.LEAVER_ORDER_AFTER_LOCK,
    d.HANDOVER_CUSTOMER_ORDERING,
    d.ORDER_OUTLIER,
    d.INCOMPLETE_CUSTOMER,
)
FOLLOWUP_RULES = (d.FOLLOWUP_OUTSIDE_BOOK, d.FOLLOWUP_KEYWORD)
OWNERSHIP_RULES = (d.BACKDATED_OWNERSHIP,)
EXPORT_RULES = (d.BULK_EXPORT,)
SEVERITY_ORDER = {Severity.HIGH.value: 0, Severity.MEDIUM.value: 1, Severity.LOW.value: 2}


# --------------------------------------------------------------------------- raising


def _store(s: Session, cfg: RuleConfig, findings: list[Finding], now: datetime) -> list[int]:
    """Insert the findings not raised before (same rule, subject and window); their ids."""
    return store(s, cfg, findings, now)


def run_rules(
    s: Session, today: date, rules: Iterable[str], focus: Focus | None = None
) -> dict[str, list[int]]:
    """Evaluate ``rules`` (the enabled ones) and store what they find, in the caller's unit of
    work; the new alert ids per rule."""
    configs = configs_in(s)
    now = utcnow()
    raised: dict[str, list[int]] = {}
    for rid in rules:
        cfg = configs[rid]
        if not cfg.enabled:
            continue
        raised[rid] = _store(s, cfg, FINDERS[rid](s, cfg, today, focus), now)
    return raised


@dataclass(frozen=True)
class SweepResult:
    raised: dict[str, int]
    seconds: float
    changes: Changes
    #: Rules left out because nothing they read changed since the last sweep.
    skipped: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.raised.values())


def sweep(
    ctx: ServiceContext, rules: Iterable[str] | None = None, *, full: bool = False
) -> SweepResult:
    """Evaluate the enabled rules over the whole window (after unlock once a day, on demand,
    ``baton alerts sweep``). A second sweep over the same data adds nothing. Incremental
    unless ``full``: a rule that looks at data alone is left out when nothing it reads
    changed since the last sweep (:mod:`.incremental`); the alerts are the same either way."""
    ctx.require(Action.ALERTS_VIEW)
    start = perf_counter()
    wanted = list(rules or d.RULES)
    with ctx.transaction() as s:
        today = ctx.today()
        run, skipped = incremental.rules_to_run(s, today, wanted, full)
        raised = run_rules(s, today, run)
        enabled = configs_in(s)
        counts = {
            rid: len(raised.get(rid, []))
            for rid in wanted
            if rid in raised or (rid in skipped and enabled[rid].enabled)
        }
        detail = {"day": today.isoformat(), **counts, "full": full, "skipped": skipped}
        detail["stamp"] = incremental.stamp_detail(wanted)
        audit.record(s, SWEEP_EVENT, "alert", "", detail)
    ids = frozenset(i for got in raised.values() for i in got)
    return SweepResult(
        counts, perf_counter() - start, Changes.of(Kind.ALERTS, ids=ids), tuple(skipped)
    )


SWEEP_EVENT = incremental.SWEEP_EVENT


@dataclass(frozen=True)
class UnlockNotice:
    """What the window says after unlock: whether the daily sweep ran, new high alerts."""

    swept: bool
    new_high: int


def after_unlock(ctx: ServiceContext) -> UnlockNotice:
    """Sweep once a day (the first unlock of the day by someone who may see alerts), then
    count the open high alerts raised in the last day, for a one-line notice."""
    from datetime import timedelta

    from desktop.models.audit import AuditEvent
    from desktop.services.alerts.rules import _first_seq_since

    ctx.require(Action.ALERTS_VIEW)
    since = utcnow() - timedelta(days=1)
    with ctx.read() as s:
        first = _first_seq_since(s, since)
        done = s.scalar(
            select(AuditEvent.seq)
            .where(AuditEvent.seq >= first, AuditEvent.action == SWEEP_EVENT)
            .limit(1)
        )
    swept = False
    if done is None and can(ctx.actor.role, Action.ALERTS_MANAGE):
        sweep(ctx)
        swept = True
    return UnlockNotice(swept, new_high_since(ctx, since))


def _guarded(s: Session, today: date, rules: Iterable[str], focus: Focus) -> list[int]:
    raised = run_rules(s, today, rules, focus)
    return [i for got in raised.values() for i in got]


def on_orders_written(
    s: Session,
    today: date,
    order_ids: Iterable[int],
    customer_ids: Iterable[int],
    employee_ids: Iterable[int | None],
) -> list[int]:
    """Called by the order use cases in their unit of work: the order rules on these orders."""
    focus = Focus(
        order_ids=frozenset(order_ids),
        customer_ids=frozenset(customer_ids),
        employee_ids=frozenset(e for e in employee_ids if e is not None),
    )
    return _guarded(s, today, ORDER_RULES, focus)


def on_orders_imported(s: Session, today: date, after_id: int) -> list[int]:
    """Called by the order import in its unit of work: the order rules on the rows with an id
    above ``after_id`` (the imported ones), set-wise rather than row by row."""
    rows = s.execute(
        select(func.count(), func.min(_order_col("customer_id")), func.max(_order_col("id"))).where(
            _order_col("id") > after_id
        )
    ).one()
    if not rows[0]:
        return []
    employees = frozenset(
        e
        for e in s.scalars(
            select(_order_col("salesperson_id")).where(_order_col("id") > after_id).distinct()
        )
        if e is not None
    )
    customers = frozenset(
        s.scalars(select(_order_col("customer_id")).where(_order_col("id") > after_id).distinct())
    )
    focus = Focus(min_order_id=after_id, customer_ids=customers, employee_ids=employees)
    return _guarded(s, today, ORDER_RULES, focus)


def _order_col(name: str) -> Any:
    from desktop.models.orders import Order

    return getattr(Order, name)


def last_order_id(s: Session) -> int:
    """The highest order id now (an import calls this before it inserts)."""
    return int(s.scalar(select(func.max(_order_col("id")))) or 0)


def on_followup_written(
    s: Session, today: date, followup_id: int, employee_id: int | None
) -> list[int]:
    """Called by :func:`desktop.services.followups.add_followup` in its unit of work."""
    focus = Focus(
        followup_ids=frozenset({followup_id}),
        employee_ids=frozenset({employee_id}) if employee_id is not None else frozenset(),
    )
    return _guarded(s, today, FOLLOWUP_RULES, focus)


def on_ownership_changed(s: Session, today: date, customer_ids: Iterable[int]) -> list[int]:
    """Called by the ownership changes (reassign, release, claims) in their unit of work."""
    return _guarded(s, today, OWNERSHIP_RULES, Focus(customer_ids=frozenset(customer_ids)))


def on_lock_refused(s: Session, today: date, employee_ids: Iterable[int]) -> list[int]:
    """Called by the order lock in the unit of work that records refused attempts: the refusal
    rolled the order back, the alert stays."""
    focus = Focus(employee_ids=frozenset(employee_ids))
    return _guarded(s, today, (d.LEAVER_ORDER_AFTER_LOCK,), focus)


def on_export(ctx: ServiceContext) -> list[int]:
    """Called after an export or a print is recorded: the bulk-export rule for the actor, in
    a unit of work of its own (the export's record is committed already). Never fails the
    export: a problem here is logged."""
    try:
        with ctx.transaction() as s:
            return _guarded(
                s, ctx.today(), EXPORT_RULES, Focus(usernames=frozenset({ctx.actor.username}))
            )
    except Exception:  # the file is written; the signal is best effort
        log.warning("bulk-export rule failed after an export", exc_info=True)
        return []


# --------------------------------------------------------------------------- the inbox


@dataclass(frozen=True)
class AlertRow:
    id: int
    rule: str
    severity: str
    status: str
    subject_kind: str
    subject_id: int
    subject: str
    employee_id: int | None
    employee: str | None
    window_key: str
    summary: str
    evidence: dict[str, Any]
    raised_at: datetime
    reason: str | None
    assignee_id: int | None
    assignee: str | None
    version: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "severity": self.severity,
            "status": self.status,
            "subject": {"kind": self.subject_kind, "id": self.subject_id, "name": self.subject},
            "employee": self.employee,
            "window": self.window_key,
            "summary": self.summary,
            "evidence": self.evidence,
            "raised_at": self.raised_at.isoformat(),
            "reason": self.reason,
            "assignee": self.assignee,
        }


@dataclass(frozen=True)
class AlertFilter:
    rule: str | None = None
    severity: str | None = None
    status: str | None = None
    open_only: bool = False
    employee_id: int | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 5000


def _scoped(ctx: ServiceContext, s: Session, query: Any) -> Any:
    staff = scope.staff_ids(scope.scope_of(ctx, s))
    if staff is None:
        return query
    return query.where(Alert.employee_id.in_(staff))


def _names(s: Session, rows: list[Alert]) -> dict[tuple[str, int], str]:
    from desktop.models.customers import Customer
    from desktop.models.departures import DepartureCase
    from desktop.models.staff import Employee

    want: dict[str, set[int]] = {}
    for a in rows:
        want.setdefault(a.subject_kind, set()).add(a.subject_id)
        if a.employee_id is not None:
            want.setdefault("employee", set()).add(a.employee_id)
        if a.assignee_id is not None:
            want.setdefault("user", set()).add(a.assignee_id)
    tables = {
        "employee": (Employee.id, Employee.name),
        "customer": (Customer.id, Customer.name),
        "case": (DepartureCase.id, DepartureCase.number),
        "user": (User.id, User.display_name),
    }
    out: dict[tuple[str, int], str] = {}
    for kind, ids in want.items():
        col_id, col_name = tables[kind]
        ids_l = list(ids)
        for i in range(0, len(ids_l), 900):
            for rid, name in s.execute(
                select(col_id, col_name).where(col_id.in_(ids_l[i : i + 900]))
            ):
                out[(kind, rid)] = name
    return out


def _row(a: Alert, names: dict[tuple[str, int], str]) -> AlertRow:
    return AlertRow(
        id=a.id,
        rule=a.rule_id,
        severity=a.severity,
        status=a.status,
        subject_kind=a.subject_kind,
        subject_id=a.subject_id,
        subject=names.get((a.subject_kind, a.subject_id), f"#{a.subject_id}"),
        employee_id=a.employee_id,
        employee=names.get(("employee", a.employee_id)) if a.employee_id else None,
        window_key=a.window_key,
        summary=a.summary,
        evidence=json.loads(a.evidence or "{}"),
        raised_at=a.raised_at,
        reason=a.reason,
        assignee_id=a.assignee_id,
        assignee=names.get(("user", a.assignee_id)) if a.assignee_id else None,
        version=a.version,
    )


def list_alerts(ctx: ServiceContext, flt: AlertFilter | None = None) -> list[AlertRow]:
    """The alerts the actor may see (hr and admin: all; a manager: their branch), newest
    first, highest severity first within a day."""
    ctx.require(Action.ALERTS_VIEW)
    flt = flt or AlertFilter()
    with ctx.read() as s:
        q = _scoped(ctx, s, select(Alert))
        if flt.rule:
            q = q.where(Alert.rule_id == flt.rule)
        if flt.severity:
            q = q.where(Alert.severity == flt.severity)
        if flt.open_only:
            q = q.where(Alert.status.in_((AlertStatus.OPEN.value, AlertStatus.ACKNOWLEDGED.value)))
        elif flt.status:
            q = q.where(Alert.status == flt.status)
        if flt.employee_id is not None:
            q = q.where(Alert.employee_id == flt.employee_id)
        if flt.since is not None:
            q = q.where(
                Alert.raised_at
                >= datetime.combine(flt.since, datetime.min.time(), tzinfo=ctx.now().tzinfo)
            )
        if flt.until is not None:
            q = q.where(
                Alert.raised_at
                < datetime.combine(flt.until, datetime.max.time(), tzinfo=ctx.now().tzinfo)
            )
        q = q.order_by(Alert.raised_at.desc(), Alert.id.desc()).limit(flt.limit)
        rows = list(s.scalars(q))
        names = _names(s, rows)
        return [_row(a, names) for a in rows]


def get_alert(ctx: ServiceContext, alert_id: int) -> AlertRow:
    ctx.require(Action.ALERTS_VIEW)
    with ctx.read() as s:
        a = _one(ctx, s, alert_id)
        return _row(a, _names(s, [a]))


@dataclass(frozen=True)
class AlertCounts:
    """Open (and acknowledged) alerts by severity, for the dashboard and the badge."""

    high: int
    medium: int
    low: int

    @property
    def total(self) -> int:
        return self.high + self.medium + self.low


def open_counts(ctx: ServiceContext) -> AlertCounts:
    ctx.require(Action.ALERTS_VIEW)
    with ctx.read() as s:
        q = _scoped(
            ctx,
            s,
            select(Alert.severity, func.count()).where(
                Alert.status.in_((AlertStatus.OPEN.value, AlertStatus.ACKNOWLEDGED.value))
            ),
        ).group_by(Alert.severity)
        got = dict(s.execute(q).all())
    return AlertCounts(got.get("high", 0), got.get("medium", 0), got.get("low", 0))


def new_high_since(ctx: ServiceContext, since: datetime) -> int:
    """High alerts raised since ``since`` that are still open (the notice after unlock)."""
    ctx.require(Action.ALERTS_VIEW)
    with ctx.read() as s:
        q = _scoped(
            ctx,
            s,
            select(func.count())
            .select_from(Alert)
            .where(
                Alert.severity == Severity.HIGH.value,
                Alert.status == AlertStatus.OPEN.value,
                Alert.raised_at >= since,
            ),
        )
        return int(s.scalar(q) or 0)


# --------------------------------------------------------------------------- deciding


def _one(ctx: ServiceContext, s: Session, alert_id: int) -> Alert:
    a = s.scalar(_scoped(ctx, s, select(Alert).where(Alert.id == alert_id)))
    if a is None:
        raise NotFound(MSG_NOT_FOUND, id=alert_id)
    return a


def _decide(ctx: ServiceContext, alert_id: int, status: str, reason: str | None) -> Changes:
    ctx.require(Action.ALERTS_MANAGE)
    text = (reason or "").strip()
    if status != AlertStatus.ACKNOWLEDGED.value and len(text) < MIN_REASON:
        raise ValidationError(MSG_REASON, field="reason", min=MIN_REASON)
    with ctx.transaction() as s:
        a = _one(ctx, s, alert_id)
        if a.status not in (AlertStatus.OPEN.value, AlertStatus.ACKNOWLEDGED.value) or (
            a.status == status
        ):
            raise ValidationError(MSG_CLOSED, field="status", id=alert_id, status=a.status)
        a.status = status
        if text:
            a.reason = text[:2000]
        a.decided_by = ctx.actor.user_id
        a.decided_at = ctx.now()
    return Changes.of(Kind.ALERTS, ids=frozenset({alert_id}))


def acknowledge(ctx: ServiceContext, alert_id: int, note: str = "") -> Changes:
    """Someone is looking at it (a note is optional)."""
    return _decide(ctx, alert_id, AlertStatus.ACKNOWLEDGED.value, note)


def resolve(ctx: ServiceContext, alert_id: int, reason: str) -> Changes:
    """The matter is dealt with; the reason says how (required)."""
    return _decide(ctx, alert_id, AlertStatus.RESOLVED.value, reason)


def dismiss(ctx: ServiceContext, alert_id: int, reason: str) -> Changes:
    """Not a concern (a signal is not proof); the reason says why (required)."""
    return _decide(ctx, alert_id, AlertStatus.DISMISSED.value, reason)


def assign(ctx: ServiceContext, alert_id: int, username: str | None) -> Changes:
    """Give the alert to a user to follow up (None: nobody)."""
    ctx.require(Action.ALERTS_MANAGE)
    with ctx.transaction() as s:
        a = _one(ctx, s, alert_id)
        user_id = None
        if username:
            user_id = s.scalar(
                select(User.id).where(
                    User.username == username, User.disabled.is_(False), User.removed.is_(False)
                )
            )
            if user_id is None:
                raise ValidationError(MSG_NO_USER, field="assignee", user=username)
        a.assignee_id = user_id
    return Changes.of(Kind.ALERTS, ids=frozenset({alert_id}))


# --------------------------------------------------------------------------- rule settings


@dataclass(frozen=True)
class RuleInfo:
    id: str
    enabled: bool
    severity: str
    window_days: int
    thresholds: dict[str, Any]
    open_alerts: int


def list_rules(ctx: ServiceContext) -> list[RuleInfo]:
    ctx.require(Action.ALERTS_VIEW)
    with ctx.read() as s:
        configs = configs_in(s)
        opened = dict(
            s.execute(
                select(Alert.rule_id, func.count())
                .where(Alert.status == AlertStatus.OPEN.value)
                .group_by(Alert.rule_id)
            ).all()
        )
    return [
        RuleInfo(
            c.id, c.enabled, c.severity, c.window_days, dict(c.thresholds), opened.get(c.id, 0)
        )
        for c in configs.values()
    ]


def update_rule(
    ctx: ServiceContext,
    rule_id: str,
    *,
    enabled: bool | None = None,
    severity: str | None = None,
    window_days: Any = None,
    thresholds: dict[str, Any] | None = None,
) -> Changes:
    """Edit a rule's settings (administrators). Every value is checked before anything is
    written: a negative, zero or absurd threshold is refused with a message naming it."""
    ctx.require(Action.ALERT_RULES_EDIT)
    severity, window, clean = d.validated(rule_id, severity, window_days, thresholds)
    with ctx.transaction() as s:
        row: AlertRule = ensure_row(s, rule_id)
        if enabled is not None:
            row.enabled = bool(enabled)
        if severity is not None:
            row.severity = severity
        if window is not None:
            row.window_days = window
        if clean:
            current = json.loads(row.thresholds or "{}")
            current.update(clean)
            row.thresholds = json.dumps(current, ensure_ascii=False, sort_keys=True)
    return Changes.of(Kind.ALERTS)
