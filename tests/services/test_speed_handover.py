"""Issue 17: the handover list reads a leaver's open invoices and waybills through partial
indexes — and lists exactly what the old reads listed (every invoice sold by them or of a
customer they own with something outstanding; every waybill of theirs not yet invoiced)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select

from desktop.models.customers import CustomerAssignment
from desktop.models.departures import DepartureCase, HandoverItem
from desktop.models.orders import Order, Receivable
from desktop.services import demo, departures, handover, money
from desktop.services.scope import covers
from tests.services import handover_reference
from tests.support import submitted_by_baton


@pytest.fixture
def firm(admin):
    demo.generate_demo(admin, "small")
    return admin


def top_salesperson(ctx) -> int:
    with ctx.read() as s:
        owner = CustomerAssignment.employee_id
        return s.scalar(
            select(owner)
            .where(covers(ctx.today()))
            .group_by(owner)
            .order_by(func.count().desc(), owner)
            .limit(1)
        )


def test_the_generated_list_is_what_the_old_reads_found(firm):
    top = top_salesperson(firm)
    today = firm.today()
    with firm.read() as s:
        # The reads as they were before the partial indexes.
        old_receivables = set(
            s.scalars(
                select(Receivable.id).where(
                    money.outstanding_fen() > 0,
                    Receivable.id.in_(handover.leaver_receivables(top, today)),
                )
            )
        )
        old_orders = set(
            s.scalars(
                select(Order.id).where(
                    Order.salesperson_id == top,
                    Order.status.in_(handover.OPEN_ORDER_STATUSES),
                )
            )
        )
    assert old_receivables and old_orders, "the demo's top salesperson leaves both behind"
    case = departures.CaseInput(top, today + timedelta(days=30))
    (case_id,) = departures.start_case(firm, case).ids
    departures.submit(submitted_by_baton(firm), case_id)
    departures.approve(firm, case_id)
    with firm.read() as s:
        items = s.execute(
            select(HandoverItem.receivable_id, HandoverItem.order_id).where(
                HandoverItem.case_id == case_id
            )
        ).all()
    assert {r for r, _ in items if r is not None} == old_receivables
    assert {o for _, o in items if o is not None} == old_orders
    risks = departures.get_case(firm, case_id).risks
    assert risks.open_receivables == len(old_receivables)


@pytest.mark.sqlcipher("the query plans are SQLite's")
def test_open_orders_and_receivables_are_read_through_their_indexes(firm):
    top = top_salesperson(firm)
    with firm.read() as s:

        def plan(query) -> str:
            sql = query.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
            rows = s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
            return " | ".join(row[3] for row in rows)

        # The columns the generation reads (the number is in no other index).
        orders = plan(
            select(Order.id, Order.number, Order.customer_id, Order.revenue)
            .where(handover.open_orders_of(top))
            .order_by(Order.order_date, Order.id)
        )
        receivables = plan(
            select(Receivable.id).where(handover.leaver_open_receivables(top, firm.today()))
        )
    assert "ix_waybill_open_salesperson" in orders, orders
    assert "SCAN receivable" not in receivables, receivables


class _RollBack(Exception):
    pass


# Everything but the id and the moments of writing (the two generations run apart).
ITEM_COLUMNS = [
    c for c in HandoverItem.__table__.c if c.name not in ("id", "created_at", "updated_at")
]


def _items(s, case_id: int) -> list[tuple]:
    return [
        tuple(row)
        for row in s.execute(
            select(*ITEM_COLUMNS).where(HandoverItem.case_id == case_id).order_by(HandoverItem.id)
        )
    ]


def test_set_based_generation_gives_the_old_items_in_the_old_order(firm):
    top = top_salesperson(firm)
    case = departures.CaseInput(top, firm.today() + timedelta(days=30))
    (case_id,) = departures.start_case(firm, case).ids
    departures.submit(submitted_by_baton(firm), case_id)
    departures.approve(firm, case_id)
    with firm.read() as s:
        new = _items(s, case_id)
    old: list[tuple] = []
    with pytest.raises(_RollBack), firm.transaction() as s:
        s.execute(delete(HandoverItem).where(HandoverItem.case_id == case_id))
        the_case = s.get(DepartureCase, case_id)
        handover_reference.generate_in(firm, s, the_case)
        old.extend(_items(s, case_id))
        raise _RollBack
    assert len(new) > 100
    assert new == old
    # Generating again adds nothing: every ref is there already.
    assert handover.refresh_items(firm, case_id) is not None
    with firm.read() as s:
        assert _items(s, case_id) == new
