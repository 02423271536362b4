"""The certificate button on a case's Documents tab, pressed as HR on the last day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from desktop.services import departures, employment
from desktop.views.documents import DocumentsTab
from tests.reports.documents_support import DemoCase, build_template, copy_case
from tests.services.commission_support import at


@pytest.fixture(scope="module")
def gui_case_template(tmp_path_factory) -> DemoCase:
    return build_template(tmp_path_factory.mktemp("paperwork-gui-template"))


@pytest.fixture
def demo_case(gui_case_template: DemoCase, tmp_path) -> Iterator[DemoCase]:
    case = copy_case(gui_case_template, tmp_path)
    yield case
    case.close()


def test_certificate_button_issues_and_previews(qtbot, demo_case, no_blocking_dialogs):
    hr = demo_case.login("hr")
    employment.set_employment_terms(hr, demo_case.employee_id, contract_start=date(2020, 1, 1))
    at(hr, departures.get_case(hr, demo_case.case_id).case.last_day)
    tab = DocumentsTab(hr, demo_case.case_id)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.status is not None, timeout=10000)
    assert tab.certificate_button.isEnabled()
    tab.certificate_button.click()
    qtbot.waitUntil(lambda: tab.current is not None, timeout=30000)
    assert tab.current.info.kind == "certificate"
    assert tab.preview.page_count == tab.current.info.pages == 1
    tab.runner.wait(10000)


def test_evidence_pack_button_writes_a_pack_that_verifies(qtbot, demo_case, tmp_path):
    from desktop.services.evidence_pack import verify_pack

    hr = demo_case.login("hr")
    tab = DocumentsTab(hr, demo_case.case_id)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.status is not None, timeout=10000)
    assert tab.pack_button.isEnabled()
    target = tmp_path / "pack.zip"
    tab.save_pack(target)
    qtbot.waitUntil(lambda: "Evidence pack saved" in tab.message.text(), timeout=30000)
    assert verify_pack(hr, target.read_bytes()).intact
    tab.runner.wait(10000)
