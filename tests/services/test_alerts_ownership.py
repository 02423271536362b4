"""backdated_ownership through the import path (issue 13, rule 12): an imported change of
owner dated before the last order naming the owner it ends raises the alert in the import's
own unit of work; one dated on that order's day does not; a sweep adds no duplicate. The
typed path refuses such a change outright (customers/guards.py, tested in
test_alerts_rules.py)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.models.customers import CustomerAssignment
from desktop.services import alerts
from desktop.services.alerts import AlertFilter
from desktop.services.imports import run_import
from tests.services.departure_support import build_firm

D = date


@pytest.fixture
def firm(admin):
    return build_firm(admin)


def found(ctx) -> list[alerts.AlertRow]:
    return alerts.list_alerts(ctx, AlertFilter(rule="backdated_ownership"))


def ownership_file(tmp_path, name: str, rows: str):
    path = tmp_path / name
    path.write_text("客户,业务员,开始日期\n" + rows, encoding="utf-8")
    return path


def test_an_imported_change_dated_before_the_owners_last_order_raises_the_alert(
    admin, firm, tmp_path
):
    # 乙化工's last live order naming 张伟 is WB-2 on 2030-01-05: a change dated that very
    # day is not before it (the typed path accepts it too) and raises nothing.
    result = run_import(
        admin, "assignments", ownership_file(tmp_path, "a.csv", "C002,S002,2030-01-05\n")
    )
    assert result.inserted["assignments"] == 1
    assert found(admin) == []
    # 甲电子's WB-1 (2030-02-25) names 张伟: the import moves it to 李娜 from 2030-02-24, a
    # day before. The import lands (history is imported as it was) and the alert is raised
    # in the same unit of work, before any sweep.
    run_import(admin, "assignments", ownership_file(tmp_path, "b.csv", "C001,S002,2030-02-24\n"))
    (alert,) = found(admin)
    assert (alert.subject_kind, alert.subject_id) == ("customer", firm["jia"])
    assert alert.employee_id == firm["zhang"]
    assert alert.evidence["ended_on"] == "2030-02-24"
    assert alert.evidence["last_order"] == "2030-02-25"
    assert alert.evidence["orders_after"] == 1
    with admin.read() as s:
        ended = s.scalar(
            select(CustomerAssignment.id).where(
                CustomerAssignment.customer_id == firm["jia"],
                CustomerAssignment.employee_id == firm["zhang"],
            )
        )
    assert alert.window_key == f"asg{ended}"
    # No duplicate: neither the incremental sweep nor a full one adds anything.
    assert alerts.sweep(admin).raised.get("backdated_ownership", 0) == 0
    assert alerts.sweep(admin, full=True).raised.get("backdated_ownership", 0) == 0
    assert [a.id for a in found(admin)] == [alert.id]


def test_the_sweep_finds_an_imported_backdated_change_when_the_rule_was_off(admin, firm, tmp_path):
    """With the rule off at import time, the next sweep (the import's own audit event makes
    every rule run) finds it; once."""
    alerts.update_rule(admin, "backdated_ownership", enabled=False)
    alerts.sweep(admin)
    run_import(admin, "assignments", ownership_file(tmp_path, "c.csv", "C001,S002,2030-02-24\n"))
    assert found(admin) == []
    alerts.update_rule(admin, "backdated_ownership", enabled=True)
    first = alerts.sweep(admin)
    assert first.raised["backdated_ownership"] == 1
    assert alerts.sweep(admin).raised.get("backdated_ownership", 0) == 0
    assert len(found(admin)) == 1
