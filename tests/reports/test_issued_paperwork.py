"""Every document Baton hands out is recorded: a statement (PDF and XLSX), a settlement, the
risk and tracking reports each verify as issued, and fail after one changed byte; the recovery
sheet says it is not recorded."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.reports import issue
from desktop.reports.recovery_sheet import recovery_sheet_pdf
from desktop.services import documents
from tests.reports.documents_support import plain
from tests.services.commission_support import D, at, build_firm


def _one_byte_changed(data: bytes) -> bytes:
    """The file with one byte in its middle changed (what a careless re-save or an edit does)."""
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


def _text(pdf: bytes) -> str:
    return plain("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def _embedded_fonts(pdf: bytes) -> bool:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = [
        ref.get_object()
        for page in reader.pages
        for ref in (page["/Resources"].get_object().get("/Font") or {}).values()
    ]
    return bool(fonts) and all(
        "/FontFile2" in f["/FontDescriptor"].get_object()
        for f in fonts
        if f.get("/FontDescriptor") is not None
    )


def _verifies_then_fails(ctx, data: bytes, number: str) -> None:
    ok = documents.verify_document(ctx, data)
    assert ok.verified and ok.number == number, ok.message()
    bad = documents.verify_document(ctx, _one_byte_changed(data))
    assert not bad.verified
    assert bad.status in ("altered", "unknown")


@pytest.fixture
def firm(admin):
    from desktop.services import commissions as cm

    firm = build_firm(admin)
    firm.plan(trigger="payment", window_rule="split", after_rule="forfeit")
    firm.order("a", "WB-A", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    firm.invoice("inv", "INV-1", "jia", D(2030, 3, 31), "1000.00", orders=("a",))
    firm.pay("p1", "jia", D(2030, 4, 10), ("inv", "1000.00"))
    firm.depart()
    cm.compute_period(admin, "2030-04")
    return firm


def test_statement_pdf_is_recorded_and_verifies(admin, firm):
    issued = issue.issue_statement(admin, firm["zhang"], "2030-04", "pdf")
    assert issued.info.kind == "statement" and issued.info.pages >= 1
    reader = PdfReader(io.BytesIO(issued.data))
    assert len(reader.pages) == issued.info.pages
    text = _text(issued.data)
    assert issued.info.number in text and "INV-1" in text
    assert _embedded_fonts(issued.data)
    _verifies_then_fails(admin, issued.data, issued.info.number)


def test_statement_xlsx_is_recorded_and_verifies(admin, firm):
    from openpyxl import load_workbook

    issued = issue.issue_statement(admin, firm["zhang"], "2030-04", "xlsx")
    book = load_workbook(io.BytesIO(issued.data))
    assert issued.info.number in book.properties.keywords
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert issued.info.number in cells
    _verifies_then_fails(admin, issued.data, issued.info.number)


def test_settlement_is_recorded_and_verifies(admin, firm):
    from desktop.services import commissions as cm

    for month in ("2030-03", "2030-05"):
        cm.compute_period(admin, month)
    at(admin, D(2030, 5, 31))
    issued = issue.issue_settlement(admin, firm["case"])
    assert issued.info.kind == "settlement" and issued.info.case_id == firm["case"]
    text = _text(issued.data)
    assert "离职提成结算单" in text and issued.info.number in text
    assert _embedded_fonts(issued.data)
    _verifies_then_fails(admin, issued.data, issued.info.number)


def test_risk_and_tracking_reports_verify(demo_case):
    hr = demo_case.login("hr")
    for make in (issue.issue_risk_assessment, issue.issue_tracking_table):
        issued = make(hr, demo_case.case_id, "zh")
        assert len(PdfReader(io.BytesIO(issued.data)).pages) == issued.info.pages
        _verifies_then_fails(hr, issued.data, issued.info.number)


def test_recovery_sheet_says_it_is_not_recorded(tmp_path: Path):
    pdf = recovery_sheet_pdf(
        "Firm", tmp_path, "0" * 32, "-".join(["ABCD"] * 8), datetime(2030, 1, 1, tzinfo=UTC)
    )
    text = _text(pdf)
    assert "notrecordedinthevault" in text and "verify-documentcannotcheckit" in text
