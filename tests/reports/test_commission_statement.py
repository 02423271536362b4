"""Commission statement (PDF, XLSX) and the final settlement: they read back with their
numbers, embed their font, and an issued statement prints the same after a plan edit."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.reports.commission_statement import settlement_pdf, statement_pdf, statement_xlsx
from desktop.services import commissions as cm
from desktop.services.commissions import plans as cp
from tests.services.commission_support import D, M, at, build_firm


def _fonts(pdf: bytes) -> list:
    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        for ref in (page["/Resources"].get_object().get("/Font") or {}).values():
            out.append(ref.get_object())
    return out


def _text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")


@pytest.fixture
def firm(admin):
    firm = build_firm(admin)
    firm.plan(trigger="payment", window_rule="split", after_rule="forfeit")
    firm.order("a", "WB-A", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    firm.order("w", "WB-W", "jia", D(2030, 3, 20), "333.33", salesperson="zhang")
    firm.invoice("inv", "INV-1", "jia", D(2030, 3, 31), "1333.33", orders=("a", "w"))
    firm.pay("p1", "jia", D(2030, 4, 10), ("inv", "1000.00"))
    firm.pay("p2", "jia", D(2030, 5, 10), ("inv", "200.00"))
    firm.depart()
    for month in ("2030-04", "2030-05"):
        cm.compute_period(admin, month)
    return firm


def test_statement_pdf_reads_back_with_its_lines_and_totals(admin, firm):
    data = cm.issue_statement(admin, firm["zhang"], "2030-04")
    pdf = statement_pdf(data)
    text = _text(pdf)
    for needle in ("提成结算单", "张伟", "INV-1", data.number, "Rounding", "¥", "20%"):
        assert needle.replace(" ", "") in text, needle
    assert str(data.payable) in text.replace(",", "")
    for font in _fonts(pdf):
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None and "/FontFile2" in descriptor.get_object()
    assert statement_pdf(data) == pdf  # deterministic: a reprint is the same file


def test_statement_xlsx_has_every_line_with_its_explanation(admin, firm):
    data = cm.issue_statement(admin, firm["zhang"], "2030-04")
    book = load_workbook(io.BytesIO(statement_xlsx(data)))
    rows = list(book.active.iter_rows(values_only=True))
    lines = [r for r in rows if isinstance(r[0], int)]
    assert len(lines) == len(data.lines) > 0
    assert sum(Decimal(str(r[7])) for r in lines) == sum(line.amount for line in data.lines)
    assert all(r[12] for r in lines)  # an explanation on every line


def test_settlement_document_has_each_group(admin, firm):
    at(admin, D(2030, 5, 31))
    result = cm.settlement(admin, firm["case"])
    pdf = settlement_pdf(result)
    text = _text(pdf)
    for needle in ("离职提成结算单", "Forfeited", "Withheld", "D2030-0001", "Commissioniswages"):
        assert needle in text, needle
    assert result.totals["forfeited"] > 0


def test_an_issued_statement_prints_the_same_after_a_plan_edit(admin, firm):
    issued = cm.issue_statement(admin, firm["zhang"], "2030-04")
    before = statement_pdf(issued)
    plan = cp.list_plans(admin)[0]
    cp.save_plan(
        admin, cp.PlanInput(**{**plan.as_input().__dict__, "flat_rate": M("0.3")}), plan.id
    )
    cm.compute_period(admin, "2030-04")
    assert statement_pdf(cm.issued_statement(admin, issued.number)) == before
