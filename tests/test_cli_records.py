"""``baton import`` and ``baton export`` as an administrator's script runs them."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.config import Paths
from desktop.models.customers import Customer
from desktop.models.staff import Employee
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton

STAFF = (
    "工号,姓名,分公司,部门,岗位,入职日期,状态,是否销售\n"
    "E001,张伟,上海,销售部,销售经理,2015/3/1,在职,是\n"
    "E002,李娜,深圳,销售部,销售代表,2019年7月15日,在职,是\n"
)
CUSTOMERS = "客户编码,客户名称,业务员,信用额度\nC001,恒达,E001,100\nC002,华南,E002,200\n"
BAD_CUSTOMERS = (
    "客户编码,客户名称,业务员,信用额度\nC101,甲,E001,100\nC102,乙,E404,100\nC101,丙,,abc\n"
)


def counts(paths: Paths) -> tuple[int, int]:
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        with ctx.transaction() as s:
            return (
                s.scalar(select(func.count()).select_from(Employee)),
                s.scalar(select(func.count()).select_from(Customer)),
            )
    finally:
        ctx.close()


@pytest.fixture
def vault_dir(paths: Paths, tmp_path: Path) -> Paths:
    make_vault(paths)
    (tmp_path / "staff.csv").write_text(STAFF, encoding="utf-8")
    (tmp_path / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(BAD_CUSTOMERS, encoding="utf-8")
    return paths


def baton(paths: Paths, *args: str):
    return run_baton(paths.data_dir, *args, password=ADMIN_PASSWORD)


def test_import_prints_counts_and_exits_0(vault_dir, tmp_path):
    dry = baton(vault_dir, "import", "staff", str(tmp_path / "staff.csv"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "staff.csv: 2 rows" in dry.stdout and "工号 → employee_no" in dry.stdout
    assert "new branch 深圳 ×" in dry.stdout, "the preview names what the file would create"
    assert "Nothing was changed" in dry.stdout
    assert counts(vault_dir) == (0, 0)

    proc = baton(vault_dir, "import", "staff", str(tmp_path / "staff.csv"))
    assert proc.returncode == 0, proc.stderr
    assert "employees 2" in proc.stdout
    proc = baton(vault_dir, "import", "customers", str(tmp_path / "customers.csv"))
    assert proc.returncode == 0, proc.stderr
    assert "customers 2" in proc.stdout and "assignments 2" in proc.stdout
    assert counts(vault_dir) == (2, 2)


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_rejected_file_exits_2_with_the_errors_and_a_report(vault_dir, tmp_path, dry_run):
    assert baton(vault_dir, "import", "staff", str(tmp_path / "staff.csv")).returncode == 0
    report = tmp_path / "report.csv"
    args = ["import", "customers", str(tmp_path / "bad.csv"), "--report", str(report)]
    proc = baton(vault_dir, *args, *(["--dry-run"] if dry_run else []))
    assert_one_line_error(proc, 2, "nothing was imported")
    assert "row 3, column 业务员, value E404: no employee" in proc.stdout
    assert "row 4, column 客户编码, value C101: duplicate of row 2" in proc.stdout
    assert "row 4, column 信用额度, value abc: not an amount" in proc.stdout
    lines = list(csv.reader(report.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0] == ["row", "column", "value", "reason"] and len(lines) == 4
    assert counts(vault_dir) == (2, 0), "all or nothing"


def test_import_usage_errors(vault_dir, tmp_path):
    (tmp_path / "map.json").write_text("not json", encoding="utf-8")
    proc = baton(
        vault_dir,
        "import",
        "customers",
        str(tmp_path / "customers.csv"),
        "--mapping",
        str(tmp_path / "map.json"),
    )
    assert_one_line_error(proc, 2, "not a JSON mapping file")
    proc = baton(vault_dir, "import", "customers", str(tmp_path / "missing.csv"))
    assert_one_line_error(proc, 2, "cannot be opened")


def test_export_writes_the_file_and_its_hash(vault_dir, tmp_path):
    for kind in ("staff", "customers"):
        assert baton(vault_dir, "import", kind, str(tmp_path / f"{kind}.csv")).returncode == 0
    out = tmp_path / "out.xlsx"
    proc = baton(vault_dir, "export", "customers", "--out", str(out), "--search", "恒")
    assert proc.returncode == 0, proc.stderr
    assert f"Exported 1 rows (customers, xlsx) to {out}" in proc.stdout
    assert hashlib.sha256(out.read_bytes()).hexdigest() in proc.stdout
    proc = baton(vault_dir, "export", "payments", "--out", str(tmp_path / "p.csv"), "--search", "x")
    assert_one_line_error(proc, 2, "no search")
    proc = baton(vault_dir, "export", "orders", "--out", str(tmp_path / "o.txt"))
    assert_one_line_error(proc, 2, ".xlsx or .csv")
    assert not (tmp_path / "o.txt").exists()
