"""Properties of the commission engine, for random orders, payments, plans and departures.

The rules' core is pure, so most properties run on it directly (hundreds of examples); the
ones about periods (totals, recomputation, locks) run through the services on a real vault.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.accounts import Role
from desktop.services import commissions as cm
from desktop.services.commissions import plans as cp
from desktop.services.commissions.rules import (
    PAYABLE,
    AllocationFact,
    Departure,
    MonthFacts,
    OrderFact,
    PlanBook,
    PlanRule,
    Rules,
    Tier,
    compute_lines,
    round_half_up,
    split_amount,
)
from tests.services.commission_support import D, M, at, build_firm

EMPLOYEES = (1, 2, 3, 4)


def marginal_total(tiers: tuple[Tier, ...], base: Fraction) -> Fraction:
    """The oracle: commission on a monthly base under marginal tiers, each tier's rate on its
    slice, summed exactly (the rules price item by item and must agree to the fen)."""
    total = Fraction(0)
    for t in tiers:
        if base <= t.lower:
            break
        top = base if t.upper is None or base < t.upper else Fraction(t.upper)
        total += (top - t.lower) * Fraction(t.rate)
    return total


MONTH = (date(2030, 3, 1), date(2030, 3, 31))

rates = st.integers(0, 2000).map(lambda n: Decimal(n) / 10000)


@st.composite
def plans(draw, plan_id: int, trigger: str) -> PlanRule:
    mode = draw(st.sampled_from(["flat", "marginal", "whole"]))
    tiers: tuple[Tier, ...] = ()
    if mode != "flat":
        bounds = sorted(draw(st.sets(st.integers(1, 500_000), min_size=0, max_size=3)))
        edges = [0, *bounds]
        tiers = tuple(
            Tier(lo, hi, draw(rates)) for lo, hi in zip(edges, [*bounds, None], strict=True)
        )
    x, y = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    return PlanRule(
        id=plan_id,
        name=f"P{plan_id}",
        base=draw(st.sampled_from(["revenue", "margin"])),
        trigger=trigger,
        rate_mode="flat" if mode == "flat" else "tiered",
        tier_mode="whole" if mode == "whole" else "marginal",
        flat_rate=draw(rates),
        tiers=tiers,
        window_rule=draw(st.sampled_from(["departing", "successor", "split", "company"])),
        split=(x, y),
        after_rule=draw(st.sampled_from(["pay", "pay_within", "forfeit", "collector"])),
        after_days=draw(st.integers(0, 40)),
    )


days = st.integers(0, 30).map(lambda n: MONTH[0] + timedelta(days=n))
people = st.sampled_from((None, *EMPLOYEES))


@st.composite
def orders(draw, n: int) -> list[OrderFact]:
    out = []
    for i in range(n):
        revenue = draw(st.integers(0, 5_000_000))
        out.append(
            OrderFact(
                i + 1,
                f"WB-{i + 1}",
                draw(st.integers(1, 3)),
                "客户",
                draw(days),
                draw(people),
                draw(st.sampled_from(EMPLOYEES)),
                revenue,
                draw(st.integers(0, revenue + 1000)),
            )
        )
    return out


@st.composite
def scenarios(draw):
    trigger = draw(st.sampled_from(["order", "payment"]))
    plan_a = draw(plans(1, trigger))
    plan_b = draw(plans(2, trigger))
    book = PlanBook([plan_a, plan_b], {4: [2]}, {10: [1]}, {1: 10, 2: 10, 3: 10, 4: None})
    leaver = draw(st.sampled_from(EMPLOYEES))
    notice = draw(days)
    last = notice + timedelta(days=draw(st.integers(0, 20)))
    departures = []
    if draw(st.booleans()):
        successors = {c: draw(st.sampled_from(EMPLOYEES)) for c in (1, 2) if draw(st.booleans())}
        departures.append(Departure(leaver, last, notice, 7, "D1", successors))
    rules = Rules(book, departures, {e: f"E{e}" for e in EMPLOYEES})
    facts_orders = draw(orders(draw(st.integers(0, 12))))
    allocations = []
    if trigger == "payment":
        for k, group in enumerate(
            tuple(facts_orders[i : i + 3]) for i in range(0, len(facts_orders), 3)
        ):
            amount = sum(o.revenue for o in group) or 1
            paid = draw(st.integers(1, amount))
            allocations.append(
                AllocationFact(
                    k + 1,
                    k + 1,
                    draw(days),
                    paid,
                    k + 1,
                    f"INV-{k + 1}",
                    amount,
                    MONTH[0],
                    None,
                    None,
                    1,
                    "客户",
                    draw(people),
                    draw(people),
                    tuple(group),
                )
            )
        facts = MonthFacts((), allocations)
    else:
        facts = MonthFacts(facts_orders, ())
    return rules, facts


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.randoms())
def test_the_same_facts_in_any_order_give_the_same_lines(scenario, rnd):
    rules, facts = scenario
    first = compute_lines(rules, facts)
    shuffled = MonthFacts(
        rnd.sample(list(facts.orders), len(facts.orders)),
        rnd.sample(list(facts.allocations), len(facts.allocations)),
    )
    again = compute_lines(rules, shuffled)
    assert [asdict(x) for x in first] == [asdict(x) for x in again]


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_shares_of_a_source_add_up_to_its_whole_to_the_fen(scenario):
    """Whatever the window and after-departure rules do, the lines of one source add up to
    one rounded amount: with a flat plan, exactly the base times the rate rounded half up."""
    rules, facts = scenario
    lines = compute_lines(rules, facts)
    by_source: dict[tuple[str, int], list] = {}
    for line in lines:
        by_source.setdefault((line.source, line.allocation_id or line.order_id), []).append(line)
    for order in facts.orders:
        a = rules.attribute(order)
        got = by_source.get(("order", order.id), [])
        if a is None or a.plan.trigger != "order":
            assert got == []
            continue
        if a.plan.rate_mode == "flat":
            expected = round_half_up(order.base(a.plan.base) * Fraction(a.plan.flat_rate))
            assert sum(line.amount for line in got) == expected
        assert sum(line.base for line in got) == order.base(a.plan.base)


@settings(max_examples=200, deadline=None)
@given(st.integers(-(10**9), 10**9), st.lists(st.integers(1, 1000), min_size=1, max_size=5))
def test_split_amounts_always_add_up(whole, weights):
    total = sum(weights)
    shares = split_amount(whole, [Fraction(w, total) for w in weights])
    assert sum(shares) == whole
    for share, w in zip(shares[:-1], weights, strict=False):
        assert abs(share - Fraction(whole * w, total)) <= Fraction(1, 2)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_marginal_lines_stay_within_half_a_fen_each_of_the_monthly_commission(data):
    bounds = sorted(data.draw(st.sets(st.integers(1, 100_000), max_size=3)))
    edges = [0, *bounds]
    tiers = tuple(
        Tier(lo, hi, data.draw(rates)) for lo, hi in zip(edges, [*bounds, None], strict=True)
    )
    plan = PlanRule(1, "P", rate_mode="tiered", tier_mode="marginal", tiers=tiers)
    rules = Rules(PlanBook([plan], {1: [1]}, {}, {}), [], {1: "E1"})
    facts = data.draw(orders(data.draw(st.integers(1, 15))))
    facts = [
        OrderFact(o.id, o.number, o.customer_id, "", o.order_date, 1, 1, o.revenue, 0)
        for o in facts
    ]
    lines = compute_lines(rules, MonthFacts(facts))
    total = Fraction(sum(o.revenue for o in facts))
    assert abs(sum(line.amount for line in lines) - marginal_total(tiers, total)) <= Fraction(
        len(lines), 2
    )


# --------------------------------------------------------------------------- through the services


def _random_records(firm, rnd: random.Random, month_first: date, n: int, tag: str) -> None:
    # Each example works in a later year; the firm's clock goes along (records more than
    # ten years ahead of "today" are refused as implausible).
    at(firm.ctx, month_first + timedelta(days=120))
    customers_of = {"zhang": ("jia", "yi"), "zhao": ("bing",), "sun": ("ding",)}
    for i in range(n):
        who = rnd.choice(list(customers_of))
        customer = rnd.choice(customers_of[who])
        day = month_first + timedelta(days=rnd.randrange(28))
        revenue = Decimal(rnd.randrange(100, 500_000)) / 100
        cost = (revenue * Decimal(rnd.randrange(50, 110)) / 100).quantize(Decimal("0.01"))
        key = f"{tag}o{i}"
        firm.order(key, f"WB-{tag}-{i}", customer, day, str(revenue), str(cost), salesperson=who)
        if rnd.random() < 0.7:
            firm.invoice(f"{key}i", f"INV-{tag}-{i}", customer, day, str(revenue), orders=(key,))
            paid = (revenue * Decimal(rnd.randrange(1, 101)) / 100).quantize(Decimal("0.01"))
            if paid > 0:
                when = day + timedelta(days=rnd.randrange(0, 40))
                firm.pay(f"{key}p", customer, when, (f"{key}i", str(paid)))


def _snapshot(ctx, month):
    return [
        (r.id, r.employee_id, r.source, r.source_date, r.base, r.rate, r.amount, r.status, r.clause)
        for r in cm.list_lines(ctx, month, 0, 10_000)
    ]


@pytest.fixture
def vault_firm(admin, login_as):
    firm = build_firm(admin)
    firm.plan(
        "order plan",
        trigger="order",
        flat_rate=M("0.03"),
        position_ids=(),
        employee_ids=(firm["zhao"],),
    )
    tiers = (
        cp.TierInput(M("0"), M("5000"), M("0.02")),
        cp.TierInput(M("5000"), None, M("0.05")),
    )
    firm.plan("payment plan", trigger="payment", base="margin", rate_mode="tiered", tiers=tiers)
    return firm, login_as(Role.MANAGER), login_as(Role.FINANCE)


counter = itertools.count()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.integers(0, 2**32 - 1))
def test_period_total_equals_the_sum_of_lines_and_recomputing_changes_nothing(vault_firm, seed):
    firm, _, finance = vault_firm
    rnd = random.Random(seed)
    year = 2031 + next(counter)
    first = D(year, 3, 1)
    _random_records(firm, rnd, first, rnd.randrange(3, 12), f"{year}")
    month = f"{year}-03"
    later = f"{year}-04"
    result = cm.compute_period(finance, month)
    cm.compute_period(finance, later)
    rows = cm.list_lines(finance, month, 0, 10_000)
    assert result.lines == len(rows)
    assert result.payable == sum((r.amount for r in rows if r.status in PAYABLE), M("0"))
    summary = cm.period_summary(finance, month)
    for status, total in summary.totals.items():
        assert total == sum((r.amount for r in rows if r.status == status), M("0"))
    assert summary.payable == result.payable
    before = _snapshot(finance, month)
    again = cm.compute_period(finance, month)
    assert again.written == 0
    assert _snapshot(finance, month) == before


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.integers(0, 2**32 - 1))
def test_a_locked_period_is_never_modified(vault_firm, seed):
    firm, manager, finance = vault_firm
    rnd = random.Random(seed)
    year = 2041 + next(counter)
    first = D(year, 3, 1)
    _random_records(firm, rnd, first, rnd.randrange(3, 10), f"a{year}")
    month = f"{year}-03"
    # earlier examples left their April computed: lock them first (periods lock in order)
    for p in sorted(cm.list_periods(finance, 1), key=lambda p: p.month):
        if p.month < month and p.state == "computed":
            cm.approve_period(manager, p.month)
            cm.lock_period(finance, p.month)
    cm.compute_period(finance, month)
    cm.approve_period(manager, month)
    cm.lock_period(finance, month)
    locked = _snapshot(finance, month)
    # more records dated in the locked month and the next, a plan edit, recomputations
    _random_records(firm, rnd, first, rnd.randrange(2, 6), f"b{year}")
    _random_records(firm, rnd, D(year, 4, 1), rnd.randrange(2, 6), f"c{year}")
    plans = cp.list_plans(finance)
    info = plans[0]
    cp.save_plan(
        finance,
        cp.PlanInput(**{**info.as_input().__dict__, "flat_rate": M("0.07")}),
        info.id,
    )
    cm.compute_period(finance, f"{year}-04")
    cm.compute_period(finance, f"{year}-04")
    with pytest.raises(Exception, match="cannot be computed again"):
        cm.compute_period(finance, month)
    assert _snapshot(finance, month) == locked
    # what was recorded late for the locked month landed in April, pointing back at March
    late = [r for r in cm.list_lines(finance, f"{year}-04", 0, 10_000) if r.origin_month]
    assert all(r.origin_month == month for r in late)
