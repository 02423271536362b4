"""Orders, receivables, payments and aging: hand-computed examples, exact to the fen."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.errors import NotFound, PermissionDenied, ValidationError, ValidationErrors
from desktop.models.accounts import Role
from desktop.models.audit import AuditEvent
from desktop.services import business_settings as bs
from desktop.services import customers, organisation, staff
from desktop.services import money as rv
from desktop.services.customers import CustomerInput
from desktop.services.money import Allocation, OrderInput, PaymentInput, ReceivableInput
from desktop.services.staff import EmployeeInput

D = date
M = Decimal
AS_OF = D(2026, 6, 30)


def new_id(changes) -> int:
    (ident,) = changes.ids
    return ident


@pytest.fixture
def firm(admin):
    """张伟 and 李娜 (上海), 王芳 (广州); customers 甲 and 乙 owned by 张伟, 丙 by 王芳."""
    branch = {b.name: b.id for b in organisation.list_branches(admin)}
    ids = {}
    for key, no, name, b in (
        ("zhang", "S001", "张伟", "上海"),
        ("li", "S002", "李娜", "上海"),
        ("wang", "S003", "王芳", "广州"),
    ):
        ids[key] = new_id(
            staff.create_employee(
                admin, EmployeeInput(no, name, branch_id=branch[b], is_sales=True)
            )
        )
    for key, code, name, owner in (
        ("jia", "C001", "甲物流", "zhang"),
        ("yi", "C002", "乙贸易", "zhang"),
        ("bing", "C003", "丙电子", "wang"),
    ):
        ids[key] = new_id(
            customers.create_customer(admin, CustomerInput(code, name), ids[owner], D(2020, 1, 1))
        )
    return ids


def invoice(ctx, number, customer, issued, due, amount, salesperson=None) -> int:
    return new_id(
        rv.create_receivable(
            ctx, ReceivableInput(number, customer, issued, M(amount), due, salesperson)
        )
    )


def pay(ctx, customer, on, amount, *allocs, reference=None) -> int:
    return new_id(
        rv.record_payment(
            ctx,
            PaymentInput(
                customer,
                on,
                M(amount),
                reference=reference,
                allocations=tuple(Allocation(r, M(a)) for r, a in allocs),
            ),
        )
    )


@pytest.fixture
def ledger(admin, firm):
    """The hand-computed example (as of 2026-06-30, buckets 0-30 … >365, due-date basis).

    invoice  customer  sales  due         outstanding on 2026-06-30    days  bucket    ladder
    R1       甲        张伟   2026-06-30  1000.00                      0     not due   0%
    R2       甲        张伟   2026-06-15  2000.00 − 500.00 = 1500.00   15    0–30      5%  75.00
    R3       甲        张伟   2026-05-01  333.33                       60    31–60     5%  16.67
    R4       甲        张伟   2026-03-31  100.01                       91    91–180    5%   5.00
    R5       乙        李娜   2025-06-30  1234.56                      365   181–365   10% 123.46
    R6       乙        李娜   2022-01-15  999.99                       1627  >365      100% 999.99
    R7       甲        李娜   2025-01-31  written off 2026-05-01: 0    —     —
    R8       甲        李娜   issued 2026-07-01: not yet issued        —     —
    R9       甲        李娜   2026-06-29  700.00 (paid 2026-07-05)     1     0–30      5%  35.00
    R10      甲        李娜   2026-06-20  80.00 (written off 07-10)    10    0–30      5%   4.00
    """
    j, y, z, li = firm["jia"], firm["yi"], firm["zhang"], firm["li"]
    r = {
        "R1": invoice(admin, "R1", j, D(2026, 5, 31), D(2026, 6, 30), "1000.00", z),
        "R2": invoice(admin, "R2", j, D(2026, 5, 16), D(2026, 6, 15), "2000.00", z),
        "R3": invoice(admin, "R3", j, D(2026, 4, 1), D(2026, 5, 1), "333.33", z),
        "R4": invoice(admin, "R4", j, D(2026, 3, 1), D(2026, 3, 31), "100.01", z),
        "R5": invoice(admin, "R5", y, D(2025, 5, 31), D(2025, 6, 30), "1234.56", li),
        "R6": invoice(admin, "R6", y, D(2021, 12, 16), D(2022, 1, 15), "999.99", li),
        "R7": invoice(admin, "R7", j, D(2025, 1, 1), D(2025, 1, 31), "50.00", li),
        "R8": invoice(admin, "R8", j, D(2026, 7, 1), D(2026, 7, 31), "10.00", li),
        "R9": invoice(admin, "R9", j, D(2026, 5, 30), D(2026, 6, 29), "700.00", li),
        "R10": invoice(admin, "R10", j, D(2026, 5, 21), D(2026, 6, 20), "80.00", li),
    }
    pay(admin, j, D(2026, 6, 1), "500.00", (r["R2"], "500.00"))
    pay(admin, j, D(2026, 7, 5), "700.00", (r["R9"], "700.00"))
    rv.write_off(admin, r["R7"], D(2026, 5, 1), "债务人破产清算")
    rv.write_off(admin, r["R10"], D(2026, 7, 10), "诉讼时效已过")
    return r


def ladder_on(admin):
    bs.set(admin, bs.PROVISION_MODE, bs.MODE_LADDER)


def test_aging_buckets_and_provision_by_hand(admin, firm, ledger):
    ladder_on(admin)
    report = rv.age_receivables(admin, AS_OF)
    assert [b.label for b in report.buckets] == [
        "0–30",
        "31–60",
        "61–90",
        "91–180",
        "181–365",
        ">365",
    ]
    assert report.not_due == M("1000.00")
    assert [b.outstanding for b in report.buckets] == [
        M("2280.00"),
        M("333.33"),
        M("0.00"),
        M("100.01"),
        M("1234.56"),
        M("999.99"),
    ]
    assert [b.count for b in report.buckets] == [3, 1, 0, 1, 1, 1]
    assert [b.provision for b in report.buckets] == [
        M("114.00"),  # 75.00 + 35.00 + 4.00
        M("16.67"),  # 333.33 × 5% = 16.6665, half up
        M("0.00"),
        M("5.00"),  # 100.01 × 5% = 5.0005
        M("123.46"),  # exactly one year overdue: 10%
        M("999.99"),
    ]
    assert report.outstanding == M("5947.89")
    assert report.overdue == M("4947.89")
    assert report.provision == M("1259.12")
    assert report.risk_coefficient == M("0.2117")  # 1259.12 / 5947.89 = 0.21169…
    assert report.receivables == 8
    li, zhang = report.by_salesperson
    assert (li.name, li.outstanding, li.overdue, li.provision, li.not_due) == (
        "李娜",
        M("3014.55"),
        M("3014.55"),
        M("1162.45"),
        M("0.00"),
    )
    assert (zhang.name, zhang.outstanding, zhang.overdue, zhang.provision, zhang.not_due) == (
        "张伟",
        M("2933.34"),
        M("1933.34"),
        M("96.67"),
        M("1000.00"),
    )
    jia, yi = report.by_customer
    assert (jia.name, jia.outstanding, yi.name, yi.outstanding) == (
        "甲物流",
        M("3713.34"),
        "乙贸易",
        M("2234.55"),
    )
    for groups in (report.by_salesperson, report.by_customer):
        for i in range(len(report.buckets)):
            assert sum(g.buckets[i] for g in groups) == report.buckets[i].outstanding
        assert sum(g.provision for g in groups) == report.provision
    assert rv.risk_coefficient(admin, AS_OF) == M("0.2117")


def test_small_enterprise_mode_provides_nothing_but_reports_overdue(admin, ledger):
    report = rv.age_receivables(admin, AS_OF)
    assert report.mode == bs.MODE_NONE
    assert report.provision == M("0.00") and report.risk_coefficient == M("0.0000")
    assert all(b.provision == 0 for b in report.buckets)
    assert report.overdue == M("4947.89") and report.outstanding == M("5947.89")


def test_configured_buckets_and_filters(admin, firm, ledger):
    bs.set(admin, bs.AGING_BUCKETS, [30, 90])
    report = rv.age_receivables(admin, AS_OF)
    assert [(b.label, b.outstanding) for b in report.buckets] == [
        ("0–30", M("2280.00")),
        ("31–90", M("333.33")),
        (">90", M("2334.56")),
    ]
    only_yi = rv.age_receivables(admin, AS_OF, {"customer_id": firm["yi"]})
    assert only_yi.outstanding == M("2234.55")
    only_zhang = rv.age_receivables(admin, AS_OF, {"salesperson_id": firm["zhang"]})
    assert only_zhang.outstanding == M("2933.34")
    # By the end of 2026 R9 is paid, R10 written off and R8 issued.
    later = rv.age_receivables(admin, D(2026, 12, 31))
    assert later.outstanding == M("5947.89") - M("700.00") - M("80.00") + M("10.00")


def test_issued_basis_ages_from_the_invoice_date(admin, firm):
    ladder_on(admin)
    bs.set(admin, bs.AGING_BASIS, bs.BASIS_ISSUED)
    invoice(admin, "A1", firm["jia"], D(2025, 6, 30), D(2025, 7, 30), "1000.00")
    invoice(admin, "A2", firm["jia"], D(2026, 6, 20), D(2026, 7, 20), "200.00")
    report = rv.age_receivables(admin, AS_OF)
    # A1: 365 days since issue, one full year → 10%; A2: 10 days, under a year → 5%.
    assert report.not_due == 0
    assert report.buckets[0].outstanding == M("200.00")
    assert report.buckets[4].outstanding == M("1000.00")
    assert report.provision == M("110.00")
    assert report.overdue == M("1000.00")
    bs.set(admin, bs.AGING_BASIS, bs.BASIS_DUE)
    report = rv.age_receivables(admin, AS_OF)
    # Due basis: A1 is 335 days overdue (5%); A2 is not due (0%).
    assert (report.not_due, report.provision) == (M("200.00"), M("50.00"))


def test_provision_rate_ladder_edges():
    policy = bs.ProvisionPolicy(bs.MODE_LADDER, bs.DEFAULT_LADDER)
    due = D(2020, 2, 29)  # a year later is 28 February; four years later, 29 February again
    assert rv.provision_rate(policy, due, due) == 0
    assert rv.provision_rate(policy, due, D(2020, 3, 1)) == M("0.05")
    assert rv.provision_rate(policy, due, D(2021, 2, 27)) == M("0.05")
    assert rv.provision_rate(policy, due, D(2021, 2, 28)) == M("0.10")
    assert rv.provision_rate(policy, due, D(2022, 2, 28)) == M("0.25")
    assert rv.provision_rate(policy, due, D(2023, 2, 27)) == M("0.25")
    assert rv.provision_rate(policy, due, D(2023, 2, 28)) == M("0.75")
    assert rv.provision_rate(policy, due, D(2024, 2, 28)) == M("0.75")
    assert rv.provision_rate(policy, due, D(2024, 2, 29)) == M("1")
    assert (
        rv.provision_rate(bs.ProvisionPolicy(bs.MODE_NONE, bs.DEFAULT_LADDER), due, D(2030, 1, 1))
        == 0
    )
    assert rv.provision_for(M("0.10"), M("0.05")) == M("0.01")  # 0.005 rounds half up
    assert rv.bucket_index((30, 60), 30) == 0 and rv.bucket_index((30, 60), 31) == 1
    assert rv.bucket_index((30, 60), 61) == 2


# --------------------------------------------------------------------------- payments


def test_partial_payments_keep_paid_in_step_and_refuse_over_allocation(admin, firm):
    j = firm["jia"]
    a = invoice(admin, "P1", j, D(2026, 1, 1), D(2026, 1, 31), "1000.00")
    b = invoice(admin, "P2", j, D(2026, 2, 1), D(2026, 3, 3), "99.99")
    other = invoice(admin, "P3", firm["bing"], D(2026, 2, 1), D(2026, 3, 3), "10.00")
    pay(admin, j, D(2026, 2, 1), "300.00", (a, "300.00"), reference="BANK-1")
    pay(admin, j, D(2026, 2, 9), "250.55", (a, "200.55"), (b, "50.00"))

    def state():
        rows = rv.list_receivables(admin, 0, 10, filters={"customer_id": j})
        return {r.number: (r.paid, r.outstanding) for r in rows}

    assert state() == {"P1": (M("500.55"), M("499.45")), "P2": (M("50.00"), M("49.99"))}
    refusals = [
        ((a, "499.46"),),  # one fen more than is outstanding
        ((a, "400.00"), (a, "99.46")),  # the same, split
        ((other, "1.00"),),  # another customer's invoice
        ((a, "0.00"),),
    ]
    for allocs in refusals:
        with pytest.raises(ValidationError):
            pay(admin, j, D(2026, 3, 1), "600.00", *allocs)
    with pytest.raises(ValidationError, match="exceed what is left of the payment"):
        pay(admin, j, D(2026, 3, 1), "10.00", (a, "10.01"))
    with pytest.raises(ValidationError, match="exists already"):
        pay(admin, j, D(2026, 3, 1), "1.00", reference="BANK-1")
    assert state() == {"P1": (M("500.55"), M("499.45")), "P2": (M("50.00"), M("49.99"))}
    assert rv.count_payments(admin, {"customer_id": j}) == 2

    # Money on account, allocated later; the suggestion settles the oldest due first.
    rest = pay(admin, j, D(2026, 4, 1), "520.00")
    assert rv.count_payments(admin, {"unallocated_only": True}) == 1
    suggestion = rv.suggest_allocation(admin, j, M("520.00"))
    assert suggestion == [Allocation(a, M("499.45")), Allocation(b, M("20.55"))]
    rv.allocate_payment(admin, rest, tuple(suggestion))
    assert state() == {"P1": (M("1000.00"), M("0.00")), "P2": (M("70.55"), M("29.44"))}
    with pytest.raises(ValidationError, match="exceed"):
        rv.allocate_payment(admin, rest, (Allocation(b, M("0.01")),))
    row = rv.list_payments(admin, 0, 1)[0]
    assert (row.amount, row.allocated, row.unallocated) == (M("520.00"), M("520.00"), M("0.00"))


def test_write_off_needs_a_reason_and_is_audited(admin, firm):
    r = invoice(admin, "W1", firm["jia"], D(2025, 1, 1), D(2025, 1, 31), "300.00")
    with pytest.raises(ValidationError, match="reason"):
        rv.write_off(admin, r, D(2026, 1, 1), " ")
    with pytest.raises(ValidationError, match=r"Only 300\.00 is outstanding"):
        rv.write_off(admin, r, D(2026, 1, 1), "破产", M("300.01"))
    with pytest.raises(ValidationError, match="before the invoice"):
        rv.write_off(admin, r, D(2024, 1, 1), "破产")
    rv.write_off(admin, r, D(2026, 1, 1), "破产", M("120.00"))
    rv.write_off(admin, r, D(2026, 2, 1), "破产")
    (row,) = rv.list_receivables(admin, 0, 5, search="W1")
    assert (row.written_off, row.outstanding, row.written_off_on) == (
        M("300.00"),
        M("0.00"),
        D(2026, 2, 1),
    )
    with admin.transaction() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "write_off")).all()
    assert [e.entity_id for e in events] == [str(r), str(r)]
    assert "破产" in (events[0].after or "")


_numbers = itertools.count(1)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    invoices=st.lists(
        st.tuples(st.integers(1, 10**9), st.integers(0, 100), st.integers(0, 800)),
        min_size=1,
        max_size=6,
    )
)
def test_sums_are_exact_to_the_fen(admin, firm, invoices):
    """Random amounts in fen, random partial payments: every total is the exact sum."""
    customer = new_id(
        customers.create_customer(admin, CustomerInput(f"X{next(_numbers):06d}", "随机"))
    )
    expected = Decimal(0)
    for fen, paid_percent, age in invoices:
        amount = Decimal(fen) / 100
        due = date.fromordinal(AS_OF.toordinal() - age)
        number = f"H{next(_numbers):07d}"
        r = invoice(admin, number, customer, due, due, str(amount))
        paid = (Decimal(fen * paid_percent // 100)) / 100
        if paid:
            pay(admin, customer, due, str(paid), (r, str(paid)))
        expected += amount - paid
    report = rv.age_receivables(admin, AS_OF, {"customer_id": customer})
    assert report.outstanding == expected
    assert report.not_due + sum(b.outstanding for b in report.buckets) == expected
    assert sum(g.outstanding for g in report.by_salesperson) == expected
    rows = rv.list_receivables(admin, 0, 50, filters={"customer_id": customer})
    assert sum(r.outstanding for r in rows) == expected


# --------------------------------------------------------------------------- orders and scope


def test_orders_margin_validation_and_invoicing(admin, firm):
    o = new_id(
        rv.create_order(
            admin,
            OrderInput(
                "YD001", firm["jia"], D(2025, 5, 1), M("1200.50"), M("950.25"), service_type="ftl"
            ),
        )
    )
    (row,) = rv.list_orders(admin, 0, 5)
    assert (row.margin, row.salesperson_name, row.status) == (M("250.25"), "张伟", "open")
    with pytest.raises(ValidationErrors) as err:
        rv.create_order(
            admin, OrderInput("YD001", firm["jia"], D(2025, 5, 1), M("-1"), service_type="air")
        )
    assert {e.field for e in err.value.errors} == {"number", "revenue", "service_type"}
    r = new_id(
        rv.create_receivable(
            admin,
            ReceivableInput("INV-1", firm["jia"], D(2025, 5, 31), M("1200.50"), order_ids=(o,)),
        )
    )
    (row,) = rv.list_orders(admin, 0, 5)
    assert (row.status, row.receivable_id) == ("invoiced", r)
    (inv,) = rv.list_receivables(admin, 0, 5)
    assert inv.due_on == D(2025, 6, 30)  # 30 days' payment terms
    assert inv.salesperson_name == "张伟"  # the owner on the invoice date
    with pytest.raises(ValidationError, match="is invoiced"):
        rv.update_order(admin, o, OrderInput("YD001", firm["jia"], D(2025, 5, 1), M("1300")))
    with pytest.raises(ValidationError, match="invoiced already"):
        rv.create_receivable(
            admin, ReceivableInput("INV-2", firm["jia"], D(2025, 6, 1), M("1"), order_ids=(o,))
        )


def test_sales_and_manager_scope_over_money(admin, firm, login_as, ledger):
    staff.link_user(admin, "sales", firm["zhang"])
    sales = login_as(Role.SALES)
    invoice(admin, "B1", firm["bing"], D(2026, 1, 1), D(2026, 1, 31), "77.00", firm["wang"])
    # 张伟 owns 甲 and 乙, so he sees all of their invoices, and none of 丙's.
    assert rv.count_receivables(sales) == 10
    assert rv.count_receivables(admin) == 11
    # Outstanding now and due before 2026-06-30: R2 to R6 (R9 is paid, R7 and R10 written off).
    assert rv.count_receivables(sales, filters={"overdue_only": True}, as_of=AS_OF) == 5
    with pytest.raises(NotFound):
        rv.create_order(sales, OrderInput("YD9", firm["bing"], D(2026, 1, 1), M("1")))
    with pytest.raises(ValidationError, match="outside your scope"):
        rv.create_order(
            sales, OrderInput("YD8", firm["jia"], D(2026, 1, 1), M("1"), salesperson_id=firm["li"])
        )
    rv.create_order(sales, OrderInput("YD8", firm["jia"], D(2026, 1, 1), M("1")))
    assert [o.salesperson_name for o in rv.list_orders(sales, 0, 5)] == ["张伟"]
    with pytest.raises(PermissionDenied):
        rv.record_payment(sales, PaymentInput(firm["jia"], D(2026, 1, 1), M("1")))
    with pytest.raises(PermissionDenied):
        rv.list_receivables(login_as(Role.HR), 0, 5)
    staff.link_user(admin, "manager", firm["li"])
    manager = login_as(Role.MANAGER)
    assert rv.age_receivables(manager, AS_OF).outstanding == M("5947.89")
    assert rv.count_receivables(manager) == 10
    finance = login_as(Role.FINANCE)
    assert rv.count_receivables(finance) == 11


def test_employee_summary_for_a_departure(admin, firm, ledger):
    ladder_on(admin)
    summary = rv.employee_receivables(admin, firm["li"], AS_OF)
    # 李娜 sold R5, R6, R9, R10 and owns no customer.
    assert (summary.customers_owned, summary.open_receivables) == (0, 4)
    assert (summary.outstanding, summary.overdue, summary.provision) == (
        M("3014.55"),
        M("3014.55"),
        M("1162.45"),
    )
    assert (summary.overdue_receivables, summary.oldest_due_on) == (4, D(2022, 1, 15))
    zhang = rv.employee_receivables(admin, firm["zhang"], AS_OF)
    # 张伟 owns 甲 and 乙 today: every open invoice of theirs counts, whoever sold it.
    assert (zhang.customers_owned, zhang.outstanding) == (2, M("5947.89"))
    assert [g.name for g in zhang.by_customer] == ["甲物流", "乙贸易"]
