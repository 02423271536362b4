"""``baton commissions`` on a small demo vault: compute a month, write a statement as PDF and
XLSX, refuse what is wrong in one line."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.config import Paths
from desktop.services import commissions, demo
from desktop.services.commissions import plans as commission_plans
from desktop.services.login import login
from tests.support import ADMIN_PASSWORD, assert_one_line_error, make_vault, run_baton


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory) -> Iterator[tuple[Paths, str, str]]:
    """A small demo firm under the standard plan; the month with most payments and the
    salesperson with most commission in it."""
    paths = Paths(tmp_path_factory.mktemp("cli-commissions") / "vault")
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        demo.generate_demo(ctx, "small")
        commission_plans.save_plan(
            ctx, commission_plans.standard_plan(ctx, "标准回款提成", date(2000, 1, 1))
        )
        month = commissions.previous_month(commissions.previous_month(f"{ctx.today():%Y-%m}"))
        commissions.compute_period(ctx, month)
        top = commissions.list_lines(ctx, month, 0, 1, sort="amount", descending=True)[0]
        employee_no = top.employee_no
        # the CLI computes it again below; start from an uncomputed month for that
    finally:
        ctx.close()
    yield paths, month, employee_no


def statement(
    paths: Paths, employee_no: str, month: str, out: Path
) -> subprocess.CompletedProcess[str]:
    """``baton commissions statement EMPLOYEE MONTH --out OUT`` as the administrator."""
    return run_baton(
        paths.data_dir,
        "commissions",
        "statement",
        employee_no,
        month,
        "--out",
        str(out),
        password=ADMIN_PASSWORD,
    )


def test_compute_prints_the_month_and_its_totals(demo_vault):
    paths, month, _ = demo_vault
    proc = run_baton(paths.data_dir, "commissions", "compute", month, password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert f"Commissions {month}:" in proc.stdout and "payable" in proc.stdout
    assert "accrued" in proc.stdout


def test_statement_as_pdf_and_xlsx(demo_vault, tmp_path):
    paths, month, employee_no = demo_vault
    pdf = tmp_path / "s.pdf"
    proc = statement(paths, employee_no, month, pdf)
    assert proc.returncode == 0, proc.stderr
    assert "Statement CS" in proc.stdout
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "提成结算单" in text and employee_no in text
    assert "方案" in text, "explanations are in Chinese by default"
    xlsx = tmp_path / "s.xlsx"
    proc = statement(paths, employee_no, month, xlsx)
    assert proc.returncode == 0, proc.stderr
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert any(isinstance(r[0], int) for r in rows)


def test_written_statements_pass_verify_document_and_fail_after_one_byte(demo_vault, tmp_path):
    paths, month, employee_no = demo_vault
    for name in ("v.pdf", "v.xlsx"):
        target = tmp_path / name
        assert statement(paths, employee_no, month, target).returncode == 0
        ok = run_baton(paths.data_dir, "verify-document", str(target), password=ADMIN_PASSWORD)
        assert ok.returncode == 0 and "unchanged" in ok.stdout, ok.stdout + ok.stderr
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0x01
        target.write_bytes(bytes(data))
        bad = run_baton(paths.data_dir, "verify-document", str(target), password=ADMIN_PASSWORD)
        assert bad.returncode == 1 and "Not verified" in bad.stdout


def test_mistakes_are_one_line_errors(demo_vault, tmp_path):
    paths, month, employee_no = demo_vault
    proc = statement(paths, "NOBODY", month, tmp_path / "x.pdf")
    assert_one_line_error(proc, 2, "NOBODY")
    proc = statement(paths, employee_no, month, tmp_path / "x.doc")
    assert_one_line_error(proc, 2, ".pdf or .xlsx")
    proc = run_baton(paths.data_dir, "commissions", "compute", "2026-13", password=ADMIN_PASSWORD)
    assert proc.returncode == 2 and "not a month" in proc.stderr


def test_an_issued_statement_is_reprinted_byte_for_byte(demo_vault, tmp_path):
    """A lost statement PDF comes back exactly as it was issued (``commissions reprint``)."""
    paths, month, employee_no = demo_vault
    first = tmp_path / "issued.pdf"
    proc = statement(paths, employee_no, month, first)
    assert proc.returncode == 0, proc.stderr
    number = proc.stdout.split()[1]
    again = tmp_path / "again.pdf"
    proc = run_baton(
        paths.data_dir,
        "commissions",
        "reprint",
        number,
        "--out",
        str(again),
        password=ADMIN_PASSWORD,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"Statement {number} as issued" in proc.stdout
    assert again.read_bytes() == first.read_bytes()
    missing = run_baton(
        paths.data_dir,
        "commissions",
        "reprint",
        "NO-SUCH-1",
        "--out",
        str(tmp_path / "x.pdf"),
        password=ADMIN_PASSWORD,
    )
    assert_one_line_error(missing, 2, "NO-SUCH-1")
    assert not (tmp_path / "x.pdf").exists()
