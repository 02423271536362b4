"""``baton import`` as hr, finance and a branch manager: refused kinds and rows outside the
branch are one-line errors that change nothing (issue 11)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from desktop.models.audit import AuditEvent
from tests.conftest import ROLE_PASSWORD
from tests.services.test_import_permissions import firm, snapshot, write  # noqa: F401
from tests.support import assert_one_line_error, run_baton

#: What a CLI login itself writes (last login, the attempt, its audit event).
LOGIN_TABLES = frozenset({"app_user", "login_attempt", "audit_event"})


def records(ctx):
    """The firm's records, and the audit events other than logging in."""
    with ctx.transaction() as s:
        events = s.execute(
            select(AuditEvent.action, AuditEvent.entity).where(
                ~AuditEvent.action.like("login%"),
                AuditEvent.entity.not_in(("app_user", "login_attempt")),
            )
        ).all()
    return snapshot(ctx, LOGIN_TABLES), sorted(events)


def baton(paths, user, *args):
    return run_baton(paths.data_dir, "import", *args, password=ROLE_PASSWORD, user=user)


def test_hr_importing_waybills_is_refused_in_one_line(firm, paths, tmp_path):  # noqa: F811
    today = firm.today()
    file = write(tmp_path / "o.csv", f"运单号,客户,日期,业务员,金额\nW-HR,C-SH,{today},S001,9\n")
    before = records(firm)
    proc = baton(paths, "hr", "orders", str(file))
    assert_one_line_error(
        proc, 2, "Your role (hr) may not import orders", "orders.edit", "Nothing was imported"
    )
    assert records(firm) == before


def test_finance_moving_another_branchs_customer_is_refused(firm, paths, tmp_path):  # noqa: F811
    later = firm.today() + timedelta(days=4)
    file = write(tmp_path / "a.csv", f"客户,业务员,开始日期\nC-GZ,S001,{later}\n")
    before = records(firm)
    proc = baton(paths, "finance", "assignments", str(file))
    assert_one_line_error(proc, 2, "may not import assignments", "customers.reassign")
    assert records(firm) == before


def test_a_manager_importing_into_another_branch_is_told_the_row(firm, paths, tmp_path):  # noqa: F811
    file = write(
        tmp_path / "c.csv", "客户编码,客户名称,业务员\nNC-1,新客户一,S001\nNC-2,新客户二,G001\n"
    )
    before = records(firm)
    proc = baton(paths, "manager", "customers", str(file))
    assert_one_line_error(
        proc, 2, "Row 3: G001 works at 广州, outside your branch 上海. Nothing was imported."
    )
    dry = baton(paths, "manager", "customers", str(file), "--dry-run")
    assert dry.returncode == 2, dry.stderr
    assert "row 3, column 业务员, value G001: G001 works at 广州, outside your branch 上海" in (
        dry.stdout
    )
    assert records(firm) == before
    ok = write(tmp_path / "ok.csv", "客户编码,客户名称,业务员\nNC-1,新客户一,S001\n")
    proc = baton(paths, "manager", "customers", str(ok))
    assert proc.returncode == 0, proc.stderr
    assert "Imported ok.csv (customers)" in proc.stdout


def test_hr_cannot_add_a_branch_by_importing_staff(firm, paths, tmp_path):  # noqa: F811
    file = write(tmp_path / "s.csv", "工号,姓名,分公司\nN-1,新人一,深圳\n")
    before = records(firm)
    proc = baton(paths, "hr", "staff", str(file))
    assert_one_line_error(
        proc, 2, "Row 2: there is no branch 深圳; only an administrator may add branches."
    )
    assert records(firm) == before
