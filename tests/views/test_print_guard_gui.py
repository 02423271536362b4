"""Issue 14 in the window, the print guard: the case's Documents tab issuing a customer list
(the tracking table, the handover form) as a leaver in notice is refused with the rule named and
nothing is issued; a colleague's tracking table is issued and its rows count in their window."""

from __future__ import annotations

from desktop.models.accounts import Role
from desktop.services import departures as dp
from desktop.services import documents, export_approvals
from desktop.views.documents import DocumentsTab
from tests.services.departure_support import START, D, at, build_firm, new_id
from tests.support import submitted_by_baton
from tests.views.conftest import settle

LAST = D(2030, 4, 3)


def _tab(qtbot, ctx, case_id) -> DocumentsTab:
    tab = DocumentsTab(ctx, case_id)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.status is not None, timeout=10000)
    return tab


def _issued(admin, case_id) -> list[str]:
    return [d.kind for d in documents.list_documents(admin, case_id=case_id)]


def test_the_documents_tab_refuses_customer_lists_to_a_leaver_in_notice(
    qtbot, admin, role_users, login_as, no_blocking_dialogs
):
    firm = build_firm(admin, role_users)
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], LAST)))
    dp.submit(submitted_by_baton(admin), case_id)
    dp.approve(admin, case_id)
    own = new_id(dp.start_case(admin, dp.CaseInput(firm["wang"], LAST, notice_on=D(2030, 3, 2))))
    dp.submit(submitted_by_baton(admin), own)

    tab = _tab(qtbot, at(login_as(Role.MANAGER), START), case_id)  # 王强, in notice
    for kind in ("tracking", "handover"):
        tab.generate(kind)
        settle(qtbot, tab.runner)
        assert any("export or print customer lists" in text for _k, text in no_blocking_dialogs), (
            no_blocking_dialogs
        )
        no_blocking_dialogs.clear()
    assert _issued(admin, case_id) == []
    tab.runner.wait(30000)

    hr = at(login_as(Role.HR), START)
    tab = _tab(qtbot, hr, case_id)
    tab.generate("tracking")
    qtbot.waitUntil(lambda: tab.current is not None, timeout=30000)
    assert _issued(admin, case_id) == ["tracking"]
    tab.runner.wait(30000)
    assert export_approvals.budget(hr).used > 0, "the printed rows count in the window"
