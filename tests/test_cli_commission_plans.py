"""``baton commissions plan list|show|import|export`` — plans without the window — and a
computation that names the salespeople no plan covers."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.config import Paths
from desktop.services.commissions import plans
from desktop.services.imports import run_import
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton


def baton(paths: Paths, *args: str):
    return run_baton(paths.data_dir, *args, password=ADMIN_PASSWORD)


def test_plans_round_trip_through_json_and_uncovered_salespeople_are_named(paths, tmp_path):
    make_vault(paths, branches=("总部",))
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        staff = tmp_path / "staff.csv"
        staff.write_text(
            "工号,姓名,岗位,是否销售\nE001,张伟,销售经理,是\nE002,李娜,客户经理,是\n",
            encoding="utf-8",
        )
        run_import(ctx, "staff", staff)
    finally:
        ctx.close()

    proc = baton(paths, "commissions", "compute", "2026-10")
    assert proc.returncode == 0, proc.stderr
    assert "no commission plan covers 2 salespeople" in proc.stdout
    assert "张伟 (E001)" in proc.stdout and "李娜 (E002)" in proc.stdout

    assert "No commission plans" in baton(paths, "commissions", "plan", "list").stdout
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(
        json.dumps(
            {
                "name": "销售提成",
                "flat_rate": "0.05",
                "effective_from": "2026-01-01",
                "positions": ["销售经理"],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    proc = baton(paths, "commissions", "plan", "import", str(plan_file))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "销售提成" in proc.stdout and "created" in proc.stdout
    proc = baton(paths, "commissions", "plan", "import", str(plan_file))
    assert "replaced" in proc.stdout, "importing the same plan again never makes a second"
    listed = baton(paths, "commissions", "plan", "list").stdout
    assert listed.count("销售提成") == 1 and "1 positions" in listed

    out = tmp_path / "out.json"
    proc = baton(paths, "commissions", "plan", "export", "销售提成", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["flat_rate"] == "0.0500" or exported["flat_rate"].startswith("0.05")
    assert exported["positions"] == ["销售经理"] and exported["effective_from"] == "2026-01-01"
    assert "销售提成" in baton(paths, "commissions", "plan", "show", "销售提成").stdout

    proc = baton(paths, "commissions", "compute", "2026-10")
    assert "李娜 (E002)" in proc.stdout and "张伟 (E001)" not in proc.stdout

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "x", "positions": ["厨师"]}), encoding="utf-8")
    assert_one_line_error(
        baton(paths, "commissions", "plan", "import", str(bad)), 2, "no employee or position 厨师"
    )
    assert_one_line_error(
        baton(paths, "commissions", "plan", "show", "nope"), 2, "no commission plan nope"
    )
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        assert [p.name for p in plans.list_plans(ctx)] == ["销售提成"]
    finally:
        ctx.close()
    assert Path(out).exists()
