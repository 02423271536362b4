"""``baton demo``: the small dataset, generated into real vaults and checked with SQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.config import Paths
from desktop.errors import PermissionDenied, ValidationError
from desktop.models.audit import verify_chain
from desktop.services.context import ServiceContext
from desktop.services.demo import DEMO_PASSWORD, DEMO_PLAN_NAME, SIZES, DemoSummary, generate_demo
from desktop.services.login import login
from desktop.services.setup import initialize
from tests.conftest import ADMIN_PASSWORD, COMPANY

TODAY = date(2026, 3, 14)  # fixed, so that runs compare; the window holds two Spring Festivals
RISK_WORDS = ("私人", "返点", "个人账户", "转账", "拼多多")

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

pytestmark = pytest.mark.sqlcipher(
    "builds its own vaults; a demo firm reaches a server through migrate-to-server"
)


def credit_code_ok(code: str) -> bool:
    """GB 32100-2015, written independently of the generator."""
    if len(code) != 18 or any(ch not in CREDIT_CHARS for ch in code):
        return False
    total = sum(CREDIT_CHARS.index(ch) * w for ch, w in zip(code, CREDIT_WEIGHTS, strict=False))
    return CREDIT_CHARS[(31 - total % 31) % 31] == code[17]


def id_number_ok(value: str) -> bool:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    body = value[:17]
    date(int(value[6:10]), int(value[10:12]), int(value[12:14]))  # a real birth date
    return (
        "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
        == (value[17])
    )


def make_demo(root: Path, seed: int = 2026) -> tuple[ServiceContext, DemoSummary, Paths]:
    paths = Paths(root)
    result = initialize(paths, COMPANY, ["上海", "广州"], "admin", "管理员", ADMIN_PASSWORD)
    try:
        summary = generate_demo(result.ctx, "small", seed=seed, today=TODAY)
    except BaseException:
        result.ctx.close()
        raise
    return result.ctx, summary, paths


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServiceContext, DemoSummary]]:
    ctx, summary, paths = make_demo(tmp_path_factory.mktemp("demo") / "vault")
    ctx.demo_paths = paths  # type: ignore[attr-defined]
    yield ctx, summary
    ctx.close()


def rows(ctx: ServiceContext, sql: str, **params: object) -> list[tuple]:
    with ctx.transaction() as s:
        return [tuple(r) for r in s.execute(text(sql), params)]


def one(ctx: ServiceContext, sql: str, **params: object) -> object:
    return rows(ctx, sql, **params)[0][0]


# --------------------------------------------------------------------------- sizes


def test_small_generates_the_stated_counts(demo):
    ctx, summary = demo
    size = SIZES["small"]
    assert (summary.staff, summary.customers, summary.orders) == (20, 300, 5_000)
    assert (summary.receivables, summary.follow_ups) == (size.receivables, size.follow_ups)
    for table, expected in (
        ("employee", 20),
        ("customer", 300),
        ("waybill", 5_000),
        ("receivable", 1_500),
        ("follow_up", 1_000),
        ("payment", summary.payments),
        ("payment_allocation", summary.allocations),
        ("contact", summary.contacts),
        ("customer_assignment", summary.assignments),
    ):
        assert one(ctx, f"SELECT count(*) FROM {table}") == expected, table
    assert summary.payments > 1_000 and summary.allocations >= summary.payments
    assert summary.elapsed_s < 30


def test_staff_is_spread_over_at_least_three_branches_with_a_manager_each(demo):
    ctx, summary = demo
    assert one(ctx, "SELECT count(*) FROM branch WHERE active") >= 3
    assert summary.branches_created == 1  # the vault had 上海 and 广州
    per_branch = rows(
        ctx,
        "SELECT e.branch_id, count(*), sum(p.name = '销售经理') FROM employee e "
        "JOIN position p ON p.id = e.position_id GROUP BY e.branch_id",
    )
    assert len(per_branch) >= 3 and all(managers == 1 for _, _, managers in per_branch)
    # Everyone but the head office's manager reports to their branch manager.
    assert one(ctx, "SELECT count(*) FROM employee WHERE manager_id IS NULL") == 1
    assert one(ctx, "SELECT count(*) FROM employee WHERE is_sales") == 8  # 40% of 20
    statuses = dict(rows(ctx, "SELECT status, count(*) FROM employee GROUP BY status"))
    assert statuses.get("departed", 0) >= 1 and statuses.get("notice", 0) >= 1
    assert (
        one(ctx, "SELECT count(*) FROM employee WHERE status = 'departed' AND departed_on IS NULL")
        == 0
    )
    categories = {r[0] for r in rows(ctx, "SELECT DISTINCT category FROM position")}
    assert categories == {"sales", "dispatcher", "finance", "warehouse", "other"}
    for (value,) in rows(ctx, "SELECT id_number FROM employee"):
        assert id_number_ok(value), value


def test_every_employee_has_a_contract_and_a_wage(demo):
    """The certificate and the settlement's 20% cap need them: a demo departure can issue both."""
    ctx, _ = demo
    assert one(ctx, "SELECT count(*) FROM employee WHERE contract_start IS NULL") == 0
    assert (
        one(ctx, "SELECT count(*) FROM employee WHERE monthly_wage IS NULL OR monthly_wage <= 0")
        == 0
    )
    assert one(ctx, "SELECT count(*) FROM employee WHERE contract_start < hire_date") == 0
    assert one(ctx, "SELECT count(*) FROM employee WHERE contract_end < contract_start") == 0
    # fixed terms of three years, open-ended after the second renewal (art. 14)
    assert one(ctx, "SELECT count(*) FROM employee WHERE contract_end IS NULL") >= 1


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_firm_other_seed_other_firm(demo, tmp_path):
    ctx, _ = demo
    twin, _, _ = make_demo(tmp_path / "twin")
    other, _, _ = make_demo(tmp_path / "other", seed=7)
    try:
        probes = (
            "SELECT name, credit_code FROM customer ORDER BY id",
            "SELECT customer_id, sum(revenue), sum(cost), count(*) FROM waybill "
            "GROUP BY customer_id ORDER BY customer_id",
            "SELECT number, amount, paid, due_on FROM receivable ORDER BY id",
            "SELECT name, id_number FROM employee ORDER BY id",
            "SELECT customer_id, employee_id, valid_from, valid_to FROM customer_assignment "
            "ORDER BY id",
        )
        for sql in probes:
            assert rows(ctx, sql) == rows(twin, sql), sql
        names = "SELECT name FROM customer ORDER BY id"
        assert rows(ctx, names) != rows(other, names)
    finally:
        twin.close()
        other.close()


# --------------------------------------------------------------------------- ownership


def test_ownership_histories_never_overlap_and_match_the_pool(demo):
    ctx, summary = demo
    overlaps = one(
        ctx,
        "SELECT count(*) FROM customer_assignment a JOIN customer_assignment b "
        "ON a.customer_id = b.customer_id AND a.id < b.id "
        "AND a.valid_from < COALESCE(b.valid_to, '9999-12-31') "
        "AND b.valid_from < COALESCE(a.valid_to, '9999-12-31')",
    )
    assert overlaps == 0
    # Owned customers have exactly one open assignment; pool customers none.
    open_counts = rows(
        ctx,
        "SELECT c.in_pool, count(a.id) FROM customer c LEFT JOIN customer_assignment a "
        "ON a.customer_id = c.id AND a.valid_to IS NULL GROUP BY c.id",
    )
    assert all(n == (0 if pool else 1) for pool, n in open_counts)
    assert summary.pool_customers == one(ctx, "SELECT count(*) FROM customer WHERE in_pool") == 9
    # Owners were employed for the whole period they held a customer.
    bad = one(
        ctx,
        "SELECT count(*) FROM customer_assignment a JOIN employee e ON e.id = a.employee_id "
        "WHERE a.valid_from < e.hire_date OR (e.departed_on IS NOT NULL AND "
        "(a.valid_to IS NULL OR a.valid_to > e.departed_on))",
    )
    assert bad == 0
    reasons = dict(rows(ctx, "SELECT reason, count(*) FROM customer_assignment GROUP BY reason"))
    assert reasons["initial"] == 300
    assert 0.08 * 300 <= reasons.get("rebalance", 0) <= 0.25 * 300
    assert reasons.get("handover", 0) >= 1  # the departed salesperson's customers moved on


def test_a_few_salespeople_hold_concentrated_books(demo):
    ctx, summary = demo
    books = [
        n
        for _, n in rows(
            ctx,
            "SELECT employee_id, count(*) n FROM customer_assignment WHERE valid_to IS NULL "
            "GROUP BY employee_id ORDER BY n DESC",
        )
    ]
    assert books[0] == summary.top_salesperson_customers == SIZES["small"].top_book
    assert books[0] > 1.5 * (sum(books) / len(books))


def test_every_order_is_attributed_to_the_owner_on_its_date(demo):
    ctx, _ = demo
    mismatched = one(
        ctx,
        "SELECT count(*) FROM waybill w WHERE w.salesperson_id IS NOT ("
        " SELECT a.employee_id FROM customer_assignment a WHERE a.customer_id = w.customer_id"
        " AND a.valid_from <= w.order_date"
        " AND (a.valid_to IS NULL OR a.valid_to > w.order_date))",
    )
    assert mismatched == 0
    assert one(ctx, "SELECT count(*) FROM waybill WHERE salesperson_id IS NULL") == 0


# --------------------------------------------------------------------------- money


def test_receivables_payments_and_allocations_add_up(demo):
    ctx, _ = demo
    # Receivable.paid is exactly the sum of its allocations (fen integers in SQL).
    assert (
        one(
            ctx,
            "SELECT count(*) FROM receivable r WHERE r.paid != COALESCE("
            "(SELECT sum(amount) FROM payment_allocation pa WHERE pa.receivable_id = r.id), 0)",
        )
        == 0
    )
    assert (
        one(
            ctx,
            "SELECT count(*) FROM payment p WHERE p.amount != "
            "(SELECT sum(amount) FROM payment_allocation pa WHERE pa.payment_id = p.id)",
        )
        == 0
    )
    assert one(ctx, "SELECT count(*) FROM receivable WHERE paid + written_off > amount") == 0
    # An invoice is the sum of its (not cancelled) waybills, issued after the month it bills.
    assert (
        one(
            ctx,
            "SELECT count(*) FROM receivable r WHERE r.amount != (SELECT sum(revenue) "
            "FROM waybill w WHERE w.receivable_id = r.id AND w.status = 'invoiced')",
        )
        == 0
    )
    assert (
        one(
            ctx,
            "SELECT count(*) FROM waybill w JOIN receivable r ON r.id = w.receivable_id "
            "WHERE w.order_date >= r.issued_on OR w.customer_id != r.customer_id",
        )
        == 0
    )
    assert (
        one(
            ctx,
            "SELECT count(*) FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id "
            "JOIN receivable r ON r.id = pa.receivable_id "
            "WHERE p.received_on < r.issued_on OR p.received_on > :today "
            "OR p.customer_id != r.customer_id",
            today=TODAY.isoformat(),
        )
        == 0
    )
    # Margins: cost is 70-92% of revenue.
    assert (
        one(
            ctx,
            "SELECT count(*) FROM waybill WHERE cost > revenue * 0.92 OR cost < revenue * 0.70 - 1",
        )
        == 0
    )


def test_late_payers_partial_payments_and_write_offs_exist(demo):
    ctx, summary = demo
    today = TODAY.isoformat()
    long_overdue = one(
        ctx,
        "SELECT count(*) FROM receivable WHERE paid + written_off < amount "
        "AND julianday(:today) - julianday(due_on) > 365",
        today=today,
    )
    partial = one(ctx, "SELECT count(*) FROM receivable WHERE paid > 0 AND paid < amount")
    late = one(
        ctx,
        "SELECT count(DISTINCT r.id) FROM receivable r JOIN payment_allocation pa "
        "ON pa.receivable_id = r.id JOIN payment p ON p.id = pa.payment_id "
        "WHERE p.received_on > date(r.due_on, '+30 days')",
    )
    fully_paid = one(ctx, "SELECT count(*) FROM receivable WHERE paid = amount")
    assert long_overdue > 0 and partial > 0 and late > 0
    assert fully_paid > 0.6 * 1_500
    assert summary.write_offs == one(ctx, "SELECT count(*) FROM receivable WHERE written_off > 0")
    assert (
        one(
            ctx,
            "SELECT count(*) FROM receivable WHERE written_off > 0 "
            "AND (written_off_on IS NULL OR written_off_on > :today)",
            today=today,
        )
        == 0
    )


def test_recent_orders_are_not_invoiced_yet(demo):
    ctx, _ = demo
    statuses = dict(
        rows(
            ctx,
            "SELECT status, count(*) FROM waybill WHERE order_date >= :first GROUP BY status",
            first=TODAY.replace(day=1).isoformat(),
        )
    )
    assert set(statuses) <= {"open", "delivered", "cancelled"} and statuses
    assert one(ctx, "SELECT count(*) FROM waybill WHERE order_date > :t", t=TODAY.isoformat()) == 0
    assert (
        one(
            ctx,
            "SELECT count(*) FROM waybill WHERE status = 'invoiced' AND receivable_id IS NULL",
        )
        == 0
    )


def test_volume_dips_in_the_spring_festival_week_and_peaks_in_q4(demo):
    ctx, _ = demo

    def per_day(first: str, last: str) -> float:
        n = one(
            ctx,
            "SELECT count(*) FROM waybill WHERE order_date BETWEEN :a AND :b",
            a=first,
            b=last,
        )
        return n / (date.fromisoformat(last) - date.fromisoformat(first)).days

    festival = per_day("2025-01-29", "2025-02-05")  # 春节 2025 week
    run_up = per_day("2025-01-02", "2025-01-20")
    autumn = per_day("2025-11-01", "2025-12-20")
    summer = per_day("2025-07-01", "2025-08-20")
    assert festival < 0.4 * run_up
    assert autumn > summer


# --------------------------------------------------------------------------- identity data


def test_credit_codes_pass_the_gb32100_checksum(demo):
    ctx, _ = demo
    codes = [c for (c,) in rows(ctx, "SELECT credit_code FROM customer")]
    assert len(codes) == len(set(codes)) == 300
    assert all(credit_code_ok(c) for c in codes)
    try:
        from desktop.services.validation import validate_credit_code
    except ImportError:  # written concurrently; the local check above suffices
        return
    assert all(validate_credit_code(c) == c for c in codes)


def test_names_contacts_and_follow_ups_look_chinese(demo):
    ctx, _ = demo
    names = [n for (n,) in rows(ctx, "SELECT name FROM customer")]
    assert all(n.endswith("公司") for n in names) and len(set(names)) == 300
    contacts = rows(ctx, "SELECT customer_id, count(*), sum(is_primary) FROM contact GROUP BY 1")
    assert len(contacts) == 300 and all(1 <= n <= 3 and p == 1 for _, n, p in contacts)
    phones = [
        p for (p,) in rows(ctx, "SELECT phone FROM contact UNION ALL SELECT phone FROM employee")
    ]
    assert all(len(p) == 11 and p[0] == "1" and p[1] in "3456789" for p in phones)
    contents = [c for (c,) in rows(ctx, "SELECT content FROM follow_up")]
    assert all(contents)
    risky = [c for c in contents if any(w in c for w in RISK_WORDS)]
    assert 1 <= len(risky) <= 0.05 * len(contents)
    # Follow-ups are written by whoever owned the customer that day.
    assert (
        one(
            ctx,
            "SELECT count(*) FROM follow_up f WHERE f.employee_id IS NOT ("
            " SELECT a.employee_id FROM customer_assignment a WHERE a.customer_id = f.customer_id"
            " AND a.valid_from <= f.followed_on"
            " AND (a.valid_to IS NULL OR a.valid_to > f.followed_on))",
        )
        == 0
    )


# --------------------------------------------------------------------------- accounts and audit


def test_demo_accounts_are_linked_to_the_right_people(demo):
    ctx, summary = demo
    users = {u.username: u for u in summary.users}
    assert set(users) == {"hr", "manager", "finance", "sales", "auditor"}
    assert all(u.created for u in users.values())
    linked = dict(
        rows(ctx, "SELECT username, employee_id FROM app_user WHERE employee_id IS NOT NULL")
    )
    assert linked["sales"] == summary.top_salesperson_id
    top_branch, top_manager = rows(
        ctx, "SELECT branch_id, manager_id FROM employee WHERE id = :i", i=linked["sales"]
    )[0]
    assert linked["manager"] == top_manager
    assert one(ctx, "SELECT branch_id FROM app_user WHERE username = 'manager'") == top_branch
    paths = ctx.demo_paths  # type: ignore[attr-defined]
    sales = login(paths, "sales", DEMO_PASSWORD)
    try:
        assert sales.actor.employee_id == summary.top_salesperson_id
        with pytest.raises(PermissionDenied):
            generate_demo(sales, "small", today=TODAY)
    finally:
        sales.close()


def test_a_second_run_is_refused_and_changes_nothing(demo):
    ctx, _ = demo
    before = one(ctx, "SELECT count(*) FROM waybill"), one(ctx, "SELECT max(seq) FROM audit_event")
    with pytest.raises(ValidationError, match="empty firm"):
        generate_demo(ctx, "small", today=TODAY)
    after = one(ctx, "SELECT count(*) FROM waybill"), one(ctx, "SELECT max(seq) FROM audit_event")
    assert before == after


def test_one_summary_audit_event_and_the_chain_verifies(demo):
    ctx, _ = demo
    with ctx.transaction() as s:
        report = verify_chain(s)
    assert report.ok, report.reason
    assert report.events < 60  # the bulk rows are not audited one by one
    events = rows(ctx, "SELECT after FROM audit_event WHERE action = 'demo.generated'")
    assert len(events) == 1 and '"orders":5000' in events[0][0]


INVARIANTS = (
    # overlapping ownership periods
    "SELECT count(*) FROM customer_assignment a JOIN customer_assignment b "
    "ON a.customer_id = b.customer_id AND a.id < b.id "
    "AND a.valid_from < COALESCE(b.valid_to, '9999-12-31') "
    "AND b.valid_from < COALESCE(a.valid_to, '9999-12-31')",
    # owners not employed while owning
    "SELECT count(*) FROM customer_assignment a JOIN employee e ON e.id = a.employee_id "
    "WHERE a.valid_from < e.hire_date OR (e.departed_on IS NOT NULL AND "
    "(a.valid_to IS NULL OR a.valid_to > e.departed_on))",
    # orders not attributed to the owner of the day
    "SELECT count(*) FROM waybill w WHERE w.salesperson_id IS NOT ("
    " SELECT a.employee_id FROM customer_assignment a WHERE a.customer_id = w.customer_id"
    " AND a.valid_from <= w.order_date AND (a.valid_to IS NULL OR a.valid_to > w.order_date))",
    # paid differing from the allocations
    "SELECT count(*) FROM receivable r WHERE r.paid != COALESCE("
    "(SELECT sum(amount) FROM payment_allocation pa WHERE pa.receivable_id = r.id), 0)",
    "SELECT count(*) FROM receivable WHERE paid + written_off > amount",
)


@pytest.mark.parametrize(
    ("seed", "today"),
    [(1, date(2026, 12, 2)), (99, date(2027, 2, 1)), (12345, date(2025, 7, 31))],
)
def test_invariants_hold_for_other_seeds_and_days(tmp_path, seed, today):
    paths = Paths(tmp_path / "vault")
    ctx = initialize(paths, COMPANY, ["深圳"], "admin", "管理员", ADMIN_PASSWORD).ctx
    try:
        summary = generate_demo(ctx, "small", seed=seed, today=today)
        assert (summary.orders, summary.receivables, summary.follow_ups) == (5_000, 1_500, 1_000)
        assert summary.branches_created == 2
        for sql in INVARIANTS:
            assert one(ctx, sql) == 0, sql
        assert one(ctx, "SELECT max(order_date) FROM waybill") <= today.isoformat()
    finally:
        ctx.close()


def test_unknown_size_is_refused(admin):
    with pytest.raises(ValidationError):
        generate_demo(admin, "huge")


def test_a_failure_halfway_leaves_an_empty_firm(admin):
    calls = []

    def explode(done: int, total: int, label: str) -> None:
        calls.append(done)
        if len(calls) == 4:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        generate_demo(admin, "small", progress=explode, today=TODAY)
    for table in ("employee", "customer", "waybill", "receivable", "payment", "follow_up"):
        assert one(admin, f"SELECT count(*) FROM {table}") == 0, table
    assert one(admin, "SELECT count(*) FROM branch") == 2
    # ...and it can be generated afterwards.
    summary = generate_demo(admin, "small", today=TODAY)
    assert summary.orders == 5_000


def test_a_demo_firm_asked_for_a_plan_has_commissions_to_compute(tmp_path):
    from desktop.services import commissions
    from desktop.services.commissions import plans as commission_plans

    paths = Paths(tmp_path / "vault")
    ctx = initialize(paths, COMPANY, ["深圳"], "admin", "管理员", ADMIN_PASSWORD).ctx
    try:
        summary = generate_demo(ctx, "small", today=TODAY, commission_plan=True)
        assert summary.commission_plan == DEMO_PLAN_NAME
        (plan,) = commission_plans.list_plans(ctx)
        assert plan.name == DEMO_PLAN_NAME
        result = commissions.compute_period(ctx, f"{TODAY:%Y-%m}")
        assert result.lines > 0 and result.payable > 0
    finally:
        ctx.close()
