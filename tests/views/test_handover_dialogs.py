"""The handover dialogs and the Receipts page call the one-transaction use cases: a batch with
one bad item shows the refusal naming it, and nothing changes on screen or in the vault."""

from __future__ import annotations

from desktop.models.accounts import Role
from desktop.services import customers, handover
from desktop.services import departures as dp
from desktop.views.case.dialogs_customers import InformedDialog
from desktop.views.pages.receipts import ReceiptsPage
from tests.conftest import ADMIN_PASSWORD, ROLE_PASSWORD
from tests.services.departure_support import START, at, build_firm, new_id
from tests.support import move_case
from tests.views.conftest import on_worker, unlock
from tests.views.test_departures_gui import show


def given_away(admin, customer_id: int) -> None:
    """The customer released to the pool behind the case's back -- a state the screens no
    longer produce (a customer in an open case moves only through the case) but data from
    before that rule may hold."""
    from desktop.models.customers import Customer

    with admin.transaction() as s:
        customers.release_in(admin, s, s.get(Customer, customer_id), START, "停业")


def in_handover(admin, employee_id: int) -> int:
    ident = new_id(dp.start_case(admin, dp.CaseInput(employee_id, START.replace(month=4))))
    move_case(admin, ident, "submit", "approve", "start_handover")
    return ident


def test_customers_told_is_one_update_and_a_mixed_batch_changes_nothing(
    qtbot, vault, role_users, window
):
    admin, _ = vault
    firm = build_firm(admin, role_users)
    case_id = in_handover(admin, firm["zhang"])
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    ctx = at(window.ctx, START)
    rows = handover.list_items(ctx, case_id)
    told = [r.id for r in rows if r.kind == "customer"]
    laptop = next(r for r in rows if r.title == "归还公司电脑及配件")

    dialog = InformedDialog(ctx, window.runner, case_id, [*told, laptop.id])
    qtbot.addWidget(dialog)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    assert dialog.errors.labels["customer_informed"].text() == (
        "归还公司电脑及配件: only a customer's handover records whether the customer was told."
    )
    assert not any(r.customer_informed for r in handover.list_items(ctx, case_id))

    dialog = InformedDialog(ctx, window.runner, case_id, told)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_with, timeout=20000):
        dialog.submit()
    after = {r.id: r for r in handover.list_items(ctx, case_id)}
    assert all(after[i].customer_informed for i in told)


def test_receipts_from_two_cases_are_confirmed_together_or_not_at_all(
    qtbot, vault, role_users, window, no_blocking_dialogs
):
    admin, _ = vault
    firm = build_firm(admin, role_users)
    first = in_handover(admin, firm["zhang"])
    second = in_handover(admin, firm["zhao"])
    handover.assign_successor(admin, first, firm["li"], [firm["jia"]])
    handover.assign_successor(admin, second, firm["li"], [firm["ji"]])
    given_away(admin, firm["ji"])  # meanwhile given away (as older data may hold)
    admin.close()
    unlock(qtbot, window, role_users[Role.SALES], ROLE_PASSWORD)
    ctx = at(window.ctx, START)
    receipts = show(window, ReceiptsPage)
    receipts.refresh()
    waiting = handover.pending_confirmations(ctx)
    assert {r.case_id for r in waiting} == {first, second}  # 甲电子 with its invoice etc., 己化工
    qtbot.waitUntil(lambda: receipts.model.rowCount() == len(waiting), timeout=10000)
    receipts.table.selectAll()
    receipts.confirm_selected.click()
    qtbot.waitUntil(lambda: bool(no_blocking_dialogs), timeout=20000)
    window.runner.wait(20000)
    assert any("C012 己化工 has meanwhile been given" in text for _, text in no_blocking_dialogs)
    assert handover.pending_confirmations(ctx) == waiting, "the first case was not confirmed"


def test_the_non_compete_hint_is_the_least_the_decision_accepts(qtbot, vault, role_users, window):
    """The dialog's "At least …" comes from departures.non_compete_least, the decision's rule."""
    from decimal import Decimal

    from desktop.views.case.dialogs import read_settings
    from desktop.views.case.dialogs_deadlines import NON_COMPETE_SETTINGS, NonCompeteDialog

    admin, _ = vault
    firm = build_firm(admin, role_users)
    case_id = new_id(dp.start_case(admin, dp.CaseInput(firm["zhang"], START.replace(month=4))))
    admin.close()
    unlock(qtbot, window, "admin", ADMIN_PASSWORD)
    ctx = at(window.ctx, START)
    settings = on_worker(qtbot, window.runner, read_settings, ctx, NON_COMPETE_SETTINGS)
    dialog = NonCompeteDialog(ctx, window.runner, dp.get_case(ctx, case_id), settings=settings)
    qtbot.addWidget(dialog)
    dialog.months.setValue(6)
    dialog.average.set_value(Decimal("9000"))
    dialog.minimum.set_value(Decimal("2690"))
    assert dialog.floor.text().startswith("At least ¥2,700.00 a month")
    dialog.minimum.set_value(Decimal("3100"))
    assert dialog.floor.text().startswith("At least ¥3,100.00 a month")
