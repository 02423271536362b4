"""The termination certificate (离职证明): the four items of art. 24, no ground unless asked,
the duty recorded with the issue, issuable on the last day whatever the handover, refused
before it with the date, verifiable and failing after one changed byte."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop.errors import PermissionDenied, ValidationError
from desktop.reports import issue
from desktop.services import departures, documents, employment
from desktop.services.documents.certificate import service_length
from tests.reports.documents_support import plain
from tests.services.commission_support import at
from tests.support import ADMIN_PASSWORD, assert_one_line_error, run_baton


def _text(pdf: bytes) -> str:
    return plain("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def ready(demo_case):
    """The demo case with the leaver's contract recorded, on its last day."""
    hr = demo_case.login("hr")
    case = departures.get_case(hr, demo_case.case_id).case
    employment.set_employment_terms(
        hr, demo_case.employee_id, contract_start=date(2021, 3, 1), contract_end=date(2027, 2, 28)
    )
    at(hr, case.last_day)
    return hr, case


def test_service_length_by_hand():
    assert service_length(date(2021, 3, 1), date(2026, 12, 31)) == (5, 10)
    assert service_length(date(2021, 3, 1), date(2022, 2, 28)) == (1, 0)
    assert service_length(date(2021, 3, 15), date(2021, 4, 13)) == (0, 0)
    assert service_length(date(2020, 1, 31), date(2020, 2, 28)) == (0, 0)


def test_certificate_has_the_four_items_and_no_ground_by_default(demo_case, ready):
    hr, case = ready
    issued = issue.issue_certificate(hr, demo_case.case_id, "zh")
    reader = PdfReader(io.BytesIO(issued.data))
    assert len(reader.pages) == issued.info.pages == 1
    text = _text(issued.data)
    assert "离职证明" in text
    assert "2021-03-01至2027-02-28" in text  # contract term
    assert case.last_day.isoformat() in text  # termination date
    assert "工作岗位" in text and "本单位工作年限" in text and "年" in text
    assert demo_case.employee_name in text
    for ground in ("第三十七条", "原因", "辞职", "第四十"):
        assert ground not in text, ground
    fonts = [
        f.get_object()
        for p in reader.pages
        for f in (p["/Resources"].get_object().get("/Font") or {}).values()
    ]
    assert any(
        "/FontFile2" in f["/FontDescriptor"].get_object() for f in fonts if "/FontDescriptor" in f
    )


def test_the_ground_is_printed_when_asked(demo_case, ready):
    hr, _ = ready
    text = _text(issue.issue_certificate(hr, demo_case.case_id, "zh", with_reason=True).data)
    assert "应劳动者要求" in text and "第三十七条" in text


def test_issuing_records_the_duty_and_verifies(demo_case, ready):
    hr, _ = ready
    issued = issue.issue_certificate(hr, demo_case.case_id, "en")
    duties = departures.case_deadlines(hr, demo_case.case_id)
    done = [d for d in duties if d.key == departures.DUTY_CERTIFICATE]
    assert done and done[0].done_on == hr.today()
    assert documents.verify_document(hr, issued.data).verified
    data = bytearray(issued.data)
    data[len(data) // 2] ^= 1
    assert not documents.verify_document(hr, bytes(data)).verified


def test_refused_before_the_last_day_naming_it_and_nothing_changes(demo_case, ready):
    hr, case = ready
    at(hr, case.last_day - timedelta(days=1))
    before = documents.list_documents(hr, demo_case.case_id)
    with pytest.raises(ValidationError) as caught:
        issue.issue_certificate(hr, demo_case.case_id)
    assert case.last_day.isoformat() in str(caught.value)
    assert documents.list_documents(hr, demo_case.case_id) == before


def test_missing_contract_term_is_named(demo_case):
    """The demo records contracts: one left blank (an imported firm's usual state) is named."""
    hr = demo_case.login("hr")
    case = departures.get_case(hr, demo_case.case_id).case
    employment.set_employment_terms(
        hr, demo_case.employee_id, contract_start=None, contract_end=None
    )
    at(hr, case.last_day)
    with pytest.raises(ValidationError) as caught:
        issue.issue_certificate(hr, demo_case.case_id)
    assert "contract term" in str(caught.value)


def test_sales_cannot_set_wages_or_issue(demo_case):
    sales = demo_case.login("sales")
    with pytest.raises(PermissionDenied):
        employment.set_employment_terms(sales, demo_case.employee_id, monthly_wage="8000")


def test_certificate_command_refuses_before_the_last_day_in_one_line(demo_case, ready, tmp_path):
    _, case = ready
    demo_case.close()
    out = tmp_path / "c.pdf"
    proc = run_baton(
        demo_case.paths.data_dir,
        "report",
        "certificate",
        case.number,
        "--out",
        str(out),
        password=ADMIN_PASSWORD,
    )
    assert_one_line_error(proc, 2, case.last_day.isoformat())
    assert not out.exists()
