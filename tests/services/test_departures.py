"""Departure cases: every transition allowed and refused (with all its reasons), the legal
deadlines computed by hand, clauses, the manager's review and the end of the last day."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.errors import (
    AccountDisabled,
    Conflict,
    CredentialsError,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from desktop.models.accounts import Role, User
from desktop.models.departures import CaseEvent, HandoverItem
from desktop.models.staff import Employee
from desktop.services import accounts, handover, staff, terms
from desktop.services import business_settings as bs
from desktop.services import departures as dp
from desktop.services.departures import CaseInput, NonCompeteInput, TransitionRefused
from desktop.services.staff import EmployeeInput
from tests.conftest import ADMIN_PASSWORD, ROLE_PASSWORD
from tests.services.departure_support import LEAVER_PASSWORD, START, at, build_firm, new_id
from tests.support import move_case, submitted_by_baton

D = date
LAST = D(2030, 4, 3)


@pytest.fixture
def firm(admin, role_users):
    return build_firm(admin, role_users)


def open_case(ctx, employee_id, last=LAST, **extra) -> int:
    return new_id(dp.start_case(ctx, CaseInput(employee_id, last, **extra)))


def state(ctx, case_id) -> str:
    return dp.get_case(ctx, case_id).case.state


def status(ctx, employee_id) -> str:
    with ctx.transaction() as s:
        return s.get(Employee, employee_id).status


def reasons(exc: TransitionRefused) -> list[str]:
    return [f.message() for f in exc.failures]


def hand_everything_over(admin, case_id, firm) -> None:
    """Successors for all, every checklist line done (evidence where asked), all confirmed."""
    handover.assign_successor(admin, case_id, firm["li"])
    items = handover.list_items(admin, case_id)
    rest = [i.id for i in items if i.kind in handover.TRANSFER_KINDS and i.successor_id is None]
    if rest:
        handover.assign_items(admin, case_id, firm["zhao"], rest)
    for item in items:
        if item.kind == "checklist" and item.status == "open":
            if item.evidence_required:
                handover.attach_evidence(admin, item.id, "receipt.pdf", b"%PDF-1.4 signed")
            handover.mark_done(admin, item.id)
    # Every customer told of the handover (客户告知): the case cannot complete otherwise.
    handover.update_items(
        admin,
        case_id,
        [i.id for i in handover.list_items(admin, case_id) if i.kind == "customer"],
        handover.ItemUpdate(customer_informed=True),
    )


# --------------------------------------------------------------------------- the happy path


def test_a_case_goes_through_every_state_with_who_when_and_comment(admin, firm, relogin):
    case_id = open_case(admin, firm["zhang"], reason="回老家发展", destination="亲戚的物流公司")
    assert state(admin, case_id) == "draft"
    assert dp.get_case(admin, case_id).case.number == "D2030-0001"

    dp.submit(admin, case_id, "员工书面辞职")
    assert state(admin, case_id) == "submitted"
    assert status(admin, firm["zhang"]) == "notice"

    # Four eyes: whoever submitted does not approve, not even an administrator.
    with pytest.raises(TransitionRefused, match="You submitted case D2030-0001: another person"):
        dp.approve(admin, case_id, "同意")
    assert state(admin, case_id) == "submitted"
    accounts.add_user(admin, "admin2", "第二管理员", "admin", ROLE_PASSWORD)
    admin2 = relogin("admin2", ROLE_PASSWORD)
    admin2.clock = admin.clock
    dp.approve(admin2, case_id, "同意")
    detail = dp.get_case(admin, case_id)
    assert detail.case.state == "approved" and detail.case.approved_on == START
    assert detail.lock is not None and detail.lock.locked_from == START

    dp.start_handover(admin, case_id)
    assert status(admin, firm["zhang"]) == "handover"
    hand_everything_over(admin, case_id, firm)
    dp.request_confirmation(admin, case_id)
    handover.confirm_items(admin, case_id)
    # The leaver's app account is an item too: it closes when the account is disabled.
    (account,) = [i for i in handover.list_items(admin, case_id) if i.kind == "account"]
    handover.mark_done(admin, account.id)
    dp.complete(admin, case_id, "交接完成")
    assert state(admin, case_id) == "completed"

    for duty in dp.RECORDABLE_DUTIES:
        if duty != dp.DUTY_SEVERANCE:
            dp.record_duty(admin, case_id, duty, START)
    dp.decide_non_compete(admin, case_id, NonCompeteInput(0))
    dp.archive(admin, case_id)
    assert state(admin, case_id) == "archived"

    with admin.transaction() as s:
        events = [
            (e.action, e.from_state, e.to_state, e.actor, e.comment)
            for e in s.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
            )
            if e.from_state or e.to_state
        ]
    assert events == [
        ("create", None, "draft", "admin", None),
        ("submit", "draft", "submitted", "admin", "员工书面辞职"),
        ("approve", "submitted", "approved", "admin2", "同意"),
        ("start_handover", "approved", "in_handover", "admin", None),
        ("request_confirmation", "in_handover", "awaiting_confirmation", "admin", None),
        ("complete", "awaiting_confirmation", "completed", "admin", "交接完成"),
        ("archive", "completed", "archived", "admin", None),
    ]


def test_advance_follows_the_forward_path_and_stops_at_the_end(admin, firm):
    case_id = open_case(admin, firm["zhang"])
    dp.advance(submitted_by_baton(admin), case_id)
    dp.advance(admin, case_id)
    dp.advance(admin, case_id)
    assert state(admin, case_id) == "in_handover"
    dp.cancel(admin, case_id, "误建")
    with pytest.raises(ValidationError, match="there is no next step"):
        dp.advance(admin, case_id)


# --------------------------------------------------------------------------- refusals


MOVES = list(dp.TRANSITIONS)


def finish_step(admin, case_id, firm, here: str) -> None:
    """What a case needs in state ``here`` before its forward move can go through."""
    if here == "in_handover":
        hand_everything_over(admin, case_id, firm)
    elif here == "awaiting_confirmation":
        handover.confirm_items(admin, case_id)
        (account,) = [i for i in handover.list_items(admin, case_id) if i.kind == "account"]
        handover.mark_done(admin, account.id)
    elif here == "completed":
        for duty in dp.RECORDABLE_DUTIES:
            dp.record_duty(admin, case_id, duty, START)
        dp.decide_non_compete(admin, case_id, NonCompeteInput(0))


def test_every_move_outside_its_states_is_refused_with_the_state_named(admin, firm):
    """Walk a case through every state; at each, every move not allowed there is refused."""
    case_id = open_case(admin, firm["zhang"])
    seen = []
    while True:
        here = state(admin, case_id)
        seen.append(here)
        for name in MOVES:
            if dp.TRANSITIONS[name].target(here) is None:
                failures = [f.message() for f in dp.check_transition(admin, case_id, name)]
                named = terms.CASE_STATES[here]  # the state by its name, not its code
                assert f"the case is {named}" in failures, (here, name)
                with pytest.raises(TransitionRefused, match=f"the case is {named}"):
                    dp.transition(admin, case_id, name, "comment")
        if here not in dp.NEXT:
            break
        finish_step(admin, case_id, firm, here)
        mover = submitted_by_baton(admin) if here == "draft" else admin
        assert dp.check_transition(mover, case_id, dp.NEXT[here]) == []
        dp.advance(mover, case_id)
    assert seen == [
        "draft", "submitted", "approved", "in_handover", "awaiting_confirmation", "completed",
        "archived",
    ]  # fmt: skip


def test_asking_for_confirmation_lists_every_missing_successor_and_open_item(admin, firm):
    case_id = open_case(admin, firm["zhang"])
    move_case(admin, case_id, "submit", "approve", "start_handover")
    with pytest.raises(TransitionRefused) as refused:
        dp.request_confirmation(admin, case_id)
    found = reasons(refused.value)
    assert found[:4] == [
        "3 customers have no successor",
        "3 open receivables have nobody to collect them",
        "2 open orders have no successor",
        "1 open contract has no successor",
    ]
    required = [
        i.title for i in handover.list_items(admin, case_id) if i.kind == "checklist" and i.required
    ]
    assert "归还公司电脑及配件" in required
    assert found[4:] == [f"required item '{t}' is open" for t in _by_due(admin, case_id, required)]
    assert str(refused.value).startswith("Case D2030-0001 cannot request_confirmation: 3 customers")
    # A successor for the customers covers their invoices, orders and contracts too; INV-3
    # (sold by 张伟 to 李娜's customer) still needs a collector, and the checklist is open.
    handover.assign_successor(admin, case_id, firm["li"])
    left = [f.message() for f in dp.check_transition(admin, case_id, "request_confirmation")]
    assert left[0] == "1 open receivable has nobody to collect it"
    assert left[1:] and all(r.startswith("required item") for r in left[1:])


def _by_due(admin, case_id, titles):
    items = {i.title: i for i in handover.list_items(admin, case_id) if i.kind == "checklist"}
    return sorted(titles, key=lambda t: (items[t].due_on, items[t].id))


def test_a_case_cannot_complete_while_a_required_item_is_open_or_a_customer_unconfirmed(
    admin, firm
):
    case_id = open_case(admin, firm["zhang"])
    move_case(admin, case_id, "submit", "approve", "start_handover")
    hand_everything_over(admin, case_id, firm)
    dp.request_confirmation(admin, case_id)
    jia = firm["jia"]
    everything_but_jia = [
        i.id
        for i in handover.list_items(admin, case_id)
        if i.kind in handover.TRANSFER_KINDS and i.customer_id != jia
    ]
    handover.confirm_items(admin, case_id, item_ids=everything_but_jia)
    with pytest.raises(TransitionRefused) as refused:
        dp.complete(admin, case_id)
    assert reasons(refused.value) == [
        "1 customer's successor has not confirmed receipt",
        "3 receivables, orders or contracts are not confirmed by their successors",
        "required item 'zhangwei' is open",
    ]
    handover.confirm_items(admin, case_id)
    with pytest.raises(TransitionRefused, match="required item 'zhangwei' is open"):
        dp.complete(admin, case_id)
    (account,) = [i for i in handover.list_items(admin, case_id) if i.kind == "account"]
    handover.waive_item(admin, account.id, "account removed by the administrator")
    dp.complete(admin, case_id)
    assert state(admin, case_id) == "completed"


def test_send_back_needs_a_comment_and_returns_the_case(admin, firm, login_as):
    case_id = open_case(admin, firm["zhang"])
    dp.submit(submitted_by_baton(admin), case_id)
    manager = at(login_as(Role.MANAGER), START)
    with pytest.raises(TransitionRefused, match="a comment is required"):
        dp.send_back(manager, case_id, "  ")
    dp.send_back(manager, case_id, "最后工作日写错了")
    assert state(admin, case_id) == "draft"
    (event,) = [e for e in dp.get_case(admin, case_id).events if e.action == "send_back"]
    assert (event.actor, event.comment) == ("manager", "最后工作日写错了")


def test_cancelling_keeps_items_and_history_and_reactivates_the_employee(admin, firm):
    case_id = open_case(admin, firm["zhang"])
    move_case(admin, case_id, "submit", "approve", "start_handover")
    items_before = len(handover.list_items(admin, case_id))
    dp.cancel(admin, case_id, "员工决定留下")
    detail = dp.get_case(admin, case_id)
    assert detail.case.state == "cancelled"
    assert len(detail.items) == items_before > 0
    assert [e.action for e in detail.events if e.to_state] == [
        "create", "submit", "approve", "start_handover", "cancel"
    ]  # fmt: skip
    assert status(admin, firm["zhang"]) == "active"
    assert detail.lock is None
    # A new case can be opened once the old one is closed.
    assert open_case(admin, firm["zhang"]) != case_id


def test_one_open_case_per_employee_and_dates_in_order(admin, firm):
    open_case(admin, firm["zhang"])
    with pytest.raises(ValidationError, match=r"has an open departure case already \(D2030-0001\)"):
        open_case(admin, firm["zhang"])
    with pytest.raises(ValidationError, match="cannot be before the notice date"):
        open_case(admin, firm["li"], last=D(2030, 3, 1), notice_on=D(2030, 3, 4))


def test_a_dismissal_needs_its_reason(admin, firm):
    case_id = open_case(admin, firm["zhang"], case_type="dismissal")
    with pytest.raises(TransitionRefused, match="A dismissal needs its reason recorded"):
        dp.submit(submitted_by_baton(admin), case_id)


def test_nobody_approves_their_own_departure_and_roles_are_enforced(admin, firm, login_as):
    manager = at(login_as(Role.MANAGER), START)
    hr = at(login_as(Role.HR), START)
    case_id = open_case(hr, firm["wang"])
    dp.submit(submitted_by_baton(hr), case_id)
    with pytest.raises(TransitionRefused, match="Nobody approves their own departure"):
        dp.approve(manager, case_id)
    with pytest.raises(PermissionDenied, match=r"departures\.approve"):
        dp.approve(hr, case_id)
    sales = login_as(Role.SALES)
    with pytest.raises(PermissionDenied, match=r"departures\.edit"):
        dp.start_case(sales, CaseInput(firm["li"], LAST))
    with pytest.raises(PermissionDenied, match=r"departures\.view"):
        dp.get_case(sales, case_id)
    auditor = login_as(Role.AUDITOR)
    assert dp.get_case(auditor, case_id).case.state == "submitted"
    with pytest.raises(PermissionDenied):
        dp.cancel(auditor, case_id, "no")
    dp.approve(admin, case_id)


def test_managers_see_only_cases_of_their_branch_or_their_reports(admin, firm, login_as):
    guangzhou = open_case(admin, firm["sun"])
    shanghai = open_case(admin, firm["zhang"])
    # 孙丽 reports to 王强 although she works in 广州: he sees her case too.
    assert staff.get_employee(admin, firm["sun"]).manager_id == firm["wang"]
    manager = at(login_as(Role.MANAGER), START)
    assert {c.id for c in dp.list_cases(manager)} == {guangzhou, shanghai}
    data = staff.get_employee(admin, firm["sun"])
    staff.update_employee(
        admin,
        firm["sun"],
        EmployeeInput(data.employee_no, data.name, branch_id=data.branch_id, is_sales=True),
    )
    assert {c.id for c in dp.list_cases(manager)} == {shanghai}


# --------------------------------------------------------------------------- manager review


def test_review_lists_cases_awaiting_the_manager_with_progress_and_risks(admin, firm, login_as):
    case_id = open_case(admin, firm["zhang"])
    dp.submit(submitted_by_baton(admin), case_id)
    other = open_case(admin, firm["sun"])
    manager = at(login_as(Role.MANAGER), START)
    rows = dp.cases_awaiting(manager)
    assert [(r.case.id, r.awaiting) for r in rows] == [(case_id, "approve")]
    (row,) = rows
    assert row.failures == ()
    assert row.overdue_receivables == 2  # INV-1 due 2030-02-09, INV-3 due 2030-03-03
    assert row.overdue_amount == Decimal("1300.00")
    dp.approve(manager, case_id)
    dp.start_handover(admin, case_id)
    detail = dp.get_case(manager, case_id)
    sections = {s.key: s for s in detail.sections}
    assert (sections["customer"].total, sections["customer"].with_successor) == (3, 0)
    assert sections["checklist:assets"].total == 3
    assert detail.risks.customers_without_successor == 3
    assert detail.risks.open_receivables == 3 and detail.risks.outstanding == Decimal("1600.00")
    assert other not in [r.case.id for r in dp.cases_awaiting(manager)]


# --------------------------------------------------------------------------- deadlines


def deadlines(ctx, case_id, today):
    return {d.key: d for d in dp.case_deadlines(ctx, case_id, today)}


def test_deadlines_after_probation_computed_by_hand(admin, firm):
    # 张伟's probation ended 2021-08-09; notice on Monday 2030-03-04, last day 2030-04-03.
    case_id = open_case(admin, firm["zhang"])
    dl = deadlines(admin, case_id, D(2030, 4, 10))
    assert dl["notice"].due_on == D(2030, 4, 3) and dl["notice"].params["days"] == 30
    assert dl["notice"].warning is None and not dl["notice"].recordable
    assert dl["termination_certificate"].due_on == D(2030, 4, 3)
    assert dl["final_wages"].due_on == D(2030, 4, 3)
    assert dl["personnel_file"].due_on == D(2030, 4, 18)
    assert dl["social_insurance"].due_on == D(2030, 4, 18)
    assert dl["retention"].due_on == D(2032, 4, 3)
    assert dl["protection"].due_on == D(2031, 4, 3)
    assert not dl["severance"].applies  # a resignation
    assert dl["non_compete_decision"].applies  # he has a confidentiality duty
    # On 2030-04-10 the certificate and wages are overdue — whatever the handover's state.
    overdue = {k for k, d in dl.items() if d.overdue}
    assert overdue == {"termination_certificate", "final_wages", "non_compete_decision"}
    dp.record_duty(admin, case_id, "termination_certificate", D(2030, 4, 3))
    dl = deadlines(admin, case_id, D(2030, 4, 19))
    assert dl["termination_certificate"].done_on == D(2030, 4, 3)
    assert not dl["termination_certificate"].overdue
    assert dl["personnel_file"].overdue and dl["social_insurance"].overdue


def test_deadlines_in_probation_use_three_days_notice(admin, firm):
    new = new_id(
        staff.create_employee(
            admin,
            EmployeeInput(
                "S020",
                "陈新",
                hire_date=D(2030, 2, 1),
                probation_end=D(2030, 5, 1),
                is_sales=True,
            ),
        )
    )
    case_id = open_case(admin, new, last=D(2030, 3, 6), notice_on=D(2030, 3, 4))
    dl = deadlines(admin, case_id, D(2030, 3, 4))
    assert dl["notice"].due_on == D(2030, 3, 7) and dl["notice"].params["days"] == 3
    assert dl["notice"].params["kind"] == "in probation"
    assert dl["notice"].warning == dp.WARN_SHORT_NOTICE  # last day before the 3 days end
    assert dl["termination_certificate"].due_on == D(2030, 3, 6)
    assert dl["personnel_file"].due_on == D(2030, 3, 21)
    assert not dl["non_compete_decision"].applies
    assert dp.get_case(admin, case_id).in_probation


def test_notice_days_follow_the_business_setting_within_the_law(admin, firm):
    bs.set(admin, bs.NOTICE_DAYS, 20)
    case_id = open_case(admin, firm["zhang"], last=D(2030, 4, 18))
    assert deadlines(admin, case_id, START)["notice"].due_on == START + timedelta(days=20)
    # The law's 30 days (3 in probation) cannot be lengthened: a longer setting is refused.
    with pytest.raises(ValidationError, match="between 1 and 30"):
        bs.set(admin, bs.NOTICE_DAYS, 45)
    with pytest.raises(ValidationError, match="between 1 and 3"):
        bs.set(admin, bs.PROBATION_NOTICE_DAYS, 7)


def test_severance_waits_for_the_handover_only(admin, firm):
    case_id = open_case(admin, firm["zhang"], case_type="contract_end")
    dl = deadlines(admin, case_id, D(2030, 5, 1))
    assert dl["severance"].applies and dl["severance"].due_on is None
    assert not dl["severance"].overdue and dl["termination_certificate"].overdue


def test_non_compete_decision_is_checked_against_the_law(admin, firm):
    case_id = open_case(admin, firm["zhang"])
    bad = [
        NonCompeteInput(25, Decimal("5000"), Decimal("9000"), Decimal("2690")),
        NonCompeteInput(12, Decimal("2600"), Decimal("9000"), Decimal("2690")),
    ]
    with pytest.raises(ValidationError, match="0 to 24 months"):
        dp.decide_non_compete(admin, case_id, bad[0])
    with pytest.raises(ValidationErrors) as both:
        dp.decide_non_compete(admin, case_id, bad[1])
    assert [e.field for e in both.value.errors] == ["monthly", "monthly"]
    assert "below 30% of the average wage (2700.00)" in str(both.value)
    assert "below the local minimum wage (2690)" in str(both.value)
    with pytest.raises(ValidationError, match="Enter the local minimum wage"):
        dp.decide_non_compete(admin, case_id, NonCompeteInput(6, Decimal("3000"), Decimal("9000")))
    bs.set(admin, bs.LOCAL_MINIMUM_WAGE, 2690)
    dp.decide_non_compete(admin, case_id, NonCompeteInput(6, Decimal("3000"), Decimal("9000")))
    # Restriction from 2030-04-04: month 1 is due by 2030-05-03, month 3 by 2030-07-03.
    dl = deadlines(admin, case_id, D(2030, 7, 10))
    assert dl["non_compete_pay:1"].due_on == D(2030, 5, 3)
    assert dl["non_compete_pay:3"].due_on == D(2030, 7, 3)
    assert dl["non_compete_pay:6"].due_on == D(2030, 10, 3)
    assert dl["non_compete_pay:1"].amount == Decimal("3000.00")
    admin_today = at(admin, D(2030, 7, 10))
    risks = dp.get_case(admin_today, case_id).risks
    assert risks.non_compete_unpaid_months == 3 and risks.non_compete_alert
    dp.record_non_compete_payment(admin, case_id, 1, Decimal("3000"), D(2030, 5, 2))
    risks = dp.get_case(admin_today, case_id).risks
    assert risks.non_compete_unpaid_months == 2 and not risks.non_compete_alert
    dp.release_non_compete(admin, case_id, D(2030, 8, 1))
    dl = deadlines(admin, case_id, D(2030, 8, 2))
    assert "non_compete_pay:5" not in dl and "non_compete_pay:4" in dl
    assert dl["non_compete_release"].amount == Decimal("9000.00")


def test_no_non_compete_without_a_confidentiality_duty(admin, firm):
    case_id = open_case(admin, firm["li"])
    with pytest.raises(ValidationError, match="no confidentiality duty"):
        dp.decide_non_compete(
            admin, case_id, NonCompeteInput(6, Decimal("3000"), Decimal("9000"), Decimal("2690"))
        )


# --------------------------------------------------------------------------- clauses


def test_clauses_are_acknowledged_with_version_and_hash(admin, firm, relogin):
    case_id = open_case(admin, firm["zhang"])
    views = dp.get_case(admin, case_id).clauses
    keys = {(v.clause.key, v.clause.language) for v in views}
    assert ("confidentiality", "zh") in keys and ("non_compete", "en") in keys
    zh = [v.clause.id for v in views if v.clause.language == "zh"]
    # The employee acknowledges from their own account.
    leaver = at(relogin("zhangwei", LEAVER_PASSWORD), START)
    try:
        dp.acknowledge_clauses(leaver, case_id, zh)
    finally:
        leaver.close()
    views = {(v.clause.key, v.clause.language): v for v in dp.get_case(admin, case_id).clauses}
    handover_zh = views[("handover", "zh")]
    assert handover_zh.acknowledged and handover_zh.recorded_by == "张伟"  # by name
    assert handover_zh.acknowledged_sha256 == handover_zh.clause.sha256
    assert not views[("handover", "en")].acknowledged
    dp.save_clause(admin, "handover", "zh", "交接确认", "新的交接确认文本。")
    views = {(v.clause.key, v.clause.language): v for v in dp.get_case(admin, case_id).clauses}
    assert views[("handover", "zh")].outdated
    assert views[("handover", "zh")].clause.version == 2
    assert views[("handover", "zh")].acknowledged_version == 1


# --------------------------------------------------------------------------- the last day


def test_the_account_is_disabled_after_the_last_working_day(admin, firm, relogin):
    case_id = open_case(admin, firm["zhang"], last=D(2030, 3, 20))
    dp.submit(submitted_by_baton(admin), case_id)
    dp.approve(admin, case_id)
    report = dp.apply_due_account_disablements(admin, D(2030, 3, 20))
    assert report.disabled_users == ()
    report = dp.apply_due_account_disablements(admin, D(2030, 3, 21))
    assert report.disabled_users == ("zhangwei",)
    assert report.departed_employees == (firm["zhang"],)
    with admin.transaction() as s:
        user = s.scalar(select(User).where(User.username == "zhangwei"))
        assert user.disabled and "D2030-0001" in user.disabled_reason
        employee = s.get(Employee, firm["zhang"])
        assert (employee.status, employee.departed_on) == ("departed", D(2030, 3, 21))
        account = s.scalar(
            select(HandoverItem).where(
                HandoverItem.case_id == case_id, HandoverItem.kind == "account"
            )
        )
        assert account.status == "done"
    assert dp.apply_due_account_disablements(admin, D(2030, 3, 22)).disabled_users == ()
    with pytest.raises(AccountDisabled):
        relogin("zhangwei", LEAVER_PASSWORD)


def test_login_applies_the_due_disablements(admin, firm, relogin):
    """The duty runs before anyone logs in: a leaver whose last day has passed is locked out."""
    real_today = date.today()
    at(admin, real_today - timedelta(days=10))
    case_id = open_case(admin, firm["zhang"], last=real_today - timedelta(days=1))
    dp.submit(submitted_by_baton(admin), case_id)
    dp.approve(admin, case_id)
    with pytest.raises(AccountDisabled):
        relogin("zhangwei", LEAVER_PASSWORD)
    relogin("admin", ADMIN_PASSWORD).close()


def test_an_open_case_can_be_corrected_but_not_given_to_someone_else(admin, firm):
    case_id = open_case(admin, firm["zhang"])
    version = dp.get_case(admin, case_id).case.version
    dp.update_case(
        admin,
        case_id,
        CaseInput(firm["zhang"], D(2030, 4, 30), "dismissal", reason="严重违纪"),
        expected_version=version,
    )
    row = dp.get_case(admin, case_id).case
    assert (row.last_day, row.case_type, row.submitted_on) == (D(2030, 4, 30), "dismissal", START)
    with pytest.raises(Conflict):
        dp.update_case(admin, case_id, CaseInput(firm["zhang"], LAST), expected_version=version)
    with pytest.raises(ValidationError, match="stays with its employee"):
        dp.update_case(admin, case_id, CaseInput(firm["li"], LAST))


def test_the_leavers_key_slot_can_be_revoked_by_removing_the_account(admin, firm, relogin):
    case_id = open_case(admin, firm["zhang"])
    dp.revoke_account_keys(admin, case_id)
    # No key slot in the vault, no password hash on a server: nothing opens for this name.
    users = {u.username: u for u in accounts.list_users(admin, include_removed=True)}
    assert users["zhangwei"].removed and not users["zhangwei"].has_key_slot
    with pytest.raises(CredentialsError):
        relogin("zhangwei", LEAVER_PASSWORD)
    assert [
        e.comment for e in dp.get_case(admin, case_id).events if e.action == "keys_revoked"
    ] == ["zhangwei"]
