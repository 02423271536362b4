"""Departures in the window, on a small demo firm: HR opens a case from the staff list, the
manager approves it on the review page, HR names successors and works the checklist, the
successor confirms receipt, the manager completes it. Asserts what each user sees."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from desktop.models.accounts import User
from desktop.models.staff import Employee
from desktop.services import accounts, departures, staff
from desktop.services.demo import DEMO_PASSWORD, generate_demo
from desktop.services.departures import CaseInput
from desktop.views.pages.departures import DeparturesPage
from desktop.views.pages.receipts import ReceiptsPage
from desktop.views.pages.review import ReviewPage
from desktop.views.pages.staff import StaffPage
from tests.conftest import ADMIN_PASSWORD, ROLE_PASSWORD
from tests.support import submitted_by_baton
from tests.views.conftest import settle, unlock, wait_loaded

SUCCESSOR_PASSWORD = "successor-pass-1"


def show(window, kind):
    page = window.page_of(kind)
    window.nav.setCurrentRow(window.pages.index(page))
    return page


def wait_case(qtbot, screen, state, timeout=20000):
    qtbot.waitUntil(
        lambda: (
            screen.detail is not None and screen.detail.case.state == state and not screen.loading
        ),
        timeout=timeout,
    )


def take(qtbot, screen, move, comment="", state=None):
    """Click a move's button, write the comment, and wait for the case's new state."""
    screen.move_buttons[move].click()
    dialog = screen.dialog
    assert dialog is not None, f"{move} asks for a comment"
    dialog.comment.setPlainText(comment)
    dialog.submit()
    if state is not None:
        wait_case(qtbot, screen, state)


def test_departure_from_staff_list_to_completion(qtbot, vault, window, tmp_path, qtmodeltester):
    admin, _ = vault
    summary = generate_demo(admin, "small", seed=7)
    top = summary.top_salesperson_id
    with admin.transaction() as s:
        leaver = s.get(Employee, top)
        successor = s.scalar(
            select(Employee)
            .where(
                Employee.branch_id == leaver.branch_id,
                Employee.is_sales.is_(True),
                Employee.status == "active",
                Employee.id != top,
                Employee.id.not_in(select(User.employee_id).where(User.employee_id.is_not(None))),
            )
            .order_by(Employee.employee_no)
            .limit(1)
        )
        leaver_no, successor_id = leaver.employee_no, successor.id
        successor_label = f"{successor.name} ({successor.employee_no})"
    accounts.add_user(admin, "succ", "接任人", "sales", SUCCESSOR_PASSWORD)
    staff.link_user(admin, "succ", successor_id)
    admin.close()

    # HR starts the departure from the staff list; the dialog shows the legal notice.
    unlock(qtbot, window, "hr", DEMO_PASSWORD)
    staff_page = show(window, StaffPage)
    staff_page.panel.search.setText(leaver_no)
    qtbot.waitUntil(lambda: staff_page.panel.model.search == leaver_no, timeout=3000)
    wait_loaded(qtbot, staff_page.panel.model)
    staff_page.panel.table.selectRow(0)
    assert staff_page.panel.selected().id == top
    assert staff_page.depart_button.isEnabled()
    staff_page.depart_button.click()
    settle(qtbot, window.runner)  # the form opens once the notice periods were read
    dialog = staff_page.dialog
    assert dialog.employee.value() == top
    assert dialog.last_day.value() == dialog.notice_on.value() + timedelta(days=30)
    assert "30 days" in dialog.legal.text()
    dialog.last_day.set_value(dialog.notice_on.value() + timedelta(days=10))
    assert not dialog.warning.isHidden(), "a last day inside the notice period is flagged"
    dialog.last_day.set_value(dialog.notice_on.value() + timedelta(days=30))
    assert dialog.warning.isHidden()
    dialog.reason.setPlainText("个人发展")
    dialog.submit()

    page = window.page_of(DeparturesPage)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=10000)
    screen = page.screen
    wait_case(qtbot, screen, "draft")
    case_id = screen.detail.case.id
    assert screen.stepper.current == "draft"
    assert screen.customers.empty.isVisibleTo(screen), "no items before approval"
    take(qtbot, screen, "submit", state="submitted")
    assert screen.stepper.current == "submitted"
    assert not screen.move_buttons["approve"].isEnabled(), "HR does not approve"
    window.lock()

    # The manager approves on the review page (the items are generated then).
    unlock(qtbot, window, "manager", DEMO_PASSWORD)
    review = show(window, ReviewPage)
    qtbot.waitUntil(lambda: review.model.rowCount() == 1, timeout=10000)
    assert review.selected().case.id == case_id
    assert review.detail.decide.isEnabled()
    review.detail.decide.click()
    review.dialog.comment.setPlainText("同意")
    review.dialog.submit()
    qtbot.waitUntil(lambda: review.model.rowCount() == 0, timeout=20000)
    window.lock()

    # HR starts the handover; asking for confirmation is refused with every reason listed.
    unlock(qtbot, window, "hr", DEMO_PASSWORD)
    window.open_case(case_id)
    screen = window.page_of(DeparturesPage).screen
    wait_case(qtbot, screen, "approved")
    customers = [i for i in screen.detail.items if i.kind == "customer"]
    assert len(customers) > 10
    assert screen.tabs.tabText(0).startswith(f"Customers ({len(customers)}")
    take(qtbot, screen, "start_handover", state="in_handover")
    assert screen.stepper.current == "in_handover"
    screen.move_buttons["request_confirmation"].click()
    blockers = screen.blocker_texts()
    assert any("customers have no successor" in b for b in blockers)
    assert any(b.startswith("required item") for b in blockers)
    assert len(blockers) >= 3, "every failed precondition is listed, not only the first"

    # Bulk successor: every customer (and the leaver's other open items) without one.
    tab = screen.customers
    tab.without.setChecked(True)
    assert tab.model.rowCount() == len(customers)
    tab.assign()
    assign = screen.dialog
    assign.successor.set_value(successor_id, successor_label)
    assign.without.setChecked(True)
    assign.everything.setChecked(True)
    assign.submit()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0 and not screen.loading, timeout=20000)
    assert "0 without successor" in tab.summary.text()
    tab.without.setChecked(False)
    assert {r.successor_id for r in tab.model.rows} == {successor_id}
    qtmodeltester.check(tab.model)

    # Checklist: the app account is done (disabled), one evidence item with its file, the
    # rest waived with a reason.
    checklist = screen.checklist
    screen.tabs.setCurrentWidget(checklist)

    def pick(predicate, only_first=False):
        checklist.tree.clearSelection()
        found = []
        for top_index in range(checklist.tree.topLevelItemCount()):
            group = checklist.tree.topLevelItem(top_index)
            for c in range(group.childCount()):
                node = group.child(c)
                row = node.data(0, 0x0100)
                if row is not None and predicate(row) and not (only_first and found):
                    node.setSelected(True)
                    found.append(row)
        return found

    def open_items():
        return [i for i in screen.detail.items if i.kind in ("checklist", "account")]

    (account,) = pick(lambda r: r.kind == "account" and r.status == "open")
    checklist.done()
    screen.dialog.submit()
    qtbot.waitUntil(
        lambda: (
            not screen.loading
            and next(i for i in open_items() if i.id == account.id).status == "done"
        ),
        timeout=20000,
    )
    evidence_item = pick(lambda r: r.evidence_required and r.status == "open", True)[0]
    checklist.done()
    done = screen.dialog
    done.submit()
    assert "needs its evidence" in done.errors.labels["data"].text()
    scan = tmp_path / "签收单.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    done.file.setText(str(scan))
    done.submit()
    qtbot.waitUntil(
        lambda: (
            not screen.loading
            and next(i for i in open_items() if i.id == evidence_item.id).evidence_count == 1
        ),
        timeout=20000,
    )
    rest = pick(lambda r: r.status == "open")
    assert rest
    checklist.waive()
    screen.dialog.reason.setText("纸质交接单已签")
    screen.dialog.submit()
    qtbot.waitUntil(
        lambda: not screen.loading and all(i.status != "open" for i in open_items()),
        timeout=20000,
    )
    assert "0 open" in checklist.summary.text()
    take(qtbot, screen, "request_confirmation", state="awaiting_confirmation")
    window.lock()

    # The successor confirms receipt of what is theirs.
    unlock(qtbot, window, "succ", SUCCESSOR_PASSWORD)
    receipts = show(window, ReceiptsPage)
    qtbot.waitUntil(lambda: receipts.model.rowCount() >= len(customers), timeout=10000)
    receipts.confirm_all.click()
    qtbot.waitUntil(
        lambda: receipts.model.rowCount() == 0 and bool(receipts.count.text()), timeout=20000
    )
    assert "Nothing is waiting" in receipts.count.text()
    window.lock()

    # The manager completes: invoices collected by someone else are confirmed on their behalf.
    unlock(qtbot, window, "manager", DEMO_PASSWORD)
    window.open_case(case_id)
    screen = window.page_of(DeparturesPage).screen
    wait_case(qtbot, screen, "awaiting_confirmation")
    assert "confirmed" in screen.customers.summary.text()
    confirmed = sum(1 for r in screen.customers.model.all_rows if r.status == "confirmed")
    assert confirmed == len(customers)
    # (seed 7: some of the leaver's invoices are collected by finance, not the successor)
    screen.move_buttons["complete"].click()
    assert any("not confirmed by" in b for b in screen.blocker_texts())
    screen.customers.confirm()
    screen.dialog.everything.setChecked(True)
    screen.dialog.submit()
    qtbot.waitUntil(
        lambda: (
            not screen.loading
            and all(i.status != "open" for i in screen.detail.items if i.successor_id)
        ),
        timeout=20000,
    )
    # 客户告知: nobody recorded the customers as told; the manager does on the Customers tab.
    screen.move_buttons["complete"].click()
    blockers = screen.blocker_texts()
    assert any(f"{len(customers)} customers are not recorded as told" in b for b in blockers)
    screen.customers.table.selectAll()
    screen.customers.buttons["informed"].click()
    screen.dialog.submit()
    qtbot.waitUntil(
        lambda: (
            not screen.loading
            and not any(o.name == "complete" and o.failures for o in screen.detail.transitions)
        ),
        timeout=20000,
    )
    take(qtbot, screen, "complete", "交接完成", state="completed")
    assert screen.stepper.current == "completed"
    assert screen.tabs.isTabVisible(screen.tabs.indexOf(screen.after))
    history = screen.history.table
    assert history.item(0, 2).text() == "completed"


def test_roles_see_what_they_may_do(qtbot, admin, role_users, window, no_blocking_dialogs):
    position = staff.create_position(admin, "销售代表", "sales")
    (position_id,) = position.ids
    (employee_id,) = staff.create_employee(
        admin,
        staff.EmployeeInput("S001", "张伟", position_id=position_id, is_sales=True),
    ).ids
    (case_id,) = departures.start_case(
        admin, CaseInput(employee_id, admin.today() + timedelta(days=30))
    ).ids
    departures.submit(submitted_by_baton(admin), case_id)

    from desktop.models.accounts import Role

    unlock(qtbot, window, role_users[Role.AUDITOR], ROLE_PASSWORD)
    page = show(window, DeparturesPage)
    assert no_blocking_dialogs == []
    qtbot.waitUntil(lambda: page.list.panel.model.total == 1, timeout=3000)
    assert not page.list.new_button.isEnabled()
    page.list.open_selected()
    wait_case(qtbot, page.screen, "submitted")
    assert all(not b.isEnabled() for b in page.screen.move_buttons.values())
    assert not page.screen.edit_button.isEnabled()
    review = show(window, ReviewPage)
    qtbot.waitUntil(lambda: review.model.rowCount() == 1, timeout=10000)
    assert not review.detail.decide.isEnabled()
    assert not review.detail.send_back.isEnabled()
    window.lock()

    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = show(window, DeparturesPage)
    wait_loaded(qtbot, page.list.panel.model)
    page.list.open_selected()
    wait_case(qtbot, page.screen, "submitted")
    page.screen.move_buttons["send_back"].click()
    dialog = page.screen.dialog
    dialog.submit()
    assert dialog.errors.labels["comment"].text(), "sending back needs a comment"
    dialog.comment.setPlainText("日期有误")
    dialog.submit()
    wait_case(qtbot, page.screen, "draft")
    assert page.screen.history.table.item(0, 4).text() == "日期有误"


def test_the_case_screen_carries_documents_and_the_commission_settlement(
    qtbot, admin, window, no_blocking_dialogs
):
    position = staff.create_position(admin, "销售代表", "sales")
    (position_id,) = position.ids
    (employee_id,) = staff.create_employee(
        admin,
        staff.EmployeeInput("S002", "李娜", position_id=position_id, is_sales=True),
    ).ids
    (case_id,) = departures.start_case(
        admin, CaseInput(employee_id, admin.today() + timedelta(days=30))
    ).ids

    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    page = show(window, DeparturesPage)
    qtbot.waitUntil(lambda: page.list.panel.model.total == 1, timeout=3000)
    page.list.open_selected()
    wait_case(qtbot, page.screen, "draft")
    tabs = page.screen.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert "Documents" in titles and "Commission" in titles
    assert page.screen.findChild(type(page.documents)) is page.documents
    qtbot.waitUntil(lambda: page.documents.status is not None, timeout=10000)
    assert page.documents.status.case_id == case_id

    tabs.setCurrentWidget(page.settlement)
    qtbot.waitUntil(lambda: page.settlement.settlement is not None, timeout=10000)
    assert "李娜" in page.settlement.header.text()
    assert "No commission plan covers" in page.settlement.warnings.text()
    page.documents.runner.wait(30000)

    window.lock()
    assert page.documents.status is None, "a locked window forgets the case's documents"
    assert page.settlement.settlement is None
    assert no_blocking_dialogs == []
