"""The incremental sweep (issue 13): a sweep leaves out the rules that look at data alone when
nothing they read changed since the last sweep, and still finds what a full sweep finds.
Real SQLCipher vault (and PostgreSQL with ``--db=postgresql``), records written through the
services."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services import alerts, customers, followups
from desktop.services.alerts import AlertFilter
from desktop.services.alerts.incremental import DATA_RULES
from desktop.services.customers import ContactInput, CustomerInput
from tests.services.departure_support import build_firm, new_id
from tests.services.test_alerts_rules import order

D = date


@pytest.fixture
def firm(admin):
    return build_firm(admin)


def found(ctx, rule: str) -> list[alerts.AlertRow]:
    return alerts.list_alerts(ctx, AlertFilter(rule=rule))


def test_a_sweep_over_unchanged_data_leaves_out_the_data_rules(admin, firm):
    first = alerts.sweep(admin)
    assert first.skipped == ()  # no sweep before: every rule runs
    again = alerts.sweep(admin)
    assert set(again.skipped) == set(DATA_RULES)
    assert again.total == 0
    # Every rule still answers (0 new), so the CLI and the page list them all.
    assert set(again.raised) == set(first.raised)
    # A full sweep runs them all and finds nothing more.
    full = alerts.sweep(admin, full=True)
    assert full.skipped == () and full.total == 0


def test_a_change_no_hook_sees_is_found_by_the_next_incremental_sweep(admin, firm):
    """A customer loses its credit code and contact after its orders were written: no order
    hook runs, but the customer tables changed, so the incremental sweep runs
    incomplete_customer and raises it; a sweep with nothing changed leaves it out."""
    data = CustomerInput(
        "C300",
        "客户C300",
        credit_code="91350100M000100Y43",
        contacts=(ContactInput("王经理", phone="13800000000"),),
    )
    cid = new_id(customers.create_customer(admin, data, firm["zhao"], D(2029, 1, 1)))
    order(admin, firm, "WB-300", cid, D(2030, 3, 1), salesperson="zhao")
    alerts.sweep(admin)
    assert "incomplete_customer" in alerts.sweep(admin).skipped
    assert [a for a in found(admin, "incomplete_customer") if a.subject_id == cid] == []
    customers.update_customer(
        admin, cid, CustomerInput("C300", "客户C300", credit_code=None, contacts=())
    )
    assert [a for a in found(admin, "incomplete_customer") if a.subject_id == cid] == []
    swept = alerts.sweep(admin)
    assert "incomplete_customer" not in swept.skipped
    (alert,) = [a for a in found(admin, "incomplete_customer") if a.subject_id == cid]
    assert alert.evidence["missing"] == ["credit_code", "contact"]
    again = alerts.sweep(admin)
    assert "incomplete_customer" in again.skipped and again.total == 0
    assert alerts.sweep(admin, full=True).total == 0


def test_incremental_equals_full_after_each_kind_of_change(admin, firm):
    """After writes of each kind (orders, a customer edit, follow-ups, an ownership move) the
    incremental sweep raises what it must: a full sweep right after adds nothing."""
    alerts.sweep(admin)
    steps = [
        lambda: order(admin, firm, "WB-310", "wu", D(2030, 3, 1), "100.00", salesperson="zhao"),
        lambda: customers.update_customer(
            admin,
            firm["wu"],
            CustomerInput(
                customers.get_customer(admin, firm["wu"]).code,
                customers.get_customer(admin, firm["wu"]).name,
                credit_code=None,
                contacts=(),
            ),
        ),
        lambda: followups.add_followup(
            admin, firm["wu"], D(2030, 3, 3), "phone", "客户询问报价", employee_id=firm["zhao"]
        ),
        lambda: customers.reassign(admin, firm["yi"], firm["li"], D(2030, 2, 1)),
    ]
    for step in steps:
        step()
        incremental = alerts.sweep(admin)
        assert alerts.sweep(admin, full=True).total == 0, incremental
