"""Issue 17: a month's commission lines are what the engine computed before (same lines, same
fen, same explanations), on a demo firm with the standard plan, for every month it has."""

from __future__ import annotations

from collections import defaultdict

import pytest
from sqlalchemy import func, select

from desktop.models.commissions import CommissionLine, CommissionPeriod
from desktop.models.orders import Order
from desktop.services import commissions, demo
from desktop.services.commissions.compute import _COLUMNS, _LINES
from desktop.services.dates import shift_month
from tests.services import commission_reference


@pytest.fixture
def firm(admin):
    demo.generate_demo(admin, "small", commission_plan=True)
    return admin


def stored(ctx, month: str) -> list[tuple[int, tuple]]:
    with ctx.read() as s:
        period = s.scalar(select(CommissionPeriod.id).where(CommissionPeriod.month == month))
        rows = s.connection().execute(
            select(_LINES.c.id, *(_LINES.c[c] for c in _COLUMNS))
            .where(_LINES.c.period_id == period)
            .order_by(_LINES.c.id)
        )
        return [(r[0], tuple(r[1:])) for r in rows]


def test_every_month_has_the_lines_the_old_engine_gave(firm):
    with firm.read() as s:
        first = s.scalar(select(func.min(Order.order_date)))
    month, last = f"{first:%Y-%m}", f"{firm.today():%Y-%m}"
    months = []
    while month <= last:
        months.append(month)
        month = shift_month(month, 1)
    total = 0
    for month in months:
        # The oracle numbers lines as the engine did, before this month is written.
        with firm.read() as s:
            period = s.scalar(select(CommissionPeriod.id).where(CommissionPeriod.month == month))
            expected = commission_reference.month_rows(s, month, period or -1, defaultdict(list))
        result = commissions.compute_period(firm, month)
        got = stored(firm, month)
        assert sorted(got) == sorted(expected), month
        assert result.lines == len(expected)
        total += len(expected)
    assert len(months) >= 12 and total > 1000
    # Written without SQLite looking each reference up (all read in the same transaction):
    # every one of them points at a row that exists.
    with firm.read() as s:
        if s.get_bind().dialect.name == "sqlite":
            check = s.connection().exec_driver_sql("PRAGMA foreign_key_check(commission_line)")
            assert check.fetchall() == []
    # Computing again writes nothing and keeps every line.
    again = commissions.compute_period(firm, months[-2])
    assert again.written == 0
    with firm.read() as s:
        assert s.scalar(select(func.count()).select_from(CommissionLine)) == total
