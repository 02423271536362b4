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
