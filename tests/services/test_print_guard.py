"""Issue 14, the print guard: a customer list printed (issued as a PDF) is a customer list
exported. A leaver in their notice period cannot issue the handover form, tracking table or
post-departure report; the rows of those documents count in the export window (so the
next export meets the limit).
Real vaults (SQLCipher, or PostgreSQL with --db=postgresql)."""

from __future__ import annotations

import pytest

from desktop.errors import PermissionDenied
from desktop.models.accounts import Role
from desktop.reports import issue
from desktop.services import business_settings as bs
from desktop.services import departures as dp
from desktop.services import export_approvals, exports
from tests.services.departure_support import START, D, at, build_firm, new_id
from tests.support import submitted_by_baton

LAST = D(2030, 4, 3)


@pytest.fixture
def firm(admin, role_users):
    """The manager account is 王强's; 张伟's case is approved."""
    firm = build_firm(admin, role_users)
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    dp.submit(submitted_by_baton(admin), case_id)
    dp.approve(admin, case_id)
    firm.ids["case"] = case_id
    return firm


def test_a_leaver_in_notice_cannot_print_customer_lists(admin, firm, login_as):
    own = new_id(dp.start_case(admin, dp.CaseInput(firm["wang"], LAST, notice_on=D(2030, 3, 2))))
    dp.submit(submitted_by_baton(admin), own)
    manager = at(login_as(Role.MANAGER), START)  # 王强, in notice since 2030-03-02
    for make in (issue.issue_handover_form, issue.issue_tracking_table):
        with pytest.raises(PermissionDenied, match="export or print customer lists"):
            make(manager, firm["case"], "zh")
    # A document that lists no customers is not a customer list.
    assert issue.issue_risk_assessment(manager, firm["case"], "zh").info.number
    colleague = at(login_as(Role.HR), START)
    assert issue.issue_tracking_table(colleague, firm["case"], "zh").info.number


def test_printed_customer_rows_count_in_the_export_window(admin, firm, login_as, tmp_path):
    hr = at(login_as(Role.HR), START)
    tracking = issue.issue_tracking_table(hr, firm["case"], "zh")
    with admin.read() as s:
        from desktop.models.documents import DocumentSnapshot, IssuedDocument

        doc = s.get(IssuedDocument, tracking.info.id)
        rows = s.get(DocumentSnapshot, doc.snapshot_id).rows
    assert rows > 0
    assert export_approvals.budget(hr).used == rows
    bs.set(admin, bs.EXPORT_APPROVAL_THRESHOLD, rows + 1)
    with pytest.raises(exports.ExportNeedsApproval, match=f"with the {rows} rows you exported"):
        exports.export_list(hr, "customers", tmp_path / "all.csv")
    assert not (tmp_path / "all.csv").exists()
    # The case's own documents are not refused by the limit (HR must print them), but count.
    form = issue.issue_handover_form(hr, firm["case"], "zh")
    assert form.info.number
    assert export_approvals.budget(hr).used > rows
    # A document that lists no customers does not count.
    before = export_approvals.budget(hr).used
    issue.issue_risk_assessment(hr, firm["case"], "zh")
    assert export_approvals.budget(hr).used == before
