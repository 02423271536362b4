"""``baton --self-test``: prove an installed copy works, in a throwaway vault.

Creates a vault, writes and reads a record, backs up, checks integrity and the audit chain,
logs in again, renders a PDF with the embedded font, and starts Qt offscreen.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop.config import Paths


def run_self_test(say: Callable[[str], None]) -> int:
    os.environ.setdefault("BATON_KDF_PROFILE", "fast")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="baton-selftest-") as tmp:
        paths = Paths(Path(tmp) / "vault")
        from desktop.models.organisation import Branch
        from desktop.reports.recovery_sheet import recovery_sheet_pdf
        from desktop.services.login import login
        from desktop.services.maintenance import backup_now, check_health
        from desktop.services.setup import initialize

        result = initialize(
            paths, "自检公司 Self-test Co.", ["上海"], "admin", "Admin", "self-test-pw"
        )
        ctx = result.ctx
        with ctx.transaction() as s:
            s.add(Branch(code="ST", name="自检网点"))
        say("vault created and written: ok")
        header = backup_now(ctx)
        say(f"backup written and verified: ok ({header.size} bytes)")
        report = check_health(ctx)
        if not report.ok:
            say(f"integrity: FAILED {report.integrity_problems} {report.chain.reason}")
            return 1
        say(f"integrity and audit chain: ok ({report.chain.events} events)")
        ctx.close()
        ctx = login(paths, "admin", "self-test-pw")
        with ctx.transaction() as s:
            from sqlalchemy import select

            names = list(s.scalars(select(Branch.name)))
        ctx.close()
        if "自检网点" not in names:
            say("re-open: FAILED (record missing)")
            return 1
        say("re-open with password: ok")
        pdf = recovery_sheet_pdf(
            "自检", paths.data_dir, result.db_id, result.recovery_key, ctx.now()
        )
        if not pdf.startswith(b"%PDF") or b"FontFile2" not in pdf:
            say("PDF with embedded font: FAILED")
            return 1
        say(f"PDF with embedded font: ok ({len(pdf)} bytes)")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication, QLabel

        app = QApplication.instance() or QApplication([])
        label = QLabel("交接 Baton")
        label.show()
        label.close()
        del app
        say("Qt widgets (offscreen): ok")
    except Exception as exc:  # report, do not crash: the bundle may lack a plugin
        say(f"Qt widgets: FAILED ({exc})")
        return 1
    say(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0
