"""A small firm for the commission tests, built through the services.

张伟 (S001) sells to 甲 and 乙 and leaves: notice 2030-03-16, last working day 2030-04-15 (a
departure in the middle of a month); 李娜 (S002) is his successor; 赵敏 (S003) owns 丙. All
three hold the position 销售代表, to which the plans are assigned. Every record is made while
nobody is leaving yet (the order lock would refuse 张伟's window orders afterwards), then the
case is opened, approved and the successor named.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

from desktop.models.accounts import Role
from desktop.services import customers, handover, organisation, staff
from desktop.services import departures as dp
from desktop.services import money as rv
from desktop.services.commissions import plans as cp
from desktop.services.context import ServiceContext
from desktop.services.customers import CustomerInput
from desktop.services.money import Allocation, OrderInput, PaymentInput, ReceivableInput
from desktop.services.staff import EmployeeInput
from tests.support import move_case

D = date
M = Decimal
NOTICE = D(2030, 3, 16)
LAST_DAY = D(2030, 4, 15)


def at(ctx: ServiceContext, day: date) -> ServiceContext:
    ctx.clock = lambda: datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return ctx


def new_id(changes) -> int:
    (ident,) = changes.ids
    return ident


@dataclass
class Firm:
    ctx: ServiceContext
    ids: dict[str, int]
    position: int

    def __getitem__(self, key: str) -> int:
        return self.ids[key]

    # -- plans ------------------------------------------------------------------

    def plan(self, name: str = "P", **values) -> int:
        data = cp.PlanInput(
            name=name,
            base="revenue",
            trigger="order",
            rate_mode="flat",
            flat_rate=M("0.10"),
            effective_from=D(2029, 1, 1),
            position_ids=(self.position,),
        )
        return new_id(cp.save_plan(self.ctx, replace(data, **values)))

    # -- records ----------------------------------------------------------------

    def order(
        self, key, number, customer, day, revenue, cost="0", salesperson=None, status="open"
    ) -> int:
        self.ids[key] = new_id(
            rv.create_order(
                self.ctx,
                OrderInput(
                    number,
                    self.ids[customer],
                    day,
                    M(revenue),
                    M(cost),
                    salesperson_id=self.ids[salesperson] if salesperson else None,
                    status=status,
                ),
            )
        )
        return self.ids[key]

    def invoice(self, key, number, customer, issued, amount, orders=(), salesperson=None) -> int:
        self.ids[key] = new_id(
            rv.create_receivable(
                self.ctx,
                ReceivableInput(
                    number,
                    self.ids[customer],
                    issued,
                    M(amount),
                    salesperson_id=self.ids[salesperson] if salesperson else None,
                    order_ids=tuple(self.ids[o] for o in orders),
                ),
            )
        )
        return self.ids[key]

    def pay(self, key, customer, day, *allocs, collector=None) -> int:
        total = sum(M(a) for _, a in allocs)
        self.ids[key] = new_id(
            rv.record_payment(
                self.ctx,
                PaymentInput(
                    self.ids[customer],
                    day,
                    total,
                    reference=key,
                    collector_id=self.ids[collector] if collector else None,
                    allocations=tuple(Allocation(self.ids[r], M(a)) for r, a in allocs),
                ),
            )
        )
        return self.ids[key]

    def depart(self, successor_for: tuple[str, ...] = ("jia", "yi")) -> int:
        """张伟's case: notice 2030-03-16, last day 2030-04-15, approved, successor 李娜 for
        ``successor_for``."""
        ctx = self.ctx
        case = new_id(
            dp.start_case(
                ctx,
                dp.CaseInput(self.ids["zhang"], LAST_DAY, notice_on=NOTICE, submitted_on=NOTICE),
            )
        )
        move_case(ctx, case, "submit", "approve")
        if successor_for:
            handover.assign_successor(
                ctx, case, self.ids["li"], [self.ids[c] for c in successor_for]
            )
        self.ids["case"] = case
        return case


def build_firm(admin: ServiceContext, role_users: dict[Role, str] | None = None) -> Firm:
    at(admin, D(2030, 3, 1))
    branch = {b.name: b.id for b in organisation.list_branches(admin)}
    position = new_id(staff.create_position(admin, "销售代表", "sales"))
    ids: dict[str, int] = {}
    for key, no, name, b in (
        ("wang", "M001", "王强", "上海"),
        ("zhang", "S001", "张伟", "上海"),
        ("li", "S002", "李娜", "上海"),
        ("zhao", "S003", "赵敏", "上海"),
        ("sun", "S009", "孙丽", "广州"),
    ):
        ids[key] = new_id(
            staff.create_employee(
                admin,
                EmployeeInput(
                    no,
                    name,
                    branch_id=branch[b],
                    position_id=position if key != "wang" else None,
                    manager_id=ids.get("wang"),
                    is_sales=key != "wang",
                    hire_date=D(2020, 1, 1),
                ),
            )
        )
    for key, code, name, owner in (
        ("jia", "C001", "甲电子", "zhang"),
        ("yi", "C002", "乙化工", "zhang"),
        ("bing", "C003", "丙电子", "zhao"),
        ("ding", "C009", "丁贸易", "sun"),
    ):
        ids[key] = new_id(
            customers.create_customer(admin, CustomerInput(code, name), ids[owner], D(2029, 1, 1))
        )
    if role_users is not None:
        staff.link_user(admin, role_users[Role.SALES], ids["zhang"])
        staff.link_user(admin, role_users[Role.MANAGER], ids["wang"])
    return Firm(admin, ids, position)
