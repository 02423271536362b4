"""The paperwork screens as a user meets them: the confirmation letters on a case's
Receivables tab (state per letter, sending and replies recorded, a differing reply opening a
follow-up), the severance calculator on a case, and the personal-data duties on the Staff
page (acknowledgements, publications, person export, retention purge with a preview)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from desktop.reports import issue
from desktop.services import documents
from desktop.views.case.screen import CaseScreen
from desktop.views.workers import TaskRunner
from tests.reports.documents_support import DemoCase, build_template, copy_case
from tests.views.conftest import on_worker, settle


@pytest.fixture(scope="module")
def screens_template(tmp_path_factory) -> DemoCase:
    return build_template(tmp_path_factory.mktemp("paper-screens-template"))


@pytest.fixture
def demo_case(screens_template: DemoCase, tmp_path) -> Iterator[DemoCase]:
    case = copy_case(screens_template, tmp_path)
    yield case
    case.close()


def _screen(qtbot, ctx, case_id) -> CaseScreen:
    screen = CaseScreen(TaskRunner())
    qtbot.addWidget(screen)
    screen.open_case(ctx, case_id)
    qtbot.waitUntil(lambda: screen.detail is not None and not screen.loading, timeout=20000)
    return screen


def test_letters_on_the_receivables_tab(qtbot, demo_case):
    admin = demo_case.login("admin")
    screen = _screen(qtbot, admin, demo_case.case_id)
    panel = screen.money.letters
    qtbot.waitUntil(lambda: panel.loaded, timeout=20000)
    assert panel.model.rowCount() == 0 and "No letter issued yet" in panel.summary.text()
    issued = on_worker(qtbot, screen.runner, issue.issue_confirmations, admin, demo_case.case_id)
    screen.money._letters_written([])  # what the batch button does once the files are saved
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(issued) >= 2, timeout=20000)
    states = [panel.model.data(panel.model.index(i, 5)) for i in range(panel.model.rowCount())]
    assert set(states) == {"Issued, not sent yet"}
    first, second = panel.model.all_rows[:2]
    assert not panel.reply_button.isEnabled()

    panel.select_letter(first.id)
    assert panel.sent_button.isEnabled() and not panel.reply_button.isEnabled()
    panel.record_sent(first.id, admin.today(), "courier")
    settle(qtbot, screen.runner)
    row = next(r for r in panel.model.all_rows if r.id == first.id)
    assert panel.state_text(row).startswith("Sent on") and "courier" in panel.state_text(row)
    panel.select_letter(first.id)
    assert panel.reply_button.isEnabled()
    stated = first.total - Decimal("100.00")
    panel.record_reply(first.id, stated, admin.today(), "they miss one payment")
    settle(qtbot, screen.runner)
    row = next(r for r in panel.model.all_rows if r.id == first.id)
    text = panel.state_text(row)
    assert "differs by ¥100.00" in text and "follow-up opened" in text, text
    assert row.followup_id is not None

    panel.record_sent(second.id, admin.today(), "post")
    settle(qtbot, screen.runner)
    panel.record_reply(second.id, None, admin.today())
    settle(qtbot, screen.runner)
    row = next(r for r in panel.model.all_rows if r.id == second.id)
    assert "balance confirmed" in panel.state_text(row) and row.followup_id is None
    assert "2 sent, 2 replied, 1 differing" in panel.summary.text()
    stored = on_worker(qtbot, screen.runner, documents.list_letters, admin, demo_case.case_id)
    assert [r.reply for r in stored[:2]] == ["differs", "confirmed"]
    screen.runner.wait(10000)


def test_reply_dialog_and_refused_replies_change_nothing(qtbot, demo_case, no_blocking_dialogs):
    from desktop.views.case.letters import ReplyDialog

    admin = demo_case.login("admin")
    runner = TaskRunner()
    on_worker(qtbot, runner, issue.issue_confirmations, admin, demo_case.case_id)
    (letter, *_) = on_worker(qtbot, runner, documents.list_letters, admin, demo_case.case_id)
    dialog = ReplyDialog(letter, admin.today())
    qtbot.addWidget(dialog)
    assert dialog.balance() is None, "unticked: the customer confirms"
    dialog.differs.setChecked(True)
    tried = handled = 0
    for text in ("", "abc", "1.2.3", "--5"):
        tried += 1
        dialog.amount.setText(text)
        dialog._check()
        if "Type the balance" in dialog.error.text() and dialog.result() == 0:
            handled += 1
        dialog.error.clear()
    assert handled == tried
    dialog.amount.setText("1,234.50")
    assert dialog.balance() == Decimal("1234.50")

    from desktop.views.case.letters import LettersPanel

    panel = LettersPanel(runner)
    qtbot.addWidget(panel)
    panel.set_case(admin, demo_case.case_id)
    qtbot.waitUntil(lambda: panel.loaded, timeout=20000)
    warnings_before = len(no_blocking_dialogs)
    panel.record_reply(letter.id, None, admin.today())  # not sent yet: refused
    panel.record_sent(letter.id, letter.as_of.replace(year=letter.as_of.year - 1), "post")
    panel.record_sent(letter.id, admin.today(), "post")
    panel.record_reply(letter.id, Decimal("-1.00"), admin.today())  # negative: refused
    settle(qtbot, runner)
    refusals = [t for k, t in no_blocking_dialogs[warnings_before:] if k != "question"]
    assert len(refusals) == 3, refusals
    (after, *_) = on_worker(qtbot, runner, documents.list_letters, admin, demo_case.case_id)
    assert (after.sent_on, after.reply, after.followup_id) == (admin.today(), None, None)


def _make_case(ctx, case_id, case_type, pay_in_lieu=False):
    from dataclasses import replace

    from desktop.services import departures

    row = departures.get_case(ctx, case_id).case
    data = departures.CaseInput(
        row.employee_id, row.last_day, case_type=case_type, notice_on=row.notice_on
    )
    return departures.update_case(ctx, case_id, replace(data, pay_in_lieu=pay_in_lieu))


def test_severance_on_the_case_art_40_with_pay_in_lieu_and_art_39_none(qtbot, demo_case):
    from desktop.services import employment

    hr = demo_case.login("hr")
    runner = TaskRunner()
    on_worker(
        qtbot,
        runner,
        employment.set_employment_terms,
        hr,
        demo_case.employee_id,
        monthly_wage="30000.00",
    )
    on_worker(qtbot, runner, _make_case, hr, demo_case.case_id, "dismissal", True)
    screen = _screen(qtbot, hr, demo_case.case_id)
    tab = screen.deadlines
    assert tab.buttons["severance"].isEnabled()
    tab.buttons["severance"].click()
    dialog = tab.severance_dialog
    bad = ("", "abc", "-5", "0", "1e400", "12,000.00.1", "NaN", "Infinity")
    refused = 0
    for text in bad:
        dialog.error.clear()
        dialog.local_average.setText(text)
        dialog.compute()
        qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=20000)
        assert dialog.result is None and dialog.compute_button.isEnabled(), text
        refused += 1
    assert refused == len(bad)
    dialog.local_average.setText("8000.00")
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    result = dialog.result
    assert result.kind == "N+1", "an art. 40 dismissal paid in lieu adds the month's wage"
    assert (result.capped, result.base_wage, result.in_lieu) == (
        True,
        Decimal("24000.00"),
        Decimal("30000.00"),
    )
    shown = dialog.figures.text()
    for needle in ("代通知金", "¥24,000.00", "¥30,000.00", "capped", "第四十七条", "Total (N+1)"):
        assert needle in shown, needle
    assert f"{result.total:,.2f}" in shown

    dialog.close()
    on_worker(qtbot, runner, _make_case, hr, demo_case.case_id, "misconduct")
    screen.reload()
    qtbot.waitUntil(lambda: not screen.loading, timeout=20000)
    tab.buttons["severance"].click()
    dialog = tab.severance_dialog
    dialog.local_average.setText("8000.00")
    dialog.compute()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=20000)
    assert "art. 39" in dialog.error.text() and dialog.result is None
    assert dialog.figures.text() == ""
    settle(qtbot, screen.runner)


@pytest.fixture
def firm(admin):
    from desktop.models.staff import Employee
    from desktop.services import employment
    from tests.services.commission_support import build_firm

    firm = build_firm(admin)
    with admin.transaction() as s:
        e = s.get(Employee, firm["zhao"])
        e.phone, e.email, e.id_number = "13800138000", "zhao@example.cn", "110101199003070419"
    employment.set_employment_terms(admin, firm["zhao"], monthly_wage="9000.00")
    return firm


def test_acknowledgement_and_person_export_on_the_staff_page(
    qtbot, admin, firm, tmp_path, no_blocking_dialogs
):
    import json

    from desktop.services import privacy
    from desktop.views.pages.privacy import PersonalDataTab
    from desktop.views.pages.staff import StaffPage

    runner = TaskRunner()
    page = StaffPage(runner)
    qtbot.addWidget(page)
    assert page.detail_tabs.tabText(2) == "Personal data" and page.personal is not None
    notice = on_worker(qtbot, runner, privacy.privacy_notice_template, admin)
    (pub,) = on_worker(
        qtbot, runner, privacy.publish, admin, "privacy_notice", "告知书 2030", notice
    ).ids
    on_worker(qtbot, runner, privacy.publish, admin, "commission_plan", "提成方案 2030", "10%")
    tab = PersonalDataTab(runner)
    qtbot.addWidget(tab)
    tab.show_employee(admin, firm["zhao"], "赵敏 (S003)")
    qtbot.waitUntil(lambda: tab.loaded, timeout=20000)
    assert tab.model.rowCount() == 2
    assert tab.message.text() == "2 publication(s) not acknowledged yet."
    tab.select_publication(pub)
    assert tab.acknowledge_button.isEnabled()
    tab.acknowledge_selected()
    settle(qtbot, runner)
    asked = [text for kind, text in no_blocking_dialogs if kind == "question"]
    assert asked and "赵敏 (S003)" in asked[-1] and "告知书 2030" in asked[-1]
    row = next(r for r in tab.model.all_rows if r.publication_id == pub)
    assert "recorded by admin" in tab.acknowledged_text(row)
    assert tab.message.text() == "1 publication(s) not acknowledged yet."
    stored = on_worker(qtbot, runner, privacy.acknowledgements_of, admin, firm["zhao"])
    assert [r.acknowledged_on is not None for r in stored if r.publication_id == pub] == [True]

    target = tmp_path / "zhao.json"
    tab.export_to(target)
    settle(qtbot, runner)
    assert "Exported" in tab.message.text() and str(target) in tab.message.text()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["employee"]["phone"] == "13800138000"
    assert data["employee"]["id_number"] == "110101199003070419"
    assert data["acknowledgements"], "the acknowledgement just recorded is part of it"


def test_publication_and_retention_purge_with_preview(qtbot, admin, firm, no_blocking_dialogs):
    from desktop.models.staff import Employee
    from desktop.services import privacy, staff
    from desktop.services.maintenance import verify_audit
    from desktop.views.pages.privacy import PrivacyDialog
    from tests.services.commission_support import D, at

    def departed(ctx, employee_id):
        with ctx.transaction() as s:
            e = s.get(Employee, employee_id)
            e.status, e.departed_on = "departed", D(2030, 2, 1)

    runner = TaskRunner()
    on_worker(qtbot, runner, departed, admin, firm["zhao"])
    at(admin, D(2033, 2, 1))
    dialog = PrivacyDialog(admin, runner)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.publications_loaded, timeout=20000)
    assert dialog.publications.rowCount() == 0 and dialog.years.value() == 3
    assert dialog.tabs.isTabVisible(dialog.retention_index)
    dialog.publish("monitoring_rules", "监控规则 2030", "订单趋势、逾期应收")
    settle(qtbot, runner)
    assert dialog.publications.rowCount() == 1
    assert on_worker(qtbot, runner, privacy.list_publications, admin)[0].title == "监控规则 2030"

    assert not dialog.purge_button.isEnabled(), "no purge before a preview"
    dialog.run_preview()
    settle(qtbot, runner)
    assert "Would purge 1 employee(s)" in dialog.preview_text.text()
    assert "S003 赵敏" in dialog.preview_text.text()
    still = on_worker(qtbot, runner, staff.get_employee, admin, firm["zhao"])
    assert still.phone == "13800138000", "the preview changes nothing"
    assert dialog.purge_button.isEnabled()
    dialog.confirm_purge()
    settle(qtbot, runner)
    asked = [text for kind, text in no_blocking_dialogs if kind == "question"]
    assert asked and "1 employee(s)" in asked[-1] and "cannot be undone" in asked[-1]
    assert dialog.retention_message.text().startswith("Purged 1 employee(s)")
    gone = on_worker(qtbot, runner, staff.get_employee, admin, firm["zhao"])
    assert (gone.phone, gone.id_number, gone.name) == (None, None, "赵敏")
    assert on_worker(qtbot, runner, verify_audit, admin).first_broken is None
    assert not dialog.purge_button.isEnabled()
