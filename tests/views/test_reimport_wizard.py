"""The import wizard's preview of a re-import: how many rows are new, updated and unchanged,
and what each updating row changes, named by the file's own headers; a file with problems and
a total row is summed up without a crash."""

from __future__ import annotations

from datetime import date

from desktop.services.imports import run_import
from tests.services.test_reimport_money import csv, xlsx
from tests.services.test_reimport_money import firm as firm
from tests.views.test_import_wizard_real_files import open_wizard, to_mapping


def _preview_text(qtbot, wizard) -> str:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=10000)
    return wizard.preview_page.summary.text()


def test_the_preview_names_what_a_re_import_changes(qtbot, firm, tmp_path):
    run_import(
        firm,
        "receivables",
        csv(tmp_path / "i.csv", "发票号,客户,开票日期,金额\nINV-1,C001,2026-10-05,1000\n"),
    )
    head = "客户,回款日期,回款金额,流水号,收款方式\n"
    run_import(firm, "payments", csv(tmp_path / "p1.csv", head + "C001,2026-10-20,300,B-1,转账\n"))
    again = xlsx(
        tmp_path / "p2.xlsx",
        [
            ["客户", "回款日期", "回款金额", "流水号", "收款方式"],
            ["C001", date(2026, 10, 20), 300, "B-1", "承兑"],
            ["C001", date(2026, 10, 21), 100, "B-2", "转账"],
        ],
    )
    wizard = open_wizard(qtbot, firm, "payments")
    to_mapping(qtbot, wizard, again)
    text = _preview_text(qtbot, wizard)
    assert "ready to import" in text and "have problems" not in text
    assert "1 new, 1 updated, 0 unchanged" in text
    assert "Row 2: B-1 — 收款方式 change(s)." in text
    assert wizard.preview_page.isComplete()


def test_a_file_with_problems_and_a_total_row_is_summed_up(qtbot, firm, tmp_path):
    bad = csv(
        tmp_path / "bad.csv",
        "客户,回款日期,回款金额,流水号\nC404,2026-10-20,300,B-9\n合计,,300,\n",
    )
    wizard = open_wizard(qtbot, firm, "payments")
    to_mapping(qtbot, wizard, bad)
    text = _preview_text(qtbot, wizard)
    assert "1 of 1 rows have problems" in text and "skipped" in text
    assert not wizard.preview_page.isComplete()
