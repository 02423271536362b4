"""The alert rules that look at orders and their receivables: an order after a leaver's lock,
an outlier order, a close-rate pattern and a leaver's overdue receivables (rules 1, 4, 6, 11).
"""

from __future__ import annotations

from collections import defaultdict, deque
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from desktop.models.alerts import SubjectKind
from desktop.models.departures import DepartureCase, LockAttempt
from desktop.models.orders import FollowUp, Order, Receivable
from desktop.models.staff import Employee, EmployeeStatus
from desktop.models.types import fen_of, from_fen
from desktop.services import order_lock
from desktop.services.alerts.definitions import RuleConfig
from desktop.services.alerts.rules_common import (
    LEAVING_STATES,
    LIVE,
    MAX_IDS,
    Finding,
    Focus,
    _focus_orders,
    _ids,
    _utc,
)

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
