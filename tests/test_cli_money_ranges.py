"""``baton export`` of the money lists with ``--from``/``--to``: the file holds the rows of the
range, and the totals printed are those of the rows exported."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from desktop.config import Paths
from desktop.i18n import format_money
from desktop.services import money
from desktop.services.demo import generate_demo
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton

MARCH = {"since": date(2026, 3, 1), "until": date(2026, 3, 31)}


@pytest.fixture(scope="module")
def firm(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = Paths(tmp_path_factory.mktemp("money-ranges") / "vault")
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        generate_demo(ctx, "small", seed=7)
    finally:
        ctx.close()
    return paths


def baton(paths: Paths, *args: str):
    return run_baton(paths.data_dir, *args, password=ADMIN_PASSWORD)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_orders_of_a_month_and_their_totals(firm, tmp_path):
    out = tmp_path / "march.csv"
    proc = baton(
        firm, "export", "orders", "--out", str(out), "--from", "2026-03-01", "--to", "2026-03-31"
    )
    assert proc.returncode == 0, proc.stderr
    ctx = login(firm, "admin", ADMIN_PASSWORD)
    try:
        count = money.count_orders(ctx, "", MARCH)
        totals = money.total_orders(ctx, "", MARCH)
        every = money.count_orders(ctx)
    finally:
        ctx.close()
    assert 0 < count < every
    assert len(_rows(out)) == count
    assert f"Exported {count} rows (orders, csv)" in proc.stdout
    assert f"revenue {totals['revenue']}" in proc.stdout
    assert f"margin {totals['margin']}" in proc.stdout
    assert format_money(totals["revenue"])  # a real amount, not zero
    assert totals["revenue"] > 0


def test_receivables_and_payments_take_an_open_range_too(firm, tmp_path):
    for kind, flag in (("receivables", "--from"), ("payments", "--to")):
        out = tmp_path / f"{kind}.csv"
        proc = baton(firm, "export", kind, "--out", str(out), flag, "2026-06-30")
        assert proc.returncode == 0, proc.stderr
        ctx = login(firm, "admin", ADMIN_PASSWORD)
        try:
            filters = {"since" if flag == "--from" else "until": date(2026, 6, 30)}
            if kind == "receivables":
                count = money.count_receivables(ctx, "", filters)
                totals = money.total_receivables(ctx, "", filters)
                every = money.count_receivables(ctx)
            else:
                count = money.count_payments(ctx, filters)
                totals = money.total_payments(ctx, filters)
                every = money.count_payments(ctx)
        finally:
            ctx.close()
        assert 0 < count < every, kind
        assert len(_rows(out)) == count
        assert f"amount {totals['amount']}" in proc.stdout


def test_a_bad_range_is_refused_in_one_line_and_writes_nothing(firm, tmp_path):
    out = tmp_path / "x.csv"
    # A date that is no date is argparse's refusal (usage, then the reason).
    proc = baton(firm, "export", "orders", "--from", "2026-13-01", "--out", str(out))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "not a date (YYYY-MM-DD): 2026-13-01" in proc.stderr
    cases = [
        (("orders", "--from", "2026-04-01", "--to", "2026-03-01"), "is after --to"),
        (("customers", "--from", "2026-03-01"), "no date range"),
        (("staff", "--to", "2026-03-01"), "no date range"),
        (("aging", "--to", "2026-03-01"), "no date range"),
    ]
    for args, needle in cases:
        proc = baton(firm, "export", *args, "--out", str(out))
        assert_one_line_error(proc, 2, needle)
        assert not out.exists()
