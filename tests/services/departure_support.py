"""A small firm for the departure tests, built through the services (no rows written by hand).

张伟 (S001) is leaving the 上海 branch; 王强 (M001) is his manager; 李娜 (S002) and 赵敏 (S003)
can take his customers over. The scenario runs in 2030 on a clock the tests set, well after
the real date, so the login-time duties (which use the real clock) never touch it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from desktop.models.accounts import Role
from desktop.services import accounts, contracts, customers, organisation, staff
from desktop.services import money as rv
from desktop.services.context import ServiceContext
from desktop.services.customers import CustomerInput
from desktop.services.money import Allocation, OrderInput, PaymentInput, ReceivableInput
from desktop.services.staff import EmployeeInput

D = date
M = Decimal
#: "Today" when the case starts: a Monday.
START = D(2030, 3, 4)
OWNED_FROM = D(2029, 1, 1)
LEAVER_PASSWORD = "leaver-pass-1"


def at(ctx: ServiceContext, day: date) -> ServiceContext:
    """Set the context's clock to noon UTC of ``day`` (the same date in every office)."""
    ctx.clock = lambda: datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return ctx


def new_id(changes) -> int:
    (ident,) = changes.ids
    return ident


@dataclass
class Firm:
    ids: dict[str, int]

    def __getitem__(self, key: str) -> int:
        return self.ids[key]


def build_firm(admin: ServiceContext, role_users: dict[Role, str] | None = None) -> Firm:
    """The firm; with ``role_users``, the sales account is 李娜's and the manager's 王强's."""
    at(admin, START)
    branch = {b.name: b.id for b in organisation.list_branches(admin)}
    sales_pos = new_id(staff.create_position(admin, "销售代表", "sales"))
    ids: dict[str, int] = {}
    for key, no, name, b, extra in (
        ("wang", "M001", "王强", "上海", {}),
        (
            "zhang",
            "S001",
            "张伟",
            "上海",
            {
                "hire_date": D(2021, 5, 10),
                "probation_end": D(2021, 8, 9),
                "confidentiality": True,
                "non_compete": True,
            },
        ),
        ("li", "S002", "李娜", "上海", {}),
        ("zhao", "S003", "赵敏", "上海", {}),
        ("sun", "S009", "孙丽", "广州", {}),
    ):
        manager = ids.get("wang") if key != "wang" else None
        ids[key] = new_id(
            staff.create_employee(
                admin,
                EmployeeInput(
                    no,
                    name,
                    branch_id=branch[b],
                    position_id=sales_pos,
                    manager_id=manager,
                    is_sales=True,
                    **extra,
                ),
            )
        )
    for key, code, name, region, industry, owner in (
        ("jia", "C001", "甲电子", "上海市", "电子", "zhang"),
        ("yi", "C002", "乙化工", "上海市", "化工", "zhang"),
        ("bing", "C003", "丙电子", "江苏省苏州市", "电子", "zhang"),
        ("ding", "C010", "丁电子", "上海市", "电子", "li"),
        ("wu", "C011", "戊化工", "上海市", "化工", "zhao"),
        ("ji", "C012", "己化工", "上海市", "化工", "zhao"),
    ):
        ids[key] = new_id(
            customers.create_customer(
                admin,
                CustomerInput(code, name, region=region, industry=industry),
                ids[owner],
                OWNED_FROM,
            )
        )

    def invoice(key, number, customer, issued, due, amount, salesperson=None):
        ids[key] = new_id(
            rv.create_receivable(
                admin,
                ReceivableInput(number, ids[customer], issued, M(amount), due, salesperson),
            )
        )

    invoice("r1", "INV-1", "jia", D(2030, 1, 10), D(2030, 2, 9), "1000.00")
    invoice("r2", "INV-2", "yi", D(2030, 2, 20), D(2030, 3, 22), "500.00")
    invoice("r3", "INV-3", "ding", D(2030, 2, 1), D(2030, 3, 3), "300.00", ids["zhang"])
    invoice("r4", "INV-4", "jia", D(2030, 1, 20), D(2030, 2, 19), "80.00")
    invoice("r5", "INV-5", "wu", D(2030, 2, 1), D(2030, 3, 3), "70.00")
    rv.record_payment(
        admin,
        PaymentInput(
            ids["yi"], D(2030, 3, 1), M("200.00"), allocations=(Allocation(ids["r2"], M("200.00")),)
        ),
    )
    rv.record_payment(
        admin,
        PaymentInput(
            ids["jia"], D(2030, 2, 15), M("80.00"), allocations=(Allocation(ids["r4"], M("80.00")),)
        ),
    )
    for key, number, customer, day, status, salesperson in (
        ("o1", "WB-1", "jia", D(2030, 2, 25), "open", "zhang"),
        ("o2", "WB-2", "yi", D(2030, 1, 5), "invoiced", "zhang"),
        ("o3", "WB-3", "bing", D(2030, 2, 27), "delivered", "zhang"),
        ("o4", "WB-4", "ding", D(2030, 3, 1), "open", "li"),
        ("o5", "WB-5", "yi", D(2029, 12, 20), "cancelled", "zhang"),
    ):
        ids[key] = new_id(
            rv.create_order(
                admin,
                OrderInput(
                    number,
                    ids[customer],
                    day,
                    M("1000.00"),
                    salesperson_id=ids[salesperson],
                    status=status,
                ),
            )
        )
    ids["k1"] = new_id(
        contracts.create_contract(
            admin, contracts.ContractInput(ids["jia"], "HT-1", D(2029, 1, 1), title="年度运输合同")
        )
    )
    ids["k2"] = new_id(
        contracts.create_contract(admin, contracts.ContractInput(ids["yi"], "HT-2", D(2029, 1, 1)))
    )
    contracts.end_contract(admin, ids["k2"], D(2029, 12, 31))
    ids["leaver_user"] = accounts.add_user(admin, "zhangwei", "张伟", "sales", LEAVER_PASSWORD).id
    staff.link_user(admin, "zhangwei", ids["zhang"])
    if role_users is not None:
        staff.link_user(admin, role_users[Role.SALES], ids["li"])
        staff.link_user(admin, role_users[Role.MANAGER], ids["wang"])
    return Firm(ids)
