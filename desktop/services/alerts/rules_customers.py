"""The alert rules that look at customers and their ownership: a handed-over customer still
ordering, an incomplete customer, a silent customer, a former customer's drop and a backdated
change of owner (rules 2, 5, 9, 10, 12).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.models.accounts import User
from desktop.models.alerts import SubjectKind
from desktop.models.customers import Contact, Customer, CustomerAssignment
from desktop.models.departures import DepartureCase, HandoverItem, ItemKind
from desktop.models.orders import Order
from desktop.models.staff import Employee, EmployeeStatus
from desktop.models.types import fen_of, from_fen
from desktop.services.alerts.definitions import RuleConfig
from desktop.services.alerts.rules_common import (
    DONE_STATES,
    HORIZON_DAYS,
    LEAVING_STATES,
    LIVE,
    MAX_IDS,
    SILENT_LOOKBACK_DAYS,
    Finding,
    Focus,
    _focus_orders,
    _ids,
)

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
                # "+ 0" keeps SQLite off the salesperson index (thousands of orders each)
                # and on the customer's (a few dozen): 2.4 s -> 0.2 s on the large firm.
                Order.salesperson_id + 0 == closed.c.employee_id,
                # An order on the day the change takes effect is not after it (the typed path
                # accepts that day too: customers/guards.py).
                Order.order_date > closed.c.valid_to,
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
