"""``baton alerts`` and ``baton risk`` on a small demo vault: the JSON shapes scripts rely on,
reasons required, one-line errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.config import Paths
from desktop.models.departures import DepartureCase
from desktop.models.staff import Employee
from desktop.services import demo
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory) -> Iterator[tuple[Paths, str, str]]:
    paths = Paths(tmp_path_factory.mktemp("cli-alerts") / "vault")
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        summary = demo.generate_demo(ctx, "small")
        with ctx.transaction() as s:
            employee_no = s.scalar(
                select(Employee.employee_no).where(Employee.id == summary.top_salesperson_id)
            )
            case = s.scalar(select(DepartureCase.number).order_by(DepartureCase.id).limit(1))
    finally:
        ctx.close()
    yield paths, employee_no, case


def baton(paths: Paths, *args: str):
    return run_baton(paths.data_dir, *args, password=ADMIN_PASSWORD)


def test_sweep_list_resolve_dismiss(demo_vault):
    paths, _no, _case = demo_vault
    first = baton(paths, "alerts", "sweep", "--json")
    assert first.returncode == 0, first.stderr
    raised = json.loads(first.stdout)
    assert raised["total"] > 0
    again = json.loads(baton(paths, "alerts", "sweep", "--json").stdout)
    assert again["total"] == 0
    listed = baton(paths, "alerts", "list", "--open", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert isinstance(rows, list) and len(rows) == raised["total"]
    for row in rows:
        assert {"id", "rule", "severity", "status", "subject", "evidence"} <= set(row)
        assert row["status"] == "open" and isinstance(row["evidence"], dict)
        assert {"kind", "id", "name"} <= set(row["subject"])
    one, two = rows[0]["id"], rows[1]["id"]
    missing = baton(paths, "alerts", "resolve", str(one))
    assert missing.returncode == 2 and "--reason" in missing.stderr
    empty = baton(paths, "alerts", "dismiss", str(one), "--reason", " ")
    assert_one_line_error(empty, 2, "Give a reason")
    done = baton(paths, "alerts", "resolve", str(one), "--reason", "客户已确认，属正常业务")
    assert done.returncode == 0 and "resolved" in done.stdout
    done = baton(paths, "alerts", "dismiss", str(two), "--reason", "not a concern")
    assert done.returncode == 0 and "dismissed" in done.stdout
    left = json.loads(baton(paths, "alerts", "list", "--open", "--json").stdout)
    assert {r["id"] for r in left} == {r["id"] for r in rows} - {one, two}
    unknown = baton(paths, "alerts", "resolve", "999999", "--reason", "whatever")
    assert_one_line_error(unknown, 2, "There is no alert 999999")


def _check_shape(data: dict) -> None:
    assert {"score", "level", "factors"} <= set(data)
    total = Decimal(0)
    for f in data["factors"]:
        assert set(f) >= {"name", "value", "threshold", "weight", "contribution", "explanation"}
        total += Decimal(f["contribution"])
    assert total == Decimal(data["score"])
    assert sum(f["weight"] for f in data["factors"]) == 100


def test_risk_of_an_employee_and_of_a_case_as_json(demo_vault):
    paths, employee_no, case = demo_vault
    got = baton(paths, "risk", "--employee", employee_no, "--json")
    assert got.returncode == 0, got.stderr
    _check_shape(json.loads(got.stdout))
    text = baton(paths, "risk", "--employee", employee_no)
    assert text.returncode == 0 and "not a finding about the person" in text.stdout
    if case is not None:
        got = baton(paths, "risk", case, "--json")
        assert got.returncode == 0, got.stderr
        _check_shape(json.loads(got.stdout))
    both = baton(paths, "risk")
    assert_one_line_error(both, 2, "Name either a departure case or --employee")
    nobody = baton(paths, "risk", "--employee", "NOPE-1")
    assert nobody.returncode != 0 and "NOPE-1" in nobody.stderr
