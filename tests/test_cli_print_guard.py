"""Issue 14 through the real CLI, the print guard: ``baton report tracking`` (a customer
list) is refused for a leaver in their notice period, in one line, writing nothing; a report
that lists no customers is not; a colleague's printed rows count in their export window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.config import Paths
from desktop.models.accounts import Role
from desktop.services import account_links
from desktop.services import business_settings as bs
from desktop.services import departures as dp
from desktop.services.login import login
from tests.services.departure_support import build_firm, new_id
from tests.support import (
    ADMIN_PASSWORD,
    assert_one_line_error,
    make_vault,
    run_baton,
    submitted_by_baton,
)

PASSWORD = "cli-role-pass-1"


@pytest.fixture
def vault_dir(paths: Paths) -> tuple[Paths, str]:
    """张伟's case approved; 王强 (account "boss", a manager) in notice since yesterday; an HR
    account "hr1"; an export window of 8 rows."""
    make_vault(paths)
    ctx = login(paths, "admin", ADMIN_PASSWORD)
    try:
        firm = build_firm(ctx)
        account_links.add_linked_user(
            ctx, "boss", "王强", Role.MANAGER.value, PASSWORD, firm["wang"]
        )
        account_links.add_linked_user(ctx, "hr1", "人事", Role.HR.value, PASSWORD)
        case_id = new_id(dp.start_case(ctx, dp.CaseInput(firm["zhang"], date(2030, 4, 3))))
        dp.submit(submitted_by_baton(ctx), case_id)
        dp.approve(ctx, case_id)
        today = date.today()
        own = dp.start_case(
            ctx,
            dp.CaseInput(
                firm["wang"], today + timedelta(days=29), notice_on=today - timedelta(days=1)
            ),
        )
        dp.submit(submitted_by_baton(ctx), new_id(own))
        bs.set(ctx, bs.EXPORT_APPROVAL_THRESHOLD, 8)  # the firm's 6 customers fit, alone
        return paths, dp.get_case(ctx, case_id).case.number
    finally:
        ctx.close()


def report(paths: Paths, user: str, kind: str, case: str, out):
    return run_baton(
        paths.data_dir, "report", kind, case, "--out", str(out), password=PASSWORD, user=user
    )


def test_customer_lists_are_printed_under_the_export_rules(vault_dir, tmp_path):
    paths, case = vault_dir
    out = tmp_path / "tracking.pdf"
    leaver = report(paths, "boss", "tracking", case, out)
    assert_one_line_error(leaver, 2, "export or print customer lists")
    assert not out.exists()
    risk = report(paths, "boss", "risk", case, tmp_path / "risk.pdf")
    assert risk.returncode == 0, risk.stderr
    printed = report(paths, "hr1", "tracking", case, out)
    assert printed.returncode == 0, printed.stderr
    assert out.exists()
    # The printed rows count: the customer list no longer fits in hr1's window.
    export = run_baton(
        paths.data_dir,
        "export",
        "customers",
        "--out",
        str(tmp_path / "all.csv"),
        password=PASSWORD,
        user="hr1",
    )
    err = assert_one_line_error(export, export.returncode, "passes the limit of 8")
    assert "with the 0 rows" not in err
    assert export.returncode != 0 and not (tmp_path / "all.csv").exists()
