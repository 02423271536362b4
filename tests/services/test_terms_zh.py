"""Internal codes reach a Chinese reader as words: the audit log's operations, records and
people, case states inside messages, import fields, counts and reports, alert figures and the
document check — each read through Baton's own zh_CN catalog, as the window reads them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTranslator

from desktop.config import resources_dir
from desktop.errors import ValidationError
from desktop.services import accounts, audit, terms
from desktop.services.departures.workflow import MSG_NO_NEXT
from desktop.services.documents.dtos import MSG_VERIFIED, VerifyResult
from desktop.services.imports import write_error_report
from desktop.services.imports.mapping import map_columns, unknown_column


@pytest.fixture(scope="module")
def zh() -> Callable[[str, str], str]:
    translator = QTranslator()
    assert translator.load("baton_zh_CN", str(resources_dir() / "translations"))
    return lambda context, text: translator.translate(context, text) or text


def test_audit_rows_name_the_person_the_operation_and_the_record(admin, zh):
    accounts.add_user(admin, "zhang.san", "张三", "sales", "a-password-1")
    rows = audit.list_events(admin, 0, 50)
    added = next(r for r in rows if r.entity == "app_user" and r.action == "insert")
    assert added.actor == "admin" and added.actor_name == "管理员", "the person, not the login"
    assert zh(terms.AUDIT, added.action_label) == "新建"
    assert (zh(terms.AUDIT, added.entity_label), added.record_name) == ("用户", "张三")
    assert zh(terms.AUDIT, terms.audit_action("update")) == "修改"
    assert zh(terms.AUDIT, terms.audit_action("release_to_pool")) == "放入公海"
    assert terms.audit_action("some.new_event") == "some.new_event", "unnamed: shown as is"


def test_a_case_state_inside_a_message_is_translated_with_it(zh):
    error = ValidationError(MSG_NO_NEXT, case="D2026-0001", state=terms.case_state("in_handover"))
    assert "in_handover" not in error.message(zh)
    assert "交接中" in error.message(zh), error.message(zh)
    assert "is in handover" in error.message(), "English keeps the words, not the code"


def test_imports_name_fields_counts_and_report_in_chinese(zh, tmp_path):
    refusal = unknown_column("staff", "员工手机号")
    assert refusal.params["suggestion"] == "phone", "the --mapping line keeps the field's code"
    assert "电话" in refusal.reason(zh) and "phone" not in refusal.reason(zh)
    _mapping, problems = map_columns("staff", ["姓名"], None)
    (missing,) = problems
    assert "工号" in missing.reason(zh) and "employee_no" not in missing.reason(zh)
    counts = {"employees": 12, "positions": 2, "position:调度员": 3}
    assert terms.counts_text(counts, zh) == "员工 12，岗位 2，新岗位 调度员 ×3"
    report = tmp_path / "errors.csv"
    write_error_report([missing], report, zh)
    header, line = report.read_text(encoding="utf-8-sig").splitlines()
    assert header == "行号,列,内容,原因"
    assert "工号" in line and "required column" not in line, line


def test_alert_figures_and_the_document_check_in_words(zh):
    text = terms.figures_text("receivables=3 overdue=120.00", zh)
    assert text == "应收款笔数 3 逾期金额 120.00", text
    assert "缺少 电话、地址" in terms.figures_text("orders=2 missing=phone,address", zh)
    result = VerifyResult(
        "verified",
        "0" * 64,
        "H-1",
        None,
        MSG_VERIFIED,
        {
            "issued": "2026-12-01",
            "case": "D2026-0001",
            "number": "H-1",
            "kind": terms.document_kind("handover"),
            "language": terms.document_language("zh"),
        },
    )
    assert "离职交接单" in result.message(zh) and "中文" in result.message(zh)
    assert "handover, zh" not in result.message(zh) and "handover, zh" not in result.message()
