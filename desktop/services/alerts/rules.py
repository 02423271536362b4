"""What each alert rule finds: one function per rule over the database, returning findings.

Every function takes the session, the rule's current settings, today and an optional
:class:`Focus` (the records a write just touched); without a focus it looks at the whole
window (the sweep). A finding names its subject and its *window key*; the same data always
gives the same keys, so storing them twice adds nothing (the unique constraint on ``alert``).
A finding is a signal to look closer, never proof of anything about a person.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from desktop.models.accounts import User
from desktop.models.alerts import Alert, SubjectKind
from desktop.models.audit import AuditEvent
from desktop.models.customers import Contact, Customer, CustomerAssignment
from desktop.models.departures import CaseState, DepartureCase, HandoverItem, ItemKind, LockAttempt
from desktop.models.documents import DocumentSnapshot, IssuedDocument
from desktop.models.orders import FollowUp, Order, OrderStatus, Receivable
from desktop.models.staff import Employee, EmployeeStatus
from desktop.models.types import fen_of, from_fen, utcnow
from desktop.services import order_lock
from desktop.services.alerts import definitions as d
from desktop.services.alerts.definitions import RuleConfig

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


# --------------------------------------------------------------------------- 1


def leaver_order_after_lock(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """An order naming a locked employee: refused (a lock attempt) or recorded although dated
    in the lock or entered after the lock began. One alert per employee, case and day."""
    locks = order_lock.locks_in(s)
    if focus is not None and focus.employee_ids is not None:
        locks = {k: v for k, v in locks.items() if k in focus.employee_ids}
    since = today - timedelta(days=cfg.window_days)
    out: list[Finding] = []
    for emp, lock in locks.items():
        days: dict[date, dict[str, Any]] = defaultdict(lambda: {"orders": [], "refused": []})
        q = select(Order.id, Order.number, Order.order_date, fen_of(Order.revenue)).where(
            Order.salesperson_id == emp,
            or_(Order.order_date >= lock.locked_from, Order.created_at >= _utc(lock.locked_from)),
            Order.order_date >= since,
        )
        for oid, number, day, fen in s.execute(q):
            days[day]["orders"].append({"id": oid, "number": number, "revenue": str(from_fen(fen))})
        q2 = select(LockAttempt).where(
            LockAttempt.employee_id == emp,
            LockAttempt.case_id == lock.case_id,
            LockAttempt.order_date >= since,
        )
        for a in s.scalars(q2):
            days[a.order_date]["refused"].append(
                {
                    "attempt": a.id,
                    "source": a.source,
                    "order_number": a.order_number,
                    "rows": a.rows,
                    "actor": a.actor,
                }
            )
        for day, ev in sorted(days.items()):
            out.append(
                Finding(
                    SubjectKind.EMPLOYEE,
                    emp,
                    emp,
                    f"case{lock.case_id}:{day.isoformat()}",
                    f"orders={len(ev['orders'])} refused={len(ev['refused'])} day={day}",
                    {
                        "case_id": lock.case_id,
                        "case": lock.case_number,
                        "locked_from": lock.locked_from.isoformat(),
                        "day": day.isoformat(),
                        "orders": ev["orders"][:MAX_IDS],
                        "refused": ev["refused"][:MAX_IDS],
                    },
                )
            )
    return out


# --------------------------------------------------------------------------- 2


def _leaving_cases(
    s: Session,
    states: tuple[str, ...],
    ended_since: date | None = None,
    customers: frozenset[int] | None = None,
) -> list[DepartureCase]:
    """Cases in ``states``; only those still open or completed since ``ended_since``, and
    only of employees who ever owned one of ``customers`` (a write's focus), so a write pays
    for the few cases that can concern it, never for the firm's whole history."""
    q = select(DepartureCase).where(DepartureCase.state.in_(states))
    if ended_since is not None:
        q = q.where(
            or_(DepartureCase.completed_on.is_(None), DepartureCase.completed_on >= ended_since)
        )
    if customers is not None:
        q = q.where(
            DepartureCase.employee_id.in_(
                select(CustomerAssignment.employee_id).where(
                    CustomerAssignment.customer_id.in_(customers)
                )
            )
        )
    return list(s.scalars(q))


def owned_on(s: Session, employee_id: int, day: date) -> set[int]:
    """The customers ``employee_id`` owned on ``day`` (from the ownership history), counting
    one handed over on that very day: the book as it stood when notice was given."""
    a = CustomerAssignment
    return set(
        s.scalars(
            select(a.customer_id).where(
                a.employee_id == employee_id,
                a.valid_from <= day,
                or_(a.valid_to.is_(None), a.valid_to >= day),
            )
        )
    )


def handover_customer_ordering(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """A customer the leaver owned on the notice date orders during notice or handover
    through nobody, the leaver, or anyone but the named successor."""
    out: list[Finding] = []
    horizon = today - timedelta(days=cfg.window_days)
    focus_customers = focus.customer_ids if focus is not None else None
    for case in _leaving_cases(s, LEAVING_STATES, horizon, focus_customers):
        start = case.notice_on or case.submitted_on
        # Open cases have no end yet: an order dated ahead still counts.
        end = case.completed_on or date.max
        if end < horizon or start > today:
            continue
        owned = owned_on(s, case.employee_id, start)
        if focus is not None and focus.customer_ids is not None:
            owned &= set(focus.customer_ids)
        if not owned:
            continue
        successors = dict(
            s.execute(
                select(HandoverItem.customer_id, HandoverItem.successor_id).where(
                    HandoverItem.case_id == case.id,
                    HandoverItem.kind == ItemKind.CUSTOMER.value,
                )
            ).all()
        )
        q = select(
            Order.id,
            Order.customer_id,
            Order.salesperson_id,
            Order.number,
            Order.order_date,
            fen_of(Order.revenue),
        ).where(
            Order.customer_id.in_(owned),
            Order.order_date >= start,
            Order.order_date <= end,
            LIVE,
        )
        q = _focus_orders(q, focus)
        per: dict[int, list[Any]] = defaultdict(list)
        for oid, cid, sp, number, day, fen in s.execute(q):
            successor = successors.get(cid)
            if sp is not None and sp != case.employee_id and sp == successor:
                continue
            per[cid].append((oid, number, day, sp, fen))
        for cid, rows in sorted(per.items()):
            total = sum((from_fen(r[4]) for r in rows), Decimal("0.00"))
            out.append(
                Finding(
                    SubjectKind.CUSTOMER,
                    cid,
                    case.employee_id,
                    f"case{case.id}",
                    f"orders={len(rows)} revenue={total}",
                    {
                        "case_id": case.id,
                        "case": case.number,
                        "notice_on": start.isoformat(),
                        "successor_id": successors.get(cid),
                        "orders": [
                            {
                                "id": oid,
                                "number": number,
                                "date": day.isoformat(),
                                "salesperson_id": sp,
                            }
                            for oid, number, day, sp, _f in rows[:MAX_IDS]
                        ],
                        "order_count": len(rows),
                        "revenue": str(total),
                    },
                )
            )
    return out


# --------------------------------------------------------------------------- 3


def followup_outside_book(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """One employee's follow-ups with customers they did not own that day: more than
    ``max_followups`` in ``window_days``."""
    limit = cfg.integer("max_followups")
    a = CustomerAssignment
    owned = exists().where(
        a.customer_id == FollowUp.customer_id,
        a.employee_id == FollowUp.employee_id,
        a.valid_from <= FollowUp.followed_on,
        or_(a.valid_to.is_(None), a.valid_to > FollowUp.followed_on),
    )
    q = select(FollowUp.employee_id, FollowUp.followed_on, FollowUp.id).where(
        FollowUp.employee_id.is_not(None),
        FollowUp.followed_on >= today - timedelta(days=3 * cfg.window_days),
        ~owned,
    )
    if focus is not None and focus.employee_ids is not None:
        q = q.where(FollowUp.employee_id.in_(focus.employee_ids))
    per: dict[int, list[tuple[date, int, int]]] = defaultdict(list)
    for emp, day, fid in s.execute(q):
        per[emp].append((day, 1, fid))
    out: list[Finding] = []
    existing = _fired_days(s, d.FOLLOWUP_OUTSIDE_BOOK, SubjectKind.EMPLOYEE, per)
    for emp, events in sorted(per.items()):
        for day, count, ids in _bursts(events, cfg.window_days, limit, existing.get(emp)):
            out.append(
                Finding(
                    SubjectKind.EMPLOYEE,
                    emp,
                    emp,
                    f"d{day.isoformat()}",
                    f"followups={count} limit={limit} days={cfg.window_days}",
                    {
                        "followups": _ids(ids),
                        "count": count,
                        "limit": limit,
                        "window_days": cfg.window_days,
                        "until": day.isoformat(),
                    },
                )
            )
    return out


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


# --------------------------------------------------------------------------- 4


def order_outlier(s: Session, cfg: RuleConfig, today: date, focus: Focus | None) -> list[Finding]:
    """An order above ``multiple`` × its salesperson's average order over the 90 days before
    it (at least ``min_orders`` orders in those days)."""
    multiple = cfg.number("multiple")
    min_orders = cfg.integer("min_orders")
    trail_days = 90
    # The sweep looks at the rule's window; each order typed or imported is checked as it is
    # written, so nothing older needs looking at again every day.
    since = today - timedelta(days=cfg.window_days)
    targets: set[int] | None = None
    sales_filter: set[int] | None = None
    if focus is not None and focus.order_ids is not None and focus.min_order_id is None:
        return _outliers_of(s, focus.order_ids, multiple, min_orders, trail_days)
    if focus is None:
        return _outliers_by_day(s, since, multiple, min_orders, trail_days)
    if focus is not None and focus.min_order_id is not None:
        rows = s.execute(
            _focus_orders(select(Order.id, Order.salesperson_id, Order.order_date), focus).where(
                Order.salesperson_id.is_not(None), LIVE
            )
        ).all()
        # Imported rows older than the window are history, as they are for the sweep.
        rows = [r for r in rows if r[2] >= since]
        targets = {r[0] for r in rows}
        sales_filter = {r[1] for r in rows}
        if not targets:
            return []
        since = min(r[2] for r in rows)
    q = select(Order.salesperson_id, Order.order_date, Order.id, fen_of(Order.revenue)).where(
        Order.salesperson_id.is_not(None),
        Order.order_date >= since - timedelta(days=trail_days),
        LIVE,
    )
    if sales_filter is not None:
        q = q.where(Order.salesperson_id.in_(sales_filter))
    out: list[Finding] = []
    current: int | None = None
    trail: deque[tuple[date, int]] = deque()
    pending: list[tuple[date, int, int]] = []  # same-day orders join the trail after the day
    total = 0
    # Sorted here rather than by the database: on a large firm the sort in SQL doubles the
    # cost of the scan.
    for sp, day, oid, fen in sorted(map(tuple, s.execute(q))):
        if sp != current:
            current, total = sp, 0
            trail.clear()
            pending.clear()
        if pending and pending[0][0] != day:
            for pday, pfen, _pid in pending:
                trail.append((pday, pfen))
                total += pfen
            pending.clear()
        while trail and trail[0][0] < day - timedelta(days=trail_days):
            total -= trail.popleft()[1]
        pending.append((day, fen, oid))
        if day < since or (targets is not None and oid not in targets):
            continue
        n = len(trail)
        if n < min_orders or total <= 0:
            continue
        average = Decimal(total) / n
        if Decimal(fen) > multiple * average:
            out.append(_outlier(sp, oid, day, fen, average, n, multiple))
    return out


def _outliers_by_day(
    s: Session, since: date, multiple: Decimal, min_orders: int, trail_days: int
) -> list[Finding]:
    """The sweep: per salesperson and day, the count, sum and largest order (read from the
    covering index, not the table); the trailing average slides over days; only the days
    whose largest order crosses it are read order by order."""
    rev = fen_of(Order.revenue)
    q = (
        select(Order.salesperson_id, Order.order_date, func.count(), func.sum(rev), func.max(rev))
        .where(
            Order.salesperson_id.is_not(None),
            Order.order_date >= since - timedelta(days=trail_days),
            LIVE,
        )
        .group_by(Order.salesperson_id, Order.order_date)
    )
    days = sorted(map(tuple, s.execute(q)))
    candidates: dict[tuple[int, date], tuple[Decimal, int]] = {}
    current: int | None = None
    trail: deque[tuple[date, int, int]] = deque()
    n = total = 0
    for sp, day, count, fen_sum, fen_max in days:
        if sp != current:
            current, n, total = sp, 0, 0
            trail.clear()
        while trail and trail[0][0] < day - timedelta(days=trail_days):
            _d, dn, ds = trail.popleft()
            n, total = n - dn, total - ds
        if day >= since and n >= min_orders and total > 0:
            average = Decimal(total) / n
            if Decimal(int(fen_max)) > multiple * average:
                candidates[(sp, day)] = (average, n)
        trail.append((day, int(count), int(fen_sum)))
        n, total = n + int(count), total + int(fen_sum)
    out: list[Finding] = []
    keys = sorted(candidates)
    for i in range(0, len(keys), 400):
        part = keys[i : i + 400]
        for oid, sp, day, fen in s.execute(
            select(Order.id, Order.salesperson_id, Order.order_date, rev).where(
                tuple_(Order.salesperson_id, Order.order_date).in_(part), LIVE
            )
        ):
            average, count = candidates[(sp, day)]
            if Decimal(int(fen)) > multiple * average:
                out.append(_outlier(sp, oid, day, int(fen), average, count, multiple))
    return sorted(out, key=lambda f: f.window_key)


def _outliers_of(
    s: Session, order_ids: frozenset[int], multiple: Decimal, min_orders: int, trail_days: int
) -> list[Finding]:
    """The outlier check for a few typed orders: one aggregate over the salesperson's
    trailing days each (the index on salesperson and date), not a walk over their orders."""
    out: list[Finding] = []
    rows = s.execute(
        select(Order.id, Order.salesperson_id, Order.order_date, fen_of(Order.revenue)).where(
            Order.id.in_(order_ids), Order.salesperson_id.is_not(None), LIVE
        )
    ).all()
    for oid, sp, day, fen in rows:
        n, total = s.execute(
            select(func.count(), func.sum(fen_of(Order.revenue))).where(
                Order.salesperson_id == sp,
                Order.order_date >= day - timedelta(days=trail_days),
                Order.order_date < day,
                LIVE,
            )
        ).one()
        if n < min_orders or not total:
            continue
        average = Decimal(int(total)) / n
        if Decimal(fen) > multiple * average:
            out.append(_outlier(sp, oid, day, fen, average, n, multiple))
    return out


def _outlier(
    sp: int, oid: int, day: date, fen: int, average: Decimal, n: int, multiple: Decimal
) -> Finding:
    return Finding(
        SubjectKind.EMPLOYEE,
        sp,
        sp,
        f"order{oid}",
        f"revenue={from_fen(fen)} average={from_fen(int(average))} x{multiple}",
        {
            "order_id": oid,
            "revenue": str(from_fen(fen)),
            "average": str(from_fen(int(average))),
            "orders_before": n,
            "multiple": str(multiple),
            "ratio": str((Decimal(fen) / average).quantize(Decimal("0.1"))),
            "date": day.isoformat(),
        },
    )


# --------------------------------------------------------------------------- 5


def incomplete_customer(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """Orders for a customer without a credit code or without any contact (phone or
    e-mail). One alert per customer and month of orders."""
    has_contact = exists().where(
        Contact.customer_id == Order.customer_id,
        or_(
            and_(Contact.phone.is_not(None), Contact.phone != ""),
            and_(Contact.email.is_not(None), Contact.email != ""),
        ),
    )
    no_code = or_(Customer.credit_code.is_(None), Customer.credit_code == "")
    q = (
        select(
            Order.customer_id,
            Order.id,
            Order.order_date,
            Order.salesperson_id,
            no_code,
            has_contact,
        )
        .join(Customer, Customer.id == Order.customer_id)
        .where(or_(no_code, ~has_contact), LIVE)
    )
    if focus is None or focus.order_ids is None:
        # The sweep and an import look at the window; a typed order is checked whatever its
        # date.
        q = q.where(Order.order_date >= today - timedelta(days=cfg.window_days))
    q = _focus_orders(q, focus)
    per: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for cid, oid, day, sp, lacks_code, contact in s.execute(q):
        per[(cid, day.strftime("%Y-%m"))].append((oid, sp, lacks_code, contact))
    out: list[Finding] = []
    for (cid, month), rows in sorted(per.items()):
        missing = []
        if rows[0][2]:
            missing.append("credit_code")
        if not rows[0][3]:
            missing.append("contact")
        out.append(
            Finding(
                SubjectKind.CUSTOMER,
                cid,
                rows[0][1],
                f"m{month}",
                f"orders={len(rows)} missing={','.join(missing)}",
                {
                    "customer_id": cid,
                    "month": month,
                    "missing": missing,
                    "orders": _ids(r[0] for r in rows),
                    "order_count": len(rows),
                },
            )
        )
    return out


# --------------------------------------------------------------------------- 6


def close_rate_pattern(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """Over the window: of the new customers an employee followed up (no order before the
    window), the share that ordered (close rate) is above the limit while the share of those
    that ordered again (repeat rate) is below it — the pattern of invented or diverted
    customers."""
    start = today - timedelta(days=cfg.window_days)
    close_limit = cfg.number("close_rate_percent")
    repeat_limit = cfg.number("repeat_rate_percent")
    minimum = cfg.integer("min_new_customers")
    earlier = aliased(Order)
    new = (
        select(FollowUp.employee_id, FollowUp.customer_id)
        .where(
            FollowUp.employee_id.is_not(None),
            FollowUp.followed_on > start,
            FollowUp.followed_on <= today,
            ~exists().where(
                earlier.customer_id == FollowUp.customer_id, earlier.order_date <= start
            ),
        )
        .distinct()
    )
    if focus is not None and focus.employee_ids is not None:
        new = new.where(FollowUp.employee_id.in_(focus.employee_ids))
    pairs = {(emp, cid) for emp, cid in s.execute(new)}
    if not pairs:
        return []
    # Their orders in the window, counted here: one range scan by date beats a probe of the
    # orders per pair on a large firm.
    n_orders: dict[tuple[int, int], int] = defaultdict(int)
    customers = sorted({cid for _e, cid in pairs})
    for i in range(0, len(customers), 900):
        for cid, sp in s.execute(
            select(Order.customer_id, Order.salesperson_id).where(
                Order.customer_id.in_(customers[i : i + 900]),
                Order.order_date > start,
                Order.order_date <= today,
                LIVE,
            )
        ):
            if (sp, cid) in pairs:
                n_orders[(sp, cid)] += 1
    per: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for emp, cid in pairs:
        per[emp].append((cid, n_orders.get((emp, cid), 0)))
    out: list[Finding] = []
    period = today.toordinal() // cfg.window_days
    for emp, rows in sorted(per.items()):
        prospects = len(rows)
        closed = [c for c, n in rows if n >= 1]
        repeat = [c for c, n in rows if n >= 2]
        if prospects < minimum or not closed:
            continue
        close_rate = Decimal(len(closed) * 100) / prospects
        repeat_rate = Decimal(len(repeat) * 100) / len(closed)
        if close_rate > close_limit and repeat_rate < repeat_limit:
            out.append(
                Finding(
                    SubjectKind.EMPLOYEE,
                    emp,
                    emp,
                    f"p{period}",
                    f"close={close_rate:.1f}% repeat={repeat_rate:.1f}% new={prospects}",
                    {
                        "new_customers": prospects,
                        "closed": len(closed),
                        "repeated": len(repeat),
                        "close_rate_percent": f"{close_rate:.1f}",
                        "repeat_rate_percent": f"{repeat_rate:.1f}",
                        "customers": _ids(closed),
                        "from": start.isoformat(),
                        "to": today.isoformat(),
                    },
                )
            )
    return out


# --------------------------------------------------------------------------- 7


def followup_keyword(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """A follow-up whose content or next step names a keyword (one alert per follow-up)."""
    words = [w for w in cfg.thresholds.get("keywords", []) if w]
    if not words:
        return []
    text = FollowUp.content + " " + func.coalesce(FollowUp.next_step, "")
    q = select(
        FollowUp.id,
        FollowUp.employee_id,
        FollowUp.customer_id,
        FollowUp.followed_on,
        FollowUp.content,
        FollowUp.next_step,
    ).where(or_(*(text.contains(w, autoescape=True) for w in words)))
    if focus is not None and focus.followup_ids is not None:
        q = q.where(FollowUp.id.in_(focus.followup_ids))
    else:
        q = q.where(FollowUp.followed_on >= today - timedelta(days=cfg.window_days))
    out: list[Finding] = []
    for fid, emp, cid, day, content, step in s.execute(q):
        body = f"{content} {step or ''}"
        hits = [w for w in words if w in body]
        out.append(
            Finding(
                SubjectKind.EMPLOYEE if emp is not None else SubjectKind.CUSTOMER,
                emp if emp is not None else cid,
                emp,
                f"fu{fid}",
                "keywords=" + ",".join(hits),
                {
                    "followup_id": fid,
                    "customer_id": cid,
                    "date": day.isoformat(),
                    "keywords": hits,
                },
            )
        )
    return out


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


# --------------------------------------------------------------------------- 9


def _owners(s: Session, customer_ids: Iterable[int]) -> dict[int, int]:
    ids = list(customer_ids)
    if not ids:
        return {}
    a = CustomerAssignment
    return dict(
        s.execute(
            select(a.customer_id, a.employee_id).where(a.valid_to.is_(None), a.customer_id.in_(ids))
        ).all()
    )


def silent_customer(s: Session, cfg: RuleConfig, today: date, focus: Focus | None) -> list[Finding]:
    """An active customer that ordered in each of ``active_months`` months up to its last
    order, and has been silent ``window_days`` since (silences that began in the last
    ``SILENT_LOOKBACK_DAYS``: the sweep runs daily)."""
    months = cfg.integer("active_months")
    latest = today - timedelta(days=cfg.window_days)
    oldest = latest - timedelta(days=SILENT_LOOKBACK_DAYS)
    # First the customers whose last order (any status) falls in the span, from the
    # (customer, date) index alone; then the months of just those customers' orders.
    last_q = (
        select(Order.customer_id)
        .group_by(Order.customer_id)
        .having(func.max(Order.order_date).between(oldest, latest))
    )
    if focus is not None and focus.customer_ids is not None:
        last_q = last_q.where(Order.customer_id.in_(focus.customer_ids))
    cands = list(s.scalars(last_q))
    days: dict[int, list[date]] = defaultdict(list)
    for i in range(0, len(cands), 900):
        q = (
            select(Order.customer_id, Order.order_date)
            .join(Customer, Customer.id == Order.customer_id)
            .where(
                Order.customer_id.in_(cands[i : i + 900]),
                LIVE,
                Customer.active.is_(True),
                Customer.in_pool.is_(False),
                Order.order_date >= oldest - timedelta(days=31 * months),
            )
        )
        for cid, day in s.execute(q):
            days[cid].append(day)
    hits: dict[int, tuple[date, list[str]]] = {}
    for cid, ds in days.items():
        last = max(ds)
        if not oldest <= last <= latest:
            continue
        seen = sorted(
            {d.strftime("%Y-%m") for d in ds if last - timedelta(days=31 * months) < d <= last}
        )
        if len(seen) >= months:
            hits[cid] = (last, seen)
    owners = _owners(s, hits)
    return [
        Finding(
            SubjectKind.CUSTOMER,
            cid,
            owners.get(cid),
            f"last{day.isoformat()}",
            f"silent_days={(today - day).days} months={len(seen)}",
            {
                "customer_id": cid,
                "last_order": day.isoformat(),
                "silent_days": (today - day).days,
                "active_months": seen,
                "owner_id": owners.get(cid),
            },
        )
        for cid, (day, seen) in sorted(hits.items())
    ]


# --------------------------------------------------------------------------- 10


@dataclass(frozen=True)
class _Departure:
    id: int | None
    number: str | None
    employee_id: int
    notice_on: date | None
    submitted_on: date
    last_day: date


#: Without a case (staff recorded as departed directly), notice is taken this long before.
ASSUMED_NOTICE_DAYS = 30


def _departures(s: Session) -> list[_Departure]:
    """Completed departures: the cases, and employees recorded as departed without one."""
    out = [
        _Departure(c.id, c.number, c.employee_id, c.notice_on, c.submitted_on, c.last_day)
        for c in _leaving_cases(s, DONE_STATES)
    ]
    with_case = {d.employee_id for d in out}
    for emp, left in s.execute(
        select(Employee.id, Employee.departed_on).where(
            Employee.status == EmployeeStatus.DEPARTED.value, Employee.departed_on.is_not(None)
        )
    ):
        if emp not in with_case:
            notice = left - timedelta(days=ASSUMED_NOTICE_DAYS)
            out.append(_Departure(None, None, emp, notice, notice, left))
    return out


def former_customer_drop(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """A customer the departed employee owned at notice whose monthly orders during the
    protection period (``window_days`` after the last day) fell more than ``drop_percent``
    below those of the ``baseline_days`` before notice."""
    drop = cfg.number("drop_percent")
    base_days = cfg.integer("baseline_days")
    minimum = cfg.integer("min_baseline_orders")
    out: list[Finding] = []
    for case in _departures(s):
        left = case.last_day
        end = min(today, left + timedelta(days=cfg.window_days))
        elapsed = (end - left).days
        if elapsed < 30 or left + timedelta(days=cfg.window_days) < today - timedelta(
            days=HORIZON_DAYS
        ):
            continue
        notice = case.notice_on or case.submitted_on
        owned = owned_on(s, case.employee_id, notice)
        if focus is not None and focus.customer_ids is not None:
            owned &= set(focus.customer_ids)
        if not owned:
            continue
        counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        ids = list(owned)
        for i in range(0, len(ids), 900):
            for cid, day in s.execute(
                select(Order.customer_id, Order.order_date).where(
                    Order.customer_id.in_(ids[i : i + 900]),
                    Order.order_date >= notice - timedelta(days=base_days),
                    Order.order_date < end,
                    LIVE,
                )
            ):
                if day < notice:
                    counts[cid][0] += 1
                elif day >= left:
                    counts[cid][1] += 1
        for cid, (before, after) in sorted(counts.items()):
            if before < minimum:
                continue
            # Monthly rates compared without division: after/elapsed vs before/base_days.
            rate_before = Decimal(before * 30) / base_days
            rate_after = Decimal(after * 30) / elapsed
            if rate_after < rate_before * (100 - drop) / 100:
                fall = (100 - rate_after * 100 / rate_before).quantize(Decimal("0.1"))
                out.append(
                    Finding(
                        SubjectKind.CUSTOMER,
                        cid,
                        case.employee_id,
                        f"case{case.id}" if case.id else f"left{case.employee_id}",
                        f"monthly {rate_before:.1f} -> {rate_after:.1f} (-{fall}%)",
                        {
                            "case_id": case.id,
                            "case": case.number,
                            "orders_before": before,
                            "orders_after": after,
                            "monthly_before": f"{rate_before:.2f}",
                            "monthly_after": f"{rate_after:.2f}",
                            "fall_percent": str(fall),
                            "last_day": left.isoformat(),
                        },
                    )
                )
    return out


# --------------------------------------------------------------------------- 11


def overdue_leaver_receivable(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """Overdue receivables (at least ``min_days_overdue``) owned by an employee in notice or
    handover. One alert per employee and departure case."""
    days = cfg.integer("min_days_overdue")
    leaving = select(Employee.id).where(
        Employee.status.in_((EmployeeStatus.NOTICE.value, EmployeeStatus.HANDOVER.value))
    )
    if focus is not None and focus.employee_ids is not None:
        leaving = leaving.where(Employee.id.in_(focus.employee_ids))
    left = fen_of(Receivable.amount) - fen_of(Receivable.paid) - fen_of(Receivable.written_off)
    q = select(Receivable.salesperson_id, Receivable.id, Receivable.due_on, left).where(
        Receivable.salesperson_id.in_(leaving),
        Receivable.due_on <= today - timedelta(days=days),
        left > 0,
    )
    per: dict[int, list[Any]] = defaultdict(list)
    for emp, rid, due, fen in s.execute(q):
        per[emp].append((rid, due, fen))
    if not per:
        return []
    cases: dict[int, int] = {}
    for cid, emp in s.execute(
        select(DepartureCase.id, DepartureCase.employee_id)
        .where(DepartureCase.employee_id.in_(list(per)), DepartureCase.state.in_(LEAVING_STATES))
        .order_by(DepartureCase.id)
    ):
        cases[emp] = cid
    out: list[Finding] = []
    for emp, rows in sorted(per.items()):
        total = sum((from_fen(r[2]) for r in rows), Decimal("0.00"))
        case_id = cases.get(emp)
        out.append(
            Finding(
                SubjectKind.EMPLOYEE,
                emp,
                emp,
                f"case{case_id}" if case_id else "notice",
                f"receivables={len(rows)} overdue={total}",
                {
                    "case_id": case_id,
                    "receivables": _ids(r[0] for r in rows),
                    "count": len(rows),
                    "overdue": str(total),
                    "oldest_due": min(r[1] for r in rows).isoformat(),
                },
            )
        )
    return out


# --------------------------------------------------------------------------- 12


def backdated_ownership(
    s: Session, cfg: RuleConfig, today: date, focus: Focus | None
) -> list[Finding]:
    """An ownership that ended (release to the pool, reassignment) before the last order
    naming that owner; or a change recorded more than ``tolerance_days`` after the date it
    takes effect, when the previous owner or the approver is leaving (notice or later)."""
    tolerance = cfg.integer("tolerance_days")
    since = today - timedelta(days=cfg.window_days)
    a = CustomerAssignment
    out: list[Finding] = []
    q = select(a.id, a.customer_id, a.employee_id, a.valid_to).where(
        a.valid_to.is_not(None), a.valid_to >= since
    )
    if focus is not None and focus.customer_ids is not None:
        q = q.where(a.customer_id.in_(focus.customer_ids))
    closed = q.subquery()
    joined = (
        select(
            closed.c.id,
            closed.c.customer_id,
            closed.c.employee_id,
            closed.c.valid_to,
            func.max(Order.order_date),
            func.count(Order.id),
        )
        .join(
            Order,
            and_(
                Order.customer_id == closed.c.customer_id,
                Order.salesperson_id == closed.c.employee_id,
                Order.order_date >= closed.c.valid_to,
            ),
        )
        .where(LIVE)
        .group_by(closed.c.id, closed.c.customer_id, closed.c.employee_id, closed.c.valid_to)
    )
    for aid, cid, emp, ended, last_day, n in s.execute(joined):
        later = (last_day, n)
        if later[0] is not None:
            out.append(
                Finding(
                    SubjectKind.CUSTOMER,
                    cid,
                    emp,
                    f"asg{aid}",
                    f"ended={ended} last_order={later[0]}",
                    {
                        "assignment_id": aid,
                        "owner_id": emp,
                        "ended_on": ended.isoformat(),
                        "last_order": later[0].isoformat(),
                        "orders_after": later[1],
                    },
                )
            )
    # Back-dated changes involving a leaver.
    leaving = {
        emp: notice
        for emp, notice in s.execute(
            select(
                DepartureCase.employee_id,
                func.coalesce(DepartureCase.notice_on, DepartureCase.submitted_on),
            ).where(DepartureCase.state.in_(LEAVING_STATES))
        )
    }
    if not leaving:
        return out
    approver_emp = dict(s.execute(select(User.id, User.employee_id)).all())
    q3 = select(
        a.id, a.customer_id, a.employee_id, a.valid_from, a.created_at, a.approved_by
    ).where(a.valid_from >= since)
    if focus is not None and focus.customer_ids is not None:
        q3 = q3.where(a.customer_id.in_(focus.customer_ids))
    prev_q = aliased(CustomerAssignment)
    for aid, cid, _emp, start, created, approver in s.execute(q3):
        recorded = created.date()
        if (recorded - start).days <= tolerance:
            continue
        prev = s.scalar(
            select(prev_q.employee_id).where(prev_q.customer_id == cid, prev_q.valid_to == start)
        )
        who = [e for e in (prev, approver_emp.get(approver)) if e is not None]
        hit = next((e for e in who if e in leaving and leaving[e] <= recorded), None)
        if hit is None:
            continue
        out.append(
            Finding(
                SubjectKind.CUSTOMER,
                cid,
                hit,
                f"asg{aid}",
                f"effective={start} recorded={recorded}",
                {
                    "assignment_id": aid,
                    "effective_on": start.isoformat(),
                    "recorded_on": recorded.isoformat(),
                    "days_back": (recorded - start).days,
                    "leaver_id": hit,
                },
            )
        )
    return out


FINDERS: dict[str, Callable[[Session, RuleConfig, date, Focus | None], list[Finding]]] = {
    d.LEAVER_ORDER_AFTER_LOCK: leaver_order_after_lock,
    d.HANDOVER_CUSTOMER_ORDERING: handover_customer_ordering,
    d.FOLLOWUP_OUTSIDE_BOOK: followup_outside_book,
    d.ORDER_OUTLIER: order_outlier,
    d.INCOMPLETE_CUSTOMER: incomplete_customer,
    d.CLOSE_RATE_PATTERN: close_rate_pattern,
    d.FOLLOWUP_KEYWORD: followup_keyword,
    d.BULK_EXPORT: bulk_export,
    d.SILENT_CUSTOMER: silent_customer,
    d.FORMER_CUSTOMER_DROP: former_customer_drop,
    d.OVERDUE_LEAVER_RECEIVABLE: overdue_leaver_receivable,
    d.BACKDATED_OWNERSHIP: backdated_ownership,
}
