"""The Reports page as finance uses it: issue the aging report, find it again, save it, and
check files handed back — the saved copy verifies, an altered one does not."""

from __future__ import annotations

from desktop.models.accounts import Role
from desktop.services.demo import generate_demo
from desktop.views.pages.reports import ReportsPage
from tests.conftest import ROLE_PASSWORD
from tests.views.conftest import unlock


def show(window, kind):
    page = window.page_of(kind)
    window.nav.setCurrentRow(window.pages.index(page))
    return page


def test_issue_save_and_verify_the_aging_report(
    qtbot, admin, role_users, window, tmp_path, monkeypatch, no_blocking_dialogs
):
    generate_demo(admin, "small", seed=3)
    unlock(qtbot, window, role_users[Role.FINANCE], ROLE_PASSWORD)
    page = show(window, ReportsPage)
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    assert not page.empty.isHidden(), "an empty list says where documents come from"
    assert page.table.rowCount() == 0
    assert not page.print_button.isEnabled(), "nothing to print before a document is chosen"

    page.language.setCurrentIndex(page.language.findData("zh"))
    page.generate_aging()
    qtbot.waitUntil(
        lambda: (
            (page.current is not None and page.table.rowCount() == 1) or bool(no_blocking_dialogs)
        ),
        timeout=30000,
    )
    assert no_blocking_dialogs == []
    assert page.table.item(0, 1).text() == "Receivables aging by salesperson"
    assert page.table.item(0, 2).text() == "—", "the aging report belongs to no case"
    assert page.preview.page_count >= 1
    assert page.print_button.isEnabled() and page.save_button.isEnabled()

    saved = tmp_path / "aging.pdf"
    monkeypatch.setattr("desktop.views.pages.reports.ask_save", lambda parent, issued: saved)
    page.choose_save()
    qtbot.waitUntil(lambda: "Saved to" in page.message.text(), timeout=10000)
    assert saved.read_bytes() == page.current.data

    monkeypatch.setattr("desktop.views.pages.reports.choose_pdf_to_verify", lambda parent: saved)
    page.choose_verify()
    qtbot.waitUntil(lambda: page.last_verification is not None, timeout=10000)
    assert page.last_verification.verified
    assert no_blocking_dialogs[-1][0] == "information"
    assert "unchanged" in no_blocking_dialogs[-1][1]

    altered = tmp_path / "altered.pdf"
    data = bytearray(saved.read_bytes())
    data[len(data) // 2] ^= 0x01
    altered.write_bytes(bytes(data))
    page.last_verification = None
    monkeypatch.setattr("desktop.views.pages.reports.choose_pdf_to_verify", lambda parent: altered)
    page.choose_verify()
    qtbot.waitUntil(lambda: page.last_verification is not None, timeout=10000)
    assert not page.last_verification.verified
    assert no_blocking_dialogs[-1][0] == "warning"

    window.lock()
    assert page.table.rowCount() == 0 and page.current is None, "a locked window shows nothing"


def test_sales_do_not_see_reports(qtbot, role_users, window):
    unlock(qtbot, window, role_users[Role.SALES], ROLE_PASSWORD)
    index = window.pages.index(window.page_of(ReportsPage))
    assert window.nav.item(index).isHidden()


def test_hr_cannot_issue_the_aging_report(qtbot, role_users, window):
    """HR reads reports but not receivables: the aging button is off, as the service says."""
    unlock(qtbot, window, role_users[Role.HR], ROLE_PASSWORD)
    page = show(window, ReportsPage)
    assert not page.aging_button.isEnabled()
    window.lock()
    unlock(qtbot, window, role_users[Role.FINANCE], ROLE_PASSWORD)
    page = show(window, ReportsPage)
    assert page.aging_button.isEnabled()
