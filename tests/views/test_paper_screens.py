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
