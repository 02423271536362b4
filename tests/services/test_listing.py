"""One listing spec per listed entity: list, count and export read the same spec, so a page,
the count above it and the exported rows agree; every sort key sorts; wrong sort keys, filter
names and filter values are refused with a clear error.

The firm: the small demo (5,000 waybills, 300 customers, a computed commission month and two
departure cases) in a SQLCipher vault; with ``--db=postgresql`` (where the demo cannot be
generated) a smaller firm built through the services on the server.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desktop.errors import ValidationError
from desktop.models.audit import AuditEvent
from desktop.services import audit, commissions, customers, departures, followups, listing, money
from desktop.services import staff as staff_service
from desktop.services.context import ServiceContext
from desktop.services.paging import MAX_LIMIT
from tests.conftest import _server_admin, on_postgresql
from tests.services import commission_support

SPECS: dict[str, listing.ListingSpec[Any]] = {
    "staff": staff_service.EMPLOYEES,
    "customers": customers.CUSTOMERS,
    "orders": money.ORDERS,
    "receivables": money.RECEIVABLES,
    "payments": money.PAYMENTS,
    "followups": followups.FOLLOWUPS,
    "cases": departures.CASES,
    "lines": commissions.LINES,
    "audit": audit.EVENTS,
}


@dataclass(frozen=True)
class Probe:
    """How a test reads one list: a row's identity, a search and filters that the given row
    meets, what every row under those filters must hold, and the DTO value behind each sort
    key (to see that the rows really come in that order)."""

    ident: Callable[[Any], Any]
    narrow: Callable[[Any], tuple[str, dict[str, Any]]]
    holds: Callable[[Any, Any], bool]
    values: dict[str, Callable[[Any], Any]]


def _id(r: Any) -> Any:
    return r.id


PROBES: dict[str, Probe] = {
    "staff": Probe(
        _id,
        lambda r: (r.name[:1], {"status": r.status}),
        lambda r, p: r.status == p.status,
        {
            "employee_no": lambda r: r.employee_no,
            "name": lambda r: r.name,
            "branch": lambda r: r.branch_name,
            "department": lambda r: r.department_name,
            "position": lambda r: r.position_name,
            "status": lambda r: r.status,
            "hire_date": lambda r: r.hire_date,
            "customers": lambda r: r.customers_owned,
        },
    ),
    "customers": Probe(
        _id,
        lambda r: (r.name[:2], {"active": r.active}),
        lambda r, p: r.active == p.active,
        {
            "code": lambda r: r.code,
            "name": lambda r: r.name,
            "region": lambda r: r.region,
            "industry": lambda r: r.industry,
            "tier": lambda r: r.tier,
            "credit_limit": lambda r: r.credit_limit,
            "owner": lambda r: r.owner_name,
            "owner_since": lambda r: r.owner_since,
        },
    ),
    "orders": Probe(
        _id,
        lambda r: (r.customer_name[:2], {"status": r.status}),
        lambda r, p: r.status == p.status,
        {
            "number": lambda r: r.number,
            "order_date": lambda r: r.order_date,
            "customer": lambda r: r.customer_name,
            "salesperson": lambda r: r.salesperson_name,
            "revenue": lambda r: r.revenue,
            "cost": lambda r: r.cost,
            "margin": lambda r: r.margin,
            "status": lambda r: r.status,
        },
    ),
    "receivables": Probe(
        _id,
        lambda r: (r.number, {"customer_id": r.customer_id}),
        lambda r, p: r.customer_id == p.customer_id,
        {
            "number": lambda r: r.number,
            "issued_on": lambda r: r.issued_on,
            "due_on": lambda r: r.due_on,
            "customer": lambda r: r.customer_name,
            "salesperson": lambda r: r.salesperson_name,
            "amount": lambda r: r.amount,
            "outstanding": lambda r: r.outstanding,
        },
    ),
    "payments": Probe(
        _id,
        lambda r: ("", {"customer_id": r.customer_id}),
        lambda r, p: r.customer_id == p.customer_id,
        {"received_on": lambda r: r.received_on},
    ),
    "followups": Probe(
        _id,
        lambda r: (r.content[:2], {"channel": r.channel}),
        lambda r, p: r.channel == p.channel,
        {"followed_on": lambda r: r.followed_on},
    ),
    "cases": Probe(
        _id,
        lambda r: (r.employee_name, {"employee_id": r.employee_id}),
        lambda r, p: r.employee_id == p.employee_id,
        {
            "submitted_on": lambda r: r.submitted_on,
            "number": lambda r: r.number,
            "last_day": lambda r: r.last_day,
            "state": lambda r: r.state,
        },
    ),
    "lines": Probe(
        _id,
        lambda r: (r.employee_no, {"status": r.status}),
        lambda r, p: r.status == p.status,
        {
            "id": lambda r: r.id,
            "employee": lambda r: r.employee_no,
            "source_date": lambda r: r.source_date,
            "source": lambda r: r.source,
            "amount": lambda r: r.amount,
            "base": lambda r: r.base,
            "status": lambda r: r.status,
        },
    ),
    "audit": Probe(
        lambda r: r.seq,
        lambda r: (r.action, {}),
        lambda r, p: True,
        {"seq": lambda r: r.seq},
    ),
}


# --------------------------------------------------------------------------- the firms


def _demo_firm(root: Any) -> Iterator[ServiceContext]:
    from tests.services.test_demo import TODAY, make_demo

    ctx, _, _ = make_demo(root)
    try:
        _commission_month(ctx, f"{TODAY:%Y-%m}")
        for row in staff_service.list_employees(ctx, 0, 2, filters={"is_sales": True}):
            departures.start_case(
                ctx, departures.CaseInput(row.id, ctx.today() + timedelta(days=30))
            )
        yield ctx
    finally:
        ctx.close()


def _commission_month(ctx: ServiceContext, month: str) -> None:
    from desktop.services.commissions import plans as commission_plans

    sales = {r.position_id for r in staff_service.list_employees(ctx, 0, 500) if r.is_sales}
    commission_plans.save_plan(
        ctx,
        commission_plans.PlanInput(
            name="listing test plan",
            base="revenue",
            trigger="order",
            rate_mode="flat",
            flat_rate=commission_support.M("0.02"),
            effective_from=date(2020, 1, 1),
            position_ids=tuple(p for p in sales if p is not None),
        ),
    )
    commissions.compute_period(ctx, month)


@pytest.fixture(scope="module")
def demo_firm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    yield from _demo_firm(tmp_path_factory.mktemp("listing") / "vault")


@pytest.fixture(scope="module")
def built_firm(request: pytest.FixtureRequest) -> Iterator[ServiceContext]:
    """A smaller firm made through the services in a server database of its own, shared by
    the module's tests as the demo firm is (the ``server_db`` fixture, module-wide)."""
    databases = request.getfixturevalue("pg_databases")
    name = databases.firm()
    seat = request.config.getoption("--pg-role") == "seat"
    admin = _server_admin(databases.seat_url(name) if seat else databases.url(name))
    try:
        _build(admin)
        yield admin
    finally:
        admin.close()
        databases.drop(name)


def _build(admin: ServiceContext) -> None:
    D, M = commission_support.D, commission_support.M
    firm = commission_support.build_firm(admin)
    firm.plan(flat_rate=M("0.05"))
    for i, (customer, person, status) in enumerate(
        [("jia", "zhang", "open"), ("yi", "zhang", "delivered"), ("bing", "zhao", "open")] * 4
    ):
        firm.order(
            f"o{i}",
            f"WB-{100 + i}",
            customer,
            D(2030, 3, 1 + i),
            f"{100 * (i % 5) + 50}.00",
            cost=f"{7 * i}.00",
            salesperson=person,
            status=status,
        )
    firm.invoice("r1", "INV-1", "jia", D(2030, 3, 2), "150.00", orders=("o0",))
    firm.invoice("r2", "INV-2", "bing", D(2030, 3, 4), "300.00", orders=("o2",))
    firm.invoice("r3", "INV-3", "yi", D(2030, 2, 4), "80.00")
    firm.pay("p1", "jia", D(2030, 3, 9), ("r1", "100.00"))
    firm.pay("p2", "bing", D(2030, 3, 10), ("r2", "300.00"))
    commission_support.at(admin, D(2030, 3, 20))
    for key, day, channel, text in (
        ("jia", D(2030, 3, 3), "phone", "电话确认 下周发货"),
        ("yi", D(2030, 3, 5), "visit", "拜访客户 谈返点"),
        ("bing", D(2030, 3, 6), "wechat", "微信沟通 运价调整"),
    ):
        followups.add_followup(admin, firm[key], day, channel, text, employee_id=firm["zhang"])
    commissions.compute_period(admin, "2030-03")
    firm.depart()


@pytest.fixture
def firm(request: pytest.FixtureRequest) -> ServiceContext:
    if on_postgresql(request.config):
        return request.getfixturevalue("built_firm")
    return request.getfixturevalue("demo_firm")


def _all(ctx: ServiceContext, spec: listing.ListingSpec[Any], **kw: Any) -> list[Any]:
    return listing.list_rows(ctx, spec, 0, MAX_LIMIT, **kw)


def _sorted_by(values: list[Any]) -> bool:
    """Ascending with empty values first (where the lists put them)."""
    keyed = [(v is not None, v) for v in values]
    return all(a <= b for a, b in itertools.pairwise(keyed))


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("name", SPECS)
def test_list_and_count_agree_for_a_search_and_a_filter(firm, name):
    spec, probe = SPECS[name], PROBES[name]
    everything = _all(firm, spec)
    assert everything, f"the {name} list of the test firm is empty"
    assert listing.count_rows(firm, spec) == len(everything)
    sample = everything[len(everything) // 2]
    search, filters = probe.narrow(sample)
    found = _all(firm, spec, search=search, filters=filters)
    assert listing.count_rows(firm, spec, search, filters) == len(found)
    assert probe.ident(sample) in {probe.ident(r) for r in found}
    assert all(probe.holds(r, sample) for r in found)
    assert len(found) <= len(everything)
    # Pages cut from the same list make it up again, in order and without overlap.
    pages = [
        r for start in range(0, 60, 20) for r in listing.list_rows(firm, spec, start, 20, search)
    ]
    assert [probe.ident(r) for r in pages] == [
        probe.ident(r) for r in _all(firm, spec, search=search)[:60]
    ]


@pytest.mark.parametrize("name", SPECS)
def test_every_sort_key_sorts_both_ways(firm, name, request):
    spec, probe = SPECS[name], PROBES[name]
    assert set(probe.values) == set(spec.sorts), "a sort key without a check"
    everything = {probe.ident(r) for r in _all(firm, spec)}
    # A server's collation may order text otherwise than code points; numbers and dates not.
    text_order_known = not on_postgresql(request.config)
    for key, value in probe.values.items():
        up = _all(firm, spec, sort=key)
        down = _all(firm, spec, sort=key, descending=True)
        assert {probe.ident(r) for r in up} == everything, key
        assert [probe.ident(r) for r in down] == [probe.ident(r) for r in reversed(up)], key
        values = [value(r) for r in up]
        if text_order_known or not any(isinstance(v, str) for v in values):
            assert _sorted_by(values), f"{name} sorted by {key} is out of order"


@pytest.mark.parametrize("name", SPECS)
def test_unknown_sort_key_and_filter_name_are_refused(firm, name):
    spec = SPECS[name]
    with pytest.raises(ValidationError) as refused:
        listing.list_rows(firm, spec, 0, 10, sort="salary")
    assert refused.value.field == "sort"
    assert "salary" in str(refused.value) and spec.default_sort in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        listing.count_rows(firm, spec, filters={"colour": "red"})
    assert refused.value.field == "filters" and "colour" in str(refused.value)


BAD_VALUES: tuple[Any, ...] = ({"x": 1}, 3.5, [], "no-such-value", "17")


def _bad_values(spec: listing.ListingSpec[Any]) -> Iterator[tuple[str, Any]]:
    for filter_name, f in spec.filters.items():
        for value in BAD_VALUES:
            if f.check is listing.check_text and isinstance(value, str):
                continue  # any text is a region or a clause name
            yield filter_name, value


@pytest.mark.parametrize("name", [n for n in SPECS if SPECS[n].filters])
def test_a_bad_filter_value_is_refused_by_list_count_and_export(firm, name):
    spec = SPECS[name]
    tried = 0
    with firm.read() as s:
        before = s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1))
    for filter_name, value in _bad_values(spec):
        bad = {filter_name: value}
        for call, args in (
            (listing.list_rows, (0, 10)),
            (listing.count_rows, ()),
            (listing.export_rows, ()),
        ):
            with pytest.raises(ValidationError) as refused:
                call(firm, spec, *args, filters=bad)
            assert refused.value.field in ("filters", "month"), (filter_name, value)
            text = str(refused.value)
            assert filter_name in text or str(value) in text, text
            tried += 1
    assert tried >= 3 * len(spec.filters)
    with firm.read() as s:
        after = s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1))
    assert after == before, "a refused export left an audit event"


def test_a_bad_choice_names_the_possible_values(firm):
    with pytest.raises(ValidationError) as refused:
        money.list_orders(firm, 0, 10, filters={"status": "lost"})
    assert "lost" in str(refused.value) and "delivered" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        staff_service.count_employees(firm, filters={"status": ["active", "retired"]})
    assert "retired" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        customers.count_customers(firm, filters={"owner_id": "3"})
    assert "owner_id" in str(refused.value)


@pytest.mark.parametrize("name", SPECS)
def test_export_rows_are_the_list_rows_and_the_export_is_audited(firm, name):
    spec, probe = SPECS[name], PROBES[name]
    listed = _all(firm, spec)
    exported = listing.export_rows(firm, spec)
    assert exported == listed
    sample = listed[len(listed) // 2]
    search, filters = probe.narrow(sample)
    key = list(spec.sorts)[-1]
    assert listing.export_rows(firm, spec, search, filters, sort=key) == _all(
        firm, spec, search=search, filters=filters, sort=key
    )
    with firm.read() as s:
        event = s.scalars(
            select(AuditEvent).order_by(AuditEvent.seq.desc()).where(AuditEvent.action == "export")
        ).first()
    assert event is not None and event.entity == spec.entity
    assert json.loads(event.after)["rows"] == len(_all(firm, spec, search=search, filters=filters))


def test_the_public_wrappers_are_the_spec(firm):
    """The screens' and the command line's functions give what the spec gives."""
    assert money.list_orders(firm, 0, 50) == listing.list_rows(firm, money.ORDERS, 0, 50)
    assert money.count_orders(firm, "WB") == listing.count_rows(firm, money.ORDERS, "WB")
    assert money.list_payments(firm, 0, 20) == listing.list_rows(firm, money.PAYMENTS, 0, 20)
    assert followups.search_followups(firm, "", 0, 20) == listing.list_rows(
        firm, followups.FOLLOWUPS, 0, 20
    )
    assert departures.list_cases(firm) == listing.list_rows(firm, departures.CASES, 0, 100)
    (line,) = commissions.list_lines(firm, None, 0, 1)
    assert commissions.count_lines(firm, line.month) == listing.count_rows(
        firm, commissions.LINES, filters={"month": line.month}
    )
    with pytest.raises(ValidationError):
        commissions.list_lines(firm, "2026-13", 0, 10)
    assert audit.count_events(firm) == listing.count_rows(firm, audit.EVENTS)
