"""The alert patterns the medium demo plants, each a known number of times (issue 13).

Each plant gets its own employees and customers (codes ``AL…``, employee numbers ``AL…``), so
a planted case raises exactly the alert it stands for and the sweep's other findings — from
the random firm itself — are counted apart. Rows are written through the ORM in the demo's
one transaction (a few hundred rows: their audit events are cheap), except the exports that
the bulk-export rule reads, which are audit events by the demo accounts once they exist.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.customers import AssignmentReason, Contact, Customer, CustomerAssignment
from desktop.models.departures import CaseState, CaseType, DepartureCase
from desktop.models.orders import FollowUp, Order, Receivable
from desktop.models.staff import Employee, EmployeeStatus, Position, PositionCategory
from desktop.services.alerts import definitions as d
from desktop.services.demo.helpers import _credit_code, _Names
from desktop.services.demo.reference import BRAND_CHARS, GENERIC_WORDS

#: How many times each rule's pattern is planted.
PER_RULE = 3
#: Customer rows each planted bulk export names (above the default 200 in 7 days).
EXPORT_ROWS = 250
REVENUE = Decimal("1000.00")
PLANT_CITIES = ("上海", "苏州", "杭州", "宁波", "无锡", "嘉兴")


@dataclass
class Plants:
    """What was planted, per rule: the subject (kind, id) each plant should raise."""

    subjects: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def add(self, rule: str, kind: str, ident: int) -> None:
        self.subjects.setdefault(rule, []).append((kind, ident))

    def counts(self) -> dict[str, int]:
        return {rule: len(v) for rule, v in self.subjects.items()}


class _Planter:
    def __init__(self, s: Session, today: date, seed: int) -> None:
        self.s = s
        self.today = today
        self.rng = random.Random(seed * 7919 + 13)
        self.n = 0
        self.cases = 0
        self.plants = Plants()
        self.codes = set(s.scalars(select(Customer.credit_code)))
        self.company_names = set(s.scalars(select(Customer.name)))
        self.names = _Names(self.rng)
        first = s.scalar(select(Employee).where(Employee.is_sales.is_(True)).limit(1))
        self.branch_id = first.branch_id if first else None
        self.position_id = s.scalar(
            select(Position.id).where(Position.category == PositionCategory.SALES.value).limit(1)
        )

    def company(self) -> str:
        """A company name like the demo's others (a planted case should not look planted)."""
        while True:
            name = (
                self.rng.choice(PLANT_CITIES)
                + self.rng.choice(BRAND_CHARS)
                + self.rng.choice(BRAND_CHARS)
                + self.rng.choice(GENERIC_WORDS)
                + "有限公司"
            )
            if name not in self.company_names:
                self.company_names.add(name)
                return name

    def _ts(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 2, tzinfo=UTC)

    def _next(self) -> int:
        self.n += 1
        return self.n

    def emp(self, status: str = EmployeeStatus.ACTIVE.value) -> Employee:
        n = self._next()
        e = Employee(
            employee_no=f"AL{n:04d}",
            name=self.names.person()[0],
            branch_id=self.branch_id,
            position_id=self.position_id,
            hire_date=self.today - timedelta(days=900),
            status=status,
            is_sales=True,
        )
        self.s.add(e)
        self.s.flush()
        return e

    def customer(self, owner: Employee, complete: bool = True, since: date | None = None) -> int:
        n = self._next()
        code = None
        if complete:
            code = _credit_code(self.rng, "310115")
            while code in self.codes:
                code = _credit_code(self.rng, "310115")
            self.codes.add(code)
        c = Customer(code=f"AL{n:05d}", name=self.company(), credit_code=code, active=True)
        self.s.add(c)
        self.s.flush()
        if complete:
            self.s.add(Contact(customer_id=c.id, name="联系人", phone="13900000000"))
        start = since or self.today - timedelta(days=800)
        self.s.add(
            CustomerAssignment(
                customer_id=c.id,
                employee_id=owner.id,
                valid_from=start,
                reason=AssignmentReason.INITIAL.value,
                created_at=self._ts(start),
            )
        )
        self.s.flush()
        return c.id

    def order(
        self, customer_id: int, day: date, salesperson: Employee | None, revenue: Decimal = REVENUE
    ) -> None:
        n = self._next()
        self.s.add(
            Order(
                number=f"AL-{n:06d}",
                customer_id=customer_id,
                order_date=day,
                salesperson_id=salesperson.id if salesperson else None,
                revenue=revenue,
                cost=revenue * Decimal("0.7"),
                status="delivered",
                created_at=self._ts(day),
                updated_at=self._ts(day),
            )
        )

    def followup(self, customer_id: int, who: Employee, day: date, text: str) -> None:
        self.s.add(
            FollowUp(
                customer_id=customer_id,
                employee_id=who.id,
                followed_on=day,
                content=text,
                channel="phone",
                created_at=self._ts(day),
                updated_at=self._ts(day),
            )
        )

    def case(
        self, e: Employee, state: str, notice: date, last_day: date, approved: date | None
    ) -> DepartureCase:
        self.cases += 1
        c = DepartureCase(
            number=f"A{self.today.year}-{self.cases:04d}",
            employee_id=e.id,
            case_type=CaseType.RESIGNATION.value,
            state=state,
            submitted_on=notice,
            notice_on=notice,
            last_day=last_day,
            approved_on=approved,
            completed_on=last_day if state == CaseState.COMPLETED.value else None,
        )
        self.s.add(c)
        self.s.flush()
        return c

    # ----------------------------------------------------------------------- the rules

    def plant(self) -> Plants:
        t = self.today
        for _ in range(PER_RULE):
            # 1: an order naming a leaver whose lock is on (for a customer not in their book).
            e = self.emp(EmployeeStatus.NOTICE.value)
            self.case(
                e,
                CaseState.APPROVED.value,
                t - timedelta(days=12),
                t + timedelta(days=18),
                t - timedelta(days=10),
            )
            other = self.customer(self.emp())
            self.order(other, t - timedelta(days=5), e)
            self.plants.add(d.LEAVER_ORDER_AFTER_LOCK, "employee", e.id)
            # 2: the leaver's customer orders during notice through someone else.
            e = self.emp(EmployeeStatus.NOTICE.value)
            self.case(
                e, CaseState.SUBMITTED.value, t - timedelta(days=20), t + timedelta(days=10), None
            )
            c = self.customer(e)
            self.order(c, t - timedelta(days=5), self.emp())
            self.plants.add(d.HANDOVER_CUSTOMER_ORDERING, "customer", c)
            # 3: six follow-ups in 20 days with another's customer.
            f, h = self.emp(), self.emp()
            c = self.customer(h)
            for k in range(6):
                self.followup(c, f, t - timedelta(days=20 - 3 * k), "电话沟通运输需求")
            self.plants.add(d.FOLLOWUP_OUTSIDE_BOOK, "employee", f.id)
            # 4: three orders of 1000, then one of 10000.
            o = self.emp()
            c = self.customer(o)
            for k in range(3):
                self.order(c, t - timedelta(days=40 - k), o)
            self.order(c, t - timedelta(days=10), o, Decimal("10000.00"))
            self.plants.add(d.ORDER_OUTLIER, "employee", o.id)
            # 5: an order for a customer with no credit code and no contact.
            h = self.emp()
            c = self.customer(h, complete=False)
            self.order(c, t - timedelta(days=5), h)
            self.plants.add(d.INCOMPLETE_CUSTOMER, "customer", c)
            # 6: six new customers followed up, each ordering exactly once.
            p = self.emp()
            for k in range(6):
                c = self.customer(p, since=t - timedelta(days=60))
                self.followup(c, p, t - timedelta(days=50 - k), "首次拜访")
                self.order(c, t - timedelta(days=40 - k), p)
            self.plants.add(d.CLOSE_RATE_PATTERN, "employee", p.id)
            # 7: a follow-up naming a kickback.
            h = self.emp()
            c = self.customer(h)
            self.followup(c, h, t - timedelta(days=3), "客户采购要求返点，私下结算")
            self.plants.add(d.FOLLOWUP_KEYWORD, "employee", h.id)
            # 9: a customer that ordered on the 15th of three months, silent since.
            h = self.emp()
            c = self.customer(h)
            last = (t - timedelta(days=60)).replace(day=15)
            if (t - last).days < 45:
                last = (last - timedelta(days=28)).replace(day=15)
            for back in (62, 31, 0):
                self.order(c, (last - timedelta(days=back)).replace(day=15), h)
            self.plants.add(d.SILENT_CUSTOMER, "customer", c)
            # 10: a departed employee's customer: four orders before notice, none since.
            dep, succ = self.emp(EmployeeStatus.DEPARTED.value), self.emp()
            notice, left = t - timedelta(days=120), t - timedelta(days=100)
            dep.departed_on = left
            self.case(dep, CaseState.COMPLETED.value, notice, left, notice + timedelta(days=1))
            c = self.customer(dep)
            a = self.s.scalar(select(CustomerAssignment).where(CustomerAssignment.customer_id == c))
            assert a is not None
            a.valid_to = left
            self.s.add(
                CustomerAssignment(
                    customer_id=c,
                    employee_id=succ.id,
                    valid_from=left,
                    reason=AssignmentReason.HANDOVER.value,
                    created_at=self._ts(left),
                )
            )
            for k in range(4):
                self.order(c, notice - timedelta(days=60 - k), dep)
            self.plants.add(d.FORMER_CUSTOMER_DROP, "customer", c)
            # 11: an employee in notice with an unpaid invoice 30 days overdue.
            e = self.emp(EmployeeStatus.NOTICE.value)
            self.case(
                e, CaseState.SUBMITTED.value, t - timedelta(days=5), t + timedelta(days=25), None
            )
            c = self.customer(e)
            n = self._next()
            self.s.add(
                Receivable(
                    number=f"AL-INV-{n:05d}",
                    customer_id=c,
                    salesperson_id=e.id,
                    issued_on=t - timedelta(days=60),
                    due_on=t - timedelta(days=30),
                    amount=Decimal("5000.00"),
                    paid=Decimal("0"),
                    written_off=Decimal("0"),
                )
            )
            self.plants.add(d.OVERDUE_LEAVER_RECEIVABLE, "employee", e.id)
            # 12: a reassignment dated 30 days back, before an order naming the old owner.
            old, new = self.emp(), self.emp()
            c = self.customer(old)
            a = self.s.scalar(select(CustomerAssignment).where(CustomerAssignment.customer_id == c))
            assert a is not None
            a.valid_to = t - timedelta(days=30)
            self.s.add(
                CustomerAssignment(
                    customer_id=c,
                    employee_id=new.id,
                    valid_from=t - timedelta(days=30),
                    reason=AssignmentReason.REBALANCE.value,
                    created_at=self._ts(t - timedelta(days=30)),
                )
            )
            self.order(c, t - timedelta(days=20), old)
            self.plants.add(d.BACKDATED_OWNERSHIP, "customer", c)
        self.s.flush()
        return self.plants


PLANTS_EVENT = "demo.alert_plants"


def _record(s: Session, plants: Plants, rules: list[str]) -> None:
    """Keep what was planted in the audit log, so a later check knows what to look for."""
    audit.record(
        s,
        PLANTS_EVENT,
        "alert",
        "",
        {rule: [list(x) for x in plants.subjects.get(rule, [])] for rule in rules},
    )


def plant_alert_patterns(s: Session, today: date, seed: int) -> Plants:
    """Plant every rule's pattern but the bulk export (see :func:`plant_exports`)."""
    plants = _Planter(s, today, seed).plant()
    _record(s, plants, [r for r in d.RULES if r != d.BULK_EXPORT])
    return plants


def last_plants(s: Session) -> Plants:
    """What the demo planted (from its audit events)."""
    import json

    from desktop.models.audit import AuditEvent

    plants = Plants()
    for (after,) in s.execute(select(AuditEvent.after).where(AuditEvent.action == PLANTS_EVENT)):
        for rule, subjects in json.loads(after or "{}").items():
            for kind, ident in subjects:
                plants.add(rule, kind, int(ident))
    return plants


def plant_exports(s: Session, usernames: list[str], plants: Plants) -> None:
    """The bulk-export pattern: each demo account named exports ``EXPORT_ROWS`` customer rows
    (an audit event as a real export writes), once."""
    from desktop.models.accounts import User

    actor = s.info.get("actor")
    try:
        for name in usernames:
            user_id = s.scalar(select(User.id).where(User.username == name))
            if user_id is None:
                continue
            s.info["actor"] = name
            audit.record(
                s,
                "export",
                "customer",
                "",
                {"rows": EXPORT_ROWS, "search": "", "filters": {}, "demo": "alert pattern"},
            )
            plants.add(d.BULK_EXPORT, "user", user_id)
    finally:
        s.info["actor"] = actor
    _record(s, plants, [d.BULK_EXPORT])


def plants_found(s: Session, plants: Plants) -> dict[str, dict[str, int]]:
    """Per rule: planted, found (a planted subject with an alert of that rule), other (that
    rule's alerts about anything else)."""
    from desktop.models.alerts import Alert

    out: dict[str, dict[str, int]] = {}
    for rule in d.RULES:
        planted = set(plants.subjects.get(rule, []))
        raised = {
            (k, i)
            for k, i in s.execute(
                select(Alert.subject_kind, Alert.subject_id).where(Alert.rule_id == rule)
            )
        }
        rows = s.scalar(select(func.count()).select_from(Alert).where(Alert.rule_id == rule)) or 0
        hit = planted & raised
        mine = (
            s.scalar(
                select(func.count())
                .select_from(Alert)
                .where(
                    Alert.rule_id == rule,
                    __import__("sqlalchemy")
                    .tuple_(Alert.subject_kind, Alert.subject_id)
                    .in_(list(planted)),
                )
            )
            if planted
            else 0
        )
        out[rule] = {"planted": len(planted), "found": len(hit), "other": rows - (mine or 0)}
    return out
