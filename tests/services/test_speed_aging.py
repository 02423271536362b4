"""Issue 17: the aging report reads the open receivables through an index and adds up in
integers — and says exactly what it said before, on a demo firm, on many days and filters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop.models.orders import Receivable
from desktop.services import business_settings as bs
from desktop.services import demo
from desktop.services import money as rv
from desktop.services.money.aging import _aging_query
from tests.services import aging_reference

DAYS_BACK = (0, 1, 17, 45, 90, 200, 365, 800, 2000)


@pytest.fixture
def firm(admin):
    demo.generate_demo(admin, "small")
    return admin


def both(ctx, as_of, filters=None):
    with ctx.read() as s:
        new = rv.aging_in(ctx, s, as_of, filters)
        old = aging_reference.aging_in(ctx, s, as_of, filters)
    return new, old


def test_aging_is_unchanged_on_every_day_basis_and_mode(firm):
    today = firm.today()
    with firm.read() as s:
        written_off = s.scalars(
            select(Receivable.written_off_on).where(Receivable.written_off_on.is_not(None))
        ).all()
    # Days around the write-offs too: a report before one still counts it as open.
    days = {today - timedelta(days=d) for d in DAYS_BACK}
    days |= {w - timedelta(days=1) for w in written_off[:5]}
    assert written_off, "the demo writes some invoices off"
    compared = 0
    for basis, mode in (
        (bs.BASIS_DUE, bs.MODE_LADDER),
        (bs.BASIS_ISSUED, bs.MODE_LADDER),
        (bs.BASIS_DUE, bs.MODE_NONE),
    ):
        bs.set(firm, bs.AGING_BASIS, basis)
        bs.set(firm, bs.PROVISION_MODE, mode)
        for day in sorted(days):
            new, old = both(firm, day)
            assert new == old, (basis, mode, day)
            compared += old.receivables
    assert compared > 1000  # the comparison saw real books, not empty reports


def test_aging_filters_are_unchanged(firm):
    today = firm.today()
    with firm.read() as s:
        busiest = s.execute(
            select(Receivable.salesperson_id, Receivable.customer_id)
            .group_by(Receivable.salesperson_id, Receivable.customer_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
    person, customer = busiest
    for filters in (
        {"salesperson_id": person},
        {"customer_id": customer},
        {"responsible_id": person},
        {"owner_id": person},
        {"branch_id": 1},
    ):
        for day in (today, today - timedelta(days=120)):
            new, old = both(firm, day, filters)
            assert new == old, (filters, day)
    assert both(firm, today, {"responsible_id": person})[0].receivables > 0


@pytest.mark.sqlcipher("the demo writes ids without moving PostgreSQL's sequences")
def test_a_payment_after_the_day_still_counts_as_open_on_it(firm):
    """The report of a past day subtracts from today's paid what came in after that day."""
    today = firm.today()
    with firm.read() as s:
        row = s.scalars(
            select(Receivable)
            .where(Receivable.amount > Receivable.paid + Receivable.written_off)
            .where(Receivable.issued_on < today - timedelta(days=40))
            .order_by(Receivable.id)
            .limit(1)
        ).one()
        rid, cid, left = row.id, row.customer_id, row.outstanding
    before = rv.age_receivables(firm, today - timedelta(days=10))
    before_today = rv.age_receivables(firm, today)
    rv.record_payment(
        firm, rv.PaymentInput(cid, today, left, "bank", allocations=(rv.Allocation(rid, left),))
    )
    assert rv.age_receivables(firm, today - timedelta(days=10)) == before
    now = rv.age_receivables(firm, today)
    assert now.receivables == before_today.receivables - 1
    assert now.outstanding == before_today.outstanding - left
    new, old = both(firm, today - timedelta(days=10))
    assert new == old
    new, old = both(firm, today)
    assert new == old


@pytest.mark.sqlcipher("the query plan is SQLite's")
def test_the_report_reads_open_receivables_through_their_index(firm):
    with firm.read() as s:
        query = _aging_query(firm, s, firm.today(), None)
        compiled = query.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
        plan = " | ".join(
            row[3] for row in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
        )
    assert "ix_receivable_open" in plan, plan
    assert "SCAN receivable" not in plan, plan
