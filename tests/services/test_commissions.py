"""Commission engine: hand-worked examples for every rule and handover policy option, exact to
the fen (the numbers in each test were worked out by hand and are written out, not computed).

The firm (tests/services/commission_support.py): 张伟 leaves with notice on 2030-03-16 and
2030-04-15 as last working day — in the middle of both months; 李娜 is named his successor for
甲 and 乙; 赵敏 owns 丙.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.errors import ValidationError, ValidationErrors
from desktop.models.audit import AuditEvent
from desktop.services import business_settings as bs
from desktop.services import commissions as cm
from desktop.services import money as rv
from desktop.services.commissions import plans as cp
from desktop.services.commissions.plans import TierInput
from tests.services.commission_support import D, M, build_firm

NAMES = {"S001": "zhang", "S002": "li", "S003": "zhao", "S009": "sun", None: None}


@pytest.fixture
def firm(admin):
    return build_firm(admin)


def lines(ctx, month):
    """(who, amount, status, clause) per line, in line order."""
    return [
        (NAMES[r.employee_no], str(r.amount), r.status, r.clause)
        for r in cm.list_lines(ctx, month, 0, 1000)
    ]


def explained(ctx, month, index=0) -> str:
    row = cm.list_lines(ctx, month, 0, 1000)[index]
    from desktop.services.commissions.rules import explain

    return explain(cm.get_line(ctx, row.id).parts)


# --------------------------------------------------------------------------- bases and rates


def test_flat_rate_on_revenue_at_the_order_date(admin, firm):
    firm.plan(flat_rate=M("0.10"))
    firm.order("o1", "WB-1", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    result = cm.compute_period(admin, "2030-03")
    assert lines(admin, "2030-03") == [("zhang", "100.00", "accrued", "plan")]
    assert result.payable == M("100.00")
    text = explained(admin, "2030-03")
    assert "WB-1" in text and "¥1,000.00" in text and "10.00%" in text and "¥100.00" in text


def test_margin_base_is_freight_revenue_minus_carrier_cost(admin, firm):
    firm.plan(base="margin", flat_rate=M("0.10"))
    # margin 1,000.00 - 820.00 = 180.00; 10% = 18.00
    firm.order("o1", "WB-1", "jia", D(2030, 3, 5), "1000.00", "820.00", salesperson="zhang")
    # a loss-making waybill (cost above revenue) earns nothing and takes nothing from others
    firm.order("o2", "WB-2", "jia", D(2030, 3, 6), "100.00", "130.00", salesperson="zhang")
    cm.compute_period(admin, "2030-03")
    assert lines(admin, "2030-03") == [
        ("zhang", "18.00", "accrued", "plan"),
        ("zhang", "0.00", "accrued", "plan"),
    ]


def test_each_line_is_rounded_half_up_to_the_fen(admin, firm):
    firm.plan(flat_rate=M("0.03"))
    firm.order("o1", "WB-1", "jia", D(2030, 3, 5), "333.35", salesperson="zhang")  # 10.0005
    firm.order("o2", "WB-2", "jia", D(2030, 3, 6), "333.50", salesperson="zhang")  # 10.005
    firm.order("o3", "WB-3", "jia", D(2030, 3, 7), "0.50", salesperson="zhang")  # 0.015
    cm.compute_period(admin, "2030-03")
    assert [a for _, a, _, _ in lines(admin, "2030-03")] == ["10.00", "10.01", "0.02"]


def test_marginal_tiers_rate_each_slice_of_the_monthly_base(admin, firm):
    tiers = (
        TierInput(M("0"), M("1000"), M("0.01")),
        TierInput(M("1000"), None, M("0.02")),
    )
    firm.plan(rate_mode="tiered", tier_mode="marginal", tiers=tiers)
    firm.order("o1", "WB-1", "jia", D(2030, 3, 5), "600.00", salesperson="zhang")
    firm.order("o2", "WB-2", "jia", D(2030, 3, 9), "700.00", salesperson="zhang")
    cm.compute_period(admin, "2030-03")
    # 600 x 1% = 6.00; then 600 -> 1,300: 400 x 1% + 300 x 2% = 4.00 + 6.00 = 10.00
    assert lines(admin, "2030-03") == [
        ("zhang", "6.00", "accrued", "plan"),
        ("zhang", "10.00", "accrued", "plan"),
    ]
    rows = cm.list_lines(admin, "2030-03", 0, 10)
    assert [r.tier for r in rows] == ["1", "1–2"]


def test_whole_amount_tiers_apply_the_reached_rate_to_everything(admin, firm):
    tiers = (
        TierInput(M("0"), M("1000"), M("0.01")),
        TierInput(M("1000"), None, M("0.02")),
    )
    firm.plan(rate_mode="tiered", tier_mode="whole", tiers=tiers)
    firm.order("o1", "WB-1", "jia", D(2030, 3, 5), "600.00", salesperson="zhang")
    firm.order("o2", "WB-2", "jia", D(2030, 3, 9), "700.00", salesperson="zhang")
    cm.compute_period(admin, "2030-03")
    # monthly base 1,300 reaches tier 2: 2% of 600 = 12.00, of 700 = 14.00
    assert [a for _, a, _, _ in lines(admin, "2030-03")] == ["12.00", "14.00"]


def test_the_plan_in_force_on_the_order_date_applies_and_an_own_plan_beats_the_position(
    admin, firm
):
    firm.plan("old", flat_rate=M("0.05"), effective_until=D(2030, 3, 14))
    firm.plan("new", flat_rate=M("0.08"), effective_from=D(2030, 3, 15))
    firm.plan("zhao only", flat_rate=M("0.20"), position_ids=(), employee_ids=(firm["zhao"],))
    firm.order("o1", "WB-1", "jia", D(2030, 3, 14), "100.00", salesperson="zhang")
    firm.order("o2", "WB-2", "jia", D(2030, 3, 15), "100.00", salesperson="zhang")
    firm.order("o3", "WB-3", "bing", D(2030, 3, 15), "100.00", salesperson="zhao")
    cm.compute_period(admin, "2030-03")
    assert sorted(lines(admin, "2030-03")) == [
        ("zhang", "5.00", "accrued", "plan"),
        ("zhang", "8.00", "accrued", "plan"),
        ("zhao", "20.00", "accrued", "plan"),
    ]


# --------------------------------------------------------------------------- handover window


def _window_orders(firm):
    # before notice (2030-03-10), in the window (2030-03-20, 2030-04-02), after (2030-04-20)
    firm.order("before", "WB-1", "jia", D(2030, 3, 10), "1000.00", salesperson="zhang")
    firm.order("in1", "WB-2", "jia", D(2030, 3, 20), "333.33", salesperson="zhang")
    firm.order("in2", "WB-3", "yi", D(2030, 4, 2), "500.00", salesperson="li")
    firm.order("after", "WB-4", "jia", D(2030, 4, 20), "200.00", salesperson="li")


@pytest.mark.parametrize(
    ("rule", "split", "march", "april"),
    [
        (
            "departing",
            (50, 50),
            [
                ("zhang", "100.00", "accrued", "plan"),
                ("zhang", "33.33", "accrued", "window.departing"),
            ],
            [("zhang", "50.00", "accrued", "window.departing"), ("li", "20.00", "accrued", "plan")],
        ),
        (
            "successor",
            (50, 50),
            [
                ("zhang", "100.00", "accrued", "plan"),
                ("li", "33.33", "accrued", "window.successor"),
            ],
            [("li", "50.00", "accrued", "window.successor"), ("li", "20.00", "accrued", "plan")],
        ),
        (
            # 33.33 split 50:50: the departing share 16.665 rounds half up to 16.67, the
            # successor gets the rest, 16.66; 50.00 split 50:50 is 25.00 each.
            "split",
            (50, 50),
            [
                ("zhang", "100.00", "accrued", "plan"),
                ("zhang", "16.67", "accrued", "window.split"),
                ("li", "16.66", "accrued", "window.split"),
            ],
            [
                ("zhang", "25.00", "accrued", "window.split"),
                ("li", "25.00", "accrued", "window.split"),
                ("li", "20.00", "accrued", "plan"),
            ],
        ),
        (
            # 70:30 of 33.33: 23.331 -> 23.33 and 10.00; of 50.00: 35.00 and 15.00
            "split",
            (70, 30),
            [
                ("zhang", "100.00", "accrued", "plan"),
                ("zhang", "23.33", "accrued", "window.split"),
                ("li", "10.00", "accrued", "window.split"),
            ],
            [
                ("zhang", "35.00", "accrued", "window.split"),
                ("li", "15.00", "accrued", "window.split"),
                ("li", "20.00", "accrued", "plan"),
            ],
        ),
        (
            "company",
            (50, 50),
            [
                ("zhang", "100.00", "accrued", "plan"),
                ("zhang", "33.33", "forfeited", "window.company"),
            ],
            [("zhang", "50.00", "forfeited", "window.company"), ("li", "20.00", "accrued", "plan")],
        ),
    ],
    ids=["departing", "successor", "split-50-50", "split-70-30", "company"],
)
def test_a_departure_in_the_middle_of_a_month(admin, firm, rule, split, march, april):
    """The window is 2030-03-16 … 2030-04-15: March has an order before and one inside it,
    April one inside and one after. The window orders go by the policy; the one after the
    last day is simply its salesperson's (李娜, the successor). The window's second order was
    entered with 李娜 as salesperson (the order lock): the customer was still 张伟's that
    day, so the window rule still applies."""
    firm.plan(window_rule=rule, split_departing=split[0], split_successor=split[1])
    _window_orders(firm)
    firm.depart()
    cm.compute_period(admin, "2030-03")
    cm.compute_period(admin, "2030-04")
    assert lines(admin, "2030-03") == march
    assert lines(admin, "2030-04") == april


def test_a_split_without_a_successor_named_withholds_the_successors_share(admin, firm):
    firm.plan(window_rule="split", split_departing=60, split_successor=40)
    firm.order("in1", "WB-2", "jia", D(2030, 3, 20), "100.00", salesperson="zhang")
    case = firm.depart(successor_for=())
    cm.compute_period(admin, "2030-03")
    # 10.00: 60% = 6.00 to 张伟; 4.00 withheld for nobody until a successor is named
    assert lines(admin, "2030-03") == [
        ("zhang", "6.00", "accrued", "window.split"),
        (None, "4.00", "withheld", "window.no_successor"),
    ]
    from desktop.services import handover

    handover.assign_successor(admin, case, firm["li"], [firm["jia"]])
    cm.compute_period(admin, "2030-03")
    assert lines(admin, "2030-03") == [
        ("zhang", "6.00", "accrued", "window.split"),
        ("li", "4.00", "accrued", "window.split"),
    ]


# --------------------------------------------------------------------------- on payment


def _paid_invoice(firm, collector=None):
    """Two waybills of 张伟 billed on one invoice of ¥2,000.00, paid in three parts:
    ¥500.00 on 2030-04-10 (still employed), ¥700.00 on 2030-05-10 (25 days after the last
    day) and ¥800.00 on 2030-08-20 (127 days after)."""
    firm.order("a", "WB-A", "jia", D(2030, 3, 5), "1200.00", "1000.00", salesperson="zhang")
    firm.order("b", "WB-B", "jia", D(2030, 3, 12), "800.00", "700.00", salesperson="zhang")
    firm.invoice("inv", "INV-1", "jia", D(2030, 3, 31), "2000.00", orders=("a", "b"))
    firm.pay("p1", "jia", D(2030, 4, 10), ("inv", "500.00"), collector=collector)
    firm.pay("p2", "jia", D(2030, 5, 10), ("inv", "700.00"), collector=collector)
    firm.pay("p3", "jia", D(2030, 8, 20), ("inv", "800.00"), collector=collector)


def _payment_months(ctx):
    for month in ("2030-03", "2030-04", "2030-05", "2030-08"):
        cm.compute_period(ctx, month)
    return {m: lines(ctx, m) for m in ("2030-03", "2030-04", "2030-05", "2030-08")}


def test_commission_on_payment_follows_partial_payments_dated_by_the_payment(admin, firm):
    firm.plan(trigger="payment", flat_rate=M("0.10"))
    _paid_invoice(firm)
    got = _payment_months(admin)
    assert got["2030-03"] == []  # nothing on the order or invoice date
    assert got["2030-04"] == [("zhang", "50.00", "accrued", "plan")]  # 500 x 10%
    assert got["2030-05"] == [("zhang", "70.00", "accrued", "plan")]
    assert got["2030-08"] == [("zhang", "80.00", "accrued", "plan")]
    row = cm.list_lines(admin, "2030-04", 0, 10)[0]
    assert row.source == "payment" and row.source_date == D(2030, 4, 10)
    assert row.reference == "INV-1"


def test_margin_on_payment_is_the_paid_share_of_the_waybills_margins(admin, firm):
    firm.plan(trigger="payment", base="margin", flat_rate=M("0.10"))
    _paid_invoice(firm)
    got = _payment_months(admin)
    # margins 200.00 + 100.00 = 300.00; ¥500 is 25% of the invoice: base 75.00, 10% = 7.50;
    # ¥700 is 35%: 105.00 -> 10.50; ¥800 is 40%: 120.00 -> 12.00
    assert got["2030-04"] == [("zhang", "7.50", "accrued", "plan")]
    assert got["2030-05"] == [("zhang", "10.50", "accrued", "plan")]
    assert got["2030-08"] == [("zhang", "12.00", "accrued", "plan")]
    assert cm.list_lines(admin, "2030-04", 0, 1)[0].base == M("75.00")


@pytest.mark.parametrize(
    ("rule", "days", "collector", "may", "august"),
    [
        (
            "pay",
            0,
            None,
            ("zhang", "70.00", "accrued", "after.pay"),
            ("zhang", "80.00", "accrued", "after.pay"),
        ),
        # within 90 days: 25 days is inside, 127 days is outside
        (
            "pay_within",
            90,
            None,
            ("zhang", "70.00", "accrued", "after.pay_within"),
            ("zhang", "80.00", "forfeited", "after.expired"),
        ),
        (
            "forfeit",
            0,
            None,
            ("zhang", "70.00", "forfeited", "after.forfeit"),
            ("zhang", "80.00", "forfeited", "after.forfeit"),
        ),
        (
            "collector",
            0,
            "li",
            ("li", "70.00", "accrued", "after.collector"),
            ("li", "80.00", "accrued", "after.collector"),
        ),
        (
            # no collector on the payments; the invoice's collector of record is 张伟 himself
            "collector",
            0,
            None,
            ("zhang", "70.00", "forfeited", "after.no_collector"),
            ("zhang", "80.00", "forfeited", "after.no_collector"),
        ),
    ],
    ids=["pay", "pay-within-90", "forfeit", "collector", "no-collector"],
)
def test_payments_after_the_last_day_inside_and_outside_n_days(
    admin, firm, rule, days, collector, may, august
):
    firm.plan(trigger="payment", flat_rate=M("0.10"), after_rule=rule, after_days=days)
    _paid_invoice(firm, collector=collector)
    firm.depart()
    got = _payment_months(admin)
    assert got["2030-04"] == [("zhang", "50.00", "accrued", "plan")]  # paid while employed
    assert got["2030-05"] == [may]
    assert got["2030-08"] == [august]


def test_payment_after_the_last_day_of_a_split_window_order(admin, firm):
    """A window order split 50:50, paid after the last day under "pay within 10 days" at 40
    days: the departing half is forfeited, the successor's half is paid."""
    firm.plan(trigger="payment", window_rule="split", after_rule="pay_within", after_days=10)
    firm.order("w", "WB-W", "jia", D(2030, 3, 20), "300.00", salesperson="zhang")
    firm.invoice("inv", "INV-W", "jia", D(2030, 3, 31), "300.00", orders=("w",))
    firm.pay("p", "jia", D(2030, 5, 25), ("inv", "300.00"))
    firm.depart()
    cm.compute_period(admin, "2030-05")
    assert lines(admin, "2030-05") == [
        ("zhang", "15.00", "forfeited", "after.expired"),
        ("li", "15.00", "accrued", "window.split"),
    ]


# --------------------------------------------------------------------------- clawback


def test_clawback_of_a_written_off_invoice_within_n_days(admin, firm):
    firm.plan(flat_rate=M("0.10"), clawback_days=180)
    firm.order("c", "WB-C", "bing", D(2030, 1, 10), "1000.00", salesperson="zhao")
    firm.order("d", "WB-D", "bing", D(2030, 1, 11), "500.00", salesperson="zhao")
    firm.invoice("inv", "INV-3", "bing", D(2030, 1, 31), "1000.00", orders=("c",))
    firm.invoice("old", "INV-4", "bing", D(2030, 1, 31), "500.00", orders=("d",))
    cm.compute_period(admin, "2030-01")
    original = cm.list_lines(admin, "2030-01", 0, 10)[0]
    assert (original.amount, original.reference) == (M("100.00"), "WB-C")
    # 40% written off 111 days after the commission: 40% of 100.00 is taken back
    rv.write_off(admin, firm["inv"], D(2030, 5, 1), "customer bankrupt", M("400.00"))
    # written off 201 days after the commission: outside the 180 days, nothing taken back
    rv.write_off(admin, firm["old"], D(2030, 7, 31), "customer bankrupt")
    cm.compute_period(admin, "2030-05")
    cm.compute_period(admin, "2030-07")
    assert lines(admin, "2030-05") == [("zhao", "-40.00", "clawed_back", "clawback")]
    assert lines(admin, "2030-07") == []
    claw = cm.get_line(admin, cm.list_lines(admin, "2030-05", 0, 1)[0].id)
    assert claw.row.ref_line_id == original.id and claw.ref is not None
    assert claw.row.source == "write_off"
    text = explained(admin, "2030-05")
    assert "INV-3" in text and "111 days" in text and "180 days" in text


def test_a_clawback_over_20_percent_of_the_wage_is_warned(admin, firm):
    firm.plan(flat_rate=M("0.10"), clawback_days=180)
    firm.order("c", "WB-C", "bing", D(2030, 1, 10), "1000.00", salesperson="zhao")
    firm.invoice("inv", "INV-3", "bing", D(2030, 1, 31), "1000.00", orders=("c",))
    cm.compute_period(admin, "2030-01")
    rv.write_off(admin, firm["inv"], D(2030, 5, 1), "customer bankrupt")
    result = cm.compute_period(admin, "2030-05")
    # no wage figure yet: the cap cannot be checked, and that is said
    (unknown,) = result.cap_warnings
    assert unknown.wage is None and unknown.clawback == M("100.00")
    bs.set(admin, bs.COMMISSION_REFERENCE_WAGE, 2500)
    bs.set(admin, bs.LOCAL_MINIMUM_WAGE, 2450)
    result = cm.compute_period(admin, "2030-05")
    # wage 2,500.00: 20% = 500.00, but only 50.00 above the minimum wage 2,450.00 -> cap 50.00
    (warning,) = result.cap_warnings
    assert (warning.wage, warning.cap, warning.clawback) == (M("2500.00"), M("50.00"), M("100.00"))
    bs.set(admin, bs.LOCAL_MINIMUM_WAGE, 1000)
    assert cm.compute_period(admin, "2030-05").cap_warnings == ()  # cap 500.00


def test_payment_commission_is_never_clawed_back(admin, firm):
    firm.plan(trigger="payment", flat_rate=M("0.10"), clawback_days=365)
    firm.order("c", "WB-C", "bing", D(2030, 1, 10), "1000.00", salesperson="zhao")
    firm.invoice("inv", "INV-3", "bing", D(2030, 1, 31), "1000.00", orders=("c",))
    firm.pay("p", "bing", D(2030, 2, 10), ("inv", "600.00"))
    rv.write_off(admin, firm["inv"], D(2030, 3, 1), "customer bankrupt")
    cm.compute_period(admin, "2030-02")
    cm.compute_period(admin, "2030-03")
    assert lines(admin, "2030-02") == [("zhao", "60.00", "accrued", "plan")]
    assert lines(admin, "2030-03") == []


# --------------------------------------------------------------------------- periods


def _period(ctx, month):
    """The period row of ``month`` as the commissions page lists it."""
    return next(p for p in cm.list_periods(ctx) if p.month == month)


def _plan(ctx, plan_id):
    """A plan as the plans dialog lists it."""
    return next(p for p in cp.list_plans(ctx) if p.id == plan_id)


def _roles(login_as):
    from desktop.models.accounts import Role

    return login_as(Role.MANAGER), login_as(Role.FINANCE)


def test_period_states_open_computed_approved_locked_paid(admin, firm, login_as):
    manager, finance = _roles(login_as)
    firm.plan()
    firm.order("o1", "WB-1", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    cm.compute_period(finance, "2030-03")
    cm.approve_period(manager, "2030-03")
    assert {r.status for r in cm.list_lines(admin, "2030-03", 0, 10)} == {"approved"}
    with pytest.raises(ValidationError, match="cannot be computed again"):
        cm.compute_period(finance, "2030-03")
    cm.lock_period(finance, "2030-03")
    cm.mark_paid(finance, "2030-03")
    assert _period(admin, "2030-03").state == "paid"
    assert {r.status for r in cm.list_lines(admin, "2030-03", 0, 10)} == {"paid"}


def test_reopening_an_approved_period_lets_it_be_computed_again(admin, firm, login_as):
    manager, finance = _roles(login_as)
    firm.plan()
    firm.order("o1", "WB-1", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    cm.compute_period(finance, "2030-03")
    cm.approve_period(manager, "2030-03")
    cm.reopen_period(manager, "2030-03")
    assert {r.status for r in cm.list_lines(admin, "2030-03", 0, 10)} == {"accrued"}
    cm.compute_period(finance, "2030-03")


def test_earlier_periods_are_locked_first(admin, firm, login_as):
    manager, finance = _roles(login_as)
    firm.plan()
    firm.order("o1", "WB-1", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    for month in ("2030-02", "2030-03"):
        cm.compute_period(finance, month)
        cm.approve_period(manager, month)
    with pytest.raises(ValidationError, match="2030-02"):
        cm.lock_period(finance, "2030-03")
    # locking February sends the approved March back to be computed again
    cm.lock_period(finance, "2030-02")
    march = _period(admin, "2030-03")
    assert (march.state, march.approved_by) == ("open", None)
    assert {r.status for r in cm.list_lines(admin, "2030-03", 0, 10)} == {"accrued"}


def test_a_plan_changed_after_the_computation_must_be_recomputed_before_approval(
    admin, firm, login_as
):
    manager, finance = _roles(login_as)
    plan = firm.plan()
    cm.compute_period(finance, "2030-03")
    info = _plan(admin, plan)
    at_later = admin.clock
    admin.clock = lambda: at_later() + __import__("datetime").timedelta(hours=1)
    cp.save_plan(admin, cp.PlanInput(**{**info.as_input().__dict__, "flat_rate": M("0.2")}), plan)
    assert _period(admin, "2030-03").plans_changed
    with pytest.raises(ValidationError, match="plan changed"):
        cm.approve_period(manager, "2030-03")


def _lock(manager, finance, month):
    cm.compute_period(finance, month)
    cm.approve_period(manager, month)
    cm.lock_period(finance, month)


def test_a_late_payment_lands_in_the_next_open_period_pointing_at_its_month(admin, firm, login_as):
    manager, finance = _roles(login_as)
    firm.plan(trigger="payment", flat_rate=M("0.10"))
    firm.order("a", "WB-A", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    firm.invoice("inv", "INV-1", "jia", D(2030, 3, 31), "1000.00", orders=("a",))
    firm.pay("p1", "jia", D(2030, 4, 10), ("inv", "300.00"))
    _lock(manager, finance, "2030-04")
    before = lines(admin, "2030-04")
    # recorded after April was locked, dated in April
    firm.pay("p2", "jia", D(2030, 4, 28), ("inv", "200.00"))
    cm.compute_period(finance, "2030-05")
    assert lines(admin, "2030-04") == before == [("zhang", "30.00", "approved", "plan")]
    (late,) = cm.list_lines(admin, "2030-05", 0, 10)
    assert (late.amount, late.origin_month, late.source_date) == (
        M("20.00"),
        "2030-04",
        D(2030, 4, 28),
    )
    assert "locked before this was recorded" in explained(admin, "2030-05")
    # computing May again finds the same late line once
    cm.compute_period(finance, "2030-05")
    assert len(cm.list_lines(admin, "2030-05", 0, 10)) == 1


def test_a_correction_after_the_lock_is_a_new_line_at_the_original_rate(admin, firm, login_as):
    manager, finance = _roles(login_as)
    plan = firm.plan(flat_rate=M("0.10"))
    firm.order("a", "WB-A", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    _lock(manager, finance, "2030-03")
    (original,) = cm.list_lines(admin, "2030-03", 0, 10)
    # the plan goes up to 20% and the waybill's revenue is corrected to 1,200.00
    info = _plan(admin, plan)
    cp.save_plan(admin, cp.PlanInput(**{**info.as_input().__dict__, "flat_rate": M("0.2")}), plan)
    order = rv.list_orders(admin, 0, 10)[0]
    rv.update_order(
        admin,
        order.id,
        rv.OrderInput(
            "WB-A", firm["jia"], D(2030, 3, 5), M("1200.00"), salesperson_id=firm["zhang"]
        ),
    )
    cm.compute_period(finance, "2030-04")
    assert lines(admin, "2030-03") == [("zhang", "100.00", "approved", "plan")]
    (fix,) = cm.list_lines(admin, "2030-04", 0, 10)
    # the change of base, 200.00, at the original 10%: 20.00 (not 140.00 at the new rate)
    assert (fix.amount, fix.base, fix.clause, fix.ref_line_id, fix.origin_month) == (
        M("20.00"),
        M("200.00"),
        "correction",
        original.id,
        "2030-03",
    )


def test_one_audit_event_per_computation(admin, firm):
    firm.plan()
    for n in range(30):
        firm.order(f"o{n}", f"WB-{n}", "jia", D(2030, 3, 5), "100.00", salesperson="zhang")
    with admin.transaction() as s:
        before = s.scalar(select(func.max(AuditEvent.seq)))
    cm.compute_period(admin, "2030-03")
    with admin.transaction() as s:
        events = list(s.scalars(select(AuditEvent.action).where(AuditEvent.seq > before)))
    assert events.count("commissions.computed") == 1
    assert len(events) <= 2  # the summary, and the period row created on first computation


# --------------------------------------------------------------------------- plan editor rules


def test_plan_validation_refuses_overlapping_tiers_gaps_and_negative_rates(admin, firm):
    bad = (
        TierInput(M("100"), M("1000"), M("0.01")),  # does not start at 0
        TierInput(M("900"), M("2000"), M("-0.02")),  # overlaps, negative rate
        TierInput(M("2500"), M("3000"), M("0.03")),  # gap; last tier closed
    )
    with pytest.raises(ValidationErrors) as caught:
        firm.plan(rate_mode="tiered", tiers=bad)
    text = caught.value.message()
    for needle in ("start at 0", "overlap", "rate of tier 2 cannot be negative", "gap"):
        assert needle in text, needle
    assert "last tier" in text
    with pytest.raises(ValidationError, match="The flat rate cannot be negative"):
        firm.plan(flat_rate=M("-0.01"))
    with pytest.raises(ValidationError, match="A bound of tier 1 has more than two decimals"):
        firm.plan(rate_mode="tiered", tiers=(TierInput(M("0.001"), None, M("0.01")),))


def test_forfeiting_policies_carry_the_wages_warning(admin, firm):
    plan = firm.plan(window_rule="company", after_rule="pay_within", after_days=30)
    info = _plan(admin, plan)
    assert [w.clause for w in info.warnings] == ["window.company", "after.pay_within"]
    assert all(w.forfeits for w in info.warnings)
    assert "Commission is wages" in info.warnings[1].text()
    assert "30 days" in info.warnings[1].text()
    calm = _plan(admin, firm.plan("calm", window_rule="departing", after_rule="pay"))
    assert calm.warnings == ()


def test_settlement_of_the_departing_employee(admin, firm):
    """Earned (to pay with the final wages), forfeited and withheld pending collection."""
    firm.plan(
        trigger="payment",
        flat_rate=M("0.10"),
        window_rule="company",
        after_rule="pay_within",
        after_days=30,
    )
    firm.order("a", "WB-A", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    firm.order("w", "WB-W", "jia", D(2030, 3, 20), "400.00", salesperson="zhang")
    firm.invoice("inv", "INV-1", "jia", D(2030, 3, 31), "1400.00", orders=("a", "w"))
    # 700.00 of 1,400.00 (50%) paid on 2030-04-10: 50 x 10% on WB-A earned, 20 x 10% on the
    # window order forfeited; the other half waits for collection.
    firm.pay("p1", "jia", D(2030, 4, 10), ("inv", "700.00"))
    case = firm.depart()
    cm.compute_period(admin, "2030-03")
    from tests.services.commission_support import at

    at(admin, D(2030, 4, 20))
    result = cm.settlement(admin, case)
    assert result.totals["earned"] == M("50.00")
    assert result.totals["forfeited"] == M("20.00")
    assert result.to_pay == M("50.00")  # nothing clawed back
    (pending,) = result.group("withheld")
    # 50% of WB-A's 1,000.00 still to collect: about 50.00, paid if collected by 2030-05-15
    assert (pending.amount, pending.clause, pending.estimated) == (
        M("50.00"),
        "pending.pay_within",
        True,
    )
    assert pending.parts[0][1]["deadline"] == "2030-05-15"
    assert {w.clause for _, w in result.policy_warnings} >= {
        "window.company",
        "after.pay_within",
    }
    assert all(i.preview for i in result.group("earned"))  # April not computed: previewed


def test_an_invoice_billing_a_leavers_and_a_colleagues_waybills_counts_each_once(admin, firm):
    """One invoice for 丙 bills a waybill 张伟 sold in his handover window and one 赵敏 sold:
    张伟's needs the waybill-by-waybill rules, 赵敏's does not; paid in full, each earns
    10% of their own waybill once (before, 赵敏's was counted twice: summed and again)."""
    firm.plan(trigger="payment", flat_rate=M("0.10"))
    firm.order("a", "WB-A", "bing", D(2030, 3, 20), "1000", salesperson="zhang")
    firm.order("b", "WB-B", "bing", D(2030, 3, 21), "500", salesperson="zhao")
    firm.invoice("inv", "INV-9", "bing", D(2030, 3, 25), "1500", orders=("a", "b"))
    firm.depart()
    firm.pay("p", "bing", D(2030, 4, 10), ("inv", "1500"))
    cm.compute_period(admin, "2030-04")
    got = lines(admin, "2030-04")
    assert sorted(got) == [
        ("zhang", "100.00", "accrued", "window.departing"),
        ("zhao", "50.00", "accrued", "plan"),
    ]
