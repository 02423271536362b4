"""The final settlement you can pay from: the monthly wage on the employee record, the 20% cap
applied month by month with the remainder carried, and no final settlement while a month of
the window is not computed (the month named)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desktop.errors import ValidationError
from desktop.reports import issue
from desktop.services import commissions as cm
from desktop.services import employment
from desktop.services import money as rv
from tests.reports.documents_support import plain
from tests.services.commission_support import D, M, at, build_firm


@pytest.fixture
def firm(admin):
    """张伟 earns 500.00 in January 2030 (10% of two orders); one invoice is written off in
    March (-300.00), the other in April (-200.00); his wage is 1,000.00 a month."""
    firm = build_firm(admin)
    firm.plan(flat_rate=M("0.10"), clawback_days=180)
    firm.order("a", "WB-A", "jia", D(2030, 1, 10), "3000.00", salesperson="zhang")
    firm.order("b", "WB-B", "jia", D(2030, 1, 11), "2000.00", salesperson="zhang")
    firm.invoice("ia", "INV-A", "jia", D(2030, 1, 31), "3000.00", orders=("a",))
    firm.invoice("ib", "INV-B", "jia", D(2030, 1, 31), "2000.00", orders=("b",))
    at(admin, D(2030, 3, 5))
    rv.write_off(admin, firm["ia"], D(2030, 3, 5), "customer bankrupt")
    at(admin, D(2030, 4, 5))
    rv.write_off(admin, firm["ib"], D(2030, 4, 5), "customer bankrupt")
    firm.depart()
    employment.set_employment_terms(admin, firm["zhang"], monthly_wage="1000.00")
    at(admin, D(2030, 4, 30))
    return firm


def _compute(admin, *months: str) -> None:
    for month in months:
        cm.compute_period(admin, month)


def test_the_cap_is_applied_month_by_month_with_the_rest_carried(admin, firm):
    _compute(admin, "2030-01", "2030-02", "2030-03", "2030-04")
    result = cm.settlement(admin, firm["case"])
    assert result.final and result.uncomputed == ()
    # By hand: March due 300.00, cap 20% x 1,000.00 = 200.00 -> 200.00 deducted, 100.00 carried;
    # April due 100.00 + 200.00 = 300.00, cap 200.00 -> 200.00 deducted, 100.00 carried beyond.
    got = [
        (d.month, d.clawback, d.carried_in, d.wage, d.cap, d.deducted, d.carried_out)
        for d in result.deductions
    ]
    assert got == [
        ("2030-03", M("300.00"), M("0.00"), M("1000.00"), M("200.00"), M("200.00"), M("100.00")),
        ("2030-04", M("200.00"), M("100.00"), M("1000.00"), M("200.00"), M("200.00"), M("100.00")),
    ]
    assert result.totals["earned"] == M("500.00")
    assert result.to_pay == M("100.00")  # 500.00 earned - 400.00 the cap lets be deducted
    assert result.carried_beyond == M("100.00")
    issued = issue.issue_settlement(admin, firm["case"])
    text = plain("".join(p.extract_text() for p in PdfReader(io.BytesIO(issued.data)).pages))
    assert "第十六条" in text and "结转下月" in text and "草稿" not in text


def test_a_settlement_with_an_uncomputed_month_refuses_naming_it(admin, firm):
    _compute(admin, "2030-01", "2030-03", "2030-04")  # February is missing
    result = cm.settlement(admin, firm["case"])
    assert not result.final and result.uncomputed == ("2030-02",)
    with pytest.raises(ValidationError) as caught:
        issue.issue_settlement(admin, firm["case"])
    assert "2030-02" in str(caught.value)
    draft = issue.issue_settlement(admin, firm["case"], draft=True)
    pages = PdfReader(io.BytesIO(draft.data)).pages
    text = plain("".join(p.extract_text() for p in pages))
    assert "草稿" in text and "DRAFT" in text and "2030-02" in text


def test_only_hr_and_the_administrator_set_the_wage(admin, firm, login_as):
    from desktop.errors import PermissionDenied
    from desktop.models.accounts import Role

    for role in (Role.MANAGER, Role.FINANCE, Role.SALES):
        with pytest.raises(PermissionDenied):
            employment.set_employment_terms(login_as(role), firm["zhang"], monthly_wage="1.00")
    hr = login_as(Role.HR)
    employment.set_employment_terms(hr, firm["zhang"], monthly_wage="1200.00")
    assert employment.employment_terms(hr, firm["zhang"]).monthly_wage == M("1200.00")
    for bad in ("-1", "abc", "1e20"):
        with pytest.raises(ValidationError):
            employment.set_employment_terms(hr, firm["zhang"], monthly_wage=bad)
    assert employment.employment_terms(hr, firm["zhang"]).monthly_wage == M("1200.00")
