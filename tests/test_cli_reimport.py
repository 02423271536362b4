"""``baton import … --dry-run`` of a file imported before: the preview says how many rows are
new, updated and unchanged and what each updating row changes; the import then updates, never
duplicates."""

from __future__ import annotations

from pathlib import Path

from desktop.config import Paths
from tests.support import ADMIN_PASSWORD, make_vault, run_baton


def baton(paths: Paths, *args: str):
    return run_baton(paths.data_dir, *args, password=ADMIN_PASSWORD)


def test_a_follow_up_file_imported_twice(paths: Paths, tmp_path: Path):
    make_vault(paths, branches=("总部",))
    files = {
        "staff": "工号,姓名,岗位\nE001,张伟,销售经理\n",
        "customers": "客户编码,客户名称,业务员,分配日期\nC001,恒达,E001,2026-01-01\n",
    }
    for kind, text in files.items():
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        proc = baton(paths, "import", kind, str(tmp_path / f"{kind}.csv"))
        assert proc.returncode == 0, proc.stdout + proc.stderr
    head = "客户,跟进日期,跟进人,方式,跟进内容,下一步\n"
    first = tmp_path / "f1.csv"
    first.write_text(head + "C001,2026-10-03,E001,电话,确认发货,\n", encoding="utf-8")
    assert baton(paths, "import", "followups", str(first)).returncode == 0
    second = tmp_path / "f2.csv"
    second.write_text(
        head + "C001,2026-10-03,E001,电话,确认下周一发货,周五再确认\n"
        "C001,2026-10-09,E001,微信,发报价,\n",
        encoding="utf-8",
    )
    dry = baton(paths, "import", "followups", str(second), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "1 new, 1 updated, 0 unchanged" in dry.stdout
    assert "row 2: 2026-10-03 changes 跟进内容, 下一步" in dry.stdout
    assert "Nothing was changed" in dry.stdout
    done = baton(paths, "import", "followups", str(second))
    assert done.returncode == 0, done.stdout + done.stderr
    again = baton(paths, "import", "followups", str(second), "--dry-run")
    assert "0 new, 0 updated, 2 unchanged" in again.stdout
