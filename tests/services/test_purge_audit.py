"""The retention purge reaches the audit log: after it, no personal value of the purged person
(ID number, phone, e-mail, wage) is left in any text of the database — the older audit events
that recorded them are redacted — while business records stay and the chain still verifies
(redactions are named by a later chained record the verifier checks)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlalchemy import func, select, text

from desktop.models.audit import AuditEvent
from desktop.models.base import Base
from desktop.models.orders import Receivable
from desktop.models.staff import Employee
from desktop.services import employment, privacy, staff
from desktop.services.maintenance import check_health, verify_audit
from tests.services.commission_support import D, at, build_firm

PHONE, EMAIL, ID_NUMBER, WAGE = (
    "13912345678",
    "zhao.min@example.cn",
    "110101199003070417",
    "9876.54",
)
VALUES = (PHONE, EMAIL, ID_NUMBER, WAGE)


def _everywhere(ctx: Any) -> dict[str, list[str]]:
    """Where each value still appears: every column of every table, text as stored, binary
    columns as raw bytes."""
    found: dict[str, list[str]] = {}
    with ctx.read() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(select(table)).all():
                for column, value in zip(table.columns, row, strict=True):
                    if isinstance(value, memoryview | bytes | bytearray):
                        blob = bytes(value)
                        hits = [v for v in VALUES if v.encode() in blob]
                    else:
                        hits = [v for v in VALUES if value is not None and v in str(value)]
                    for v in hits:
                        found.setdefault(v, []).append(f"{table.name}.{column.name}")
    return found


@pytest.fixture
def firm(admin):
    firm = build_firm(admin)
    detail = staff.get_employee(admin, firm["zhao"])
    data = staff.EmployeeInput(
        **{
            f.name: getattr(detail, f.name)
            for f in dataclasses.fields(staff.EmployeeInput)
            if hasattr(detail, f.name)
        }
    )
    staff.update_employee(
        admin, firm["zhao"], dataclasses.replace(data, phone="13900000000", email=EMAIL)
    )
    staff.update_employee(
        admin,
        firm["zhao"],
        dataclasses.replace(data, phone=PHONE, email=EMAIL, id_number=ID_NUMBER),
    )
    employment.set_employment_terms(
        admin, firm["zhao"], contract_start=D(2020, 1, 1), monthly_wage=WAGE
    )
    privacy.person_export(admin, firm["zhao"])
    firm.invoice("inv", "INV-Z", "bing", D(2030, 1, 31), "500.00", salesperson="zhao")
    with admin.transaction() as s:
        e = s.get(Employee, firm["zhao"])
        e.status, e.departed_on = "departed", D(2030, 2, 1)
    return firm


def test_purge_leaves_no_personal_value_and_the_chain_verifies(admin, firm):
    before = _everywhere(admin)
    assert set(before) == set(VALUES), before
    assert any(place.startswith("audit_event.") for place in before[PHONE])
    at(admin, D(2033, 2, 1))
    assert privacy.purge(admin, dry_run=True).employees
    assert _everywhere(admin) == before, "a dry run changes nothing"
    done = privacy.purge(admin, dry_run=False)
    assert [no for no, _, _ in done.employees] == ["S003"]
    assert done.redacted_events >= 3
    assert _everywhere(admin) == {}, "a personal value is left"
    with admin.read() as s:
        e = s.get(Employee, firm["zhao"])
        assert (e.name, e.employee_no, e.hire_date is not None) == ("赵敏", "S003", True)
        assert s.scalar(select(func.count()).select_from(Receivable)) >= 1
        record = s.scalars(select(AuditEvent).where(AuditEvent.action == "audit.redacted")).one()
        assert PHONE not in (record.after or "")
    report = verify_audit(admin)
    assert report.first_broken is None, report.reason
    assert report.redacted == done.redacted_events
    health = check_health(admin)  # what `baton verify` runs (the key file's anchor included)
    assert health.chain.ok and not health.integrity_problems, health.chain


def test_a_redacted_event_changed_again_is_named(admin, firm):
    at(admin, D(2033, 2, 1))
    privacy.purge(admin, dry_run=False)
    with admin.transaction() as s:
        seq = s.scalar(
            select(func.min(AuditEvent.seq)).where(AuditEvent.after.contains('"redacted"'))
        )
        s.execute(text("UPDATE audit_event SET after = after || ' ' WHERE seq = :q"), {"q": seq})
    report = verify_audit(admin)
    assert report.first_broken == seq and "altered" in report.reason


def test_the_database_refuses_any_other_change_of_the_log(admin, firm):
    from sqlalchemy.exc import SQLAlchemyError

    from desktop.errors import BatonError

    with admin.read() as s:
        seq = s.scalar(select(func.min(AuditEvent.seq)).where(AuditEvent.after.contains(PHONE)))
    for statement in (
        "UPDATE audit_event SET after = replace(after, :v, 'x') WHERE seq = :q",
        "UPDATE audit_event SET actor = 'mallory' WHERE seq = :q",
        "UPDATE audit_event SET actor = 'mallory', after = :m WHERE seq = :q",
        "DELETE FROM audit_event WHERE seq = :q",
    ):
        with pytest.raises((SQLAlchemyError, BatonError)), admin.transaction() as s:
            s.execute(text(statement), {"q": seq, "v": PHONE, "m": '{"redacted":true}'})
    assert verify_audit(admin).first_broken is None


def test_an_event_blanked_without_a_redaction_record_is_named(admin, firm):
    with admin.read() as s:
        seq = s.scalar(select(func.min(AuditEvent.seq)).where(AuditEvent.after.contains(PHONE)))
    with admin.transaction() as s:
        s.execute(
            text("UPDATE audit_event SET after = replace(after, :v, :m) WHERE seq = :q"),
            {"q": seq, "v": f'"{PHONE}"', "m": '{"redacted":true}'},
        )
    report = verify_audit(admin)
    assert report.first_broken == seq and "altered" in report.reason


def test_purge_and_verify_through_the_command_line(admin, firm, paths, request):
    """`baton person purge --dry-run`, the purge, then `baton verify`: exit 0, chain ok, the
    redactions named (real subprocesses on the SQLCipher vault)."""
    from tests.conftest import ADMIN_PASSWORD, on_postgresql
    from tests.support import run_baton

    if on_postgresql(request.config):
        pytest.skip("the command line opens the SQLCipher vault of the test")
    with admin.transaction() as s:
        s.get(Employee, firm["zhao"]).departed_on = D(2020, 1, 1)  # long ago in real time
    admin.close()
    dry = run_baton(paths.data_dir, "person", "purge", "--dry-run", password=ADMIN_PASSWORD)
    assert dry.returncode == 0, dry.stderr
    assert (
        "would purge" in dry.stdout and "S003" in dry.stdout and "would be redacted" in dry.stdout
    )
    done = run_baton(paths.data_dir, "person", "purge", password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "purged" in done.stdout and "S003" in done.stdout
    checked = run_baton(paths.data_dir, "verify", password=ADMIN_PASSWORD)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert (
        "audit chain: ok" in checked.stdout and "redacted by the retention purge" in checked.stdout
    )
