"""Risk assessment, responsibility tracking table, aging by salesperson, post-departure report:
the same template, recorded and verifiable like the handover form."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import event

from desktop.config import Paths
from desktop.errors import PermissionDenied, ValidationError
from desktop.models.accounts import Role
from desktop.reports import issue
from desktop.reports.bench import measure_handover_pdf
from desktop.services import accounts, document_content, documents
from desktop.services.bench import BENCH_PASSWORD
from desktop.services.departures import risk as departure_risk
from tests.reports.documents_support import page_texts, plain
from tests.reports.test_handover_form import assert_fonts_embedded


def test_risk_assessment_explains_its_total(demo_case):
    manager = demo_case.login("manager")
    risk = departure_risk.risk_assessment(manager, demo_case.case_id)
    assert sum(f.weight for f in risk.factors) == 100
    assert risk.total == sum((f.contribution for f in risk.factors), Decimal(0))
    assert all(Decimal(0) <= f.score <= 100 for f in risk.factors)
    assert {f.key for f in risk.factors} == set(departure_risk.WEIGHTS)
    assert risk.customers == 80 and len(risk.top_customers) == 5
    issued = issue.issue_risk_assessment(manager, demo_case.case_id, "zh")
    text = plain("".join(page_texts(issued.data)))
    for words in ("离职风险评估表", "前5大客户集中度", "交接进度", "贡献", str(risk.total)):
        assert words in text
    assert_fonts_embedded(issued.data)
    assert documents.verify_document(manager, issued.data).verified


def test_tracking_table_names_who_answers_for_each_customer(demo_case):
    hr = demo_case.login("hr")
    table = document_content.tracking_table(hr, demo_case.case_id)
    owned = [line for line in table.lines if line.owned_by_leaver]
    assert len(owned) == 80
    # Before the last working day and before any confirmation: the leaver answers.
    assert {line.responsible for line in owned} == {demo_case.employee_name}
    issued = issue.issue_tracking_table(hr, demo_case.case_id, "en")
    text = " ".join(page_texts(issued.data))
    assert "Responsibility Tracking Table" in text and "Responsible now" in text
    assert owned[0].customer_code in text


def test_aging_by_salesperson(demo_case):
    finance = demo_case.login("finance")
    issued = issue.issue_aging(finance, "zh")
    assert issued.info.case_id is None and issued.info.kind == "aging"
    text = plain("".join(page_texts(issued.data)))
    assert "应收账款账龄分析表" in text and "业务员" in text and "合计" in text
    assert documents.verify_document(finance, issued.data).verified
    hr = demo_case.login("hr")
    with pytest.raises(PermissionDenied):
        issue.issue_aging(hr, "zh")


def test_post_departure_report_needs_a_completed_case(demo_case):
    hr = demo_case.login("hr")
    with pytest.raises(ValidationError, match="completed case"):
        issue.issue_post_departure(hr, demo_case.case_id, "zh")


def test_documents_of_the_case_are_listed(demo_case):
    hr = demo_case.login("hr")
    made = [
        issue.issue_handover_form(hr, demo_case.case_id, "zh").info.number,
        issue.issue_tracking_table(hr, demo_case.case_id, "zh").info.number,
    ]
    listed = documents.list_documents(hr, demo_case.case_id)
    assert [d.number for d in listed] == made[::-1]
    assert documents.form_status(hr, demo_case.case_id).documents[0].number == made[1]


def test_bench_figure(demo_case):
    admin = demo_case.login("admin")
    accounts.add_user(admin, "bench", "Bench", Role.ADMIN.value, BENCH_PASSWORD)
    admin.close()
    demo_case.opened.clear()
    figures = measure_handover_pdf(Paths(demo_case.paths.data_dir), "small")
    figure = figures["handover_pdf_2000_s"]
    assert figure["unit"] == "s" and figure["target"] == 1.5
    assert 0 < figure["value"] < 30


def test_listing_documents_does_not_read_the_files(demo_case):
    """The PDFs stay in the vault until one is opened: a list of a hundred documents must not
    carry a hundred files."""
    hr = demo_case.login("hr")
    made = issue.issue_handover_form(hr, demo_case.case_id, "zh")
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    engine = hr.store.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        documents.list_documents(hr, demo_case.case_id)
        documents.list_documents(hr)
        documents.form_status(hr, demo_case.case_id)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    reads = [s for s in statements if "FROM issued_document" in s or "FROM document_scan" in s]
    assert reads and not any(re.search(r"issued_document\.pdf\b", s) for s in reads)
    assert not any(re.search(r"document_scan\.content\b", s) for s in reads)
    assert documents.read_document(hr, made.info.id).data == made.data
