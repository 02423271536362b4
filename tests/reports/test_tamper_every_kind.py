"""Every kind of issued document verifies as issued and, after one changed byte, is reported
"altered" (it names its number) — never "unknown". The workbook used to come back "unknown":
its document number sat only in deflated parts, so a changed byte hid it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.reports import issue
from desktop.services import departures, documents, employment
from tests.services.commission_support import D, at, build_firm


def _flip(data: bytes, at_: int) -> bytes:
    return data[:at_] + bytes([data[at_] ^ 0x01]) + data[at_ + 1 :]


def _positions(data: bytes, count: int) -> list[int]:
    """``count`` positions spread over the file, its first and last byte included."""
    n = len(data)
    return sorted({0, n - 1, *(i * (n - 1) // (count - 1) for i in range(count))})


def _check(ctx: Any, issued: Any, count: int = 5) -> None:
    ok = documents.verify_document(ctx, issued.data)
    assert ok.verified and ok.number == issued.info.number, ok.message()
    for position in _positions(issued.data, count):
        bad = documents.verify_document(ctx, _flip(issued.data, position))
        assert (bad.status, bad.number) == ("altered", issued.info.number), (
            issued.info.kind,
            position,
            len(issued.data),
            bad.status,
        )


@pytest.fixture
def firm(admin):
    from desktop.services import commissions as cm

    firm = build_firm(admin)
    firm.plan(trigger="payment", window_rule="split", after_rule="forfeit")
    firm.order("a", "WB-A", "jia", D(2030, 3, 5), "1000.00", salesperson="zhang")
    firm.invoice("inv", "INV-1", "jia", D(2030, 3, 31), "1000.00", orders=("a",))
    firm.pay("p1", "jia", D(2030, 4, 10), ("inv", "1000.00"))
    firm.depart()
    for month in ("2030-03", "2030-04", "2030-05"):
        cm.compute_period(admin, month)
    return firm


def test_statement_xlsx_altered_anywhere_names_its_number(admin, firm):
    issued = issue.issue_statement(admin, firm["zhang"], "2030-04", "xlsx")
    _check(admin, issued, count=60)


def test_statement_pdf_and_settlement(admin, firm):
    _check(admin, issue.issue_statement(admin, firm["zhang"], "2030-04", "pdf"))
    at(admin, D(2030, 5, 31))
    _check(admin, issue.issue_settlement(admin, firm["case"]))


def test_every_case_document(demo_case):
    hr = demo_case.login("hr")
    admin = demo_case.login("admin")
    for make in (
        issue.issue_handover_form,
        issue.issue_risk_assessment,
        issue.issue_tracking_table,
    ):
        _check(hr, make(hr, demo_case.case_id, "zh"))
    for letter in issue.issue_confirmations(admin, demo_case.case_id, "zh")[:2]:
        _check(admin, letter)
    _check(admin, issue.issue_aging(admin, "zh"))
    case = departures.get_case(hr, demo_case.case_id).case
    employment.set_employment_terms(hr, demo_case.employee_id, contract_start=date(2021, 3, 1))
    at(hr, case.last_day)
    _check(hr, issue.issue_certificate(hr, demo_case.case_id, "zh"))
