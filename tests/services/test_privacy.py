"""Personal-data duties: the privacy notice and acknowledgements, the publication record, the
export of everything held about one person, and the retention purge (business records kept,
the audit chain still verifying, the purged values not copied into the log)."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop.errors import Conflict, PermissionDenied, ValidationError
from desktop.models.audit import AuditEvent
from desktop.models.orders import Receivable
from desktop.models.staff import Employee
from desktop.services import employment, privacy
from desktop.services.maintenance import verify_audit
from desktop.services.privacy.person import PERSONAL_FIELDS, export_bytes
from tests.services.commission_support import D, at, build_firm


@pytest.fixture
def firm(admin):
    firm = build_firm(admin)
    with admin.transaction() as s:
        e = s.get(Employee, firm["zhao"])
        e.phone, e.email, e.id_number = "13800138000", "zhao@example.cn", "110101199003070419"
    employment.set_employment_terms(
        admin, firm["zhao"], contract_start=D(2020, 1, 1), monthly_wage="9000.00"
    )
    return firm


def test_export_contains_every_personal_field(admin, firm):
    data = privacy.person_export(admin, firm["zhao"])
    employee = data["employee"]
    for field_name, value in (
        ("phone", "13800138000"),
        ("email", "zhao@example.cn"),
        ("id_number", "110101199003070419"),
        ("monthly_wage", "9000.00"),
        ("contract_start", "2020-01-01"),
        ("name", "赵敏"),
        ("employee_no", "S003"),
    ):
        assert str(employee[field_name]) == value, field_name
    assert set(PERSONAL_FIELDS) <= set(employee)
    assert data["audit_events"], "the changes made to the record are part of what is held"
    parsed = json.loads(export_bytes(data, "json"))
    assert parsed["employee"]["id_number"] == "110101199003070419"
    book = load_workbook(io.BytesIO(export_bytes(data, "xlsx")))
    cells = {r[0]: r[1] for r in book["employee"].iter_rows(values_only=True)}
    assert cells["phone"] == "13800138000" and "audit_events" in book.sheetnames


def test_purge_keeps_business_records_and_the_chain_verifies(admin, firm):
    firm.invoice("inv", "INV-Z", "bing", D(2030, 1, 31), "500.00", salesperson="zhao")
    with admin.transaction() as s:
        e = s.get(Employee, firm["zhao"])
        e.status, e.departed_on = "departed", D(2030, 2, 1)
    at(admin, D(2032, 1, 31))  # before three years: nothing is due
    assert privacy.purge(admin, dry_run=False).employees == ()
    at(admin, D(2033, 2, 1))
    dry = privacy.purge(admin, dry_run=True)
    assert [no for no, _, _ in dry.employees] == ["S003"]
    with admin.read() as s:
        assert s.get(Employee, firm["zhao"]).phone == "13800138000", "a dry run changes nothing"
    with pytest.raises(ValidationError):
        privacy.purge(admin, dry_run=False, years=0)  # below the law's floor: refused
    done = privacy.purge(admin, dry_run=False)
    assert [no for no, _, _ in done.employees] == ["S003"]
    with admin.read() as s:
        e = s.get(Employee, firm["zhao"])
        assert all(getattr(e, f) is None for f in PERSONAL_FIELDS)
        assert (e.name, e.employee_no) == ("赵敏", "S003")
        assert s.scalar(select(func.count()).select_from(Receivable)) >= 1
        purged = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "personal_data.purged")
        ).all()
        assert len(purged) == 1
        tail = s.scalars(select(AuditEvent).where(AuditEvent.seq >= purged[0].seq)).all()
        assert not any("13800138000" in (ev.before or "") + (ev.after or "") for ev in tail)
    report = verify_audit(admin)
    assert report.first_broken is None, report.reason
    assert privacy.purge(admin, dry_run=False).employees == (), "purged once"


def test_notice_publication_and_acknowledgement(admin, firm, login_as):
    from desktop.models.accounts import Role

    text = privacy.privacy_notice_template(admin)
    for needle in ("监控指标", "保存期限", "3 年", "身份证号码"):
        assert needle in text, needle
    (pub,) = privacy.publish(admin, "privacy_notice", "个人信息处理告知书 2030", text).ids
    (plan,) = privacy.publish(admin, "commission_plan", "提成方案 2030", "10% of revenue").ids
    privacy.acknowledge(admin, pub, firm["zhao"])
    with pytest.raises(Conflict):
        privacy.acknowledge(admin, pub, firm["zhao"])
    with pytest.raises(ValidationError):
        privacy.acknowledge(admin, plan, firm["zhao"], on=admin.today() - timedelta(days=1))
    with pytest.raises(ValidationError):
        privacy.publish(admin, "gossip", "x", "y")
    with pytest.raises(PermissionDenied):
        privacy.publish(login_as(Role.SALES), "monitoring_rules", "x", "y")
    rows = {r.id: r for r in privacy.list_publications(admin)}
    assert rows[pub].acknowledged == 1 and rows[plan].acknowledged == 0
    assert len(rows[pub].sha256) == 64


def test_sales_cannot_export_a_person(firm, login_as):
    from desktop.models.accounts import Role

    with pytest.raises(PermissionDenied):
        privacy.person_export(login_as(Role.SALES), firm["zhao"])
